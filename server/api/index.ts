import express, { Router } from 'express';
import { adminRoutes } from './admin-routes.js';
import { requireAccess } from './auth.js';
import { authRoutes } from './auth-routes.js';
import { callbackRoutes } from './callback-routes.js';
import { campaignRoutes } from './campaign-routes.js';
import { complaintRoutes } from './complaint-routes.js';
import { customerRoutes } from './customer-routes.js';
import { dncRoutes } from './dnc-routes.js';
import type { CrmApiDeps } from './deps.js';
import { knowledgeRoutes } from './knowledge-routes.js';
import { buildOpenApi } from './openapi.js';
import type { Route } from './route.js';
import type { Crm } from '../../crm-core/index.js';
import { reportRoutes } from './report-routes.js';

export type {
  CampaignFloor,
  CampaignFloorSource,
  CrmApiDeps,
  SessionEndReason,
  SessionsEndedListener,
} from './deps.js';
export type { LoginRateLimiter, ThrottleState } from './rate-limit.js';
export type { Route } from './route.js';

const API_VERSION = '1.1.0';
/** Contact lists of 200,000 rows (outbound's import limit) fit. */
const RAW_BODY_LIMIT = '40mb';

/** The CRM REST API, mounted by createHttpApp under /api/v1. */
export function createCrmApi(deps: CrmApiDeps): Router {
  const limiter = deps.loginLimiter ?? deps.crm.loginAttempts;
  const origins = deps.allowedOrigins ?? [];
  const routes = [
    ...authRoutes(deps, limiter),
    ...customerRoutes(deps),
    ...complaintRoutes(deps),
    ...callbackRoutes(deps),
    ...campaignRoutes(deps),
    ...dncRoutes(deps),
    ...adminRoutes(deps),
    ...knowledgeRoutes(deps),
    ...reportRoutes(deps),
  ];
  const router = routerFor(routes, deps.crm.sessions, origins);
  let doc: ReturnType<typeof buildOpenApi> | null = null;
  router.get('/openapi.json', (_req, res) => {
    doc ??= buildOpenApi([...routes, ...(deps.moreRoutes?.() ?? [])], API_VERSION);
    res.json(doc);
  });
  return router;
}

/** An express router for routes built with `route()`: access checked, then the handler. */
export function routerFor(
  routes: readonly Route[],
  sessions: Crm['sessions'],
  origins: readonly string[],
): Router {
  const router = Router();
  for (const r of routes) {
    const access = requireAccess(r.access, sessions, origins);
    if (r.rawBody) {
      // After the access check, so that no one without a session makes the server read a file.
      const bytes = express.raw({ type: [...r.rawBody.types], limit: RAW_BODY_LIMIT });
      router[r.method](r.path, access, bytes, r.handler);
    } else {
      router[r.method](r.path, access, r.handler);
    }
  }
  return router;
}
