import { StoredRollout } from '../rollouts/RolloutStore';
import {
  moveRollout,
  progressingRollout as rollout,
  startRollout,
} from './__testUtils__/rolloutRecords';
import {
  AMIRA,
  DANA,
  GATED,
  JONAS,
  MODEL,
  VIEW,
} from './__testUtils__/startNotificationsTestbed';
import { useNotificationsTestbed } from './__testUtils__/useNotificationsTestbed';

/*
 * Who hears what of rollouts, retraining and stale feature views (promotions: notifications.promotions.test.ts).
 * The plugin's stores, listeners and notifier send through Backstage's notifications backend, which resolves
 * groups to members through the catalog; each user's notifications are read back through that backend's own API.
 */
describe('notifications', () => {
  const testbed = useNotificationsTestbed();
  const { wired, inbox } = testbed;

  describe('rollouts', () => {
    const move = (
      current: StoredRollout,
      state: StoredRollout['state'],
      stateReason: string,
    ) => moveRollout(wired.rollouts, current, state, stateReason);

    it('tells the owners when a rollout pauses, with the reason, and keeps one notification per rollout', async () => {
      let r = rollout();
      await startRollout(wired.rollouts, r);
      expect(await inbox(JONAS)).toEqual([]); // starting is not news

      r = await move(r, 'Paused', 'error_rate 4.1% above 2% on the canary');
      for (const owner of [AMIRA, JONAS]) {
        const [paused] = await inbox(owner);
        expect(paused.payload).toMatchObject({
          title: 'fraud-detector: rollout of v6 paused',
          description: 'error_rate 4.1% above 2% on the canary',
          link: '/catalog/default/model/fraud-detector/deployment',
          severity: 'normal',
          topic: MODEL,
          scope: 'mlops:rollout:r-1',
        });
      }
      expect(await inbox(DANA)).toEqual([]);

      // It flaps: resumed, paused again, then rolled back: still one notification, now saying the last state.
      r = await move(r, 'Progressing', 'resumed by amira');
      r = await move(r, 'Paused', 'latency p99 above 250 ms');
      r = await move(r, 'RolledBack', 'aborted after two pauses');
      const notifications = await inbox(JONAS);
      expect(notifications).toHaveLength(1);
      expect(notifications[0].payload).toMatchObject({
        title: 'fraud-detector: rollout of v6 rolled back',
        severity: 'high',
      });
    });

    it('says a failed rollout is critical and a success is low', async () => {
      const first = rollout();
      await startRollout(wired.rollouts, first);
      await move(first, 'Failed', 'the candidate never became ready');
      expect((await inbox(AMIRA))[0].payload.severity).toBe('critical');

      const second = { ...rollout(), id: 'r-2' };
      await startRollout(wired.rollouts, second);
      await move(second, 'Succeeded', 'all steps passed');
      const [succeeded] = await inbox(AMIRA);
      expect(succeeded.payload).toMatchObject({
        title: 'fraud-detector: rollout of v6 succeeded',
        severity: 'low',
        scope: 'mlops:rollout:r-2',
      });
    });
  });

  it('tells the owners a retraining started on drift, with the reason and the Kubeflow run', async () => {
    await wired.notifier.retrainingStarted({
      entityRef: MODEL,
      reason: 'dataset drifted: amount, merchant_country (40% of features)',
      runId: 'run-42',
      pipelineRef: 'pipeline:default/fraud-detector-training',
    });
    const [started] = await inbox(JONAS);
    expect(started.payload).toMatchObject({
      title: 'fraud-detector: retraining started on drift',
      link: '/catalog/default/pipeline/fraud-detector-training/runs',
      topic: MODEL,
    });
    expect(started.payload.description).toContain('amount, merchant_country');
    expect(started.payload.description).toContain('run-42');
  });

  it('tells the owners of a stale feature view and of its consumers once per episode', async () => {
    await wired.watch.checkAll(); // merchant_risk is seeded stale
    await wired.watch.checkAll(); // the same episode: nothing new
    const [stale] = await inbox(DANA);
    expect(stale.payload).toMatchObject({
      title: 'merchant-risk is stale',
      topic: VIEW,
      severity: 'high',
    });
    expect(stale.payload.description).toContain(GATED);
    // Ages in words: the sandbox's Feast holds merchant_risk's TTL of 2 days.
    expect(stale.payload.description).toMatch(
      /^last materialized \d+ (h|days) ago \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\); TTL 48 h\./,
    );
    expect(await inbox(DANA)).toHaveLength(1);
    expect(await inbox(AMIRA)).toHaveLength(1); // owns both consuming Models, hears once

    // Marked read, it stays read while the episode lasts (a restart or a second replica included).
    await testbed.markRead(DANA, [stale.id]);
    await wired.watch.checkAll();
    expect((await inbox(DANA))[0].read).toBeTruthy();

    // Fresh again ends the episode; stale again (three days on) is a new one: unread again.
    testbed.feast.materialize('fraud', 'merchant_risk');
    await wired.watch.checkAll();
    testbed.advanceClock(3 * 86_400_000);
    await wired.watch.checkAll();
    const again = await inbox(DANA);
    expect(again).toHaveLength(1);
    expect(again[0].read).toBeFalsy();
  });
});
