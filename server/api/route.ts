import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Role, SessionUser } from '../../crm-core/index.js';
import { HttpError } from '../http/errors.js';

/**
 * A route is declared once, with its zod schemas, and that one declaration both validates the
 * request and describes it in the OpenAPI document, so the two cannot drift apart.
 */
export type Access = 'public' | 'any' | readonly Role[];
export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface RouteContext<P, Q, B, A extends Access> {
  params: P;
  query: Q;
  body: B;
  /** The logged-in user; null only on public routes. */
  user: A extends 'public' ? null : SessionUser;
  /** The user's id as the CRM stores it (null on public routes). */
  actorId: A extends 'public' ? null : number;
  req: Request;
  res: Response;
}

export interface RouteDef<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  A extends Access,
> {
  method: Method;
  /** Express syntax: `/customers/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Success status; 200 unless given. 204 sends no body. */
  status?: number;
  /** A body that is a file (CSV), not JSON: read as bytes into `req.body` (a Buffer). */
  rawBody?: RawBody;
  /** Returns the JSON body, or undefined after writing the response itself (CSV, cookies). */
  handle(ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>, A>): Promise<unknown>;
}

export interface RawBody {
  /** Media types accepted, e.g. text/csv. */
  types: readonly string[];
  description: string;
}

/** What the OpenAPI builder and the router need, with the handler already wrapped. */
export interface Route {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  status: number;
  rawBody?: RawBody;
  /** Runs after authentication has put the user (or null) in `res.locals.user`. */
  handler: RequestHandler;
}

export function invalidInput(where: string, error: z.ZodError): HttpError {
  const details = error.issues.map((i) => ({
    path: i.path.map(String).join('.') || where,
    message: i.message,
  }));
  const first = details[0];
  return new HttpError(
    400,
    'invalid_input',
    `invalid ${where}${first ? `: ${first.path}: ${first.message}` : ''}`,
    details,
  );
}

function parsePart<T extends z.ZodType>(
  schema: T | undefined,
  value: unknown,
  where: string,
): z.output<T> | undefined {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? (where === 'body' ? {} : value));
  if (!r.success) throw invalidInput(where, r.error);
  return r.data;
}

export function route<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  A extends Access = Access,
>(def: RouteDef<P, Q, B, A>): Route {
  const status = def.status ?? 200;
  const handler: RequestHandler = async (req, res) => {
    const user = (res.locals.user ?? null) as SessionUser | null;
    const ctx = {
      params: parsePart(def.params, req.params, 'params'),
      query: parsePart(def.query, req.query, 'query'),
      body: parsePart(def.body, req.body, 'body'),
      user,
      actorId: user ? Number(user.userId) : null,
      req,
      res,
    } as RouteContext<z.output<P>, z.output<Q>, z.output<B>, A>;
    const out = await def.handle(ctx);
    if (res.headersSent) return;
    if (status === 204 || out === undefined) {
      res.status(status === 200 && out === undefined ? 204 : status).end();
      return;
    }
    res.status(status).json(out);
  };
  return {
    method: def.method,
    path: def.path,
    summary: def.summary,
    tag: def.tag,
    access: def.access,
    status,
    handler,
    ...(def.params ? { params: def.params } : {}),
    ...(def.query ? { query: def.query } : {}),
    ...(def.body ? { body: def.body } : {}),
    ...(def.rawBody ? { rawBody: def.rawBody } : {}),
  };
}

export const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
});

/** The bytes of a rawBody route's request; 400 naming the accepted types when there are none. */
export function rawBytes(req: Request, raw: RawBody): Buffer {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body) && body.length > 0) return body;
  throw new HttpError(
    400,
    'invalid_input',
    `body: send the file as the request body with Content-Type ${raw.types.join(' or ')}`,
    [{ path: 'body', message: `expected ${raw.types.join(' or ')}` }],
  );
}
