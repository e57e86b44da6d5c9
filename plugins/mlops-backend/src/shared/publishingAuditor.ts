import {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { JsonObject } from '@backstage/types';
import {
  MLOPS_EVENTS_TOPIC,
  MlopsEventPayload,
} from '@mlops-portal/plugin-mlops-common';
import { Request } from 'express';

/** Who a change is by when no request carries it: what the plugin does by itself. */
const PLUGIN_ACTOR = 'plugin:mlops';

/**
 * The plugin's auditor, which also publishes every audited state change that succeeded on the `mlops` events
 * topic (see {@link MlopsEventPayload}), so other plugins and an adopter's modules can react. Dry runs change
 * nothing and are not published; a failed publish is logged and never fails the change it reports.
 */
export function publishingAuditor(
  auditor: AuditorService,
  deps: {
    events: EventsService;
    auth: AuthService;
    httpAuth: HttpAuthService;
    logger: LoggerService;
  },
): AuditorService {
  const actorOf = async (request?: Request<any, any, any, any, any>) => {
    if (!request) return undefined;
    const credentials = await deps.httpAuth.credentials(request);
    if (deps.auth.isPrincipal(credentials, 'user')) {
      return credentials.principal.userEntityRef;
    }
    if (deps.auth.isPrincipal(credentials, 'service')) {
      return credentials.principal.subject;
    }
    return undefined;
  };
  return {
    async createEvent(options) {
      const event = await auditor.createEvent(options);
      return {
        fail: params => event.fail(params),
        async success(params) {
          await event.success(params);
          const details: JsonObject = { ...options.meta, ...params?.meta };
          if (details.dryRun === true) return;
          try {
            const entityRef = details.entityRef;
            const payload: MlopsEventPayload = {
              type: options.eventId,
              ...(typeof entityRef === 'string' ? { entityRef } : {}),
              actor:
                (await actorOf(options.request)) ??
                (typeof details.actor === 'string'
                  ? details.actor
                  : PLUGIN_ACTOR),
              time: new Date().toISOString(),
              details,
            };
            await deps.events.publish({
              topic: MLOPS_EVENTS_TOPIC,
              eventPayload: payload,
            });
          } catch (error) {
            deps.logger.warn(
              `Could not publish '${options.eventId}' on the ${MLOPS_EVENTS_TOPIC} events topic: ${error}`,
            );
          }
        },
      };
    },
  };
}
