import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CHAMPION_ALIAS,
  isPipelineEntity,
  MODEL_CARD_SECTIONS,
  ModelCard,
  ModelCardSection,
  ModelCardVersion,
  ModelEntityV1alpha1,
  RELATION_CONSUMES_FEATURES,
  RELATION_TRAINED_BY,
} from '@mlops-portal/plugin-mlops-common';
import { ModelRegistryClient } from '@mlops-portal/plugin-mlops-node';
import { KFP_RUN_ID_TAG } from '../pipelines/PipelineRunsService';
import { evaluateQualityGates } from '../registry/gates/evaluateQualityGates';
import { ModelEntities } from '../shared/ModelEntities';
import { ModelRegistries } from '../shared/ModelRegistries';
import { ModelCardFileReader } from './ModelCardFileReader';
import {
  ModelCardTextSections,
  parseModelCardMarkdown,
  writtenText,
} from './parseModelCardMarkdown';
import { sliceMetrics } from './sliceMetrics';

/** The alias a card reports beside the champion. */
const CHALLENGER_ALIAS = 'challenger';

/**
 * A Model's card: its written sections from a `MODEL_CARD.md` beside its catalog file (which wins as a whole) or
 * else `spec.modelCard`, the expected sections neither wrote, and the facts no one types: the champion and
 * challenger with their metrics against the quality gates and per slice, the Kubeflow run that registered each,
 * the feature views and training pipeline from the catalog's relations, and the owner. The Model is read with the
 * caller's credentials (catalog read permission). A registry that cannot be read does not fail the card: the
 * facts it would give are absent and `unavailable` says why.
 */
export class ModelCardService {
  constructor(
    private readonly deps: {
      models: ModelEntities;
      catalog: CatalogService;
      registries: ModelRegistries;
      files: ModelCardFileReader;
      /** The Kubeflow UI base URL of an instance (the first configured one when unnamed), for run links. */
      kubeflowUiUrl: (instance?: string) => string | undefined;
    },
  ) {}

  async getCard(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<ModelCard> {
    const entity = await this.deps.models.getModel(entityRef, credentials);
    const unavailable: ModelCard['unavailable'] = [];
    const [text, registry] = await Promise.all([
      this.text(entity),
      this.registryFacts(entity, unavailable),
    ]);
    const relations = entity.relations ?? [];
    const trainingPipeline = relations.find(
      r => r.type === RELATION_TRAINED_BY,
    )?.targetRef;
    if (registry) {
      await this.linkTrainingRuns(
        [registry.champion, registry.challenger],
        trainingPipeline,
        credentials,
      );
    }
    return {
      entityRef,
      source: text.source,
      sections: [
        ...MODEL_CARD_SECTIONS.flatMap((s): ModelCardSection[] =>
          text.sections.known[s.id]
            ? [
                {
                  id: s.id,
                  title: s.heading,
                  markdown: text.sections.known[s.id]!,
                },
              ]
            : [],
        ),
        ...text.sections.other,
      ],
      missing: MODEL_CARD_SECTIONS.filter(
        s => s.expected && !text.sections.known[s.id],
      ).map(s => ({ id: s.id, title: s.heading })),
      facts: {
        owner: entity.spec.owner,
        system: entity.spec.system,
        registry,
        lineage: {
          featureViews: relations
            .filter(r => r.type === RELATION_CONSUMES_FEATURES)
            .map(r => r.targetRef),
          trainingPipeline,
        },
      },
      unavailable,
    };
  }

  /** The card's text: the file's when there is one, else the spec's; a file that failed to read is named. */
  private async text(entity: ModelEntityV1alpha1): Promise<{
    source: ModelCard['source'];
    sections: ModelCardTextSections;
  }> {
    const file = await this.deps.files.read(entity);
    if (file.text !== undefined) {
      return {
        source: { type: 'file', location: file.location },
        sections: parseModelCardMarkdown(file.text),
      };
    }
    const spec = entity.spec.modelCard ?? {};
    const known: ModelCardTextSections['known'] = {};
    for (const { id } of MODEL_CARD_SECTIONS) {
      const written = writtenText(spec[id] ?? '');
      if (written) known[id] = written;
    }
    const hasSpec = Object.keys(known).length > 0;
    return {
      source: {
        type: hasSpec ? 'spec' : 'none',
        ...(file.error ? { location: file.location, error: file.error } : {}),
      },
      sections: { known, other: [] },
    };
  }

  private async registryFacts(
    entity: ModelEntityV1alpha1,
    unavailable: ModelCard['unavailable'],
  ): Promise<ModelCard['facts']['registry']> {
    const registry = entity.spec.registry;
    if (!registry) return undefined;
    let client: ModelRegistryClient;
    try {
      client = this.deps.registries.client(registry);
      const model = await client.getRegisteredModel(registry.modelName);
      const versions = await Promise.all(
        [CHAMPION_ALIAS, CHALLENGER_ALIAS]
          .filter(alias => model.aliases[alias])
          .map(alias =>
            client.getModelVersion(registry.modelName, model.aliases[alias]),
          ),
      );
      const metrics = await client.versionMetrics(versions);
      const gates = entity.spec.qualityGates ?? [];
      const describe = (alias: string): ModelCardVersion | undefined => {
        const v = versions.find(x => x.version === model.aliases[alias]);
        if (!v) return undefined;
        const { overall, slices } = sliceMetrics(metrics.get(v.version) ?? {});
        const champion = versions.find(
          x => x.version === model.aliases[CHAMPION_ALIAS],
        );
        const results = evaluateQualityGates(
          gates,
          { version: v.version, metrics: overall },
          champion
            ? {
                version: champion.version,
                metrics: sliceMetrics(metrics.get(champion.version) ?? {})
                  .overall,
              }
            : undefined,
        );
        const kfpRunId = v.tags[KFP_RUN_ID_TAG];
        return {
          alias,
          version: v.version,
          createdAt: v.createdAt,
          runId: v.runId,
          ...(kfpRunId ? { trainingRun: { runId: kfpRunId } } : {}),
          metrics: overall,
          gates: results,
          gatesPassed: results.every(g => g.passed),
          slices,
        };
      };
      return {
        instance: client.instanceName,
        registeredModel: registry.modelName,
        champion: describe(CHAMPION_ALIAS),
        challenger: describe(CHALLENGER_ALIAS),
      };
    } catch (error) {
      unavailable.push({ fact: 'registry', message: (error as Error).message });
      return undefined;
    }
  }

  /** Adds the Kubeflow UI link to each version's run, from the training Pipeline's instance when its UI is configured. */
  private async linkTrainingRuns(
    versions: Array<ModelCardVersion | undefined>,
    trainingPipeline: string | undefined,
    credentials: BackstageCredentials,
  ) {
    const runs = versions.flatMap(v => (v?.trainingRun ? [v.trainingRun] : []));
    if (!runs.length || !trainingPipeline) return;
    const pipeline = await this.deps.catalog
      .getEntityByRef(trainingPipeline, { credentials })
      .catch(() => undefined);
    if (!pipeline || !isPipelineEntity(pipeline)) return;
    const ui = this.deps.kubeflowUiUrl(pipeline.spec.kubeflow.instance);
    if (!ui) return;
    for (const run of runs) {
      run.url = `${ui.replace(/\/+$/, '')}/#/runs/details/${encodeURIComponent(
        run.runId,
      )}`;
    }
  }
}
