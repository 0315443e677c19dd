import { Router } from 'express';
import { adminRoutes } from './admin-routes.js';
import { requireAccess } from './auth.js';
import { authRoutes } from './auth-routes.js';
import { callbackRoutes } from './callback-routes.js';
import { complaintRoutes } from './complaint-routes.js';
import { customerRoutes } from './customer-routes.js';
import type { CrmApiDeps } from './deps.js';
import { knowledgeRoutes } from './knowledge-routes.js';
import { buildOpenApi } from './openapi.js';
import { reportRoutes } from './report-routes.js';

export type { CrmApiDeps } from './deps.js';
export type { LoginRateLimiter, ThrottleState } from './rate-limit.js';

const API_VERSION = '1.0.0';

/** The CRM REST API, mounted by createHttpApp under /api/v1. */
export function createCrmApi(deps: CrmApiDeps): Router {
  const limiter = deps.loginLimiter ?? deps.crm.loginAttempts;
  const origins = deps.allowedOrigins ?? [];
  const routes = [
    ...authRoutes(deps, limiter),
    ...customerRoutes(deps),
    ...complaintRoutes(deps),
    ...callbackRoutes(deps),
    ...adminRoutes(deps),
    ...knowledgeRoutes(deps),
    ...reportRoutes(deps),
  ];
  const doc = buildOpenApi(routes, API_VERSION);
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  for (const r of routes) {
    router[r.method](r.path, requireAccess(r.access, deps.crm.sessions, origins), r.handler);
  }
  return router;
}
