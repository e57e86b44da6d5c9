import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/test-utils';
import { QualityGatesFailedError } from './MlopsApi';
import { MlopsClient } from './MlopsClient';

/** A client whose every request is answered with `status`, `body` and `contentType`. */
function clientAnswering(
  status: number,
  statusText: string,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
) {
  const requests: string[] = [];
  const client = new MlopsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://portal' }),
    fetchApi: {
      fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
        requests.push(`${init?.method} ${String(input)}`);
        return new Response(
          typeof body === 'string' ? body : JSON.stringify(body),
          { status, statusText, headers: { 'content-type': contentType } },
        );
      },
    },
  });
  return { client, requests };
}

/** Backstage's error body, as the backend's error middleware writes it. */
const backstageError = (status: number, name: string, message: string) => ({
  error: { name, message },
  request: { method: 'GET', url: '/api/mlops/v1/…' },
  response: { statusCode: status },
});

describe('MlopsClient', () => {
  it("rejects with the backend's message, keeping the ResponseError", async () => {
    const message =
      "MLflow instance 'default' could not be reached: connect ECONNREFUSED 127.0.0.1:5000";
    const { client, requests } = clientAnswering(
      503,
      'Service Unavailable',
      backstageError(503, 'ServiceUnavailableError', message),
    );
    const error = await client
      .getRegistry('model:default/fraud-detector')
      .catch(e => e);
    expect(requests).toEqual([
      'GET http://portal/api/mlops/v1/entities/model/default/fraud-detector/registry',
    ]);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.name).toBe('ResponseError');
    expect(error.message).toBe(message);
    expect(error.statusCode).toBe(503);
    expect(error.cause).toMatchObject({ name: 'ServiceUnavailableError' });
  });

  it("says a 409's reason rather than '409 Conflict'", async () => {
    const reason =
      "Alias 'challenger' points at version 4, not 2 as the request expected; someone moved it meanwhile";
    const { client } = clientAnswering(
      409,
      'Conflict',
      backstageError(409, 'ConflictError', reason),
    );
    await expect(
      client.promote('model:default/fraud-detector', {
        alias: 'challenger',
        version: '3',
        reason: 'shadow it',
        expectedCurrentVersion: '2',
      }),
    ).rejects.toThrow(reason);
  });

  it('keeps the generic message when the body is not the backend’s JSON error', async () => {
    const { client } = clientAnswering(
      502,
      'Bad Gateway',
      '<html><body>nginx: bad gateway</body></html>',
      'text/html',
    );
    await expect(
      client.getHealth('model:default/fraud-detector'),
    ).rejects.toThrow(/^Request failed with 502 Bad Gateway$/);
  });

  it('rejects failed quality gates (422) with every gate, for a rollout as for a promotion', async () => {
    const gate = {
      metric: 'auc',
      kind: 'min' as const,
      threshold: 0.9,
      effectiveThreshold: 0.9,
      measured: 0.883,
      passed: false,
      reason: 'auc = 0.883 is below the minimum 0.9',
    };
    const { client } = clientAnswering(422, 'Unprocessable Entity', {
      ...backstageError(
        422,
        'QualityGateFailedError',
        'Version 5 fails 1 quality gate(s): auc = 0.883 is below the minimum 0.9',
      ),
      gates: [gate],
    });
    const error = await client
      .startRollout({ entityRef: 'model:default/fraud-detector', version: '5' })
      .catch(e => e);
    expect(error).toBeInstanceOf(QualityGatesFailedError);
    expect(error.message).toBe(
      'Version 5 fails 1 quality gate(s): auc = 0.883 is below the minimum 0.9',
    );
    expect(error.gates).toEqual([gate]);
  });
});
