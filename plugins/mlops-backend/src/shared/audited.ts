import { AuditorService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/**
 * Runs a state-changing request's work inside an audit event: `success` with what `outcome` picks from the
 * result, or `fail` with the error (which is rethrown for the error middleware to answer).
 */
export async function audited<T>(
  auditor: AuditorService,
  req: Request,
  event: {
    eventId: string;
    meta: JsonObject;
    severityLevel?: 'low' | 'medium' | 'high' | 'critical';
    /** What of the result the success event records, e.g. `{rolloutId, state}`. */
    outcome?: (result: T) => JsonObject;
  },
  work: () => Promise<T>,
): Promise<T> {
  const auditEvent = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: event.severityLevel ?? 'medium',
    request: req,
    meta: event.meta,
  });
  try {
    const result = await work();
    await auditEvent.success({
      meta: event.outcome ? event.outcome(result) : {},
    });
    return result;
  } catch (error) {
    await auditEvent.fail({
      error: isError(error) ? error : new Error(String(error)),
    });
    throw error;
  }
}
