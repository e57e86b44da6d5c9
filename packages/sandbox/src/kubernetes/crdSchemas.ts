import inferenceServices from './crds/inferenceservices.schema.json';
import prometheusRules from './crds/prometheusrules.schema.json';
import seldonDeployments from './crds/seldondeployments.schema.json';
import seldonV2Experiments from './crds/seldon-v2-experiments.schema.json';
import seldonV2Models from './crds/seldon-v2-models.schema.json';
import { StructuralSchema } from './structuralSchema';

/**
 * A CRD's storage version and its schema, as extracted into `./crds` or, for Seldon Core v2, written from its
 * documentation (see SOURCES.md there).
 */
export type CrdSchema = {
  group: string;
  version: string;
  kind: string;
  plural: string;
  openAPIV3Schema: StructuralSchema;
};

const crds = [
  seldonDeployments,
  inferenceServices,
  prometheusRules,
  seldonV2Models,
  seldonV2Experiments,
] as unknown as CrdSchema[];

/** The CRD the stand-in validates `group/plural` against, if it has one. */
export function crdSchemaFor(
  group: string,
  plural: string,
): CrdSchema | undefined {
  return crds.find(c => c.group === group && c.plural === plural);
}
