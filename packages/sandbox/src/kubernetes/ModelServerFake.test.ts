import { KubernetesFake } from './KubernetesFake';
import { ModelServerFake } from './ModelServerFake';
import { seedKubernetes } from './seedKubernetes';
import { ServingOperatorFake } from './ServingOperatorFake';

const TOKEN = 't';

describe('ModelServerFake behind the service proxy', () => {
  const setup = () => {
    const kubernetes = new KubernetesFake(TOKEN);
    seedKubernetes(kubernetes);
    const operator = new ServingOperatorFake(kubernetes);
    operator.readySeconds = 0;
    const servers = new ModelServerFake(kubernetes, operator);
    kubernetes.serviceProxy = request => servers.handle(request);
    const post = (path: string, body: unknown) =>
      kubernetes.handle({
        method: 'POST',
        path,
        query: new URLSearchParams(),
        authorization: `Bearer ${TOKEN}`,
        body: JSON.stringify(body),
      });
    return { kubernetes, operator, post };
  };
  const infer =
    '/api/v1/namespaces/fraud/services/fraud-detector-stable:8000/proxy/v2/models/classifier/infer';
  const v2 = {
    inputs: [
      {
        name: 'features',
        shape: [2, 4],
        datatype: 'FP64',
        data: [1, 2, 3, 4, 5, 6, 7, 8],
      },
    ],
  };

  it("answers an available predictor's V2 inference request, one score per row", () => {
    const { operator, post } = setup();
    operator.reconcile(0);
    const answer = post(infer, v2);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      model_name: 'classifier',
      model_version: '4',
      outputs: [
        {
          name: 'predict',
          shape: [2, 1],
          datatype: 'FP64',
          data: [0.12, 0.12],
        },
      ],
    });
  });

  it('answers as the API server and MLServer do when something is wrong', () => {
    const { operator, post, kubernetes } = setup();
    // Not reconciled yet: no ready endpoints behind the service.
    expect(post(infer, v2)).toMatchObject({
      status: 503,
      body: {
        kind: 'Status',
        reason: 'ServiceUnavailable',
        message: 'no endpoints available for service "fraud-detector-stable"',
      },
    });
    operator.reconcile(0);
    expect(
      post('/api/v1/namespaces/fraud/services/nope:8000/proxy/x', v2),
    ).toMatchObject({ status: 404, body: { reason: 'NotFound' } });
    expect(post(infer, { inputs: [{ name: 'x' }] })).toMatchObject({
      status: 422,
      body: { detail: [expect.objectContaining({ loc: ['body', 'inputs'] })] },
    });
    operator.erroringVersions.add('4');
    expect(post(infer, v2).status).toBe(500);
    expect(
      kubernetes.handle({
        method: 'POST',
        path: infer,
        query: new URLSearchParams(),
        authorization: 'Bearer wrong',
        body: '{}',
      }).status,
    ).toBe(401);
  });
});
