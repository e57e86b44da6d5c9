import { render } from '@testing-library/react';
import { MlRelationLabel } from './MlRelationLabel';
import { mlRelationWords } from './mlRelationWords';

function label(from: string, to: string, relations: string[]) {
  const { container } = render(
    <svg>
      <MlRelationLabel edge={{ from, to, relations }} />
    </svg>,
  );
  const text = container.querySelector('text')!;
  return {
    words: text.childNodes[1]?.textContent,
    tooltip: text.querySelector('title')?.textContent,
  };
}

describe('MlRelationLabel', () => {
  it('labels the edges of the ML graph in words, keeping the relation pair in the tooltip', () => {
    expect(
      label(
        'model:default/fraud-detector',
        'featureview:default/merchant-risk',
        ['consumesFeatures', 'featuresConsumedBy'],
      ),
    ).toEqual({
      words: 'reads features from',
      tooltip: 'consumesFeatures / featuresConsumedBy',
    });
    expect(
      label(
        'model:default/fraud-detector',
        'pipeline:default/fraud-detector-training',
        ['trainedBy', 'trains'],
      ).words,
    ).toBe('trained by');
    expect(
      label(
        'model:default/fraud-detector',
        'component:default/fraud-scoring-service',
        ['dependsOn', 'dependencyOf'],
      ).words,
    ).toBe('served by');
  });

  it('reads an edge from its own side, and keeps a relation it has no words for', () => {
    expect(
      mlRelationWords({
        from: 'component:default/fraud-scoring-service',
        to: 'model:default/fraud-detector',
        relations: ['dependencyOf', 'dependsOn'],
      }),
    ).toBe('serves');
    expect(
      mlRelationWords({
        from: 'featureview:default/merchant-risk',
        to: 'model:default/fraud-detector',
        relations: ['featuresConsumedBy', 'consumesFeatures'],
      }),
    ).toBe('feeds features to');
    expect(
      mlRelationWords({
        from: 'component:default/a',
        to: 'resource:default/b',
        relations: ['dependsOn'],
      }),
    ).toBe('depends on');
    expect(
      mlRelationWords({
        from: 'group:default/a',
        to: 'model:default/b',
        relations: ['ownerOf', 'ownedBy'],
      }),
    ).toBe('owns');
    expect(
      mlRelationWords({
        from: 'api:default/a',
        to: 'component:default/b',
        relations: ['apiProvidedBy'],
      }),
    ).toBe('apiProvidedBy');
  });
});
