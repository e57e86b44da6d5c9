import { UrlReaderService } from '@backstage/backend-plugin-api';
import { PluginDeps } from '../shared/PluginDeps';
import { ModelCardFileReader } from './ModelCardFileReader';
import { ModelCardService } from './ModelCardService';

/** The model card capability: a Model's card text (its `MODEL_CARD.md` or `spec.modelCard`) with its facts. */
export function createModelCard(
  deps: PluginDeps & { urlReader: UrlReaderService },
) {
  const kubeflow = (
    deps.config.getOptionalConfigArray('mlops.kubeflow.instances') ?? []
  ).map(i => ({
    name: i.getString('name'),
    uiUrl: i.getOptionalString('uiUrl'),
  }));
  return {
    modelCards: new ModelCardService({
      ...deps,
      files: new ModelCardFileReader(deps),
      kubeflowUiUrl: instance =>
        (instance ? kubeflow.find(k => k.name === instance) : kubeflow[0])
          ?.uiUrl,
    }),
  };
}
