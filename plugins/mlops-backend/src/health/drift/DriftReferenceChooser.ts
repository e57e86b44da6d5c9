import { ModelEntityV1alpha1 } from '@mlops-portal/plugin-mlops-common';
import { PrometheusClient } from '../../shared/prometheus/PrometheusClient';
import { parseDuration } from '../../shared/duration';
import { FeatureDistributions } from '../../shared/statistics/featureHistograms';
import { ChampionSource } from './ChampionLookup';
import {
  DriftReferenceStore,
  StoredDriftReference,
} from './DriftReferenceStore';
import { FeatureDistributionReader } from './FeatureDistributionReader';
import {
  DRIFT_REFERENCE_ARTIFACT,
  parseDriftReferenceArtifact,
} from './parseDriftReferenceArtifact';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Chooses the reference a Model's current feature distributions are compared with, taken deliberately and in
 * this order for the current champion version:
 * a. `training-run`: the distributions logged with the champion's training run (`drift/reference.json`);
 * b. `after-promotion`: the drift window right after the champion alias moved to the version (the promotion
 *    history's completion time), read from Prometheus once that window has passed;
 * c. `first-look`: the first distributions the portal sees, only as a fallback and with a `warning` saying
 *    why a and b were not available: today's data measured against itself scores near zero by construction.
 * A reference once taken is stored (`mlops_drift_references`) per Model, source and champion version.
 */
export class DriftReferenceChooser {
  constructor(
    private readonly deps: {
      references: DriftReferenceStore;
      distributions: FeatureDistributionReader;
      window: string;
      /** The champion and its training run; without it only the first look is available. */
      champions?: ChampionSource;
      clock?: () => Date;
    },
  ) {}

  /**
   * The reference of the current champion, in the order of the class comment. Each source that is unavailable
   * adds its reason, and the first look carries them all as its warning.
   */
  async choose(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    client: PrometheusClient,
    current: FeatureDistributions,
  ): Promise<{ reference: StoredDriftReference; warning?: string }> {
    const references = this.deps.references;
    const why: string[] = [];
    const champion = this.deps.champions
      ? await this.deps.champions.champion(entityRef, entity)
      : { notes: ['the portal reads no registry for drift'] };
    why.push(...champion.notes);
    const { version } = champion;
    if (version !== undefined) {
      const taken =
        (await references.find(entityRef, 'training-run', version)) ??
        (await this.trainingRunReference(entityRef, entity, version, why));
      if (taken) {
        return { reference: taken };
      }
      const after =
        (await references.find(entityRef, 'after-promotion', version)) ??
        (await this.afterPromotionReference(
          entityRef,
          entity,
          client,
          { ...champion, version },
          why,
        ));
      if (after) {
        return { reference: after };
      }
    }
    let first = await references.find(entityRef, 'first-look', version);
    if (!first) {
      first = {
        entityRef,
        source: 'first-look',
        version,
        reason: 'first look at the model: its current distributions',
        capturedAt: this.now().toISOString(),
        distributions: current,
      };
      await references.add(first);
    }
    return {
      reference: first,
      warning: `Drift is measured against the first distributions the portal saw (${
        first.capturedAt
      }), which start close to today's by construction, not against a deliberate reference${
        why.length ? `: ${why.join('; ')}` : ''
      }.`,
    };
  }

  /** (a) The distributions logged with the champion's training run, stored once read. */
  private async trainingRunReference(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    version: string,
    why: string[],
  ): Promise<StoredDriftReference | undefined> {
    let text: string | undefined;
    try {
      text = await this.deps.champions!.trainingReference(entity, version);
    } catch (error) {
      why.push(
        `v${version}'s training run's ${DRIFT_REFERENCE_ARTIFACT} could not be read (${errorText(
          error,
        )})`,
      );
      return undefined;
    }
    if (text === undefined) {
      why.push(
        `v${version}'s training run logged no ${DRIFT_REFERENCE_ARTIFACT}`,
      );
      return undefined;
    }
    let distributions: FeatureDistributions;
    try {
      distributions = parseDriftReferenceArtifact(text);
    } catch (error) {
      why.push(`v${version}'s ${errorText(error)}`);
      return undefined;
    }
    const reference: StoredDriftReference = {
      entityRef,
      source: 'training-run',
      version,
      reason: `the distributions logged with v${version}'s training run (${DRIFT_REFERENCE_ARTIFACT})`,
      capturedAt: this.now().toISOString(),
      distributions,
    };
    await this.deps.references.add(reference);
    return reference;
  }

  /** (b) The drift window right after the champion alias moved to the version, once that window has passed. */
  private async afterPromotionReference(
    entityRef: string,
    entity: ModelEntityV1alpha1,
    client: PrometheusClient,
    champion: { version: string; promotedAt?: string; promotionId?: string },
    why: string[],
  ): Promise<StoredDriftReference | undefined> {
    const { version, promotedAt, promotionId } = champion;
    if (!promotedAt) {
      why.push(
        `the promotion history has no move of the champion alias to v${version}`,
      );
      return undefined;
    }
    const window = this.deps.window;
    const end = new Date(
      Date.parse(promotedAt) +
        parseDuration(window, 'mlops.health.driftWindow'),
    );
    if (end > this.now()) {
      why.push(
        `the ${window} after v${version} became champion ends at ${end.toISOString()}, and becomes the reference then`,
      );
      return undefined;
    }
    const model = entity.spec.registry?.modelName ?? entity.metadata.name;
    const distributions = await this.deps.distributions.read(
      model,
      client,
      end,
    );
    if (
      !Object.keys(distributions.numerical).length &&
      !Object.keys(distributions.categorical).length
    ) {
      why.push(
        `Prometheus has no feature histograms for the ${window} after v${version} became champion`,
      );
      return undefined;
    }
    const reference: StoredDriftReference = {
      entityRef,
      source: 'after-promotion',
      version,
      reason: `the ${window} after v${version} became champion${
        promotionId ? ` (promotion ${promotionId})` : ''
      }`,
      capturedAt: end.toISOString(),
      distributions,
    };
    await this.deps.references.add(reference);
    return reference;
  }

  private now() {
    return this.deps.clock?.() ?? new Date();
  }
}
