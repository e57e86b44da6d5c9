import { isMlServingComponent } from './entityPredicates';

const component = (relations: Array<[string, string]>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring-service' },
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

describe('isMlServingComponent', () => {
  it('is true for a Component a Model depends on, and only then', () => {
    expect(
      isMlServingComponent(
        component([['dependencyOf', 'model:default/fraud-detector']]),
      ),
    ).toBe(true);
    expect(
      isMlServingComponent(
        component([
          ['dependencyOf', 'component:default/checkout'],
          ['dependsOn', 'model:default/fraud-detector'],
        ]),
      ),
    ).toBe(false);
    expect(
      isMlServingComponent({
        ...component([['dependencyOf', 'model:default/fraud-detector']]),
        kind: 'Resource',
      }),
    ).toBe(false);
  });
});
