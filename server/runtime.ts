import { createServer, type Server as HttpServer } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createHttpApp } from './http/app.js';
import { createMetricsRegistry } from './http/metrics.js';
import type { ReadinessProbe } from './http/readiness.js';
import { openDatabase } from './infra/database.js';
import { Lifecycle } from './infra/lifecycle.js';
import { openRedis } from './infra/redis.js';
import { createJobRunner, type JobRunner } from './jobs/index.js';
import { startDemoTraffic } from './demo-traffic.js';
import { wireCrm } from './wiring/crm.js';
import { startCrmMaintenance, type MaintenanceSchedule } from './wiring/crm-maintenance.js';
import type { CallEvent } from '../telephony/index.js';
import {
  campaignFloors,
  startDialer,
  type DialerOptions,
  type DialerWiring,
} from './wiring/dialer.js';
import { createCrmChangeFeed } from './wiring/crm-changes.js';
import {
  startOutboundJobs,
  type OutboundJobOptions,
  type OutboundJobs,
} from './wiring/outbound-jobs.js';
import { createConsoleRouter } from './console/index.js';
import type { Route as ApiRoute, SessionsEndedListener } from './api/index.js';
import { createConsolePorts } from './wiring/console-ports.js';
import { startLiveFeed } from './wiring/console-live.js';
import { consoleEventSink } from './wiring/telephony-console.js';
import { createGateway, type ConsolePorts, type Gateway } from './gateway/index.js';
import {
  startTelephony,
  type TelephonyStartOptions,
  type TelephonyWiring,
} from './wiring/telephony.js';

/**
 * The composition root: the one place that creates the I/O objects (knex, ioredis, express,
 * Socket.IO, BullMQ) and hands them to the modules.
 */
export interface RunningServer {
  readonly url: string;
  readonly http: HttpServer;
  /** The call layer (and the PBX simulator when ARI_URL is unset). */
  readonly telephony: TelephonyWiring;
  /** The consoles' Socket.IO gateway. */
  readonly console: Gateway;
  /** BullMQ queues and workers (server/jobs). */
  readonly jobs: JobRunner;
  /** The campaign dialer: its pacing jobs and REST routes. */
  readonly dialer: DialerWiring;
  /** Callbacks and complaint SLA timers (BullMQ). */
  readonly outbound: OutboundJobs;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra readiness probes or routers (tests). */
  extraRouters?: Router[];
  /** Key prefix, clock and speed of the call layer (tests, demo). */
  telephony?: TelephonyStartOptions;
  /** `npm run demo`: simulated callers and agents on the built-in PBX simulator. */
  demo?: boolean;
  /**
   * Replaces the console gateway's ports (sessions, live state, ACD actions, call controls,
   * wrap-ups), which are otherwise wired from the CRM, the ACD and the call layer (tests).
   */
  consolePorts?: ConsolePorts;
  /** How often live queue statistics and agent states are read and chart samples stored. */
  liveFeed?: { intervalMs?: number; sampleMs?: number };
  /** BullMQ key prefix (default: the call layer's prefix + `bull`) and maintenance intervals. */
  jobs?: { prefix?: string; maintenance?: Partial<MaintenanceSchedule> };
  /** Campaign dialer: pacing tick, scheduler sync, dial endpoint (server/wiring/dialer.ts). */
  dialer?: DialerOptions;
  /** Callbacks (dial endpoint, ring times, retry policy, abandoned-call offer) and SLA timers. */
  outbound?: OutboundJobOptions;
}

/** Call events after which the ACD's state has changed. */
const LIVE_NUDGES: ReadonlySet<CallEvent['type']> = new Set([
  'queued',
  'offered',
  'connected',
  'ended',
  'offer_failed',
]);

const UI_DIST = fileURLToPath(new URL('../agent-ui/dist', import.meta.url));

