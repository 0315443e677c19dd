import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCrm, type Crm } from '../../crm-core/index.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/runtime.js';
import { agentProfile } from '../../server/wiring/console-agents.js';
import {
  scaledClock,
  startPbxSimulator,
  type CallClock,
  type CallConfigInput,
  type CallEvent,
  type PbxSimulator,
} from '../../telephony/index.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './env.js';
import { createTestDatabase, type TestDatabase } from './pg.js';
import { createTestRedis, type TestRedis } from './redis.js';

/**
 * The whole server for end-to-end tests: real PostgreSQL (a schema of its own) and Redis (a key
 * prefix of its own), and the PBX simulator started here — outside the server — so that a test
 * can stop the server and start another one on the same PBX, database and Redis.
 *
 * Time: one clock, `speed` times faster than real time, drives the simulator and the server
 * (IVR timeouts, ring timeouts, prompts). It starts on a Tuesday at 10:00 Shanghai time, inside
 * the default script's business hours.
 */
export interface StackOptions {
  /** Simulated time speed (default 20: a 6 s IVR timeout lasts 300 ms). */
  speed?: number;
  /** Clock start (ms); default Tuesday 2026-11-24 10:00 Asia/Shanghai. */
  startAt?: number;
  /** Call-layer options. */
  calls?: CallConfigInput;
  /** Extra server options. */
  server?: Omit<StartOptions, 'telephony'>;
  /** Simulator sounds (ms) on top of its defaults. */
  sounds?: Record<string, number>;
  /** extensions.conf for the simulator (default: the project's telephony/asterisk/). */
  dialplan?: string;
  /** LOG_LEVEL of the server (default: TEST_LOG_LEVEL or silent). */
  logLevel?: string;
}

export interface Stack {
  readonly server: RunningServer;
  readonly url: string;
  readonly sim: PbxSimulator;
  readonly clock: CallClock;
  readonly crm: Crm;
  readonly db: TestDatabase;
  readonly redis: TestRedis;
  readonly config: Config;
  /** Every call event seen by the current server, in order. */
  readonly events: CallEvent[];
  /** Waits for the first event matching `pred` (past or future); rejects after `timeoutMs`. */
  waitFor<T extends CallEvent['type']>(
    type: T,
    pred?: (e: Extract<CallEvent, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<CallEvent, { type: T }>>;
  /** Logs a CRM user (agent1…) into the ACD, ready; an offer it gets goes to the call layer. */
  loginAgent(username: string): Promise<string>;
  /**
   * Stops the server and starts a new one on the same PBX, database and Redis; `whileDown`
   * runs in between (e.g. a caller hangs up while no server is there).
   */
  restartServer(whileDown?: () => Promise<void> | void): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A server configuration on the test PostgreSQL (in `db`'s schema) and Redis, listening on a
 * random loopback port; `extra` adds or overrides variables (ARI_URL...).
 */
export function testServerConfig(
  db: TestDatabase,
  dataDir: string,
  extra: Record<string, string> = {},
): Config {
  const dbUrl = new URL(TEST_DATABASE_URL);
  dbUrl.searchParams.set('options', `-c search_path=${db.schema},public`);
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: TEST_REDIS_URL,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...extra,
  });
}

/** Tuesday 24 November 2026, 10:00 in Asia/Shanghai (02:00 UTC). */
export const OPEN_HOURS = Date.UTC(2026, 10, 24, 2, 0, 0);

const ARI_PASSWORD = 'e2e-secret';

export async function startStack(label: string, opts: StackOptions = {}): Promise<Stack> {
  const speed = opts.speed ?? 20;
  const clock = scaledClock({ speed, startAt: opts.startAt ?? OPEN_HOURS });
  const db = await createTestDatabase(label);
  const redis = createTestRedis(label);
  const dataDir = mkdtempSync(join(tmpdir(), `cc-e2e-${label}-`));
  const sim = await startPbxSimulator({
    port: 0,
    username: 'contact-center',
    password: ARI_PASSWORD,
    clock,
    recordingsDir: join(dataDir, 'recordings'),
    pjsipEndpoints: ['1001', '1002', '1003', '1004', '1090', '1091'],
    sounds: opts.sounds ?? {},
    ...(opts.dialplan !== undefined ? { dialplan: opts.dialplan } : {}),
    onError: (err) => console.error('pbx-simulator:', err),
  });
  const config = testServerConfig(db, dataDir, {
    ARI_URL: sim.url,
    ARI_USERNAME: 'contact-center',
    ARI_PASSWORD,
    LOG_LEVEL: opts.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  const logger = createLogger(config.LOG_LEVEL);
  const crm = createCrm(db.knex, { defaultRegion: 'CN' });
  const events: CallEvent[] = [];
  const waiters = new Set<() => void>();

  const boot = async (): Promise<RunningServer> => {
    const server = await startServer(config, logger, {
      ...opts.server,
      outbound: {
        ...opts.server?.outbound,
        // The demo seed's pending callbacks stay unarmed: they would take the tests' agents.
        callbacks: { rearmAtStart: false, ...opts.server?.outbound?.callbacks },
      },
      telephony: {
        prefix: redis.prefix,
        clock,
        tickMs: 100,
        ...(opts.calls ? { calls: opts.calls } : {}),
      },
    });
    server.telephony.onCallEvent((e) => {
      events.push(e);
      for (const w of [...waiters]) w();
    });
    await server.telephony.service.whenDriving();
    return server;
  };

  let server = await boot();

  const stack: Stack = {
    get server() {
      return server;
    },
    get url() {
      return server.url;
    },
    sim,
    clock,
    crm,
    db,
    redis,
    config,
    events,
    waitFor(type, pred, timeoutMs = 15_000) {
      type E = Extract<CallEvent, { type: typeof type }>;
      const find = (): E | undefined =>
        events.find((e): e is E => e.type === type && (!pred || pred(e as E)));
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = find();
          if (!hit) return;
          cleanup();
          resolve(hit);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${type} event within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    async loginAgent(username) {
      const user = await crm.users.findByUsername(username);
      if (!user) throw new Error(`no CRM user ${username}`);
      const offer = await server.telephony.acd.loginAgent(agentProfile(user));
      if (offer) server.telephony.deliverOffer(offer);
      return String(user.id);
    },
    async restartServer(whileDown) {
      await server.stop();
      await whileDown?.();
      server = await boot();
    },
    async stop() {
      await server.stop();
      await sim.stop();
      await redis.drop();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
