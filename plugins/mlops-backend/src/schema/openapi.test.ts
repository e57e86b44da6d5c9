import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  createRegisteredModelRequestSchema,
  createRegisteredModelResultSchema,
  healthSeriesQuerySchema,
  pipelineRunRequestSchema,
  promotionDecisionRequestSchema,
  promotionHistoryQuerySchema,
  promotionHistorySchema,
  promotionPlanSchema,
  promotionRecordSchema,
  promotionRequestSchema,
  promotionReleaseRequestSchema,
  registryViewSchema,
  rollbackRequestSchema,
  rolloutActionSchema,
  rolloutControlRequestSchema,
  rolloutListQuerySchema,
  rolloutListSchema,
  rolloutRecordSchema,
  rolloutRequestSchema,
  liveServingSchema,
  modelCardSchema,
  returnToStableRequestSchema,
  servingGitOpsSchema,
} from '@mlops-portal/plugin-mlops-common';
import express, { ErrorRequestHandler } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { createRouter } from '../router';
import { JsonSchema, jsonSchemaOfZod } from './__testUtils__/jsonSchemaOfZod';
import { spec } from './openapi.generated';
// The CLI's jest config parses YAML imports; the asset typings call them strings, as a bundler would.
import openapiYaml from './openapi.yaml';

/*
 * The spec, the router and the zod schemas of plugin-mlops-common describe one API; this fails when they part.
 * An operation is named `<method> <path>`, the path as the spec writes it.
 */

const yamlSpec = openapiYaml as unknown as typeof spec;
const entity = '/v1/entities/{kind}/{namespace}/{name}';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Operation = {
  parameters?: JsonSchema[];
  requestBody?: JsonSchema;
  responses: Record<string, JsonSchema>;
};

/** Every operation of the spec by `<method> <path>`. */
function specOperations(): Map<string, Operation> {
  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, unknown>)[method];
      if (operation) {
        operations.set(`${method} ${path}`, operation as Operation);
      }
    }
  }
  return operations;
}

/** The router's routes as `<method> <path>`: `:id` as `{id}`, and a `:p(a|b)` route as one path per choice. */
async function routerOperations(): Promise<string[]> {
  // Only the routes' registration runs, which reads no service.
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
  } as unknown as Parameters<typeof createRouter>[0]);
  const stack = (router as unknown as { stack: RouterLayer[] }).stack;
  return stack.flatMap(layer => {
    if (!layer.route) {
      return [];
    }
    const paths = expandChoices(layer.route.path).map(p =>
      p.replace(/:(\w+)/g, '{$1}'),
    );
    const methods = Object.keys(layer.route.methods).filter(
      m => layer.route!.methods[m],
    );
    return paths.flatMap(p => methods.map(m => `${m} ${p}`));
  });
}
type RouterLayer = {
  route?: { path: string; methods: Record<string, boolean> };
};
function expandChoices(path: string): string[] {
  const match = /:(\w+)\(([^)]*)\)/.exec(path);
  if (!match) {
    return [path];
  }
  return match[2]
    .split('|')
    .flatMap(choice => expandChoices(path.replace(match[0], choice)));
}

const NOT_COMPARED = new Set([
  'description',
  'summary',
  'title',
  'example',
  'examples',
]);

