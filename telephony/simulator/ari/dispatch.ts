import type { Ctx } from '../context.js';
import { AriHttpError, badRequest } from '../errors.js';
import { Args, type ParamSpec, type Reply, type Route } from './route.js';

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
  literals: number;
}

/** Matches REST requests to the route table, checks parameters against their specs, runs the handler. */
export class AriDispatcher {
  private readonly compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes
      .map((route) => {
        const names: string[] = [];
        const parts = route.path.split('/').filter(Boolean);
        const regex = new RegExp(
          '^/' +
            parts
              .map((p) => {
                const m = /^\{(\w+)\}$/.exec(p);
                if (!m) return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
                names.push(m[1]!);
                return '([^/]+)';
              })
              .join('/') +
            '$',
        );
        return { route, regex, names, literals: parts.length - names.length };
      })
      // A literal segment wins over a variable one: /channels/create before /channels/{channelId}.
      .sort((a, b) => b.literals - a.literals);
  }

  /** `path` is relative to /ari; `query` and `body` as received. */
  dispatch(ctx: Ctx, method: string, path: string, query: URLSearchParams, body: unknown): Reply {
    const matches = this.compiled
      .map((c) => ({ c, m: c.regex.exec(path) }))
      .filter((x): x is { c: Compiled; m: RegExpExecArray } => x.m !== null);
    if (matches.length === 0) throw new AriHttpError(404, 'Resource not found');
    const hit = matches.find((x) => x.c.route.method === method);
    if (!hit) throw new AriHttpError(405, 'Invalid method');
    const { route, names } = hit.c;
    const values = new Map<string, string | string[]>();
    names.forEach((n, i) => values.set(n, decodeURIComponent(hit.m[i + 1]!)));
    const bodyParam = route.params.find((p) => p.paramType === 'body');
    for (const spec of route.params) {
      if (spec.paramType !== 'query') continue;
      const all = query.getAll(spec.name);
      const fromBody = bodyValue(body, spec.name);
      if (all.length > 1) values.set(spec.name, all);
      else if (all.length === 1) values.set(spec.name, all[0]!);
      else if (fromBody !== undefined) values.set(spec.name, fromBody);
    }
    for (const spec of route.params) check(spec, values.get(spec.name));
    const args = new Args(values, bodyParam ? body : undefined);
    return route.handle(args, ctx);
  }
}

/** ARI reads query parameters from a JSON body's other keys too. */
function bodyValue(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function check(spec: ParamSpec, value: string | string[] | undefined): void {
  if (spec.paramType === 'body') return;
  if (value === undefined || value === '') {
    if (spec.required) throw badRequest(`${spec.name} is required`);
    return;
  }
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) =>
    spec.allowMultiple ? v.split(',') : [v],
  );
  for (const item of items) {
    if ((spec.dataType === 'int' || spec.dataType === 'long') && !/^-?\d+$/.test(item)) {
      throw badRequest(`${spec.name} must be an integer`);
    }
    if (spec.dataType === 'boolean' && item !== 'true' && item !== 'false') {
      throw badRequest(`${spec.name} must be true or false`);
    }
    if (spec.allowableValues && !spec.allowableValues.includes(item)) {
      throw badRequest(spec.invalidMessage ?? `Invalid value for ${spec.name}: ${item}`);
    }
  }
}
