import { mlopsRouteHarness } from '../__testUtils__/mlopsRouteHarness';
import { promotionRoutesClient } from '../__testUtils__/promotionRoutesClient';
import { AMIRA, JONAS } from '../__testUtils__/startMlopsBackend';

const t = mlopsRouteHarness();

/*
 * Protected aliases (champion by default): a move waits for a second person's approval. The rules here do not
 * depend on the registry and run on MLflow; the approved move itself, and the 409 when the alias moved outside the
 * portal meanwhile, run on each registry in registryRoutes.bothRegistries.test.ts.
 */
describe('approval routes', () => {
  const { promote, requestChampion, decide } = promotionRoutesClient(t);

  describe('approval of protected aliases', () => {
    it('answers 409 to a second request while one is pending', async () => {
      expect((await requestChampion()).status).toBe(201);
      const second = await promote(
        { alias: 'champion', version: '3', reason: 'rival' },
        JONAS,
      );
      expect(second.status).toBe(409);
      expect(second.body.error.message).toMatch(
        /Another request for alias 'champion'/,
      );
    });

    it('lets an approver reject, which moves nothing and frees the alias', async () => {
      const requested = await requestChampion();
      const rejected = await decide(
        requested.body.id,
        'reject',
        JONAS,
        'wait for the fairness review',
      );
      expect(rejected.status).toBe(200);
      expect(rejected.body.state).toBe('rejected');
      expect(t.fake.getAlias('fraud-detector', 'champion')).toBe('4');
      expect((await requestChampion()).status).toBe(201);
    });

    it('answers 403 to an approval by the requester, and by someone without the approve permission', async () => {
      await t.restart({
        grants: {
          [AMIRA]: ['mlops.model.promote', 'mlops.model.approve'],
          [JONAS]: ['mlops.model.promote'],
        },
      });
      const requested = await requestChampion();
      const approve = (user: string, comment: string) =>
        decide(requested.body.id, 'approve', user, comment);
      const own = await approve(AMIRA, 'looks good to me');
      expect(own.status).toBe(403);
      expect(own.body.error.message).toMatch(
        /someone other than its requester/,
      );
      const withoutPermission = await approve(JONAS, 'approved by jonas');
      expect(withoutPermission.status).toBe(403);
      expect(withoutPermission.body.error.message).not.toMatch(/requester/);
      expect(t.fake.getAlias('fraud-detector', 'champion')).toBe('4');
    });
  });
});
