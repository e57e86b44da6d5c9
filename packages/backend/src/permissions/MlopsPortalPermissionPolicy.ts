import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { mlopsPermissions } from '@mlops-portal/plugin-mlops-common';

const mlopsPermissionNames = new Set(mlopsPermissions.map(p => p.name));

/**
 * The example portal's policy: the MLOps actions (promote, approve, roll back, canary, pipeline runs) are allowed
 * to the owners of the entity they act on; everything else is allowed (who reaches the policy at all is the
 * backend's auth's decision, so a call without a user is allowed too). Approval still needs a
 * second person: the mlops backend refuses a requester approving their own request.
 */
export class MlopsPortalPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      mlopsPermissionNames.has(request.permission.name) &&
      isResourcePermission(request.permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
