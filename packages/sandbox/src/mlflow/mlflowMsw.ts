import { MlflowFake } from './MlflowFake';
import { http, HttpResponse, passthrough } from 'msw';

export const MLFLOW_TEST_URL = 'http://mlflow.test';

/**
 * TEST STAND-IN: msw handlers that answer MLflow's REST API (and its artifact proxy's downloads) from a
 * {@link MlflowFake}, with its wire format and errors.
 */
export function mlflowHandlers(fake: MlflowFake, baseUrl = MLFLOW_TEST_URL) {
  return [
    http.all(`${baseUrl}/api/2.0/mlflow/*`, async ({ request }) => {
      const url = new URL(request.url);
      const answer = fake.handle({
        method: request.method,
        path: url.pathname.replace('/api/2.0/mlflow', ''),
        query: url.searchParams,
        contentType: request.headers.get('content-type') ?? undefined,
        body: request.method === 'GET' ? undefined : await request.text(),
      });
      return new HttpResponse(answer.body, {
        status: answer.status,
        headers: { 'Content-Type': answer.contentType },
      });
    }),
    http.all(
      `${baseUrl}/api/2.0/mlflow-artifacts/artifacts/*`,
      ({ request }) => {
        const answer = fake.handleArtifactDownload(
          request.method,
          decodeURIComponent(
            new URL(request.url).pathname.replace(
              '/api/2.0/mlflow-artifacts/artifacts/',
              '',
            ),
          ),
        );
        return new HttpResponse(answer.body, {
          status: answer.status,
          headers: { 'Content-Type': answer.contentType },
        });
      },
    ),
  ];
}

/** An msw handler that lets requests to this machine (real test servers: Prometheus, the KFP stand-in) through. */
export const localPassthrough = http.all(
  /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/,
  () => passthrough(),
);
