import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { mlopsApiRef } from '../../api/MlopsApi';

/** The current entity's health from the mlops backend, read again every 30 seconds. */
export function useModelHealth() {
  const { entity } = useEntity();
  const api = useApi(mlopsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const state = useAsyncRetry(() => api.getHealth(entityRef), [api, entityRef]);
  useInterval(state.retry, 30_000);
  return { ...state, entityRef };
}
