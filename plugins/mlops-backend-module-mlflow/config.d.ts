export interface Config {
  mlops?: {
    mlflow?: {
      /**
       * The MLflow tracking servers the portal may call. A Model's `spec.registry.instance` names one; when it
       * does not, the first is used. Only these URLs are ever fetched.
       */
      instances: Array<{
        /** The name Models use to refer to this instance, e.g. `default`. */
        name: string;
        /** The tracking URI, e.g. `https://mlflow.example.com`; the REST API is under `/api/2.0/mlflow`. */
        baseUrl: string;
        /** How to authenticate; omit for an unauthenticated server. */
        auth?:
          | {
              type: 'basic';
              username: string;
              /** @visibility secret */
              password: string;
            }
          | {
              type: 'bearer';
              /** @visibility secret */
              token: string;
            };
        /** Per-request timeout in milliseconds. Defaults to 10000. */
        timeoutMs?: number;
        /** Attempts per request when MLflow answers 429 or 5xx, or cannot be reached. Defaults to 3. */
        maxAttempts?: number;
      }>;
    };
  };
}
