/**
 * Seldon Core v1 as a serving platform of the MLOps Portal backend (`spec.serving.platform: seldon`).
 *
 * @packageDocumentation
 */
export { mlopsModuleSeldon as default } from './module';
export { seldonV1Platform } from './seldonV1Platform';
export { SeldonV1TrafficRouter } from './SeldonV1TrafficRouter';
export {
  SELDON_V1_ANALYSIS,
  SELDON_V1_HEALTH_QUERIES,
} from './seldonV1Queries';
