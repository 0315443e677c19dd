/**
 * `npm run bench:console`: one server node (the Socket.IO gateway on the Redis adapter, as in
 * production) with 2,000 agent consoles and 50 supervisor consoles connected over WebSocket from
 * this process.
 *  1. "call offered → `call:offered` received": one screen pop per agent, paced, timed from the
 *     publisher call to the agent's socket handler;
 *  2. wallboard delivery: queue statistics published once a second per queue (10 queues, each
 *     reaching its 200 agents and the 50 supervisors), timed to every supervisor;
 *  3. both at once: pops keep coming while the wallboard updates.
 * A warm-up (400 pops, 2 s of wallboard) runs first and is not counted.
 * The consoles run in a child process (this file with `--consoles`), so the server's event loop
 * does only the server's work; both share the machine's cores. Times are absolute
 * (timeOrigin + now), so they compare across the two processes. The last line is one JSON object.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import type {
  AgentStateView,
  ClientToServerEvents,
  QueueStatsView,
  ScreenPop,
  ServerToClientEvents,
  SessionUser,
} from '../server/contracts/index.js';
import { createGateway, type ConsolePorts } from '../server/gateway/index.js';
import { createLogger } from '../server/logger.js';
import { queueStats, screenPop } from '../test/integration/gateway/support/fixtures.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AGENTS = Number(process.env.CONSOLE_BENCH_AGENTS ?? 2000);
const SUPERVISORS = Number(process.env.CONSOLE_BENCH_SUPERVISORS ?? 50);
const QUEUES = 10;
const OFFERS_PER_SECOND = Number(process.env.CONSOLE_BENCH_OFFER_RATE ?? 200);
const WALLBOARD_SECONDS = Number(process.env.CONSOLE_BENCH_WALLBOARD_SECONDS ?? 10);
const CONNECT_BATCH = 100;
const WARMUP_OFFERS = 400;

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const agentId = (i: number) => `ag${String(i).padStart(4, '0')}`;
const queueOf = (i: number) => `q${i % QUEUES}`;

function users(): Map<string, SessionUser> {
  const map = new Map<string, SessionUser>();
  for (let i = 0; i < AGENTS; i++) {
    const id = agentId(i);
    map.set(`tok-${id}`, {
      userId: id,
      username: id,
      role: 'agent',
      displayName: id,
      language: 'zh-CN',
    });
  }
  for (let i = 0; i < SUPERVISORS; i++) {
    const id = `sup${i}`;
    map.set(`tok-${id}`, {
      userId: id,
      username: id,
      role: 'supervisor',
      displayName: id,
      language: 'en',
    });
  }
  return map;
}

function stats(queueId: string, seq: number): QueueStatsView {
  return queueStats(queueId, {
    waiting: seq % 13,
    longestWaitSeconds: (seq * 7) % 180,
    offered: 1000 + seq,
    answered: 950 + seq,
  });
}

/** A full pop: a known customer with five earlier interactions and an open complaint. */
function pop(callId: string, queueId: string): ScreenPop {
  const base = screenPop(callId, { queueId, queueName: queueId });
  const last = base.lastInteractions[0]!;
  return {
    ...base,
    lastInteractions: Array.from({ length: 5 }, (_, k) => ({ ...last, id: `i${k}` })),
  };
}

