import { mockServices } from '@backstage/backend-test-utils';
import {
  KubernetesClusters,
  ROLLOUT_CLAIM_KEY,
} from '@mlops-portal/plugin-mlops-node';
import {
  KubernetesFake,
  rolloutClaimFixtures,
  startKubernetesStandIn,
} from '@mlops-portal/sandbox';
import { SeldonV1TrafficRouter } from '../SeldonV1TrafficRouter';

/** The sandbox's seeded SeldonDeployment, as a rollout targets it. */
export const target = {
  cluster: 'sandbox',
  namespace: 'fraud',
  name: 'fraud-detector',
};

/** The version a rollout brings in. */
export const candidate = {
  version: '6',
  modelUri: 'mlflow-artifacts:/1/run6/artifacts/model',
};

/** The claim a rollout's traffic writes carry, the split's report of it, and the write releasing it. */
export const { write, claimed, release } = rolloutClaimFixtures;

/**
 * The sandbox's Kubernetes API stand-in served over HTTP, seeded with `fraud/fraud-detector`, and a router reaching
 * it through the real @kubernetes/client-node. The stand-in checks every write against the CRD's schema, strictly
 * as the router asks: a field the CRD does not know, a wrong type or a missing required field fails the write.
 */
export async function startSandboxFraudDetector(): Promise<{
  fake: KubernetesFake;
  router: SeldonV1TrafficRouter;
  /** The SeldonDeployment as the stand-in holds it now. */
  stored(): any;
  /** The writes the stand-in received, as `METHOD path`. */
  writes(): string[];
  /** The rollout claim annotation on the SeldonDeployment. */
  annotation(): string | undefined;
  stop(): Promise<void>;
}> {
  const standIn = await startKubernetesStandIn();
  const { fake } = standIn;
  const stored = () =>
    fake.get(
      'machinelearning.seldon.io',
      'seldondeployments',
      target.namespace,
      target.name,
    ) as any;
  return {
    fake,
    router: new SeldonV1TrafficRouter(
      KubernetesClusters.fromConfig(
        mockServices.rootConfig({
          data: { kubernetes: standIn.kubernetesConfig },
        }),
      ),
    ),
    stored,
    writes: standIn.writes,
    annotation: () => stored().metadata.annotations?.[ROLLOUT_CLAIM_KEY],
    stop: standIn.close,
  };
}
