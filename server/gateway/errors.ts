/**
 * The one error class of the console gateway and routes. `code` reaches the client as the ack's
 * `error` (or the HTTP body's `error`), `status` is used by the REST routes.
 */
export type ConsoleErrorCode =
  | 'no_session'
  | 'session_invalid'
  | 'origin_not_allowed'
  | 'invalid_input'
  | 'forbidden'
  | 'not_your_call'
  | 'internal';

const STATUS: Record<ConsoleErrorCode, number> = {
  no_session: 401,
  session_invalid: 401,
  origin_not_allowed: 403,
  invalid_input: 400,
  forbidden: 403,
  not_your_call: 409,
  internal: 500,
};

export class ConsoleError extends Error {
  readonly status: number;

  constructor(
    readonly code: ConsoleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleError';
    this.status = STATUS[code];
  }
}

/** The HTTP status for an error code, including codes that ports define. */
export function statusForCode(code: string): number {
  if (code in STATUS) return STATUS[code as ConsoleErrorCode];
  if (code === 'not_found') return 404;
  return 409;
}

/** A refusal from a port: any error with a string code, e.g. `not_your_call` or `invalid_state`. */
export function refusalOf(err: unknown): { code: string; message: string; status: number } | null {
  if (err instanceof ConsoleError)
    return { code: err.code, message: err.message, status: err.status };
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; message?: unknown; status?: unknown };
  if (typeof e.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(e.code)) return null;
  return {
    code: e.code,
    message: typeof e.message === 'string' ? e.message : e.code,
    status: typeof e.status === 'number' ? e.status : 409,
  };
}
