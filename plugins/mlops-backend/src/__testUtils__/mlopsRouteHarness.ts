import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { MlflowFake, mlflowHandlers, seedMlflow } from '@mlops-portal/sandbox';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { startMlopsBackend } from './startMlopsBackend';

type Backend = Awaited<ReturnType<typeof startMlopsBackend>>;

/**
 * Per test: a fresh seeded MLflow fake served through msw, and the mlops plugin started against it (with
 * `startOptions()`, when given, read anew before each test). Call at the top of a test file; it registers its own
 * hooks. Local traffic (supertest to the backend) passes through msw.
 */
export function mlopsRouteHarness(
  startOptions?: () => Parameters<typeof startMlopsBackend>[0],
) {
  const server = setupServer(
    http.all(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/, () =>
      passthrough(),
    ),
  );
  registerMswTestHooks(server);
  const harness = {
    server,
    fake: undefined as unknown as MlflowFake,
    backend: undefined as unknown as Backend,
    /** Serves MLflow from the fake again after a test replaced the handlers. */
    serveFake() {
      server.resetHandlers();
      server.use(...mlflowHandlers(harness.fake));
    },
    /** Restarts the plugin with other catalog entities or grants. */
    async restart(options: Parameters<typeof startMlopsBackend>[0]) {
      await harness.backend.stop();
      harness.backend = await startMlopsBackend(options);
      return harness.backend;
    },
  };
  beforeEach(async () => {
    harness.fake = new MlflowFake();
    seedMlflow(harness.fake);
    server.use(...mlflowHandlers(harness.fake));
    harness.backend = await startMlopsBackend(startOptions?.());
  });
  afterEach(async () => {
    await harness.backend.stop();
  });
  return harness;
}
