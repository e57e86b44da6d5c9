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
        /**
         * The secret of the webhook registered in this MLflow instance (MLflow 3.3+). When set, and
         * `eventsModuleMlflowWebhooks` is installed, deliveries signed with it are received at
         * `POST /api/events/http/mlflow.<name>`; unset, the instance is only read.
         * @visibility secret
         */
        webhookSecret?: string;
      }>;
      /** How old (by `X-MLflow-Timestamp`) a webhook delivery may be, in seconds. Defaults to 300, as MLflow advises. */
      webhookMaxAgeSeconds?: number;
    };
  };
}
