import { stringify } from 'yaml';
import { GitHubFake } from '../github/GitHubFake';
import { KubernetesFake } from '../kubernetes/KubernetesFake';
import { GitOpsControllerFake } from './GitOpsControllerFake';

/** The demo's serving-manifests repository in the GitHub stand-in. */
export const SANDBOX_GITOPS_REPO = 'mlops-demo/serving-manifests';

/**
 * Puts the seeded SeldonDeployment `fraud/fraud-detector` into the GitHub stand-in as a manifest file (with a
 * comment and a second document, as real manifests have), and has the GitOps controller follow it as the
 * Application `fraud-detector`.
 */
export function seedGitOps(
  github: GitHubFake,
  kubernetes: KubernetesFake,
  controller: GitOpsControllerFake,
  webBase: string,
) {
  const live = kubernetes.get(
    'machinelearning.seldon.io',
    'seldondeployments',
    'fraud',
    'fraud-detector',
  );
  if (!live) return;
  const { metadata, status: _status, ...rest } = live as any;
  const manifest = {
    ...rest,
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      ...(metadata.labels ? { labels: metadata.labels } : {}),
    },
  };
  const file = `# Fraud detector serving, applied by Argo CD. Traffic weights are changed by the MLOps Portal's rollouts.
${stringify(manifest, { indentSeq: false })}---
# Owned by the platform team
apiVersion: v1
kind: ConfigMap
metadata:
  name: fraud-detector-settings
  namespace: fraud
data:
  threshold: "0.7"
`;
  github.seedRepo(SANDBOX_GITOPS_REPO, { 'serving/fraud-detector.yaml': file });
  controller.addApplication({
    name: 'fraud-detector',
    repo: SANDBOX_GITOPS_REPO,
    repoUrl: `${webBase}/${SANDBOX_GITOPS_REPO}`,
    branch: 'main',
    path: 'serving/fraud-detector.yaml',
  });
}
