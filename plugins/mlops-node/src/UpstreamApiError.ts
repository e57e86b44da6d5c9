/**
 * A call to an upstream (a registry, Kubeflow Pipelines, Feast, …) that did not succeed. Each client's own error
 * extends it, so the backend can answer for any of them alike: 404 when `isNotFound` (and the caller said what is
 * missing), 503 when the upstream could not be reached (`status` undefined) or is overloaded (429, 503), 502 for
 * anything else it answered. The message names the upstream instance and never carries a credential.
 *
 * @public
 */
export abstract class UpstreamApiError extends Error {
  constructor(
    /** The configured name of the upstream instance that was called. */
    readonly instance: string,
    /** What was asked of the upstream, e.g. `getRun`. */
    readonly operation: string,
    /** The upstream's HTTP status; undefined when no answer came. */
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
  }

  /** The upstream says the named thing is not there. */
  abstract get isNotFound(): boolean;
}
