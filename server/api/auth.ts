import type { RequestHandler } from 'express';
import type { SessionUser } from '../../crm-core/index.js';
import { isOriginAllowed } from '../gateway/origin.js';
import { SESSION_COOKIE, readBearer, readCookie } from '../gateway/session-token.js';
import { HttpError } from '../http/errors.js';
import type { Access } from './route.js';

export interface SessionCheck {
  verify(token: string): Promise<SessionUser | null>;
}

/** The token a request carries: `Authorization: Bearer` first, then the session cookie. */
export function requestToken(headers: {
  authorization?: string | undefined;
  cookie?: string | undefined;
}): { token: string; via: 'bearer' | 'cookie' } | null {
  const bearer = readBearer(headers.authorization);
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = readCookie(headers.cookie, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * 401 without a valid session, 403 for a role the route does not admit. A state-changing
 * request riding on a cookie must come from an allowed origin (the cookie would otherwise go
 * along with another site's form post).
 */
export function requireAccess(
  access: Access,
  sessions: SessionCheck,
  allowedOrigins: readonly string[],
): RequestHandler {
  return async (req, res, next) => {
    const found = requestToken(req.headers);
    if (
      found?.via === 'cookie' &&
      req.method !== 'GET' &&
      !isOriginAllowed(req.headers.origin, req.headers.host, allowedOrigins)
    ) {
      throw new HttpError(403, 'origin_not_allowed', `origin ${req.headers.origin} is not allowed`);
    }
    const user = found ? await sessions.verify(found.token) : null;
    res.locals.user = user;
    if (access === 'public') return next();
    if (!user) {
      throw new HttpError(
        401,
        found ? 'session_invalid' : 'no_session',
        found
          ? 'the session has expired or was revoked: log in again'
          : 'log in first: send the session cookie or an Authorization: Bearer token',
      );
    }
    if (access !== 'any' && !access.includes(user.role)) {
      throw new HttpError(403, 'forbidden', `this needs the role ${access.join(' or ')}`, {
        role: user.role,
        allowed: access,
      });
    }
    next();
  };
}
