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
 * failure is classified from Asterisk's message: `{"message":"Channel not found"}` (404),
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
  let text = raw;
  try {
    const body = JSON.parse(raw) as { message?: unknown; error?: unknown };
    const m = body.message ?? body.error;
    if (typeof m === 'string') text = m;
  } catch {
    // Not JSON: the message is the text itself.
  }
  const detail = `${operation}: ${text}`;
  if (/allocation failed/i.test(text))
    return new AriError('allocation-failed', detail, 500, { cause: err });
  if (/not in (a )?stasis/i.test(text))
    return new AriError('not-in-stasis', detail, 409, { cause: err });
  if (/not found|not in session/i.test(text))
    return new AriError('not-found', detail, 404, { cause: err });
  if (/already exists|in progress/i.test(text))
    return new AriError('conflict', detail, 409, { cause: err });
  if (/service unavailable/i.test(text))
    return new AriError('unavailable', detail, 503, { cause: err });
  if (/authentication|unauthori[sz]ed/i.test(text))
    return new AriError('unauthorized', detail, 401, { cause: err });
  if (/invalid|required|must/i.test(text))
    return new AriError('invalid', detail, 400, { cause: err });
  return new AriError('failed', detail, undefined, { cause: err });
}
