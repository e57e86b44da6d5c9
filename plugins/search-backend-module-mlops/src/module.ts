import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { MlopsCollatorFactory } from './MlopsCollatorFactory';
import { MlopsFactsClient } from './MlopsFactsClient';

const SCHEDULE_KEY = 'search.collators.mlops.schedule';

/** Like the catalog's collator: every 10 minutes, a few seconds after start. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 3 },
};

function readSchedule(config: Config): SchedulerServiceTaskScheduleDefinition {
  const schedule = config.getOptionalConfig(SCHEDULE_KEY);
  if (!schedule) {
    return DEFAULT_SCHEDULE;
  }
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule);
  } catch (error) {
    throw new InputError(`Invalid schedule at ${SCHEDULE_KEY}: ${error}`);
  }
}

/**
 * Indexes the catalog's Models, Pipelines and FeatureViews for Backstage search (document type `mlops`), with
 * each Model's champion, challenger and health from the mlops backend, on the schedule
 * `search.collators.mlops.schedule`.
 *
 * @public
 */
export const searchModuleMlopsCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'mlops-collator',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        catalog,
        indexRegistry,
      }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(readSchedule(config)),
          factory: new MlopsCollatorFactory({
            auth,
            catalog,
            logger,
            facts: new MlopsFactsClient({ auth, discovery }),
          }),
        });
      },
    });
  },
});
