import express from 'express';
import { WriteLog } from './debug/WriteLog';
import { feastRouter } from './feast/feastRouter';
import { KfpFake } from './kfp/KfpFake';
import { seedKfp } from './kfp/seedKfp';
import { kfpRouter } from './kfp/kfpRouter';
import { KubernetesFake } from './kubernetes/KubernetesFake';
import {
  kubernetesRouter,
  SANDBOX_KUBERNETES_TOKEN,
} from './kubernetes/kubernetesRouter';
import { seedKubernetes } from './kubernetes/seedKubernetes';
import { ServingOperatorFake } from './kubernetes/ServingOperatorFake';
import { ModelServerFake } from './kubernetes/ModelServerFake';
import { FeatureValueSimulator } from './metrics/FeatureValueSimulator';
import { SeldonTrafficSimulator } from './metrics/SeldonTrafficSimulator';
import { MlflowFake } from './mlflow/MlflowFake';
import { mlflowRouter } from './mlflow/mlflowRouter';
import { MlflowWebhookSender } from './mlflow/MlflowWebhookSender';
import { seedMlflow } from './mlflow/seedMlflow';
import { modelMetricsRouter } from './metrics/modelMetricsRouter';
import { ModelRegistryFake } from './modelRegistry/ModelRegistryFake';
import {
  modelRegistryRouter,
  SANDBOX_MODEL_REGISTRY_TOKEN,
} from './modelRegistry/modelRegistryRouter';
import { seedModelRegistry } from './modelRegistry/seedModelRegistry';
import { GitHubFake } from './github/GitHubFake';
import { githubRouter } from './github/githubRouter';
import { GitOpsControllerFake } from './gitops/GitOpsControllerFake';
import { argoCdRouter } from './gitops/argoCdRouter';
import { AliasFileCiFake } from './gitops/AliasFileCiFake';
import { SANDBOX_GITOPS_REPO, seedGitOps } from './gitops/seedGitOps';

/** The GitHub stand-in's token, and the host its repositories pretend to live at (`integrations.github[].host`). */
export const SANDBOX_GITHUB_TOKEN = 'sandbox-github-token';
export const SANDBOX_GITHUB_HOST = 'github.example.com';
/** A second GitHub stand-in user, `tom-okafor` (Growth ML), who reviews and merges pull requests the portal opened. */
export const SANDBOX_GITHUB_REVIEWER_TOKEN = 'sandbox-github-reviewer-token';
/** The alias file the sandbox's CI stand-in applies to its MLflow, in {@link SANDBOX_GITOPS_REPO} on `main`. */
export const SANDBOX_ALIAS_FILE_PATH = 'deploy/aliases.yaml';

/**
 * The stand-ins the sandbox serves, each under its own path prefix so one port can pose as several upstreams.
 * app-config.yaml points the portal at these prefixes; production config points at the real systems.
 */
export const sandboxServices = [
  { name: 'mlflow', prefix: '/mlflow', health: '/mlflow/health' },
  {
    name: 'kubeflow-pipelines',
    prefix: '/kfp',
    health: '/kfp/apis/v2beta1/healthz',
  },
  { name: 'kubernetes', prefix: '/kubernetes', health: '/kubernetes/healthz' },
  { name: 'feast', prefix: '/feast', health: '/feast/health' },
  {
    name: 'kubeflow-model-registry',
    prefix: '/model-registry',
    health: '/model-registry/health',
  },
  { name: 'github', prefix: '/github', health: '/github/rate_limit' },
  {
    name: 'argocd',
    prefix: '/argocd',
    health: '/argocd/api/version',
  },
  {
    name: 'model-metrics',
    prefix: '/model-metrics',
    health: '/model-metrics/metrics',
  },
] as const;

/**
 * DEMO STAND-IN. Builds the sandbox's HTTP app: local fakes of MLflow, Kubeflow Pipelines, the Kubernetes API
 * (with Seldon resources), Feast, the Kubeflow Model Registry and a model's metrics endpoint. Never point a production portal at it.
 */
