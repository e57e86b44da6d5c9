import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CHAMPION_ALIAS,
  isModelEntity,
  PromotionRecord,
} from '@mlops-portal/plugin-mlops-common';
import { PrometheusClients } from '../../shared/prometheus/PrometheusClients';
import { DriftService } from './DriftService';

/**
 * When a version becomes champion, the Model's current feature distributions become its drift reference: drift
 * is then measured against the inputs the new champion went live on. A Model without feature histograms keeps
 * what it had.
 */
export function captureOnChampion(deps: {
  catalog: CatalogService;
  auth: AuthService;
  prometheus: PrometheusClients;
  drift: DriftService;
}): (record: PromotionRecord) => Promise<void> {
  return async record => {
    if (record.alias !== CHAMPION_ALIAS) {
      return;
    }
    const entity = await deps.catalog.getEntityByRef(record.entityRef, {
      credentials: await deps.auth.getOwnServiceCredentials(),
    });
    if (!entity || !isModelEntity(entity)) {
      return;
    }
    await deps.drift.captureReference(
      record.entityRef,
      entity,
      deps.prometheus.get(entity.spec.monitoring?.prometheus),
      {
        version: record.toVersion,
        reason: `v${record.toVersion} became champion (promotion ${record.id})`,
      },
    );
  };
}
