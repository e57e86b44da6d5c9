import { stringify } from 'yaml';
import { GitHubFake } from '../github/GitHubFake';
import { KubernetesFake } from '../kubernetes/KubernetesFake';
import { GitOpsControllerFake } from './GitOpsControllerFake';

/** The demo's serving-manifests repository in the GitHub stand-in. */
export const SANDBOX_GITOPS_REPO = 'mlops-demo/serving-manifests';

const FRAUD_DETECTOR_PATH = 'serving/fraud-detector.yaml';
/** Where churn-predictor's InferenceService lives in the demo's serving-manifests repository. */
export const CHURN_PREDICTOR_PATH = 'serving/churn-predictor.yaml';

/**
 * Puts the seeded SeldonDeployment `fraud/fraud-detector` into the GitHub stand-in as a manifest file (with a
 * comment and a second document, as real manifests have), and the seeded InferenceService `growth/churn-predictor`
 * as another (the example churn-predictor Model runs in GitOps mode in the demo), each taken from the live object
 * so that live matches Git at the start; the GitOps controller follows each as an Application of the same name.
 */
export function seedGitOps(
  github: GitHubFake,
  kubernetes: KubernetesFake,
  controller: GitOpsControllerFake,
  webBase: string,
) {
  const files: Record<string, string> = {};
  const fraud = kubernetes.get(
    'machinelearning.seldon.io',
    'seldondeployments',
    'fraud',
    'fraud-detector',
  );
  if (fraud) {
    files[
      FRAUD_DETECTOR_PATH
    ] = `# Fraud detector serving, applied by Argo CD. Traffic weights are changed by the MLOps Portal's rollouts.
${stringify(manifestOf(fraud, false), { indentSeq: false })}---
# Owned by the platform team
apiVersion: v1
kind: ConfigMap
metadata:
  name: fraud-detector-settings
  namespace: fraud
data:
  threshold: "0.7"
`;
  }
  const churn = kubernetes.get(
    'serving.kserve.io',
    'inferenceservices',
    'growth',
    'churn-predictor',
  );
  if (churn) {
    files[
      CHURN_PREDICTOR_PATH
    ] = `# Churn predictor (KServe), applied by Argo CD. The MLOps Portal's rollouts change canaryTrafficPercent,
# storageUri and the mlops.backstage.io annotations through commits to this file.
${stringify(manifestOf(churn, true), { indentSeq: false })}`;
  }
  if (!Object.keys(files).length) return;
  github.seedRepo(SANDBOX_GITOPS_REPO, files);
  const apps: Array<[string, string]> = [
    ['fraud-detector', FRAUD_DETECTOR_PATH],
    ['churn-predictor', CHURN_PREDICTOR_PATH],
  ];
  for (const [name, path] of apps) {
    if (!files[path]) continue;
    controller.addApplication({
      name,
      repo: SANDBOX_GITOPS_REPO,
      repoUrl: `${webBase}/${SANDBOX_GITOPS_REPO}`,
      branch: 'main',
      path,
    });
  }
}

/** A live object as its manifest declares it: no status, no server-set metadata. */
function manifestOf(live: any, withAnnotations: boolean) {
  const { metadata, status: _status, ...rest } = live;
  return {
    ...rest,
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      ...(metadata.labels ? { labels: metadata.labels } : {}),
      ...(withAnnotations && metadata.annotations
        ? { annotations: metadata.annotations }
        : {}),
    },
  };
}
