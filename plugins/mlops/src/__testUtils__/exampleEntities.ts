import { Entity } from '@backstage/catalog-model';
import {
  featureViewEntityV1alpha1Schema,
  FeatureViewEntityV1alpha1,
  modelEntityV1alpha1Schema,
  ModelEntityV1alpha1,
  pipelineEntityV1alpha1Schema,
  PipelineEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';

const clone = <T>(value: unknown): T => JSON.parse(JSON.stringify(value));

/** The schema's own examples, so the tests follow the schema when it changes. */
export const exampleModel = () =>
  clone<ModelEntityV1alpha1>(modelEntityV1alpha1Schema.examples[0]);
export const examplePipeline = () =>
  clone<PipelineEntityV1alpha1>(pipelineEntityV1alpha1Schema.examples[0]);
export const exampleFeatureView = () =>
  clone<FeatureViewEntityV1alpha1>(featureViewEntityV1alpha1Schema.examples[0]);

/** Adds relations the way the catalog stores them after processing. */
export function withRelations<T extends Entity>(
  entity: T,
  relations: Array<[type: string, targetRef: string]>,
): T {
  return {
    ...entity,
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}
