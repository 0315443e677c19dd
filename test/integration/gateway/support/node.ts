/** One server node for tests: the HTTP app, the console routes and the gateway on Redis. */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { Redis } from 'ioredis';
import { createConsoleRouter } from '../../../../server/console/index.js';
import {
  createGateway,
  type ConsolePorts,
  type Gateway,
} from '../../../../server/gateway/index.js';
import { createHttpApp } from '../../../../server/http/app.js';
import { createMetricsRegistry } from '../../../../server/http/metrics.js';
import { createLogger } from '../../../../server/logger.js';
import { TEST_REDIS_URL } from '../../../support/env.js';

export interface GatewayNode {
  url: string;
  http: HttpServer;
  gateway: Gateway;
  close(): Promise<void>;
}

export interface NodeOptions {
  ports: ConsolePorts;
  /** Nodes with the same prefix share the Redis adapter's channels. */
  channelPrefix: string;
  allowedOrigins?: string[];
  extraRouters?: Router[];
  staticDir?: string;
  redisUrl?: string;
  sessionRecheckMs?: number;
}

export async function startGatewayNode(opts: NodeOptions): Promise<GatewayNode> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const pub = new Redis(opts.redisUrl ?? TEST_REDIS_URL);
  const sub = new Redis(opts.redisUrl ?? TEST_REDIS_URL);
  const allowedOrigins = opts.allowedOrigins ?? [];
  const gateway = createGateway({
    ports: opts.ports,
    logger,
    allowedOrigins,
    redis: { pub, sub, channelPrefix: opts.channelPrefix },
    ...(opts.sessionRecheckMs ? { sessionRecheckMs: opts.sessionRecheckMs } : {}),
  });
  const app = createHttpApp({
    logger,
    metrics: createMetricsRegistry(),
    probes: [],
    apiRouters: [
      ...(opts.extraRouters ?? []),
      createConsoleRouter({
        ports: opts.ports,
        publisher: gateway.publisher,
        logger,
        allowedOrigins,
      }),
    ],
    ...(opts.staticDir ? { staticDir: opts.staticDir } : {}),
  });
  const http = createServer(app);
  gateway.attach(http);
  await new Promise<void>((res) => http.listen(0, '127.0.0.1', () => res()));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    http,
    gateway,
    async close() {
      await gateway.close();
      await new Promise<void>((res) => {
        http.close(() => res());
        http.closeAllConnections();
      });
      await Promise.all([pub.quit(), sub.quit()]);
    },
  };
}
