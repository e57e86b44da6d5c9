import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { mlopsApiRef } from '../../api/MlopsApi';

/** The registry view and promotion history of a Model, loaded together and reloaded together. */
export function useRegistryData(entityRef: string) {
  const api = useApi(mlopsApiRef);
  return useAsyncRetry(async () => {
    const [registry, history] = await Promise.all([
      api.getRegistry(entityRef),
      api.getPromotionHistory(entityRef),
    ]);
    return { registry, history: history.items };
  }, [api, entityRef]);
}
