import { CacheService } from '@backstage/backend-plugin-api';
import {
  CHAMPION_ALIAS,
  ModelEntityV1alpha1,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import { ModelRegistries } from '../../shared/ModelRegistries';
import { DRIFT_REFERENCE_ARTIFACT } from './parseDriftReferenceArtifact';

/** A Model's champion as drift needs it: which version, since when, and what could not be learned. */
export type ChampionInfo = {
  /** From the registry's champion alias; from the promotion history when the registry cannot be read. */
  version?: string;
  /** When the champion alias last moved to `version`, by the history (absent when it moved outside the portal). */
  promotedAt?: string;
  promotionId?: string;
  /** What could not be learned, in words (e.g. the registry unreachable). */
  notes: string[];
};

/** What drift asks about a Model's champion. */
export interface ChampionSource {
  champion(
    entityRef: string,
    entity: ModelEntityV1alpha1,
  ): Promise<ChampionInfo>;
  /**
   * The text of the drift reference (`drift/reference.json`) logged with `version`'s training run; `undefined`
   * when it logged none. Throws with the reason when the file exists but cannot be read.
   */
  trainingReference(
    entity: ModelEntityV1alpha1,
    version: string,
  ): Promise<string | undefined>;
}

/** The part of the promotion history drift reads. */
export type PromotionHistory = {
  lastCompletedMoves(entityRef: string): Promise<Map<string, PromotionRecord>>;
};

/** How long a run without a drift reference is not asked again (its artifacts rarely change after the run). */
const MISSING_REFERENCE_TTL_MS = 5 * 60_000;

/**
 * The champion from the Model's registry (`spec.registry`) and the promotion history. Answers are kept in
 * `coreServices.cache` for `ttlSeconds` (the health cache's), and a training run without a drift reference for
 * five minutes, so many viewers of a Model page cost the registry a call now and then, not one each.
 */
export class ChampionLookup implements ChampionSource {
  constructor(
    private readonly deps: {
      registries: ModelRegistries;
      history: PromotionHistory;
      cache: CacheService;
      ttlSeconds: number;
    },
  ) {}

  async champion(
    entityRef: string,
    entity: ModelEntityV1alpha1,
  ): Promise<ChampionInfo> {
    const key = `mlops:drift:champion:${entityRef}`;
    const cached = (await this.deps.cache.get(key)) as ChampionInfo | undefined;
    if (cached) {
      return cached;
    }
    const notes: string[] = [];
    let version: string | undefined;
    const registry = entity.spec.registry;
    if (!registry) {
      notes.push('the Model declares no registry (spec.registry)');
    } else {
      try {
        const model = await this.deps.registries
          .client(registry)
          .getRegisteredModel(registry.modelName);
        version = model.aliases[CHAMPION_ALIAS];
        if (!version) {
          notes.push(`the registry has no ${CHAMPION_ALIAS} alias`);
        }
      } catch (error) {
        notes.push(`the registry could not be read (${errorText(error)})`);
      }
    }
    const move = (await this.deps.history.lastCompletedMoves(entityRef)).get(
      CHAMPION_ALIAS,
    );
    version = version ?? move?.toVersion;
    const info: ChampionInfo = { version, notes };
    if (move && move.toVersion === version && move.completedAt) {
      info.promotedAt = move.completedAt;
      info.promotionId = move.id;
    }
    await this.deps.cache.set(key, info as any, {
      ttl: this.deps.ttlSeconds * 1000,
    });
    return info;
  }

  async trainingReference(
    entity: ModelEntityV1alpha1,
    version: string,
  ): Promise<string | undefined> {
    const registry = entity.spec.registry;
    if (!registry) {
      return undefined;
    }
    const client = this.deps.registries.client(registry);
    if (!client.readTrainingArtifact) {
      throw new Error(
        `the ${registry.provider} registry does not give access to training runs' files`,
      );
    }
    const key = `mlops:drift:no-training-reference:${registry.provider}:${client.instanceName}:${registry.modelName}:${version}`;
    if (await this.deps.cache.get<boolean>(key)) {
      return undefined;
    }
    const text = await client.readTrainingArtifact(
      await client.getModelVersion(registry.modelName, version),
      DRIFT_REFERENCE_ARTIFACT,
    );
    if (text === undefined) {
      await this.deps.cache.set(key, true, { ttl: MISSING_REFERENCE_TTL_MS });
    }
    return text;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
