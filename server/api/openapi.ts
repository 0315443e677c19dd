import { z } from 'zod';
import type { Route } from './route.js';

/**
 * The OpenAPI 3.1 document, generated from the same route declarations (and zod schemas) that
 * validate requests. OpenAPI 3.1 uses JSON Schema 2020-12, which is what zod emits.
 */
type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>;
  required?: string[];
  allOf?: JsonSchema[];
};

function jsonSchema(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def;
      if (def.type === 'date') {
        ctx.jsonSchema.type = 'string';
        ctx.jsonSchema.format = 'date-time';
      }
    },
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** The properties of an object schema, including the parts of an intersection. */
function objectProperties(s: JsonSchema): {
  props: Record<string, JsonSchema>;
  required: string[];
} {
  const props: Record<string, JsonSchema> = { ...(s.properties ?? {}) };
  const required = [...(s.required ?? [])];
  for (const part of s.allOf ?? []) {
    const inner = objectProperties(part);
    Object.assign(props, inner.props);
    required.push(...inner.required);
  }
  return { props, required };
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const { props, required } = objectProperties(jsonSchema(schema));
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      schema: rest,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

const errorRef = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function buildOpenApi(routes: readonly Route[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, unknown> = {
      [String(r.status)]: { description: r.status === 204 ? 'done, no content' : 'success' },
      '400': errorRef('invalid input: details lists {path, message} per wrong field'),
    };
    if (r.access !== 'public') {
      responses['401'] = errorRef('no valid session');
      if (r.access !== 'any') responses['403'] = errorRef(`needs role ${r.access.join(' or ')}`);
    }
    if (r.params) responses['404'] = errorRef('no such record');
    if (r.method !== 'get') responses['409'] = errorRef('conflict (see error code and details)');
    if (r.path === '/auth/login') responses['429'] = errorRef('too many failed logins');
    const operation: Record<string, unknown> = {
      operationId: `${r.method}${path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses,
      security: r.access === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
      ...(r.access !== 'public' && r.access !== 'any' ? { 'x-roles': r.access } : {}),
    };
    if (r.rawBody) {
      operation.requestBody = {
        required: true,
        description: r.rawBody.description,
        content: Object.fromEntries(
          r.rawBody.types.map((t) => [t, { schema: { type: 'string' } }]),
        ),
      };
    } else if (r.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(r.body) } },
      };
    }
    (paths[path] ??= {})[r.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Contact center CRM API',
      version,
      description:
        'Customers, complaints, callbacks, outbound campaigns and the do-not-call list, knowledge, ' +
        'users, strategies, reports and audit. ' +
        'Errors are {error, message, details}.',
    },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'token from POST /auth/login' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'cc_session' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'message'],
          properties: {
            error: { type: 'string', description: 'machine-readable code' },
            message: { type: 'string' },
            details: {},
          },
        },
      },
    },
  };
}
