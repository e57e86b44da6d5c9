/**
 * The MLOps Portal backend: MLflow registry views and governed alias promotion.
 *
 * @packageDocumentation
 */
export { mlopsPlugin as default } from './plugin';
