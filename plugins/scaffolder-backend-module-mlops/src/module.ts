import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCanaryStartAction } from './actions/canaryStart';
import { createRolloutStartAction } from './actions/rolloutStart';
import { createKfpRunAction } from './actions/kfpRun';
import { createRegistryCreateModelAction } from './actions/registryCreateModel';
import { createRegistryPromoteAction } from './actions/registryPromote';

/**
 * Adds the MLOps Portal's actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleMlops = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'mlops',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(
          createRegistryPromoteAction({ discovery, auth }),
          createCanaryStartAction({ discovery, auth }),
          createRolloutStartAction({ discovery, auth }),
          createKfpRunAction({ discovery, auth }),
          createRegistryCreateModelAction({ discovery, auth }),
        );
      },
    });
  },
});
