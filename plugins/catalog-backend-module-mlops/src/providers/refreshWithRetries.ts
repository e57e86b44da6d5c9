import { LoggerService } from '@backstage/backend-plugin-api';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * Runs a provider's scheduled refresh, trying again a few times when it fails. The first run comes seconds after
 * start, when the catalog may not have connected its providers yet (its database migrations on a fresh PostgreSQL
 * take longer) or the upstream may still be starting: without retries a failed first run leaves the catalog without
 * the provider's entities until the next scheduled refresh, 30 minutes later. Each failure is logged with its
 * message (the scheduler logs a thrown error as `{}` in JSON logs); the last one is thrown.
 */
export async function refreshWithRetries(
  refresh: () => Promise<unknown>,
  options: { logger: LoggerService; what: string; delaysMs?: number[] },
): Promise<void> {
  const delaysMs = options.delaysMs ?? [3_000, 10_000, 30_000];
  for (let attempt = 0; ; attempt++) {
    try {
      await refresh();
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= delaysMs.length) {
        options.logger.error(
          `${options.what}: refresh failed ${
            attempt + 1
          } times, next try at the next scheduled refresh: ${message}`,
        );
        throw error;
      }
      options.logger.warn(
        `${options.what}: refresh failed (${message}); trying again in ${
          delaysMs[attempt] / 1000
        } s`,
      );
      await sleep(delaysMs[attempt]);
    }
  }
}
