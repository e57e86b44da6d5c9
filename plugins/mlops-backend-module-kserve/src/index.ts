/**
 * KServe as a serving platform of the MLOps Portal backend (`spec.serving.platform: kserve`).
 *
 * @packageDocumentation
 */
export { mlopsModuleKServe as default } from './module';
export { kservePlatform } from './kservePlatform';
export { KServeTrafficRouter } from './KServeTrafficRouter';
export { KSERVE_ANALYSIS, KSERVE_HEALTH_QUERIES } from './kserveQueries';