function ports(sessions: Map<string, SessionUser>): ConsolePorts {
  const agentState = (id: string): AgentStateView | null =>
    id.startsWith('ag')
      ? {
          agentId: id,
          displayName: id,
          state: 'available',
          pauseReason: null,
          since: new Date().toISOString(),
          call: null,
          queueIds: [queueOf(Number(id.slice(2)))],
          afterCall: null,
        }
      : null;
  const refuse = () => Promise.reject(new Error('not used by the bench'));
  return {
    sessions: { verify: (token) => Promise.resolve(sessions.get(token) ?? null) },
    state: {
      agentState: (id) => Promise.resolve(agentState(id)),
      liveCall: () => Promise.resolve(null),
      queueStats: (ids) =>
        Promise.resolve(
          (ids ?? Array.from({ length: QUEUES }, (_, q) => `q${q}`)).map((q) => stats(q, 0)),
        ),
      agents: () => Promise.resolve([]),
      queueHistory: () => Promise.resolve([]),
      directory: () => Promise.resolve({ queues: [], agents: [] }),
    },
    agents: { setState: refuse, forcePause: refuse, forceLogout: refuse },
    calls: { hangup: refuse, transfer: refuse, setRecording: refuse },
    supervisor: { monitor: refuse },
    wrapUps: { submit: refuse, complaintSlaDueAt: refuse },
    recordings: { search: refuse },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    samples: s.length,
    p50Ms: r(percentile(s, 50)),
    p99Ms: r(percentile(s, 99)),
    maxMs: r(s.at(-1) ?? NaN),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

/** What the consoles' thread reports: receipts, batched. */
type Receipt = { kind: 'offer' | 'stats'; key: string; at: number };
type FromConsoles = { kind: 'ready'; connectMs: number } | { kind: 'receipts'; list: Receipt[] };

/** The child process: every console, reporting when each pop and wallboard update arrived. */
async function runConsoles(url: string, tokens: string[], supervisorTokens: Set<string>) {
  const send = (m: FromConsoles) => process.send?.(m);
  let pending: Receipt[] = [];
  const flush = setInterval(() => {
    if (pending.length) send({ kind: 'receipts', list: pending });
    pending = [];
  }, 20);
  const clients: Client[] = [];
  const open = (token: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const c: Client = connect(url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        auth: { token },
      });
      c.once('console:snapshot', () => resolve());
      c.once('connect_error', reject);
      c.on('call:offered', (p) => pending.push({ kind: 'offer', key: p.callId, at: now() }));
      // The wallboard is the supervisors'; the queue's agents get the same message as well.
      if (supervisorTokens.has(token)) {
        c.on('queue:stats', (st) =>
          pending.push({ kind: 'stats', key: `${st.queueId}:${st.offered}`, at: now() }),
        );
      }
      clients.push(c);
    });
  const t0 = now();
  for (let i = 0; i < tokens.length; i += CONNECT_BATCH) {
    await Promise.all(tokens.slice(i, i + CONNECT_BATCH).map(open));
  }
  send({ kind: 'ready', connectMs: now() - t0 });
  process.once('message', () => {
    clearInterval(flush);
    for (const c of clients) c.disconnect();
    process.disconnect();
  });
}

