/**
 * Seldon Core v2 as a serving platform of the MLOps Portal backend (`spec.serving.platform: seldon-v2`).
 *
 * @packageDocumentation
 */
export { mlopsModuleSeldonV2 as default } from './module';
export { seldonV2Platform } from './seldonV2Platform';
export { SeldonV2TrafficRouter } from './SeldonV2TrafficRouter';
export {
  SELDON_V2_ANALYSIS,
  SELDON_V2_HEALTH_QUERIES,
} from './seldonV2Queries';
