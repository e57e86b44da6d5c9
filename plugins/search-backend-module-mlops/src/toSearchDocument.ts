import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  FeatureViewEntityV1alpha1,
  formatMetricValue,
  HealthStatus,
  isFeatureViewEntity,
  isModelEntity,
  isPipelineEntity,
  metricDisplay,
  MlopsKind,
  MlopsSearchDocument,
  ModelEntityV1alpha1,
} from '@mlops-portal/plugin-mlops-common';

/** A version an alias points at, with its key metrics in words (`"AUC 0.941"`). */
export type AliasedVersion = { version: string; metrics: string[] };

/** What the mlops backend knows of a Model beyond its entity; each part is absent when it could not be read. */
export type ModelFacts = {
  champion?: AliasedVersion;
  challenger?: AliasedVersion;
  health?: HealthStatus;
};

/** The catalog's FeatureViews by lower-cased entity ref, so a Model's document can name their features. */
export type FeatureViewIndex = Map<string, FeatureViewEntityV1alpha1>;

/** How many metrics a version shows when the Model names none in `spec.metrics` or its quality gates. */
const MAX_UNNAMED_METRICS = 5;

/**
 * The key metrics of a version in words: the metrics the Model displays (`spec.metrics`), else those its quality
 * gates judge, else the first few the run logged, by name.
 */
export function keyMetrics(
  model: ModelEntityV1alpha1,
  metrics: Record<string, number>,
): string[] {
  const named = [
    ...(model.spec.metrics ?? []).map(m => m.name),
    ...(model.spec.qualityGates ?? []).map(g => g.metric),
  ];
  const keys = named.length
    ? [...new Set(named)].filter(name => name in metrics)
    : Object.keys(metrics).sort().slice(0, MAX_UNNAMED_METRICS);
  return keys.map(name => {
    const display = metricDisplay(model, name);
    return `${display.title} ${formatMetricValue(metrics[name], display.unit)}`;
  });
}

function refOf(
  ref: string | undefined,
  defaultKind: string,
  defaultNamespace: string,
): string {
  if (!ref) {
    return '';
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace }),
    );
  } catch {
    return ref;
  }
}

function sentence(label: string, value: string | undefined) {
  return value ? `${label}: ${value}.` : '';
}

/**
 * The search document of a Model, Pipeline or FeatureView; `undefined` for other kinds. A Model's text holds
 * the names of the features its views declare, so searching a feature finds the Models reading it too.
 */
export function toSearchDocument(
  entity: Entity,
  context: { featureViews: FeatureViewIndex; facts?: ModelFacts },
): MlopsSearchDocument | undefined {
  if (
    !isModelEntity(entity) &&
    !isPipelineEntity(entity) &&
    !isFeatureViewEntity(entity)
  ) {
    return undefined;
  }
  const namespace = entity.metadata.namespace ?? 'default';
  const entityRef = stringifyEntityRef(entity);
  const spec = entity.spec;
  const document: MlopsSearchDocument = {
    title: entity.metadata.title ?? entity.metadata.name,
    text: '',
    location: `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
      entity.kind,
    )}/${encodeURIComponent(entity.metadata.name)}`.toLocaleLowerCase('en-US'),
    authorization: { resourceRef: entityRef },
    kind: entity.kind as MlopsKind,
    entityRef,
    namespace,
    name: entity.metadata.name,
    type: 'type' in spec ? spec.type : '',
    lifecycle: spec.lifecycle ?? '',
    owner: refOf(spec.owner, 'Group', namespace),
    system: refOf(spec.system, 'System', namespace),
    framework: '',
    championVersion: '',
    championMetrics: [],
    challengerVersion: '',
    challengerMetrics: [],
    health: '',
    featureViews: [],
    featureViewTitles: [],
    features: [],
    tags: entity.metadata.tags ?? [],
  };
  const facts: string[] = [];

  if (isModelEntity(entity)) {
    const consumed = (entity.spec.featureViews ?? []).map(ref => {
      const viewRef = refOf(ref, 'FeatureView', namespace);
      return {
        ref: viewRef,
        view: context.featureViews.get(viewRef.toLocaleLowerCase('en-US')),
      };
    });
    const { champion, challenger, health } = context.facts ?? {};
    Object.assign(document, {
      framework: entity.spec.framework ?? '',
      championVersion: champion?.version ?? '',
      championMetrics: champion?.metrics ?? [],
      challengerVersion: challenger?.version ?? '',
      challengerMetrics: challenger?.metrics ?? [],
      health: health ?? '',
      featureViews: consumed.map(c => c.ref),
      featureViewTitles: consumed.map(
        c =>
          c.view?.metadata.title ??
          c.view?.metadata.name ??
          parseEntityRef(c.ref).name,
      ),
      features: [
        ...new Set(
          consumed.flatMap(c => c.view?.spec.features.map(f => f.name) ?? []),
        ),
      ],
    });
    facts.push(
      sentence('Framework', entity.spec.framework),
      sentence('Trained by', entity.spec.trainedBy),
      champion
        ? `Champion: version ${champion.version} ${champion.metrics.join(
            ', ',
          )}.`
        : '',
      challenger
        ? `Challenger: version ${challenger.version} ${challenger.metrics.join(
            ', ',
          )}.`
        : '',
      sentence('Health', health),
      sentence('Feature views', document.featureViewTitles.join(', ')),
      sentence('Features', document.features.join(', ')),
    );
  } else if (isPipelineEntity(entity)) {
    facts.push(
      sentence(
        'Kubeflow pipeline',
        entity.spec.kubeflow.pipelineName ?? entity.spec.kubeflow.pipelineId,
      ),
      sentence('Schedule', entity.spec.schedule),
      sentence('Produces', (entity.spec.produces ?? []).join(', ')),
    );
  } else {
    document.features = entity.spec.features.map(f => f.name);
    facts.push(
      sentence('Entities', entity.spec.entities.join(', ')),
      sentence('Source', entity.spec.source?.name),
      sentence(
        'Features',
        entity.spec.features
          .map(f => (f.description ? `${f.name} (${f.description})` : f.name))
          .join(', '),
      ),
    );
  }
  document.text = [
    entity.metadata.description,
    sentence('Type', document.type),
    sentence('Lifecycle', document.lifecycle),
    sentence('Owner', document.owner),
    sentence('System', document.system),
    ...facts,
    sentence('Tags', document.tags.join(', ')),
  ]
    .filter(Boolean)
    .join(' ');
  return document;
}
