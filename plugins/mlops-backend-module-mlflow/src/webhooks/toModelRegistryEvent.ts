import { ModelRegistryEvent } from '@mlops-portal/plugin-mlops-node';

const isString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0;

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/**
 * An MLflow webhook body (`{entity, action, timestamp, data}`, MLflow's `mlflow/webhooks/types.py`) as a
 * {@link @mlops-portal/plugin-mlops-node#ModelRegistryEvent}, for the four events the portal acts on:
 * `model_version.created`, `model_version_tag.set`, `model_version_alias.created` and
 * `model_version_alias.deleted`. Anything else (other events, prompts, a body missing a field those events
 * always carry) is `undefined`: accepted and ignored. `sentAt` is the body's `timestamp` (when MLflow sent it),
 * else the signed `X-MLflow-Timestamp`.
 *
 * @public
 */
export function toModelRegistryEvent(
  instance: string,
  body: unknown,
  delivery: { deliveryId: string; sentAt: Date },
): ModelRegistryEvent | undefined {
  if (!body || typeof body !== 'object') {
    return undefined;
  }
  const { entity, action, timestamp, data } = body as Record<string, unknown>;
  if (!data || typeof data !== 'object') {
    return undefined;
  }
  const d = data as Record<string, unknown>;
  if (!isString(d.name)) {
    return undefined;
  }
  const sentAtMs = isString(timestamp) ? Date.parse(timestamp) : NaN;
  const base = {
    provider: 'mlflow',
    instance,
    registeredModel: d.name,
    sentAt: new Date(
      [sentAtMs, delivery.sentAt.getTime()].find(t => !Number.isNaN(t)) ??
        Date.now(),
    ).toISOString(),
    deliveryId: delivery.deliveryId,
  };
  switch (`${entity}.${action}`) {
    case 'model_version.created':
      return isString(d.version)
        ? {
            ...base,
            type: 'version.created',
            version: d.version,
            runId: isString(d.run_id) ? d.run_id : undefined,
            tags: stringRecord(d.tags),
          }
        : undefined;
    case 'model_version_tag.set':
      return isString(d.version) &&
        isString(d.key) &&
        typeof d.value === 'string'
        ? {
            ...base,
            type: 'version.tagged',
            version: d.version,
            key: d.key,
            value: d.value,
          }
        : undefined;
    case 'model_version_alias.created':
      return isString(d.alias) && isString(d.version)
        ? { ...base, type: 'alias.set', alias: d.alias, version: d.version }
        : undefined;
    case 'model_version_alias.deleted':
      return isString(d.alias)
        ? { ...base, type: 'alias.deleted', alias: d.alias }
        : undefined;
    default:
      return undefined;
  }
}
