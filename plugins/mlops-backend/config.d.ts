export interface Config {
  mlops?: {
    /**
     * This portal's identity in the claims it writes on serving objects (annotation `mlops.backstage.io/rollout`).
     * Replicas of one portal share it (and their database); a staging portal, or a restored backup started beside
     * production, must have its own. Defaults to `backend.baseUrl`.
     */
    instanceId?: string;
    /** GitOps mode (Models with `spec.serving.gitops`): traffic changes are commits or pull requests. */
    gitops?: {
      /**
       * How long a Git change may take to show on the live object before its rollout pauses, e.g. `5m` or
       * `{ minutes: 10 }`. Defaults to 5 minutes.
       */
      syncTimeout?: string | import('@backstage/types').HumanDuration;
    };
    /** Argo CD instances whose Applications a GitOps Model names (`spec.serving.gitops.controller`). */
    argocd?: {
      instances: Array<{
        name: string;
        /** e.g. `https://argocd.example.com`; the API is under `/api/v1`. */
        baseUrl: string;
        /**
         * An Argo CD API token (an account with `applications, get`).
         * @visibility secret
         */
        token: string;
      }>;
    };
    registry?: {
      /**
       * Seconds after which an alias move the registry never confirmed, and that has still not landed, is
       * recorded as failed by the reconciliation (every minute). Defaults to 300.
       */
      unknownSettleSeconds?: number;
    };
    prometheus?: {
      /**
       * The Prometheus servers canary analysis and model health query. A Model's `spec.monitoring.prometheus`
       * names one; when it does not, the first is used.
       */
      instances: Array<{
        name: string;
        /** e.g. `http://prometheus-operated.monitoring.svc:9090`; the API is under `/api/v1`. */
        baseUrl: string;
        /**
         * For a Prometheus behind an authenticating proxy.
         * @visibility secret
         */
        bearerToken?: string;
        /** Per-query timeout in milliseconds. Defaults to 10000. */
        timeoutMs?: number;
      }>;
    };
    kubeflow?: {
      /** Kubeflow Pipelines API servers; a Pipeline's `spec.kubeflow.instance` names one (default: the first). */
      instances: Array<{
        name: string;
        /** e.g. `http://ml-pipeline.kubeflow.svc.cluster.local:8888`; the API is under `/apis/v2beta1`. */
        baseUrl: string;
        /**
         * A ServiceAccount token with audience `pipelines.kubeflow.org` (multi-user Kubeflow).
         * @visibility secret
         */
        bearerToken?: string;
        /** The profile namespace of runs and private pipelines (multi-user Kubeflow). */
        namespace?: string;
        /**
         * The Kubeflow Pipelines UI, e.g. `https://kubeflow.example.com/pipeline`, for links to runs.
         * @visibility frontend
         */
        uiUrl?: string;
        /** Per-request timeout in milliseconds. Defaults to 10000. */
        timeoutMs?: number;
      }>;
    };
    feast?: {
      /**
       * Feast REST registry servers (`feast serve_registry --rest-api`, Feast ≥ 0.50); a FeatureView's
       * `spec.feast.instance` names one (default: the first).
       */
      instances: Array<{
        name: string;
        /** e.g. `http://feast-registry.feast.svc:6572`; the API is under `/api/v1`. */
        baseUrl: string;
        /**
         * For a registry with `auth` (kubernetes or oidc).
         * @visibility secret
         */
        bearerToken?: string;
        /** The projects to ingest (catalog module); all the registry lists when absent. */
        projects?: string[];
        /** Per-request timeout in milliseconds. Defaults to 10000. */
        timeoutMs?: number;
      }>;
    };
    /** Feature views (FeatureView entities read from Feast). */
    featureViews?: {
      /** How often every view's staleness is checked (to notify its owners once per episode), in minutes. Defaults to 5. */
      stalenessCheckMinutes?: number;
    };
    /** Retraining on drift (Models with `spec.retraining`). */
    retraining?: {
      /** How often the drift of those Models is checked, in minutes. Defaults to 5. */
      checkMinutes?: number;
    };
    /** Model health on entity pages (`GET /api/mlops/v1/entities/:kind/:namespace/:name/health`). */
    health?: {
      /** The rate window of traffic, error and latency figures. Defaults to `5m`. */
      window?: string;
      /** How long Prometheus answers are shared between viewers, in seconds. Defaults to 15. */
      cacheSeconds?: number;
      /** The window of current feature distributions compared with the drift reference. Defaults to `1h`. */
      driftWindow?: string;
      /**
       * PromQL templates, replacing the Seldon Core v1 defaults. Placeholders `{{model}}`, `{{namespace}}`,
       * `{{deployment}}`, `{{predictor}}`, `{{version}}`, `{{window}}`, `{{quantile}}` are filled per Model and
       * escaped as PromQL string contents, so put them between double quotes.
       */
      queries?: {
        requestRate?: string;
        errorRate?: string;
        latency?: string;
        driftScore?: string;
        featureHistogram?: string;
        featureCategories?: string;
      };
      /** When a predictor's error rate (0..1) or p99 latency (seconds) turns the status warning or critical. */
      thresholds?: {
        errorRate?: { warning?: number; critical?: number };
        p99LatencySeconds?: { warning?: number; critical?: number };
      };
    };
  };
}
