import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { PromotionRecord } from '@mlops-portal/plugin-mlops-common';
import { MlflowClient } from '../shared/mlflow/MlflowClient';
import { PromotionStore } from './PromotionStore';
import { upstreamErrorToServiceError } from '../shared/errors/upstreamErrorToServiceError';

/**
 * Moves the alias in MLflow for a request that holds its lock, then records the outcome. When MLflow fails,
 * the alias is read back: a move that happened despite the error is recorded as done, anything else as failed.
 * A completed move is then passed to `onAliasMoved` (e.g. to snapshot the drift reference of a new champion).
 */
export async function executeAliasMove(
  deps: {
    store: PromotionStore;
    logger: LoggerService;
    /** Told of every completed move; its failures are logged, never undo or fail the move. */
    onAliasMoved?: (record: PromotionRecord) => Promise<void>;
  },
  record: PromotionRecord,
  client: MlflowClient,
): Promise<PromotionRecord> {
  const finish = async (update: Partial<PromotionRecord>) => {
    await deps.store.transition(record.id, 'in_progress', update);
    return { ...record, ...update } as PromotionRecord;
  };
  try {
    const registered = await client.getRegisteredModel(record.registeredModel);
    const current = registered.aliases?.find(
      a => a.alias === record.alias,
    )?.version;
    if (current !== record.fromVersion) {
      await finish({
        state: 'failed',
        error: `alias moved outside the portal to ${current ?? '(none)'}`,
      });
      throw new ConflictError(
        `Alias '${record.alias}' now points at version ${
          current ?? '(none)'
        }, not ${
          record.fromVersion ?? '(none)'
        } as when requested; request again`,
      );
    }
    await client.setAlias(
      record.registeredModel,
      record.alias,
      record.toVersion,
    );
  } catch (error) {
    if (error instanceof ConflictError) {
      throw error;
    }
    const landed = await client
      .getRegisteredModel(record.registeredModel)
      .then(
        m =>
          m.aliases?.find(a => a.alias === record.alias)?.version ===
          record.toVersion,
      )
      .catch(() => false);
    if (!landed) {
      await finish({ state: 'failed', error: (error as Error).message });
      throw upstreamErrorToServiceError(error);
    }
  }
  const done = await finish({
    state: 'completed',
    completedAt: new Date().toISOString(),
  });
  deps.logger.info(
    `${done.requestedBy} ${done.action}d ${done.entityRef} ${done.alias}: ${
      done.fromVersion ?? '(none)'
    } → ${done.toVersion} (${done.id})`,
  );
  if (deps.onAliasMoved) {
    await deps
      .onAliasMoved(done)
      .catch(error =>
        deps.logger.warn(
          `After moving ${done.alias} of ${done.entityRef}: ${error}`,
        ),
      );
  }
  return done;
}