/** A spec schema with `$ref`s resolved and prose dropped, `required` in a fixed order, to compare as data. */
function resolved(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(resolved);
  }
  if (!schema || typeof schema !== 'object') {
    return schema;
  }
  const { $ref, ...rest } = schema as Record<string, unknown>;
  const target =
    typeof $ref === 'string'
      ? (resolved(lookup($ref)) as Record<string, unknown>)
      : {};
  const own = Object.fromEntries(
    Object.entries(rest)
      .filter(([key]) => !NOT_COMPARED.has(key))
      .map(([key, value]) => [key, resolvedMember(key, value)]),
  );
  return { ...target, ...own };
}
function resolvedMember(key: string, value: unknown): unknown {
  if (key === 'required' && Array.isArray(value)) {
    return [...value].sort();
  }
  if (key === 'properties') {
    // Property names are data, even `description` or `example`.
    return Object.fromEntries(
      Object.entries(value as object).map(([k, v]) => [k, resolved(v)]),
    );
  }
  return resolved(value);
}
function lookup(ref: string): unknown {
  const path = ref.replace(/^#\//, '').split('/');
  return path.reduce<any>((node, key) => node?.[key], spec);
}

/** A zod schema as the spec would write it, `required` in the same fixed order as {@link resolved}. */
function expected(schema: z.ZodTypeAny): unknown {
  return JSON.parse(JSON.stringify(jsonSchemaOfZod(schema)), (key, value) =>
    key === 'required' && Array.isArray(value) ? [...value].sort() : value,
  );
}

function requestBodySchema(operation: Operation): unknown {
  const body = resolved(operation.requestBody) as {
    content: Record<string, { schema: unknown }>;
  };
  return body.content['application/json'].schema;
}

function responseSchema(operation: Operation, status: string): unknown {
  const response = resolved(operation.responses[status]) as {
    content?: Record<string, { schema: unknown }>;
  };
  return response.content?.['application/json'].schema;
}

/** The query parameters of an operation as one object schema, which is how the routes parse them. */
function querySchema(operation: Operation): unknown {
  const query = (operation.parameters ?? [])
    .map(
      p =>
        resolved(p) as {
          name: string;
          in: string;
          required?: boolean;
          schema: unknown;
        },
    )
    .filter(p => p.in === 'query');
  if (!query.length) {
    return undefined;
  }
  const required = query.filter(p => p.required).map(p => p.name);
  return {
    type: 'object',
    properties: Object.fromEntries(query.map(p => [p.name, p.schema])),
    ...(required.length ? { required: required.sort() } : {}),
    // The routes refuse query parameters they do not know, which a spec cannot say.
    additionalProperties: false,
  };
}

const controls = rolloutActionSchema.options.map(
  a => `post /v1/rollouts/{id}/${a}`,
);

const requestBodies = new Map<string, z.ZodTypeAny>([
  [`post ${entity}/promotions`, promotionRequestSchema],
  [`post ${entity}/rollbacks`, rollbackRequestSchema],
  ['post /v1/promotions/{id}/approve', promotionDecisionRequestSchema],
  ['post /v1/promotions/{id}/reject', promotionDecisionRequestSchema],
  ['post /v1/promotions/{id}/release', promotionReleaseRequestSchema],
  ['post /v1/registry/models', createRegisteredModelRequestSchema],
  ['post /v1/rollouts', rolloutRequestSchema],
  ...controls.map(c => [c, rolloutControlRequestSchema] as const),
  [`post ${entity}/runs`, pipelineRunRequestSchema],
  [`post ${entity}/serving/return-to-stable`, returnToStableRequestSchema],
]);

const queries = new Map<string, z.ZodTypeAny>([
  [`get ${entity}/promotions`, promotionHistoryQuerySchema],
  ['get /v1/rollouts', rolloutListQuerySchema],
  [`get ${entity}/health/series`, healthSeriesQuerySchema],
]);

// The answers with a zod schema; the others are typed by the spec through the typed router (MlopsApiRouter).
const answers: Array<[string, string, z.ZodTypeAny]> = [
  [`get ${entity}/registry`, '200', registryViewSchema],
  [`get ${entity}/promotions`, '200', promotionHistorySchema],
  [`post ${entity}/promotions`, '200', promotionPlanSchema],
  [`post ${entity}/promotions`, '201', promotionRecordSchema],
  [`post ${entity}/rollbacks`, '201', promotionRecordSchema],
  ['post /v1/promotions/{id}/approve', '200', promotionRecordSchema],
  ['post /v1/promotions/{id}/reject', '200', promotionRecordSchema],
  ['post /v1/promotions/{id}/release', '200', promotionRecordSchema],
  ['post /v1/registry/models', '200', createRegisteredModelResultSchema],
  ['post /v1/registry/models', '201', createRegisteredModelResultSchema],
  ['get /v1/rollouts', '200', rolloutListSchema],
  [`get ${entity}/serving`, '200', liveServingSchema],
  [`get ${entity}/model-card`, '200', modelCardSchema],
  [`get ${entity}/serving/gitops`, '200', servingGitOpsSchema],
  [`post ${entity}/serving/return-to-stable`, '200', liveServingSchema],
  ['post /v1/rollouts', '200', rolloutRecordSchema],
  ['post /v1/rollouts', '201', rolloutRecordSchema],
  ['get /v1/rollouts/{id}', '200', rolloutRecordSchema],
  ...controls.map(
    c => [c, '200', rolloutRecordSchema] as [string, string, z.ZodTypeAny],
  ),
];

describe('the OpenAPI spec', () => {
  const operations = specOperations();

  it('is what openapi.generated.ts holds (run node scripts/generate-openapi-spec.mjs after editing the YAML)', () => {
    expect(spec).toEqual(yamlSpec);
  });

  it('lists exactly the routes the router has', async () => {
    expect((await routerOperations()).sort()).toEqual(
      [...operations.keys(), 'get /openapi.json'].sort(),
    );
  });

  it.each([...requestBodies])(
    'describes the body of %s as its zod schema does',
    (operation, schema) => {
      expect(requestBodySchema(operations.get(operation)!)).toEqual(
        expected(schema),
      );
    },
  );

  it('has a zod schema for every request body it describes', () => {
    const withBody = [...operations]
      .filter(([, o]) => o.requestBody)
      .map(([name]) => name);
    expect(withBody.sort()).toEqual([...requestBodies.keys()].sort());
  });

  it.each([...queries])(
    'describes the query of %s as its zod schema does',
    (operation, schema) => {
      expect(querySchema(operations.get(operation)!)).toEqual(expected(schema));
    },
  );

  it('has a zod schema for every query it describes', () => {
    const withQuery = [...operations]
      .filter(([, o]) => querySchema(o))
      .map(([name]) => name);
    expect(withQuery.sort()).toEqual([...queries.keys()].sort());
  });

  it.each(answers)(
    'describes the %s answer %s as its zod schema does',
    (operation, status, schema) => {
      expect(responseSchema(operations.get(operation)!, status)).toEqual(
        expected(schema),
      );
    },
  );

  it("gives every error answer Backstage's error shape", () => {
    const error = resolved(spec.components.schemas.Error);
    for (const [name, operation] of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) {
          continue;
        }
        const schema = responseSchema(operation, status) as {
          allOf?: unknown[];
        };
        expect({ name, status, schema: schema.allOf?.[0] ?? schema }).toEqual({
          name,
          status,
          schema: error,
        });
        expect(response).toBeDefined();
      }
    }
  });
});

