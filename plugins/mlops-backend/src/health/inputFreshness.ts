import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ModelEntityV1alpha1,
  ModelInputFreshness,
} from '@mlops-portal/plugin-mlops-common';

/**
 * What health needs of the feature views capability: a FeatureView's freshness in Feast by entity ref (the
 * feature views capability's status service answers it; health does not import that folder).
 */
export type FeatureViewFreshnessReader = {
  status(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ stale: boolean; ageSeconds?: number; ttlSeconds?: number }>;
};

const message = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * The freshness of every feature view the Model reads (`spec.featureViews`), each read on its own: a view that
 * cannot be read carries its error instead of failing the others.
 */
export async function inputFreshness(
  entity: ModelEntityV1alpha1,
  reader: FeatureViewFreshnessReader,
  credentials: BackstageCredentials,
): Promise<ModelInputFreshness[]> {
  const namespace = entity.metadata.namespace ?? 'default';
  return Promise.all(
    (entity.spec.featureViews ?? []).map(async ref => {
      let featureView = ref;
      try {
        featureView = stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'featureview',
            defaultNamespace: namespace,
          }),
        );
        const { stale, ageSeconds, ttlSeconds } = await reader.status(
          featureView,
          credentials,
        );
        return { featureView, stale, ageSeconds, ttlSeconds };
      } catch (error) {
        return { featureView, error: message(error) };
      }
    }),
  );
}

/** The name of a feature view ref, or the ref as written when it does not parse. */
export function inputName(featureView: string): string {
  try {
    return parseEntityRef(featureView).name;
  } catch {
    return featureView;
  }
}

/** Hours below three days, days above, minutes below an hour; one decimal when it matters ("6.5 h"). */
function inWords(seconds: number, unitOf: number): string {
  const units: Array<[number, string]> = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
  ];
  const [size, name] =
    units.find(([s]) => unitOf >= (s === 86_400 ? 3 * s : s)) ?? units[2];
  return `${Number((seconds / size).toFixed(1))} ${name}`;
}

/**
 * One reason per stale input, age and TTL in the same unit so they compare at a glance:
 * "input customer-transactions is stale: 7 h old, TTL 6 h".
 */
export function staleInputReasons(inputs: ModelInputFreshness[]): string[] {
  return inputs
    .filter(i => i.stale)
    .map(i => {
      const name = inputName(i.featureView);
      const ttl = i.ttlSeconds ?? 0;
      const age =
        i.ageSeconds === undefined
          ? 'never materialized'
          : `${inWords(i.ageSeconds, ttl)} old`;
      return `input ${name} is stale: ${age}, TTL ${inWords(ttl, ttl)}`;
    });
}