export function createSandboxApp(
  options: {
    trafficTickMs?: number;
    /** How long a Kubeflow run started here takes to start and to finish (default 3 s and 15 s). */
    kfpRunTiming?: { runningAfterMs: number; doneAfterMs: number };
    /** How long the GitOps controller stand-in waits before applying a new commit (default 3 s). */
    gitopsSyncDelayMs?: number;
  } = {},
): express.Express {
  const kubernetes = new KubernetesFake(SANDBOX_KUBERNETES_TOKEN);
  seedKubernetes(kubernetes);
  const traffic = new SeldonTrafficSimulator(kubernetes);
  const operator = new ServingOperatorFake(kubernetes);
  const modelServers = new ModelServerFake(kubernetes, operator);
  kubernetes.serviceProxy = request => modelServers.handle(request);
  operator.reconcile();
  const features = new FeatureValueSimulator();
  const tickMs = options.trafficTickMs ?? 1000;
  // Simulated prediction traffic keeps flowing while the process lives; unref so it never holds it open.
  setInterval(() => {
    operator.reconcile();
    traffic.tick(tickMs / 1000);
    features.tick(tickMs / 1000);
  }, tickMs).unref();

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Demo-Stand-In', 'mlops-portal-sandbox');
    next();
  });
  // DEMO ONLY: what was written to the stand-ins, for tests that count writes (GET /debug/requests).
  const writes = new WriteLog();
  app.use(writes.recorder());
  app.use('/debug', writes.router());

  app.get('/', (_req, res) => {
    res.json({
      name: 'mlops-portal-sandbox',
      notice:
        'DEMO STAND-IN for MLflow, Kubeflow Pipelines, Kubernetes/Seldon, Feast, the Kubeflow Model Registry and model metrics. Not a real system.',
      services: sandboxServices,
    });
  });

  const mlflow = new MlflowFake();
  seedMlflow(mlflow);
  const mlflowWebhooks = new MlflowWebhookSender();
  app.use('/mlflow', mlflowRouter(mlflow, mlflowWebhooks));
  const kfp = new KfpFake();
  seedKfp(kfp);
  if (options.kfpRunTiming) {
    kfp.timing = options.kfpRunTiming;
  }
  app.use('/kfp', kfpRouter(kfp));
  app.use('/kubernetes', kubernetesRouter(kubernetes));
  app.use('/feast', feastRouter());
  const modelRegistry = new ModelRegistryFake(SANDBOX_MODEL_REGISTRY_TOKEN);
  seedModelRegistry(modelRegistry);
  app.use('/model-registry', modelRegistryRouter(modelRegistry));
  app.use('/model-metrics', modelMetricsRouter(traffic, features, operator));
  // GitOps mode's upstreams: GitHub's REST API, a controller applying Git to the Kubernetes stand-in, Argo CD.
  const github = new GitHubFake(
    SANDBOX_GITHUB_TOKEN,
    `https://${SANDBOX_GITHUB_HOST}`,
  );
  const gitops = new GitOpsControllerFake(
    github,
    kubernetes,
    SANDBOX_KUBERNETES_TOKEN,
    options.gitopsSyncDelayMs ?? 3000,
  );
  seedGitOps(github, kubernetes, gitops, `https://${SANDBOX_GITHUB_HOST}`);
  github.addUser(SANDBOX_GITHUB_REVIEWER_TOKEN, 'tom-okafor');
  // The demo's CI applying deploy/aliases.yaml to MLflow when main moves (promotions in pull-request mode).
  const aliasCi = new AliasFileCiFake(
    github,
    mlflow,
    {
      repo: SANDBOX_GITOPS_REPO,
      branch: 'main',
      path: SANDBOX_ALIAS_FILE_PATH,
    },
    options.gitopsSyncDelayMs ?? 3000,
    move =>
      mlflowWebhooks.sendInBackground('model_version_alias.created', {
        name: move.model,
        alias: move.alias,
        version: move.version,
      }),
    { fake: modelRegistry, token: SANDBOX_MODEL_REGISTRY_TOKEN },
  );
  setInterval(() => {
    gitops.tick();
    aliasCi.tick();
  }, 100).unref();
  app.get('/github/rate_limit', (_req, res) => {
    res.json({ resources: {}, rate: { limit: 5000, remaining: 5000 } });
  });
  app.use('/github', githubRouter(github));
  app.get('/argocd/api/version', (_req, res) => {
    res.json({ Version: 'v2.13.0+sandbox' });
  });
  app.use('/argocd', argoCdRouter(gitops));
  // For tests that act as another committer or stop the controller.
  app.locals.github = github;
  app.locals.gitops = gitops;
  app.locals.aliasCi = aliasCi;
  app.locals.mlflow = mlflow;
  app.locals.modelRegistry = modelRegistry;
  return app;
}
