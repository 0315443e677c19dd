import type { ExtendedError } from 'socket.io';
import type { SessionUser } from '../contracts/index.js';
import type { Logger } from '../logger.js';
import { ConsoleError } from './errors.js';
import { isOriginAllowed } from './origin.js';
import type { SessionVerifier } from './ports.js';
import { SESSION_COOKIE, readCookie } from './session-token.js';
import type { ConsoleSocket } from './types.js';

export interface SessionSources {
  /** `auth.token` of a Socket.IO handshake or a Bearer token. */
  explicitToken: string | null;
  cookieHeader: string | undefined;
}

/**
 * The user behind a request: an explicit token wins over the cookie, so that a service can act
 * with its own token from a browser that also holds a cookie.
 */
export async function authenticate(
  sessions: SessionVerifier,
  from: SessionSources,
  logger: Logger,
): Promise<SessionUser> {
  const token = from.explicitToken ?? readCookie(from.cookieHeader, SESSION_COOKIE);
  if (!token) {
    throw new ConsoleError(
      'no_session',
      `log in first: no ${SESSION_COOKIE} cookie and no auth token were sent`,
    );
  }
  let user: SessionUser | null;
  try {
    user = await sessions.verify(token);
  } catch (err) {
    logger.error({ err }, 'session check failed');
    throw new ConsoleError('internal', 'could not check the session, try again');
  }
  if (!user) {
    throw new ConsoleError(
      'session_invalid',
      'the session has expired or was revoked: log in again',
    );
  }
  return user;
}

function refusal(err: ConsoleError): ExtendedError {
  const e: ExtendedError = new Error(err.message);
  // Reaches the client as `connect_error` with `err.data`.
  e.data = { code: err.code, message: err.message };
  return e;
}

/** Socket.IO middleware: Origin allow-list, then the login session. */
export function socketAuth(
  sessions: SessionVerifier,
  allowedOrigins: readonly string[],
  logger: Logger,
  remember: (socket: ConsoleSocket, token: string) => void,
): (socket: ConsoleSocket, next: (err?: ExtendedError) => void) => void {
  return (socket, next) => {
    const headers = socket.request.headers;
    if (!isOriginAllowed(headers.origin, headers.host, allowedOrigins)) {
      next(
        refusal(new ConsoleError('origin_not_allowed', `origin ${headers.origin} is not allowed`)),
      );
      return;
    }
    const claimed: unknown = (socket.handshake.auth as Record<string, unknown>).token;
    const explicitToken = typeof claimed === 'string' && claimed !== '' ? claimed : null;
    const token = explicitToken ?? readCookie(headers.cookie, SESSION_COOKIE);
    authenticate(sessions, { explicitToken: token, cookieHeader: undefined }, logger).then(
      (user) => {
        socket.data.user = user;
        if (token) remember(socket, token);
        next();
      },
      (err: unknown) => {
        next(
          refusal(
            err instanceof ConsoleError ? err : new ConsoleError('internal', 'internal error'),
          ),
        );
      },
    );
  };
}
