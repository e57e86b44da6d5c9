import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { PromotionStore } from '../registry/PromotionStore';
import { pendingPromotion as pending } from './__testUtils__/pendingPromotion';
import {
  AMIRA,
  GATED,
  JONAS,
  MODEL,
  PRIYA,
} from './__testUtils__/startNotificationsTestbed';
import { useNotificationsTestbed } from './__testUtils__/useNotificationsTestbed';

/*
 * Who hears what of a promotion: the approval request, the decision, the pull request's end. The plugin's stores,
 * listeners and notifier send through Backstage's notifications backend, which resolves groups to members through
 * the catalog; each user's notifications are read back through that backend's own API.
 */
describe('notifications of promotions', () => {
  const { wired, inbox } = useNotificationsTestbed();

  it('asks the other owners, not the requester, to approve a protected move, linking to the request', async () => {
    const record = pending();
    await wired.promotions.insertLocked(record);

    expect(await inbox(AMIRA)).toEqual([]);
    const [asked] = await inbox(JONAS);
    expect(asked).toMatchObject({
      origin: 'plugin:mlops',
      payload: {
        title: 'fraud-detector: champion → v6 waits for your approval',
        link: `/catalog/default/model/fraud-detector/registry?promotion=${record.id}`,
        severity: 'high',
        topic: MODEL,
        scope: `mlops:promotion:${record.id}`,
      },
    });
    expect(asked.payload.description).toContain('Amira Haddad asks to move');
    expect(await inbox(PRIYA)).toEqual([]);
  });

  it('asks the approvers group a Model names instead of its owners', async () => {
    await wired.promotions.insertLocked(pending(GATED));
    expect(await inbox(PRIYA)).toHaveLength(1);
    expect(await inbox(JONAS)).toEqual([]);
    expect(await inbox(AMIRA)).toEqual([]);
  });

  it('tells the requester the decision, and nobody else', async () => {
    const record = pending();
    await wired.promotions.insertLocked(record);
    await wired.promotions.transition(record.id, 'pending_approval', {
      state: 'rejected',
      decidedBy: JONAS,
      decisionComment: 'shadow metrics are too thin',
      decidedAt: new Date().toISOString(),
    });

    const [decided] = await inbox(AMIRA);
    expect(decided.payload).toMatchObject({
      title: 'fraud-detector: your request champion → v6 was rejected',
      description: 'Jonas Berg rejected it: shadow metrics are too thin',
      severity: 'high',
      topic: MODEL,
    });
    // Jonas has only the request he was asked to decide.
    expect((await inbox(JONAS)).map(n => n.payload.title)).toEqual([
      'fraud-detector: champion → v6 waits for your approval',
    ]);
  });

  it('tells the requester, and nobody else, that the pull request was merged or closed without merging', async () => {
    const waiting = (number: number): PromotionRecord => ({
      ...pending(),
      state: 'pending_pull_request',
      pullRequest: {
        number,
        url: `https://github.example.com/acme/ml-deploy/pull/${number}`,
        state: 'open',
        repoUrl: 'https://github.example.com/acme/ml-deploy',
        path: 'deploy/aliases.yaml',
      },
    });
    const settle = async (
      record: PromotionRecord,
      update: Parameters<PromotionStore['transition']>[2],
    ) => {
      await wired.promotions.insertLocked(record);
      // Waiting for a pull request is no news to the owners: the review happens on the Git host.
      expect(await inbox(JONAS)).toEqual([]);
      expect(
        await wired.promotions.transition(
          record.id,
          'pending_pull_request',
          update,
        ),
      ).toBe(true);
    };
    const at = new Date().toISOString();

    const merged = waiting(12);
    await settle(merged, {
      state: 'completed',
      completedAt: at,
      decidedAt: at,
      decisionComment: 'merged through pull request #12 by tom-okafor',
      pullRequest: {
        ...merged.pullRequest!,
        state: 'merged',
        mergedBy: 'tom-okafor',
        mergedAt: at,
      },
    });
    const [done] = await inbox(AMIRA);
    expect(done.payload).toMatchObject({
      title:
        'fraud-detector: champion → v6 merged through pull request #12 by tom-okafor',
      link: `/catalog/default/model/fraud-detector/registry?promotion=${merged.id}`,
      severity: 'normal',
      topic: MODEL,
      scope: `mlops:promotion:${merged.id}`,
    });
    expect(done.payload.description).toContain(merged.pullRequest!.url);

    const closed = waiting(13);
    await settle(closed, {
      state: 'rejected',
      decidedAt: at,
      decisionComment: 'pull request #13 was closed without merging',
      pullRequest: { ...closed.pullRequest!, state: 'closed', closedAt: at },
    });
    // One notification per promotion: the closed one's does not replace the merged one's.
    const notifications = await inbox(AMIRA);
    expect(notifications.map(n => n.payload.scope).sort()).toEqual(
      [`mlops:promotion:${closed.id}`, `mlops:promotion:${merged.id}`].sort(),
    );
    expect(
      notifications.find(
        n => n.payload.scope === `mlops:promotion:${closed.id}`,
      )?.payload,
    ).toMatchObject({
      title:
        'fraud-detector: champion → v6: pull request #13 closed without merging',
      description: `Nothing moved: champion stays at v4. ${
        closed.pullRequest!.url
      }`,
      severity: 'high',
    });
    expect(await inbox(JONAS)).toEqual([]);
    expect(await inbox(PRIYA)).toEqual([]);
  });
});
