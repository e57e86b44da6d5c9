import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { promotionDecisionRequestSchema } from '@mlops-portal/plugin-mlops-common';
import { audited } from '../shared/audited';
import { parse } from '../shared/routeHelpers';
import { ApprovalService } from './ApprovalService';
import { MlopsApiRouter } from '../schema/MlopsApiRouter';

/**
 * `POST /v1/promotions/:id/approve` and `…/reject` (`{comment}`): decide a pending request for a protected alias.
 * Users only; audited as `model-promotion-approval` / `model-promotion-rejection`.
 */
export function approvalRoutes(
  router: MlopsApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    approvals: ApprovalService;
  },
) {
  const { httpAuth, auditor, approvals } = options;
  const decisions = [
    ['approve', 'model-promotion-approval', 'approval'],
    ['reject', 'model-promotion-rejection', 'rejection'],
  ] as const;
  for (const [decision, eventId, what] of decisions) {
    router.post(`/v1/promotions/:id/${decision}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const body = parse(promotionDecisionRequestSchema, req.body, what);
      const id = req.params.id;
      res.json(
        await audited(
          auditor,
          req,
          {
            eventId,
            meta: { id },
            outcome: r => ({
              entityRef: r.entityRef,
              promotionId: r.id,
              state: r.state,
            }),
          },
          () => approvals[decision](id, body, credentials),
        ),
      );
    });
  }
}
