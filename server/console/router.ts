import { Router, type Request, type Response } from 'express';
import type { Ack, SessionUser } from '../contracts/index.js';
import { authenticate } from '../gateway/auth.js';
import { ConsoleError, statusForCode } from '../gateway/errors.js';
import { isOriginAllowed } from '../gateway/origin.js';
import type { ConsolePorts } from '../gateway/ports.js';
import type { ConsolePublisher } from '../gateway/publisher.js';
import { readBearer } from '../gateway/session-token.js';
import type { Logger } from '../logger.js';
import {
  complaintSla,
  directory,
  monitor,
  recordings,
  runAction,
  setState,
  snapshot,
  supervisorAgent,
  wrapUp,
  type ActionContext,
  type ConsoleAction,
} from './actions.js';

export interface ConsoleRouterDeps {
  ports: ConsolePorts;
  publisher: ConsolePublisher;
  logger: Logger;
  allowedOrigins: readonly string[];
  now?: () => Date;
}

/**
 * `/api/v1/console/...`: the same commands as the Socket.IO events, for what must not depend on
 * the socket (the wrap-up form) and for clients without one.
 */
export function createConsoleRouter(deps: ConsoleRouterDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const log = deps.logger.child({ component: 'console-routes' });

  router.use('/console', (req, res, next) => {
    // A cookie rides along with cross-site form posts; only listed origins may change state.
    if (
      req.method !== 'GET' &&
      !isOriginAllowed(req.headers.origin, req.headers.host, deps.allowedOrigins)
    ) {
      sendError(
        res,
        new ConsoleError('origin_not_allowed', `origin ${req.headers.origin} is not allowed`),
      );
      return;
    }
    authenticate(
      deps.ports.sessions,
      { explicitToken: readBearer(req.headers.authorization), cookieHeader: req.headers.cookie },
      log,
    ).then(
      (user) => {
        res.locals.user = user;
        next();
      },
      (err: unknown) => sendError(res, err),
    );
  });

  const handle =
    <I, O extends object>(a: ConsoleAction<I, O>, input: (req: Request) => unknown) =>
    async (req: Request, res: Response): Promise<void> => {
      const ctx: ActionContext = {
        user: res.locals.user as SessionUser,
        ports: deps.ports,
        publisher: deps.publisher,
        logger: log,
        now,
      };
      send(res, await runAction(a, ctx, input(req)));
    };

  router.get('/console/me', (_req, res) => {
    res.json(res.locals.user as SessionUser);
  });
  router.get(
    '/console/snapshot',
    handle(snapshot, () => ({})),
  );
  router.get(
    '/console/directory',
    handle(directory, () => ({})),
  );
  router.get(
    '/console/complaint-sla',
    handle(complaintSla, (req) => ({ ...req.query })),
  );
  router.get(
    '/console/recordings',
    handle(recordings, (req) => ({ ...req.query })),
  );
  router.post(
    '/console/agent/state',
    handle(setState, (req) => req.body),
  );
  router.post(
    '/console/wrapup',
    handle(wrapUp, (req) => req.body),
  );
  router.post(
    '/console/supervisor/agents/:agentId',
    handle(supervisorAgent, (req) => ({ ...bodyObject(req), agentId: req.params.agentId })),
  );
  router.post(
    '/console/supervisor/monitor',
    handle(monitor, (req) => req.body),
  );
  return router;
}

function bodyObject(req: Request): Record<string, unknown> {
  const b: unknown = req.body;
  return typeof b === 'object' && b !== null && !Array.isArray(b)
    ? (b as Record<string, unknown>)
    : {};
}

function send<O extends object>(res: Response, ack: Ack<O>): void {
  if (ack.ok) {
    const { ok: _ok, ...body } = ack;
    res.json(body);
  } else {
    res.status(statusForCode(ack.error)).json({ error: ack.error, message: ack.message });
  }
}

function sendError(res: Response, err: unknown): void {
  const e = err instanceof ConsoleError ? err : new ConsoleError('internal', 'internal error');
  res.status(e.status).json({ error: e.code, message: e.message });
}
