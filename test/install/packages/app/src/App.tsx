import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
// The MLOps Portal, as plugins/mlops/README.md's "Install" section adds it to a new-frontend-system app.
import mlopsPlugin from '@mlops-portal/plugin-mlops/alpha';

// No entity page is written here: the catalog's entity page takes the MLOps tabs and cards from the plugin's
// extensions.
export default createApp({
  features: [catalogPlugin, scaffolderPlugin, mlopsPlugin],
});
