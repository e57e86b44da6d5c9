import assert from 'node:assert/strict';

/** As app-config.replicas.yaml has it. */
const sandboxUrl = 'http://127.0.0.1:7012';

export const SELDON_PATH =
  '/kubernetes/apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector';
export const ALIAS_PATH = '/mlflow/api/2.0/mlflow/registered-models/alias';

/** One write the sandbox answered, as its GET /debug/requests lists it. */
export type SandboxWrite = {
  at: string;
  method: string;
  path: string;
  status: number;
  body?: string;
};

async function sandboxJson(pathname: string) {
  const res = await fetch(`${sandboxUrl}${pathname}`);
  assert.equal(res.status, 200, `sandbox ${pathname}`);
  return (await res.json()) as any;
}

/** fraud-detector's aliases in the sandbox's MLflow, alias → version. */
export async function mlflowAliases(): Promise<Record<string, string>> {
  const body = await sandboxJson(
    '/mlflow/api/2.0/mlflow/registered-models/get?name=fraud-detector',
  );
  return Object.fromEntries(
    (body.registered_model.aliases ?? []).map((a: any) => [a.alias, a.version]),
  );
}

export async function sandboxWrites(): Promise<SandboxWrite[]> {
  return (await sandboxJson('/debug/requests')).writes;
}

/** A SeldonDeployment write, in words: the canary's weight, or which version stable serves without a canary. */
export function describeSeldonWrite(body: string) {
  const predictors = JSON.parse(body).spec.predictors as Array<{
    name: string;
    traffic?: number;
    labels?: Record<string, string>;
  }>;
  const canary = predictors.find(p => p.name === 'canary');
  if (canary) {
    return `canary ${canary.traffic}%`;
  }
  const stable = predictors[0];
  return `stable v${stable.labels?.['mlops.backstage.io/model-version']} ${
    stable.traffic ?? 100
  }%`;
}
