import { KubernetesFake } from './KubernetesFake';
import {
  KubernetesFakeResponse,
  ServiceProxyRequest,
  status,
} from './kubernetesWire';
import { ServingOperatorFake } from './ServingOperatorFake';

const MODEL_VERSION_KEY = 'mlops.backstage.io/model-version';

type Predictor = {
  name: string;
  labels?: Record<string, string>;
  graph?: { name?: string };
};

type V2Input = {
  name?: unknown;
  shape?: unknown;
  datatype?: unknown;
  data?: unknown;
};

/**
 * DEMO STAND-IN for the model servers behind Seldon Core v1's per-predictor services (`<sdep>-<predictor>`, port
 * 8000), reached through the Kubernetes API's service proxy: MLServer's Open Inference Protocol (V2)
 * `POST /v2/models/<graph name>/infer`. A predictor that is not available answers as the API server does when a
 * service has no ready endpoints (503 `ServiceUnavailable`); a version the operator stand-in lists in
 * `erroringVersions` answers 500 like a model that fails to predict; a malformed request gets MLServer's 422.
 * The score of each row is a fixed, plausible fraud probability: what matters here is the contract.
 */
export class ModelServerFake {
  constructor(
    private readonly kubernetes: KubernetesFake,
    private readonly operator: ServingOperatorFake,
  ) {}

  handle(request: ServiceProxyRequest): KubernetesFakeResponse {
    const found = this.predictorBehind(request.namespace, request.service);
    if (!found) {
      return status(404, 'NotFound', `services "${request.service}" not found`);
    }
    const { sdep, predictor } = found;
    const deployment = (
      sdep.status as {
        deploymentStatus?: Record<string, { availableReplicas?: number }>;
      }
    )?.deploymentStatus?.[
      `${sdep.metadata.name}-${predictor.name}-0-${
        predictor.graph?.name ?? 'model'
      }`
    ];
    if (!deployment?.availableReplicas) {
      return status(
        503,
        'ServiceUnavailable',
        `no endpoints available for service "${request.service}"`,
      );
    }
    const model = predictor.graph?.name ?? 'model';
    const infer = `/v2/models/${model}/infer`;
    if (request.method !== 'POST' || request.path !== infer) {
      return {
        status: 404,
        body: { error: `Model ${request.path} not found (try POST ${infer})` },
      };
    }
    if (
      this.operator.erroringVersions.has(
        predictor.labels?.[MODEL_VERSION_KEY] ?? '',
      )
    ) {
      return {
        status: 500,
        body: { error: `${model}: could not load the model's artifacts` },
      };
    }
    let inputs: V2Input[];
    try {
      inputs = JSON.parse(request.body ?? '').inputs;
    } catch {
      inputs = [];
    }
    const rows = Array.isArray(inputs) ? inputs[0]?.shape : undefined;
    if (
      !Array.isArray(inputs) ||
      inputs.length === 0 ||
      !inputs.every(
        i =>
          typeof i.name === 'string' &&
          Array.isArray(i.shape) &&
          typeof i.datatype === 'string' &&
          Array.isArray(i.data),
      ) ||
      !Array.isArray(rows)
    ) {
      return {
        status: 422,
        body: {
          detail: [
            {
              loc: ['body', 'inputs'],
              msg: 'field required: a list of {name, shape, datatype, data}',
              type: 'value_error.missing',
            },
          ],
        },
      };
    }
    const count = Number(rows[0]) || 1;
    return {
      status: 200,
      body: {
        model_name: model,
        model_version: predictor.labels?.[MODEL_VERSION_KEY],
        id: `sandbox-${Date.now()}`,
        parameters: {},
        outputs: [
          {
            name: 'predict',
            shape: [count, 1],
            datatype: 'FP64',
            data: Array.from({ length: count }, () => 0.12),
          },
        ],
      },
    };
  }

  private predictorBehind(namespace: string, service: string) {
    for (const sdep of this.kubernetes.listAll(
      'machinelearning.seldon.io',
      'seldondeployments',
    )) {
      if (sdep.metadata.namespace !== namespace) continue;
      const predictors = ((sdep.spec as { predictors?: Predictor[] })
        .predictors ?? []) as Predictor[];
      const predictor = predictors.find(
        p => `${sdep.metadata.name}-${p.name}` === service,
      );
      if (predictor) {
        return { sdep, predictor };
      }
    }
    return undefined;
  }
}
