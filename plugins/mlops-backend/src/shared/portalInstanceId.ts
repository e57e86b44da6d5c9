import { Config } from '@backstage/config';

/**
 * This portal's identity in the claims it writes on serving objects (`mlops.backstage.io/rollout`):
 * `mlops.instanceId`, else `backend.baseUrl`. Replicas of one portal share it (and their database); a staging
 * portal, or a restored backup started beside production, must have its own.
 */
export function portalInstanceId(config: Config): string {
  return (
    config.getOptionalString('mlops.instanceId') ??
    config.getOptionalString('backend.baseUrl') ??
    'mlops-portal'
  );
}
