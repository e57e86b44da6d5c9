import { ApiRouter } from '@backstage/backend-openapi-utils';
import { spec } from './openapi.generated';

/**
 * The express router typed by the OpenAPI spec: a route must be a path and method of `openapi.yaml`, and its
 * path parameters and answers have the spec's types, so a service's return type and the spec cannot drift apart.
 */
export type MlopsApiRouter = ApiRouter<typeof spec>;
