import { startNotificationsTestbed, Wired } from './startNotificationsTestbed';

type NotificationsTestbed = Awaited<
  ReturnType<typeof startNotificationsTestbed>
>;

/**
 * A fresh notifications testbed for each test of the enclosing `describe`: registers the hooks that start it
 * before each test and stop it after. What it returns reads through to the running test's testbed, so a test
 * file takes it (and its `wired` and `inbox`) once, at the top of its `describe`.
 */
export function useNotificationsTestbed(): Omit<NotificationsTestbed, 'stop'> {
  let running: NotificationsTestbed | undefined;
  beforeEach(async () => {
    running = await startNotificationsTestbed();
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  const testbed = () => {
    if (!running) {
      throw new Error('The notifications testbed runs only during a test');
    }
    return running;
  };
  return {
    // The stores and notifier of the running test, whichever that is when a test reaches for one.
    wired: new Proxy({} as Wired, {
      get: (_, key: keyof Wired) => testbed().wired[key],
    }),
    get feast() {
      return testbed().feast;
    },
    advanceClock: ms => testbed().advanceClock(ms),
    inbox: who => testbed().inbox(who),
    markRead: (who, ids) => testbed().markRead(who, ids),
  };
}
