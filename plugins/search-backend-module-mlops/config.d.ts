import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The MLOps collator (`@mlops-portal/plugin-search-backend-module-mlops`). */
      mlops?: {
        /**
         * How often Models, Pipelines and FeatureViews are re-indexed. Defaults to every 10 minutes (timeout 15
         * minutes, first run 3 seconds after start), as the catalog's collator.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
