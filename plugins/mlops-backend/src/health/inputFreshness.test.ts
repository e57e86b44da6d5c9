import { NotFoundError } from '@backstage/errors';
import { ModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import { inputFreshness, staleInputReasons } from './inputFreshness';

const hour = 3600;

describe('inputFreshness', () => {
  it('reads every feature view the model reads, by its full ref, each failing on its own', async () => {
    const asked: string[] = [];
    const entity = {
      metadata: { name: 'churn', namespace: 'growth' },
      spec: {
        featureViews: [
          'featureview:customer-profile',
          'featureview:default/customer-transactions',
          'gone',
        ],
      },
    } as unknown as ModelEntityV1alpha1;
    const inputs = await inputFreshness(
      entity,
      {
        async status(ref) {
          asked.push(ref);
          if (ref.endsWith('/gone')) {
            throw new NotFoundError(`No entity ${ref} in the catalog`);
          }
          return ref.includes('profile')
            ? { stale: false, ageSeconds: 20 * hour }
            : { stale: true, ageSeconds: 7 * hour, ttlSeconds: 6 * hour };
        },
      },
      {} as any,
    );
    expect(asked).toEqual([
      'featureview:growth/customer-profile',
      'featureview:default/customer-transactions',
      'featureview:growth/gone',
    ]);
    expect(inputs).toEqual([
      {
        featureView: 'featureview:growth/customer-profile',
        stale: false,
        ageSeconds: 20 * hour,
      },
      {
        featureView: 'featureview:default/customer-transactions',
        stale: true,
        ageSeconds: 7 * hour,
        ttlSeconds: 6 * hour,
      },
      {
        featureView: 'featureview:growth/gone',
        error: 'No entity featureview:growth/gone in the catalog',
      },
    ]);
  });
});

describe('staleInputReasons', () => {
  it('says how old each stale input is against its TTL, in one unit', () => {
    expect(
      staleInputReasons([
        {
          featureView: 'featureview:default/customer-transactions',
          stale: true,
          ageSeconds: 7 * hour,
          ttlSeconds: 6 * hour,
        },
        {
          featureView: 'featureview:default/merchant-risk',
          stale: true,
          ageSeconds: 56 * hour,
          ttlSeconds: 48 * hour,
        },
        {
          featureView: 'featureview:default/weekly',
          stale: true,
          ageSeconds: 9.5 * 24 * hour,
          ttlSeconds: 7 * 24 * hour,
        },
        {
          featureView: 'featureview:default/clicks',
          stale: true,
          ttlSeconds: 15 * 60,
        },
        {
          featureView: 'featureview:default/fresh',
          stale: false,
          ageSeconds: 60,
          ttlSeconds: 6 * hour,
        },
      ]),
    ).toEqual([
      'input customer-transactions is stale: 7 h old, TTL 6 h',
      'input merchant-risk is stale: 56 h old, TTL 48 h',
      'input weekly is stale: 9.5 d old, TTL 7 d',
      'input clicks is stale: never materialized, TTL 15 min',
    ]);
  });
});