export async function startServer(
  config: Config,
  logger: Logger,
  _opts: StartOptions = {},
): Promise<RunningServer> {
  const life = new Lifecycle(logger);
  try {
    const metrics = createMetricsRegistry();
    const db = await openDatabase(config, logger, life);
    const redis = await openRedis(config, logger, life);

    const probes: ReadinessProbe[] = [
      { name: 'postgres', check: async () => void (await db.knex.raw('select 1')) },
      { name: 'redis', check: async () => void (await redis.commands.ping()) },
    ];
    // Migrations, first-run demo data, repositories and the CRM REST API.
    const telPrefix = _opts.telephony?.prefix ?? 'cc:';
    // Logouts and disabled accounts close the user's console sockets (set once the gateway runs).
    let endSessions: SessionsEndedListener | null = null;
    let dialerRoutes: readonly ApiRoute[] = [];
    const floors = campaignFloors(redis.commands, telPrefix);
    const changes = createCrmChangeFeed(logger);
    const crm = await wireCrm(db.knex, config, logger, {
      sessionsEnded: (userId, reason) => endSessions?.(userId, reason),
      campaignFloor: floors,
      moreRoutes: () => dialerRoutes,
      changes,
    });
    const apiRouters: Router[] = [...(_opts.extraRouters ?? []), crm.router];
    // BullMQ: queues and workers on their own connections, closed before Redis; CRM housekeeping.
    const jobs = createJobRunner({
      connect: (role, options) => redis.connect(role, options),
      prefix: _opts.jobs?.prefix ?? `${telPrefix}bull`,
      logger,
    });
    life.onStop('jobs', () => jobs.close());
    await startCrmMaintenance({
      jobs,
      crm: crm.crm,
      logger,
      metrics,
      ...(_opts.jobs?.maintenance ? { schedule: _opts.jobs.maintenance } : {}),
    });
    // Calls: IVR, queues, agents' legs, recording; the PBX simulator when ARI_URL is unset.
    const telephony = await startTelephony({
      config,
      logger,
      life,
      redis,
      crm: crm.crm,
      changes,
      ...(_opts.telephony ? { options: _opts.telephony } : {}),
    });
    // Consoles: Socket.IO on the Redis adapter, so that any node reaches any agent's socket.
    // The callbacks' jobs start after the gateway (they alert consoles): bound late.
    let outbound: OutboundJobs | null = null;
    const consoleWiring = createConsolePorts({
      crm: crm.crm,
      telephony,
      redis: redis.commands,
      prefix: telPrefix,
      changes,
      callbacks: {
        fromWrapUp: (agentId, call, wanted) => {
          if (!outbound) throw new Error('callbacks are not running yet');
          return outbound.callbacks.fromWrapUp(agentId, call, wanted);
        },
      },
    });
    const ports = _opts.consolePorts ?? consoleWiring.ports;
    const gateway = createGateway({
      ports,
      logger,
      allowedOrigins: config.allowedOrigins,
      redis: { pub: redis.connect('socket.io-pub'), sub: redis.connect('socket.io-sub') },
    });
    apiRouters.push(
      createConsoleRouter({
        ports,
        publisher: gateway.publisher,
        logger,
        allowedOrigins: config.allowedOrigins,
      }),
    );
    telephony.onCallEvent(consoleEventSink(gateway.publisher, telephony.popLabels));
    endSessions = (userId, reason) => gateway.publisher.disconnectUser(String(userId), reason);
    const live = startLiveFeed({
      acd: telephony.acd,
      calls: telephony.service,
      publisher: gateway.publisher,
      history: consoleWiring.history,
      queueNames: telephony.popLabels.queueNames,
      isLeader: () => telephony.service.driving,
      logger: logger.child({ component: 'console-live' }),
      ...(_opts.liveFeed ?? {}),
    });
    life.onStop('console-live', () => live.stop());
    // A call's steps change agent states and queue counters: publish them now, not at the tick.
    telephony.onCallEvent((e) => {
      if (LIVE_NUDGES.has(e.type)) live.nudge();
    });
    // Callbacks and complaint SLA timers on BullMQ; alerts go to the consoles.
    outbound = await startOutboundJobs({
      jobs,
      crm: crm.crm,
      telephony,
      changes,
      publisher: gateway.publisher,
      logger,
      ...(_opts.outbound ? { options: _opts.outbound } : {}),
    });
    probes.push(telephony.probe);
    apiRouters.push(telephony.router);
    // Campaigns: pacing ticks and dial jobs on BullMQ, preview and agents' outcomes over REST.
    const dialer = await startDialer({
      jobs,
      life,
      crm: crm.crm,
      telephony,
      redis: redis.commands,
      prefix: telPrefix,
      logger,
      allowedOrigins: config.allowedOrigins,
      floors,
      ...(_opts.dialer ? { options: _opts.dialer } : {}),
    });
    apiRouters.push(dialer.router);
    dialerRoutes = dialer.routes;
    if (_opts.demo) {
      const demo = await startDemoTraffic(telephony, crm.crm, logger);
      life.onStop('demo-traffic', () => demo.stop());
    }

    const app = createHttpApp({
      logger,
      metrics,
      probes,
      apiRouters,
      ...(existsSync(UI_DIST) ? { staticDir: UI_DIST } : {}),
    });
    const http = createServer(app);
    gateway.attach(http);
    await new Promise<void>((res, rej) => {
      http.once('error', rej);
      http.listen(config.PORT, config.HOST, () => res());
    });
    life.onStop(
      'http',
      () =>
        new Promise<void>((res) => {
          http.close(() => res());
          http.closeAllConnections();
        }),
    );
    // Registered after the HTTP stop so it runs first: open WebSockets would hold http.close().
    life.onStop('console-gateway', () => gateway.close());
    const addr = http.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    return {
      url: `http://127.0.0.1:${port}`,
      http,
      telephony,
      console: gateway,
      jobs,
      dialer,
      outbound,
      stop: () => life.stopAll(),
    };
  } catch (err) {
    await life.stopAll();
    throw err;
  }
}
