/**
 * Annotations the MLOps Portal reads or writes. Entities ingested from a registry carry the ones that name their
 * upstream object, so a later refresh finds the same object again.
 */

/**
 * Set on entities an MLOps entity provider ingested: which provider wrote it (e.g. `mlflow:default`).
 *
 * @public
 */
export const ANNOTATION_MLOPS_SOURCE = 'mlops.backstage.io/source';

/**
 * The MLflow registered-model name an ingested Model came from.
 *
 * @public
 */
export const ANNOTATION_MLFLOW_REGISTERED_MODEL =
  'mlops.backstage.io/mlflow-registered-model';

/**
 * The Kubeflow Pipelines pipeline id an ingested Pipeline came from.
 *
 * @public
 */
export const ANNOTATION_KUBEFLOW_PIPELINE_ID =
  'mlops.backstage.io/kubeflow-pipeline-id';

/**
 * The Feast project an ingested FeatureView came from.
 *
 * @public
 */
export const ANNOTATION_FEAST_PROJECT = 'mlops.backstage.io/feast-project';
