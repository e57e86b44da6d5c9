import { CustomErrorBase } from '@backstage/errors';

/**
 * An upstream answered, but not usefully (5xx, refused credentials, an unexpected error). The router answers 502;
 * the message names the upstream.
 */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
}
