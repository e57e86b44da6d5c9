/* DEMO STAND-IN: starts the sandbox that poses as MLflow, Kubeflow, Kubernetes/Seldon, Feast and metrics. */
import { createSandboxApp } from './createSandboxApp';

const port = Number(process.env.SANDBOX_PORT ?? 7010);
const host = process.env.SANDBOX_HOST ?? '127.0.0.1';

createSandboxApp().listen(port, host, () => {
  // eslint-disable-next-line no-console
  console.log(
    `MLOps Portal sandbox (DEMO STAND-IN, not a real MLflow/Kubeflow/Kubernetes/Feast) on http://${host}:${port}`,
  );
});
