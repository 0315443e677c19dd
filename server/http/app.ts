import express, { type Express, type Router } from 'express';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { httpMetricsMiddleware } from './metrics.js';
import { checkReadiness, type ReadinessProbe } from './readiness.js';

export interface HttpAppDeps {
  logger: Logger;
  metrics: Registry;
  probes: readonly ReadinessProbe[];
  /** Mounted under /api/v1, in order. */
  apiRouters: readonly Router[];
  /** Static console files (the built agent-ui), when present. */
  staticDir?: string;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(httpMetricsMiddleware(deps.metrics));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(deps.probes);
    res.status(report.ready ? 200 : 503).json(report);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });

  app.use('/api/v1', express.json({ limit: '1mb' }));
  for (const r of deps.apiRouters) app.use('/api/v1', r);
  app.use('/api', notFoundHandler);

  if (deps.staticDir) {
    const dir = deps.staticDir;
    app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
    // The console is a single-page app: unknown paths get its shell.
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
      res.sendFile('index.html', { root: dir });
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
