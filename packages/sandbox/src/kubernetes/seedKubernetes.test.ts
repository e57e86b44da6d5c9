import { KubernetesFake } from './KubernetesFake';
import { seedKubernetes } from './seedKubernetes';

describe('seedKubernetes', () => {
  it('stores Deployments as an API server would: with a strategy and a pod template with containers', () => {
    const kubernetes = new KubernetesFake('t');
    seedKubernetes(kubernetes);
    const deployments = kubernetes.listAll('apps', 'deployments');
    expect(deployments.length).toBeGreaterThan(0);
    for (const deployment of deployments) {
      const spec = (deployment as any).spec;
      // The Kubernetes tab's drawer shows these; the API server always fills them in (RollingUpdate, 25%/25%).
      expect(spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      });
      expect(spec.template.spec.containers.length).toBeGreaterThan(0);
      expect((deployment as any).status.conditions).toContainEqual(
        expect.objectContaining({ type: 'Available', status: 'True' }),
      );
    }
  });
});