async function main(): Promise<void> {
  const prefix = `bench_console_${process.pid}_${Date.now()}:`;
  const pub = new Redis(REDIS_URL);
  const sub = new Redis(REDIS_URL);
  const sessions = users();
  const gateway = createGateway({
    ports: ports(sessions),
    logger: createLogger('warn'),
    allowedOrigins: [],
    redis: { pub, sub, channelPrefix: prefix },
  });
  const http = createServer();
  gateway.attach(http);
  await new Promise<void>((res) => http.listen(0, '127.0.0.1', () => res()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const offeredAt = new Map<string, number>();
  const offerLatency: number[] = [];
  const statsSentAt = new Map<string, number>();
  const wallboardLatency: number[] = [];
  let measureWallboard = false;
  // Time inside the publisher call: the server's own share of the latency.
  const offerEmitMs: number[] = [];
  const statsEmitMs: number[] = [];

  const supervisorTokens = [...sessions].filter(([, u]) => u.role === 'supervisor').map(([t]) => t);
  const worker = fork(new URL(import.meta.url), ['--consoles'], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      CONSOLE_BENCH_SETUP: JSON.stringify({ url, tokens: [...sessions.keys()], supervisorTokens }),
    },
  });
  const connectMs = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: FromConsoles) => {
      if (m.kind === 'ready') {
        resolve(m.connectMs);
        return;
      }
      for (const r of m.list) {
        if (r.kind === 'offer') {
          const sent = offeredAt.get(r.key);
          if (sent !== undefined) offerLatency.push(r.at - sent);
        } else if (measureWallboard) {
          const sent = statsSentAt.get(r.key);
          if (sent !== undefined) wallboardLatency.push(r.at - sent);
        }
      }
    });
  });

  const offerRound = async (round: string, count: number) => {
    const gap = 1000 / OFFERS_PER_SECOND;
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const target = start + i * gap;
      const wait = target - performance.now();
      if (wait > 1) await sleep(wait);
      const callId = `${round}-${i}`;
      const p = pop(callId, queueOf(i % AGENTS));
      const sent = now();
      offeredAt.set(callId, sent);
      gateway.publisher.offered(agentId(i % AGENTS), p);
      offerEmitMs.push(now() - sent);
    }
  };

  const wallboardRound = async (seconds: number, seqBase: number) => {
    for (let s = 0; s < seconds; s++) {
      const tick = performance.now();
      for (let q = 0; q < QUEUES; q++) {
        const st = stats(`q${q}`, seqBase + s);
        const sent = now();
        statsSentAt.set(`${st.queueId}:${st.offered}`, sent);
        gateway.publisher.queueStats(st);
        statsEmitMs.push(now() - sent);
        await sleep(1000 / QUEUES / 2);
      }
      const rest = 1000 - (performance.now() - tick);
      if (rest > 0) await sleep(rest);
    }
  };

  // 0. Warm-up, not counted: both processes compile the hot paths first.
  await offerRound('warm', WARMUP_OFFERS);
  measureWallboard = false;
  await wallboardRound(2, -100);
  await sleep(500);
  offerLatency.splice(0);
  offerEmitMs.splice(0);
  statsEmitMs.splice(0);

  // 1. Screen pops alone.
  await offerRound('solo', AGENTS);
  await sleep(500);
  const offersAlone = summary(offerLatency.splice(0));

  // 2. Wallboard alone.
  measureWallboard = true;
  await wallboardRound(WALLBOARD_SECONDS, 0);
  await sleep(500);
  const wallboardAlone = summary(wallboardLatency.splice(0));

  // 3. Both at once.
  await Promise.all([
    offerRound('mixed', Math.round((OFFERS_PER_SECOND * WALLBOARD_SECONDS) / 2)),
    wallboardRound(WALLBOARD_SECONDS / 2, 10_000),
  ]);
  await sleep(500);
  const offersMixed = summary(offerLatency.splice(0));
  const wallboardMixed = summary(wallboardLatency.splice(0));

  worker.send('stop');
  await new Promise((r) => worker.once('exit', r));
  await gateway.close();
  await new Promise<void>((res) => http.close(() => res()));
  await Promise.all([pub.quit(), sub.quit()]);

  const result = {
    bench: 'console',
    agents: AGENTS,
    supervisors: SUPERVISORS,
    queues: QUEUES,
    transport: 'websocket',
    adapter: 'redis',
    connectAllMs: Math.round(connectMs),
    offerRatePerSecond: OFFERS_PER_SECOND,
    warmUp: { offers: WARMUP_OFFERS, wallboardSeconds: 2 },
    offered: offersAlone,
    wallboard: { ...wallboardAlone, recipientsPerUpdate: SUPERVISORS + AGENTS / QUEUES },
    serverEmit: { offered: summary(offerEmitMs), queueStats: summary(statsEmitMs) },
    mixed: { offered: offersMixed, wallboard: wallboardMixed },
    goalP99Ms: 50,
    goalMet:
      offersAlone.p99Ms < 50 &&
      wallboardAlone.p99Ms < 50 &&
      offersMixed.p99Ms < 50 &&
      wallboardMixed.p99Ms < 50,
  };
  console.log(JSON.stringify(result));
}

if (!process.argv.includes('--consoles')) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  const data = JSON.parse(process.env.CONSOLE_BENCH_SETUP ?? '{}') as {
    url: string;
    tokens: string[];
    supervisorTokens: string[];
  };
  runConsoles(data.url, data.tokens, new Set(data.supervisorTokens)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
