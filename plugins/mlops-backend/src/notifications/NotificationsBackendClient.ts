import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** How urgent a notification is, as Backstage's notifications show it. */
export type NotificationSeverity = 'critical' | 'high' | 'normal' | 'low';

/**
 * A notification's content, as `POST /api/notifications` of Backstage's notifications backend takes it
 * (`NotificationPayload` of `@backstage/plugin-notifications-common`).
 */
export type NotificationPayload = {
  title: string;
  description?: string;
  link?: string;
  severity?: NotificationSeverity;
  /** What a user mutes in the notification settings. */
  topic?: string;
  /** A later notification of the same scope (and origin) updates this one instead of adding another. */
  scope?: string;
  /** What the notification is about, for other consumers (the entity, the promotion or rollout id, …). */
  metadata?: Record<string, unknown>;
};

/** Who receives it: entity references (users, or groups the backend expands to their members), less some. */
export type EntityNotificationRecipients = {
  type: 'entity';
  entityRef: string | string[];
  excludeEntityRef?: string | string[];
};

/**
 * Sends notifications to Backstage's notifications backend over its REST API, as the plugin itself: the same
 * request `@backstage/plugin-notifications-node`'s default `notificationService` makes. The portal does not use
 * that service ref so that it does not depend on `@backstage/plugin-notifications-node`: an app on the release
 * this version is built for that has no notifications yet would take the newest one with it, published after its
 * release, and second copies of `@backstage/config` and `@backstage/errors` with that (the install test found it).
 * A notifications backend that is not installed is a failed send, which the notifier logs.
 */
export class NotificationsBackendClient {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  /** Sends one notification; throws (naming the status) when the notifications backend refuses or is absent. */
  async send(notification: {
    recipients: EntityNotificationRecipients;
    payload: NotificationPayload;
  }): Promise<void> {
    const baseUrl = await this.deps.discovery.getBaseUrl('notifications');
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: await this.deps.auth.getOwnServiceCredentials(),
      targetPluginId: 'notifications',
    });
    const response = await fetch(baseUrl, {
      method: 'POST',
      body: JSON.stringify(notification),
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
      },
    });
    if (!response.ok) {
      throw new Error(
        `the notifications backend answered ${response.status} ${response.statusText}`,
      );
    }
  }
}
