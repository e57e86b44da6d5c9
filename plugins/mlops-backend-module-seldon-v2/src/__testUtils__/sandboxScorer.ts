import { mockServices } from '@backstage/backend-test-utils';
import {
  KubernetesClusters,
  MODEL_VERSION_KEY,
  ROLLOUT_CLAIM_KEY,
} from '@mlops-portal/plugin-mlops-node';
import {
  KubernetesFake,
  rolloutClaimFixtures,
  startKubernetesStandIn,
} from '@mlops-portal/sandbox';
import { SeldonV2TrafficRouter } from '../SeldonV2TrafficRouter';

/** The stable Model `payments/scorer`, as a rollout targets it. */
export const target = {
  cluster: 'sandbox',
  namespace: 'payments',
  name: 'scorer',
};

/** The claim a rollout's traffic writes carry, the split's report of it, and the write releasing it. */
export const { write, claimed, release } = rolloutClaimFixtures;

/** Two candidate versions. */
export const v6 = { version: '6', modelUri: 'mlflow-artifacts:/3/run6/model' };
export const v7 = { version: '7', modelUri: 'mlflow-artifacts:/3/run7/model' };

/** The rollout claim annotation on a stored object, if any. */
export const claimOn = (object: any) =>
  object?.metadata.annotations?.[ROLLOUT_CLAIM_KEY];

/**
 * The sandbox's Kubernetes API stand-in served over HTTP, holding the stable Model `payments/scorer` (version 4),
 * and a router reaching it through the real @kubernetes/client-node. The stand-in checks every write against the
 * Model and Experiment schemas, strictly as the router asks: a field they do not know, a wrong type or a missing
 * required field fails the write.
 */
export async function startSandboxScorer(): Promise<{
  fake: KubernetesFake;
  router: SeldonV2TrafficRouter;
  /** The Model `name` in `payments`, as the stand-in holds it now. */
  model(name: string): any;
  /** The rollout's Experiment `payments/scorer-rollout`, as the stand-in holds it now. */
  experiment(): any;
  /** Every Model and Experiment the stand-in holds. */
  everything(): unknown[];
  /** The writes the stand-in received, as `METHOD path`. */
  writes(): string[];
  stop(): Promise<void>;
}> {
  const standIn = await startKubernetesStandIn();
  const { fake } = standIn;
  fake.add('mlops.seldon.io', 'models', {
    apiVersion: 'mlops.seldon.io/v1alpha1',
    kind: 'Model',
    metadata: {
      name: 'scorer',
      namespace: 'payments',
      labels: { 'backstage.io/kubernetes-id': 'scorer' },
      annotations: { [MODEL_VERSION_KEY]: '4' },
    },
    spec: {
      storageUri: 'gs://models/scorer/4',
      requirements: ['mlflow'],
      memory: '512Mi',
      replicas: 2,
    },
  });
  const stored = (plural: 'models' | 'experiments', name: string) =>
    fake.get('mlops.seldon.io', plural, 'payments', name) as any;
  return {
    fake,
    router: new SeldonV2TrafficRouter(
      KubernetesClusters.fromConfig(
        mockServices.rootConfig({
          data: { kubernetes: standIn.kubernetesConfig },
        }),
      ),
    ),
    model: name => stored('models', name),
    experiment: () => stored('experiments', 'scorer-rollout'),
    everything: () => [
      ...fake.listAll('mlops.seldon.io', 'models'),
      ...fake.listAll('mlops.seldon.io', 'experiments'),
    ],
    writes: standIn.writes,
    stop: standIn.close,
  };
}
