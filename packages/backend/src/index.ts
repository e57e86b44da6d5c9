/*
 * The MLOps Portal backend: Backstage's catalog, scaffolder, kubernetes, permission, search and techdocs plugins,
 * plus the MLOps Portal's own plugins and modules.
 */
import { createBackend } from '@backstage/backend-defaults';
import { eventsModuleMlflowWebhooks } from '@mlops-portal/plugin-mlops-backend-module-mlflow';
import { permissionModuleMlopsPolicy } from './permissions/permissionModuleMlopsPolicy';
import { authModuleDemoColleague } from './auth/authModuleDemoColleague';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// DEMO ONLY: a second sign-in (auth.providers.colleague), so a request can be approved by someone else.
backend.add(authModuleDemoColleague);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@mlops-portal/plugin-catalog-backend-module-mlops'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@mlops-portal/plugin-scaffolder-backend-module-mlops'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleMlopsPolicy);

backend.add(import('@mlops-portal/plugin-mlops-backend'));
// Its registry and serving platforms, each a module through the plugin's extension points.
backend.add(import('@mlops-portal/plugin-mlops-backend-module-mlflow'));
backend.add(
  import('@mlops-portal/plugin-mlops-backend-module-kubeflow-model-registry'),
);
backend.add(import('@mlops-portal/plugin-mlops-backend-module-seldon'));
backend.add(import('@mlops-portal/plugin-mlops-backend-module-seldon-v2'));
backend.add(import('@mlops-portal/plugin-mlops-backend-module-kserve'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// The TechDocs pages, so the docs reader's search box and the search page find them.
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
// Models, Pipelines and FeatureViews with their champion, metrics, health and features (type `mlops`).
backend.add(import('@mlops-portal/plugin-search-backend-module-mlops'));

backend.add(import('@backstage/plugin-kubernetes-backend'));

// TechDocs: built on demand by the local mkdocs (Debian's, without the techdocs-core Python plugin; see
// techdocs in app-config.yaml) and published to the local disk.
backend.add(import('@backstage/plugin-techdocs-backend'));

// Notifications (the bell), signals (live pages) and events (the mlops topic out, registry webhooks in).
backend.add(import('@backstage/plugin-events-backend'));
// MLflow's webhooks in, verified, at /api/events/http/mlflow.<instance> (instances with a webhookSecret).
backend.add(eventsModuleMlflowWebhooks);
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));

backend.start();