describe('the router', () => {
  const app = async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
    } as unknown as Parameters<typeof createRouter>[0]);
    // Backstage's error middleware in small: the name decides the status.
    const errors: ErrorRequestHandler = (error, _req, res, _next) => {
      const statusCode = error.name === 'InputError' ? 400 : 500;
      res.status(statusCode).json({
        error: { name: error.name, message: error.message },
        response: { statusCode },
      });
    };
    return express().use('/api/mlops', router).use(errors);
  };

  it('serves the spec at /openapi.json, its paths under the mount point', async () => {
    const res = await request(await app()).get('/api/mlops/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).sort()).toEqual(
      Object.keys(spec.paths)
        .map(p => `/api/mlops${p}`)
        .sort(),
    );
  });

  it("leaves request validation to the zod schemas, whose messages are the API's", async () => {
    const res = await request(await app())
      .post('/api/mlops/v1/entities/model/default/fraud-detector/promotions')
      .set('Authorization', mockCredentials.user.header())
      .send({ alias: 'bad alias', version: 'seven', reason: 'ok', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid promotion request: alias: letters, digits, - and _ only; version: a registry version number, e.g. "7"; reason: say why, in at least 3 characters; promotion request: Unrecognized key(s) in object: \'extra\'',
    );
  });
});
