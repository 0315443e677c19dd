import { LoginInput } from '../../crm-core/index.js';
import { SESSION_COOKIE } from '../gateway/session-token.js';
import { HttpError } from '../http/errors.js';
import { requestToken } from './auth.js';
import type { CrmApiDeps } from './deps.js';
import { loginKey, type LoginRateLimiter } from './rate-limit.js';
import { route, type Route } from './route.js';

export function authRoutes(deps: CrmApiDeps, limiter: LoginRateLimiter): Route[] {
  const { crm } = deps;
  return [
    route({
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary:
        'Log in: answers a session token and sets the httpOnly cc_session cookie. ' +
        'Five failures for one username from one address within 5 minutes answer 429.',
      access: 'public',
      body: LoginInput,
      async handle({ body, req, res }) {
        const key = loginKey(body.username, req.ip);
        const before = await limiter.check(key);
        if (before.blocked) throw tooMany(before.retryAfterSeconds, res);
        const user = await crm.users.authenticate(body.username, body.password);
        if (!user) {
          const after = await limiter.recordFailure(key);
          await crm.audit.record({
            action: 'auth.login_failed',
            entity: 'user',
            details: { username: body.username, ip: req.ip ?? null },
          });
          if (after.blocked) {
            deps.logger.warn(
              { username: body.username, ip: req.ip },
              'login blocked after failures',
            );
            throw tooMany(after.retryAfterSeconds, res);
          }
          throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
        }
        await limiter.reset(key);
        const session = await crm.sessions.create(user.id);
        deps.logger.info({ userId: user.id, username: user.username, ip: req.ip }, 'login');
        await crm.audit.record({
          actorId: user.id,
          action: 'auth.login',
          entity: 'user',
          entityId: user.id,
          details: { ip: req.ip ?? null },
        });
        res.cookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: req.secure,
          path: '/',
          expires: session.expiresAt,
        });
        return {
          token: session.token,
          expiresAt: session.expiresAt,
          user: {
            userId: String(user.id),
            username: user.username,
            role: user.role,
            displayName: user.displayName,
            language: user.language,
          },
        };
      },
    }),
    route({
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'Ends the session used for this request and clears the cookie.',
      access: 'any',
      status: 204,
      async handle({ req, res, actorId }) {
        const found = requestToken(req.headers);
        if (found) await crm.sessions.revoke(found.token);
        deps.sessionsEnded?.(actorId, 'logged_out');
        await crm.audit.record({
          actorId,
          action: 'auth.logout',
          entity: 'user',
          entityId: actorId,
        });
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return undefined;
      },
    }),
    route({
      method: 'get',
      path: '/auth/me',
      tag: 'auth',
      summary: 'The logged-in user.',
      access: 'any',
      handle: ({ user }) => Promise.resolve(user),
    }),
  ];
}

function tooMany(retryAfterSeconds: number, res: { setHeader(k: string, v: string): void }) {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  return new HttpError(
    429,
    'too_many_attempts',
    `too many failed logins: try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
