import { createApp } from '@backstage/app-defaults';
import { FlatRoutes } from '@backstage/core-app-api';
import { CatalogEntityPage, CatalogIndexPage } from '@backstage/plugin-catalog';
import { Navigate, Route } from 'react-router-dom';
import { entityPage } from './components/catalog/EntityPage';

// A legacy-frontend-system app: the catalog's routes, with the entity page of components/catalog/EntityPage.tsx.
const app = createApp();

export default app.createRoot(
  <FlatRoutes>
    <Route path="/" element={<Navigate to="catalog" />} />
    <Route path="/catalog" element={<CatalogIndexPage />} />
    <Route
      path="/catalog/:namespace/:kind/:name"
      element={<CatalogEntityPage />}
    >
      {entityPage}
    </Route>
  </FlatRoutes>,
);
