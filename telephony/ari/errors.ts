/**
 * The ARI port's one error class. `code` says what went wrong in terms the call layer can act
 * on; `status` is the HTTP status Asterisk answered with, when it is known.
 */
export type AriErrorCode =
  | 'not-found'
  | 'not-in-stasis'
  | 'conflict'
  | 'invalid'
  | 'allocation-failed'
  | 'unauthorized'
  | 'unavailable'
  | 'not-connected'
  | 'failed';

export class AriError extends Error {
  constructor(
    readonly code: AriErrorCode,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AriError';
  }
}

const NETWORK_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
];

/**
 * ari-client rejects with `new Error(<response body>)` and drops the HTTP status, so the
 * failure is classified from Asterisk's message (the port's own REST calls also know the status): `{"message":"Channel not found"}` (404),
 * `{"message":"Channel not in Stasis application"}` (409/422), `{"error":"Allocation failed"}`
 * (500 on originate).
 */
export function classifyAriFailure(err: unknown, operation: string): AriError {
  if (err instanceof AriError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.includes(code)) {
    return new AriError('unavailable', `${operation}: ARI unreachable (${code})`, undefined, {
      cause: err,
    });
  }
  const raw =
    err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  return fromMessage(raw, operation, undefined, err);
}

/** An error status Asterisk answered with, and its body (`{"message": ...}` or `{"error": ...}`). */
export function classifyAriReply(status: number, body: string, operation: string): AriError {
  return fromMessage(body, operation, status);
}

const BY_STATUS: Record<number, AriErrorCode> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'unauthorized',
  404: 'not-found',
  409: 'conflict',
  503: 'unavailable',
};

function fromMessage(raw: string, operation: string, status?: number, cause?: unknown): AriError {
  let text = raw;
  try {
    const body = JSON.parse(raw) as { message?: unknown; error?: unknown };
    const m = body.message ?? body.error;
    if (typeof m === 'string') text = m;
  } catch {
    // Not JSON: the message is the text itself.
  }
  const detail = `${operation}: ${text || `HTTP ${status ?? '?'}`}`;
  const opts = cause === undefined ? undefined : { cause };
  const known = (code: AriErrorCode, guess: number) =>
    new AriError(code, detail, status ?? guess, opts);
  if (/allocation failed/i.test(text)) return known('allocation-failed', 500);
  if (/not in (a )?stasis/i.test(text)) return known('not-in-stasis', 409);
  if (/not found|not in session/i.test(text)) return known('not-found', 404);
  if (/already exists|in progress/i.test(text)) return known('conflict', 409);
  if (/service unavailable/i.test(text)) return known('unavailable', 503);
  if (/authentication|unauthori[sz]ed/i.test(text)) return known('unauthorized', 401);
  if (/invalid|required|must/i.test(text)) return known('invalid', 400);
  const byStatus = status === undefined ? undefined : BY_STATUS[status];
  return new AriError(byStatus ?? 'failed', detail, status, opts);
}
