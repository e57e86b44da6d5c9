import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));

// The MLOps Portal, as each package README's "Install" section adds it (scripts/install-test.sh checks that every
// backend.add line of those sections is here).
backend.add(import('@mlops-portal/plugin-mlops-backend'));
backend.add(import('@mlops-portal/plugin-mlops-backend-module-mlflow'));
backend.add(import('@mlops-portal/plugin-mlops-backend-module-seldon'));
backend.add(import('@mlops-portal/plugin-mlops-backend-module-kserve'));
backend.add(import('@mlops-portal/plugin-mlops-backend-module-seldon-v2'));
backend.add(
  import('@mlops-portal/plugin-mlops-backend-module-kubeflow-model-registry'),
);
backend.add(import('@mlops-portal/plugin-catalog-backend-module-mlops'));
backend.add(import('@mlops-portal/plugin-scaffolder-backend-module-mlops'));

backend.start();
