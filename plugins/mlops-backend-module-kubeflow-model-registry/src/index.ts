/**
 * Kubeflow Model Registry for the MLOps Portal backend.
 *
 * @packageDocumentation
 */
export {};
