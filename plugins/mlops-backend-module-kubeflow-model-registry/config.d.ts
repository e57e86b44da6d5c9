export interface Config {
  mlops?: {
    kubeflowModelRegistry?: {
      /**
       * The Kubeflow Model Registry servers the portal may call. A Model with `spec.registry.provider:
       * kubeflow-model-registry` names one in `spec.registry.instance`; when it does not, the first is used. Only
       * these URLs are ever fetched.
       */
      instances: Array<{
        /** The name Models use to refer to this instance, e.g. `default`. */
        name: string;
        /**
         * The registry's REST URL, e.g. `https://model-registry.kubeflow.example.com`; the API is under
         * `/api/model_registry/v1alpha3`.
         */
        baseUrl: string;
        /**
         * Bearer token sent with every request (e.g. a service account token the registry's kube-rbac-proxy
         * accepts). Omit for a registry without authentication.
         * @visibility secret
         */
        token?: string;
        /** Per-request timeout in milliseconds. Defaults to 10000. */
        timeoutMs?: number;
        /** Attempts per read or update when the registry answers 429 or 5xx, or cannot be reached. Defaults to 3. */
        maxAttempts?: number;
      }>;
    };
  };
}
