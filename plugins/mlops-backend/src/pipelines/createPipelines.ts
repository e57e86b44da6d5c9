import { KubeflowClients } from '@mlops-portal/plugin-mlops-node';
import { PluginDeps } from '../shared/PluginDeps';
import { PipelineRunsService } from './PipelineRunsService';

/** The pipelines capability: a Pipeline's Kubeflow runs (`mlops.kubeflow.instances`), linked to the versions they registered. */
export function createPipelines(deps: PluginDeps) {
  const instances =
    deps.config.getOptionalConfigArray('mlops.kubeflow.instances') ?? [];
  return {
    pipelines: new PipelineRunsService({
      ...deps,
      kubeflow: KubeflowClients.fromConfig(deps.config),
      uiUrls: Object.fromEntries(
        instances.flatMap(i =>
          i.getOptionalString('uiUrl')
            ? [[i.getString('name'), i.getString('uiUrl')]]
            : [],
        ),
      ),
    }),
  };
}
