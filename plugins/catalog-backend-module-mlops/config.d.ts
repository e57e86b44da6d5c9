export interface Config {
  catalog?: {
    providers?: {
      /**
       * Ingests every pipeline of every `mlops.kubeflow.instances` entry as a Pipeline entity, with its schedule
       * from its enabled recurring run. A Pipeline written in YAML with the same name wins. Leave it out to keep
       * Pipelines in YAML only.
       */
      mlopsKubeflow?: {
        /** The owner of pipelines not listed in `owners`, e.g. `group:default/ml-platform`. */
        defaultOwner: string;
        /** Owner by KFP pipeline name. */
        owners?: { [pipelineName: string]: string };
        /** System by KFP pipeline name. */
        systems?: { [pipelineName: string]: string };
        /** The system of pipelines not listed in `systems`. */
        system?: string;
        /** Lifecycle by KFP pipeline name. */
        lifecycles?: { [pipelineName: string]: string };
        /** The lifecycle of pipelines not listed in `lifecycles`. Defaults to `production`. */
        lifecycle?: string;
        /** `spec.type` by KFP pipeline name, e.g. `batch-inference`. Others are `training`. */
        types?: { [pipelineName: string]: string };
        /** Minutes between refreshes. Defaults to 30. */
        refreshMinutes?: number;
      };
      /**
       * Ingests every feature view of every `mlops.feast.instances` registry (its `projects`, or all of them) as
       * a FeatureView entity. A FeatureView written in YAML with the same name wins. Leave it out to keep
       * FeatureViews in YAML only.
       */
      mlopsFeast?: {
        /** The owner of views not listed in `owners`, e.g. `group:default/data-platform`. */
        defaultOwner: string;
        /** Owner by Feast view name, or by `project/name`. */
        owners?: { [viewName: string]: string };
        /** System by Feast project. */
        systems?: { [project: string]: string };
        /** The system of views whose project is not in `systems`. */
        system?: string;
        /** Defaults to `production`. */
        lifecycle?: string;
        /** Minutes between refreshes. Defaults to 30. */
        refreshMinutes?: number;
      };
      /**
       * Ingests every registered model of every model registry instance (`mlops.mlflow.instances`,
       * `mlops.kubeflowModelRegistry.instances`) as a Model
       * entity: one provider per instance. A Model written in YAML with the same name wins (write one when the
       * model needs serving, quality gates, monitoring or lineage, which no registry holds). Leave it out to keep
       * Models in YAML only.
       */
      mlopsRegistry?: {
        /** The owner of models without a `backstage.io/owner` tag and not listed in `owners`. */
        defaultOwner: string;
        /** Owner by registered-model name, for models without a `backstage.io/owner` tag. */
        owners?: { [modelName: string]: string };
        /** System by registered-model name, for models without a `backstage.io/system` tag. */
        systems?: { [modelName: string]: string };
        /** The system of models neither tagged nor listed in `systems`. */
        system?: string;
        /** Defaults to `production`. */
        lifecycle?: string;
        /** `spec.type` of models without a `model_type` tag. Defaults to `unspecified`. */
        type?: string;
        /** Minutes between refreshes. Defaults to 30. */
        refreshMinutes?: number;
      };
    };
  };
}
