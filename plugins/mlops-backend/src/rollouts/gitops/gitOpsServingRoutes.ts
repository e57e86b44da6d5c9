import { HttpAuthService } from '@backstage/backend-plugin-api';
import { MlopsApiRouter } from '../../schema/MlopsApiRouter';
import { entityRefOf } from '../../shared/routeHelpers';
import { GitOpsServingService } from './GitOpsServingService';

/**
 * `GET …/serving/gitops`: a GitOps Model's manifest in Git (repository, path, branch, mode, links, revision),
 * whether the live object matches it, and its Argo CD Application's sync and health. Read with the caller's
 * credentials as the other reads; a Model without `spec.serving.gitops` is a 404.
 */
export function gitOpsServingRoutes(
  router: MlopsApiRouter,
  options: { httpAuth: HttpAuthService; gitOpsServing: GitOpsServingService },
) {
  const { httpAuth, gitOpsServing } = options;
  router.get(
    '/v1/entities/:kind/:namespace/:name/serving/gitops',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      res.json(await gitOpsServing.read(entityRefOf(req), credentials));
    },
  );
}
