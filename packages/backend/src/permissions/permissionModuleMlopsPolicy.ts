import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { MlopsPortalPermissionPolicy } from './MlopsPortalPermissionPolicy';

/** Installs {@link MlopsPortalPermissionPolicy} as the permission backend's policy. */
export const permissionModuleMlopsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'mlops-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new MlopsPortalPermissionPolicy());
      },
    });
  },
});
