import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/**
 * Errors are translated once, here, into `{error, message, details}`. Module errors carry a
 * string `code` and an HTTP `status`; anything else is a 500 whose text stays in the log.
 */
export interface HttpFacingError {
  code: string;
  status: number;
  message: string;
  details?: unknown;
}

export function isHttpFacingError(err: unknown): err is HttpFacingError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as HttpFacingError).code === 'string' &&
    typeof (err as HttpFacingError).status === 'number'
  );
}

export class HttpError extends Error implements HttpFacingError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({
    error: 'not_found',
    message: `no route ${req.method} ${req.originalUrl.split('?')[0]}`,
  });
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    if (isHttpFacingError(err)) {
      const body: Record<string, unknown> = { error: err.code, message: err.message };
      if (err.details !== undefined) body.details = err.details;
      res.status(err.status).json(body);
      return;
    }
    // express.json() raises these for malformed or oversized bodies.
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ error: 'invalid_json', message: 'the request body is not valid JSON' });
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: 'too_large', message: 'the request body is too large' });
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error in HTTP handler');
    res.status(500).json({ error: 'internal', message: 'internal error' });
  };
}
