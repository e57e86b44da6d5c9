import { formatClaim } from '@mlops-portal/plugin-mlops-node';
import { describeRolloutClaims } from '@mlops-portal/sandbox';
import {
  candidate,
  startSandboxFraudDetector,
  target,
} from './__testUtils__/sandboxFraudDetector';

/*
 * The rollout's claim on the SeldonDeployment (annotation mlops.backstage.io/rollout), written and released with
 * the traffic in the one write each change makes, through the real @kubernetes/client-node against the sandbox's
 * Kubernetes API stand-in over HTTP: the sandbox's claim conformance suite.
 */
const sdep =
  'PUT /apis/machinelearning.seldon.io/v1/namespaces/fraud/seldondeployments/fraud-detector';

describeRolloutClaims({
  platform: 'Seldon Core v1',
  start: startSandboxFraudDetector,
  stop: sandbox => sandbox.stop(),
  target,
  stableVersion: '4',
  candidate,
  nextCandidate: {
    version: '7',
    modelUri: 'mlflow-artifacts:/1/run7/artifacts/model',
  },
  shadowCandidate: { ...candidate, version: '5' },
  claimedObject: 'SeldonDeployment fraud/fraud-detector',
  formatClaim,
  claimOf: sandbox => sandbox.annotation(),
  canaryWeightOf: sandbox =>
    sandbox.stored().spec.predictors.find((p: any) => p.name === 'canary')
      ?.traffic,
  snapshotOf: sandbox => sandbox.stored(),
  writes: {
    firstCanary: [sdep],
    moreTraffic: [sdep],
    rollback: [sdep],
    promote: [sdep],
    returnToStable: [sdep],
    firstShadow: [sdep],
    shadowRemoved: [sdep],
  },
  // The canary and the shadow predictors are gone.
  returnedToStable: { stable: { version: '4', weight: 100 } },
  checks: { afterFirstCanary, afterReturnToStable },
});

type FraudDetectorSandbox = Awaited<
  ReturnType<typeof startSandboxFraudDetector>
>;

function afterFirstCanary(sandbox: FraudDetectorSandbox) {
  expect(sandbox.stored().spec.predictors.map((p: any) => p.traffic)).toEqual([
    95, 5,
  ]);
}

/** Stable alone is left, serving what it served before. */
function afterReturnToStable(sandbox: FraudDetectorSandbox) {
  expect(sandbox.stored().spec.predictors).toEqual([
    expect.objectContaining({
      name: 'stable',
      traffic: 100,
      graph: expect.objectContaining({
        modelUri: 'models:/fraud-detector/4',
      }),
    }),
  ]);
}
