import type { Ctx } from '../context.js';
import { badRequest } from '../errors.js';

/**
 * The simulator's ARI route table. The REST server dispatches on it and the Swagger 1.1
 * documents ari-client loads are generated from it, so the two never disagree.
 */
export type ResourceName =
  | 'asterisk'
  | 'endpoints'
  | 'channels'
  | 'bridges'
  | 'recordings'
  | 'sounds'
  | 'playbacks'
  | 'deviceStates'
  | 'mailboxes'
  | 'events'
  | 'applications';

export type DataType = 'string' | 'int' | 'long' | 'boolean' | 'containers';

export interface ParamSpec {
  name: string;
  description: string;
  paramType: 'path' | 'query' | 'body';
  required: boolean;
  allowMultiple: boolean;
  dataType: DataType;
  defaultValue?: string | number | boolean;
  allowableValues?: readonly string[];
  /** The error message Asterisk gives for a value outside allowableValues, when it has its own. */
  invalidMessage?: string;
}

export type Reply =
  { status: number; body?: unknown } | { status: number; binary: Buffer; contentType: string };

export interface Route {
  resource: ResourceName;
  path: string;
  /** What the path is, for the document's `apis[].description`. */
  pathDescription: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  nickname: string;
  summary: string;
  responseClass: string;
  params: ParamSpec[];
  errors: { code: number; reason: string }[];
  handle(args: Args, ctx: Ctx): Reply;
}

/** Validated request values, typed by the route's parameter specs. */
export class Args {
  constructor(
    private readonly values: Map<string, string | string[]>,
    readonly body: unknown,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  str(name: string): string {
    const v = this.values.get(name);
    if (v === undefined) throw badRequest(`${name} is required`);
    return Array.isArray(v) ? v.join(',') : v;
  }

  opt(name: string): string | undefined {
    return this.values.has(name) ? this.str(name) : undefined;
  }

  int(name: string): number | undefined {
    const v = this.opt(name);
    return v === undefined ? undefined : Number(v);
  }

  bool(name: string): boolean | undefined {
    const v = this.opt(name);
    return v === undefined ? undefined : v === 'true';
  }

  list(name: string): string[] {
    const v = this.values.get(name);
    if (v === undefined) return [];
    return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s !== '');
  }
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const created = (body: unknown): Reply => ({ status: 201, body });
export const noContent = (): Reply => ({ status: 204 });

/** Parameter-spec shorthands. */
export function pathParam(name: string, description: string): ParamSpec {
  return {
    name,
    description,
    paramType: 'path',
    required: true,
    allowMultiple: false,
    dataType: 'string',
  };
}

export function query(
  name: string,
  description: string,
  extra: Partial<Omit<ParamSpec, 'name' | 'description' | 'paramType'>> = {},
): ParamSpec {
  return {
    name,
    description,
    paramType: 'query',
    required: false,
    allowMultiple: false,
    dataType: 'string',
    ...extra,
  };
}

export function variablesBody(): ParamSpec {
  return {
    name: 'variables',
    description:
      'The "variables" key in the body object holds variable key/value pairs to set on the channel on creation.',
    paramType: 'body',
    required: false,
    allowMultiple: false,
    dataType: 'containers',
  };
}
