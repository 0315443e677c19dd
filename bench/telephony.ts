/**
 * `npm run bench:telephony`: the call layer under open-loop load.
 *
 * The PBX simulator runs in a child process (its own core, bench/telephony-pbx.ts), which also
 * places the calls, presses the keys and hangs up on this process's orders (sent over IPC, so
 * that driving the load costs this process next to nothing); this process runs the call layer
 * (telephony/calls) with the real ACD on the local Redis (own prefix, removed at the end) and
 * in-memory CRM ports. Callers arrive at a fixed rate whatever happens to earlier calls; each one
 * presses 1 during the welcome prompt and 0 during the main menu, waits for an agent (agents'
 * phones answer after RING_MS), talks for TALK_MS and hangs up.
 *
 * Measured here, in-process, with performance.now():
 *   (a) StasisStart of the caller → the first prompt command (ARI play) for that channel;
 *   (b) a DTMF event → the next prompt command on that channel;
 *   (c) StasisStart of the agent's leg (agent answered) → caller and agent bridged (addChannels
 *       answered by the PBX).
 * Env: RATE (calls/s, 200), SECONDS (20), AGENTS (3 x RATE), REDIS_URL.
 * Prints one JSON line at the end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createLogger } from '../server/logger.js';
import { createAcdStore } from '../server/wiring/routing.js';
import { loadScripts } from '../server/wiring/telephony.js';
import { acdPort } from '../server/wiring/telephony-ports.js';
import {
  AriClientPort,
  createTelephony,
  scaledClock,
  type AriEvent,
  type AriPort,
  type AcdOffer,
  type TelephonyService,
} from '../telephony/index.js';
import type { PbxOrder } from './telephony-pbx.js';

const RATE = Number(process.env.RATE ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 20);
// Each agent is busy ~1.5 s a call (ring, talk, no wrap-up): three per call per second is plenty.
const AGENTS = Number(process.env.AGENTS ?? Math.max(50, RATE * 3));
const RING_MS = 200;
const TALK_MS = 1_000;
const KEY_AFTER_MS = 300;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Tuesday 10:00 in Shanghai: inside the default script's opening hours. */
const OPEN_HOURS = Date.UTC(2026, 10, 24, 2, 0, 0);

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function summary(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: quantile(s, 0.5), p99: quantile(s, 0.99), max: quantile(s, 1) };
}

/** The PBX child (simulator + load driver); resolves once it listens. */
async function startPbx(password: string): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(
    new URL('./telephony-pbx.ts', import.meta.url).pathname,
    ['bench', password, String(RING_MS)],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url?: string }) => {
      if (m.url) resolve(m.url);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
  });
  return { url, child };
}

async function main(): Promise<void> {
  const password = randomBytes(12).toString('hex');
  const sim = await startPbx(password);
  const order = (o: PbxOrder) => {
    sim.child.send(o);
  };

  const prefix = `bench:tel:${process.pid}:`;
  const redis = new Redis(REDIS_URL);
  const sub = new Redis(REDIS_URL);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'error');
  const clock = scaledClock({ startAt: OPEN_HOURS });
  const acd = createAcdStore(redis, { prefix, now: () => clock.now() });
  await acd.upsertQueue({
    id: 'support',
    name: 'support',
    wrapUpSeconds: 0,
    ringTimeoutSeconds: 10,
  });
  for (const q of ['billing', 'complaints', 'vip']) await acd.upsertQueue({ id: q, name: q });

  // Measurement hooks: events as they reach the call layer, commands as it issues them.
  const stasisAt = new Map<string, number>();
  const dtmfAt = new Map<string, number>();
  const agentAnsweredAt = new Map<string, number>();
  const firstPrompt: number[] = [];
  const afterDtmf: number[] = [];
  const toBridge: number[] = [];
  let connected = 0;
  let completed = 0;
  let placed = 0;
  let failedPlace = 0;
  let onPbxCpu: (ms: number) => void = () => undefined;
  sim.child.on('message', (m: { failed?: number; cpuMs?: number }) => {
    failedPlace += m.failed ?? 0;
    if (m.cpuMs !== undefined) onPbxCpu(m.cpuMs);
  });
  const pbxCpu = () =>
    new Promise<number>((resolve) => {
      onPbxCpu = resolve;
      order({ op: 'cpu' });
    });
  const port = new AriClientPort({
    url: sim.url,
    username: 'bench',
    password,
    app: 'contact-center',
    logger,
    requestTimeoutMs: 30_000,
  });
  const ari: AriPort = new Proxy(port, {
    get(target, prop, receiver) {
      if (prop === 'onEvent') {
        return (h: (e: AriEvent) => void) =>
          target.onEvent((e) => {
            const t = performance.now();
            const raw = e as { type: string; channel?: { id: string }; args?: string[] };
            if (raw.type === 'StasisStart' && raw.channel) {
              if (raw.args?.[0] === 'agent') agentAnsweredAt.set(raw.args[1]!, t);
              else stasisAt.set(raw.channel.id, t);
            } else if (raw.type === 'ChannelDtmfReceived' && raw.channel) {
              dtmfAt.set(raw.channel.id, t);
            }
            return h(e);
          });
      }
      if (prop === 'play') {
        return (tg: { channelId?: string }, media: string[], o?: { playbackId?: string }) => {
          const t = performance.now();
          const ch = tg.channelId;
          if (ch) {
            const s = stasisAt.get(ch);
            if (s !== undefined) {
              firstPrompt.push(t - s);
              stasisAt.delete(ch);
            }
            const d = dtmfAt.get(ch);
            if (d !== undefined) {
              afterDtmf.push(t - d);
              dtmfAt.delete(ch);
            }
            if (media.includes('sound:cc/welcome') && !pressed.has(`${ch}:1`)) {
              pressed.add(`${ch}:1`);
              later(KEY_AFTER_MS, () => order({ op: 'dtmf', channelId: ch, digits: '1' }));
            }
            if (media.includes('sound:cc/main-menu') && !pressed.has(`${ch}:0`)) {
              pressed.add(`${ch}:0`);
              later(KEY_AFTER_MS, () => order({ op: 'dtmf', channelId: ch, digits: '0' }));
            }
          }
          return target.play(tg as { channelId: string }, media, o);
        };
      }
      if (prop === 'addChannels') {
        return async (bridgeId: string, ids: string[], o?: { role?: string }) => {
          const r = await target.addChannels(bridgeId, ids, o);
          const callId = ids[0]!;
          const a = agentAnsweredAt.get(callId);
          if (a !== undefined && bridgeId.startsWith('mix-')) {
            toBridge.push(performance.now() - a);
            agentAnsweredAt.delete(callId);
            connected++;
            later(TALK_MS, () => {
              order({ op: 'hangup', channelId: callId });
              completed++;
            });
          }
          return r;
        };
      }
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const pressed = new Set<string>();
  const eventCounts: Record<string, number> = {};
  const later = (ms: number, fn: () => void) => {
    setTimeout(fn, ms);
  };

  let telephony: TelephonyService | undefined = undefined;
  const deliver = (offer: AcdOffer) => {
    void telephony?.routing({ type: 'offer', offer }).catch(() => undefined);
  };
  telephony = createTelephony({
    ari,
    redis,
    subscriber: sub,
    prefix,
    scripts: await loadScripts(),
    clock,
    logger,
    config: { lookupBudgetMs: 200, announceFirstAfterMs: 60_000 },
    ports: {
      acd: acdPort(acd, deliver, () => clock.now(), logger),
      customers: { findCaller: () => Promise.resolve(null) },
      interactions: { upsert: () => Promise.resolve() },
      selfService: {
        balanceByPhone: () => Promise.resolve({ found: false }),
        balanceByAccount: () => Promise.resolve({ found: false }),
        complaintByTicket: () => Promise.resolve({ found: false }),
        callbackByPhone: () => Promise.resolve({ found: false }),
        cancelCallback: () => Promise.resolve({ found: false }),
      },
      callbacks: { create: () => Promise.resolve({ id: '0' }) },
      endpoints: { endpointOf: (id) => Promise.resolve(`PJSIP/${9000 + Number(id)}@pstn`) },
      events: {
        emit: (e) => {
          eventCounts[e.type] = (eventCounts[e.type] ?? 0) + 1;
        },
      },
    },
  });
  await telephony.start();
  await telephony.whenDriving();
  for (let i = 1; i <= AGENTS; i++) {
    await acd.loginAgent({
      id: String(i),
      name: `agent ${i}`,
      skills: { 'zh-CN': 5 },
      queues: [{ queueId: 'support', rank: 1 }],
    });
  }
  const ticker = setInterval(() => {
    acd
      .tick()
      .then(({ events }) => {
        for (const e of events) if (e.type === 'offer') deliver(e.offer);
      })
      .catch(() => undefined);
  }, 200);

  // Open loop: arrivals on schedule, whatever happened to the earlier ones.
  const loadAtStart = loadavg();
  const cpuAtStart = process.cpuUsage();
  const pbxCpuAtStart = await pbxCpu();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const started = performance.now();
  const total = RATE * SECONDS;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
      const from: string[] = [];
      while (placed < due) {
        placed++;
        from.push(`+86139${String(10_000_000 + placed).slice(-8)}`);
      }
      if (from.length) order({ op: 'calls', from });
      if (placed >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const arrivalSeconds = (performance.now() - started) / 1000;
  // Let the calls placed last finish.
  const drainUntil = performance.now() + 20_000;
  while (completed + failedPlace < total && performance.now() < drainUntil) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const pbxCpuMs = (await pbxCpu()) - pbxCpuAtStart;
  const cpuMsPerCall =
    Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, completed)) * 10) / 10;

  clearInterval(ticker);
  await telephony.stop();
  sim.child.kill('SIGTERM');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  await Promise.all([redis.quit(), sub.quit()]);

  const a = summary(firstPrompt);
  const b = summary(afterDtmf);
  const c = summary(toBridge);
  console.log(
    JSON.stringify({
      bench: 'telephony',
      offeredCallsPerSecond: RATE,
      arrivalSeconds: Math.round(arrivalSeconds * 100) / 100,
      placed,
      failedToPlace: failedPlace,
      connected,
      completed,
      sustainedCallsPerSecond: Math.round((connected / arrivalSeconds) * 10) / 10,
      elapsedSeconds: Math.round(elapsed * 10) / 10,
      stasisToFirstPromptMs: a,
      dtmfToNextPromptMs: b,
      agentAnswerToBridgedMs: c,
      callEvents: eventCounts,
      // CPU of this process (call layer, ACD client, ARI client, load driver) per completed call.
      cpuMsPerCall,
      // The PBX child's (simulator and load driver): if it nears a core, the PBX is the limit.
      pbxCpuMsPerCall: Math.round((pbxCpuMs / Math.max(1, completed)) * 10) / 10,
      eventLoopDelayMs: {
        p50: Math.round(loopDelay.percentile(50) / 1e4) / 100,
        p99: Math.round(loopDelay.percentile(99) / 1e4) / 100,
        max: Math.round(loopDelay.max / 1e4) / 100,
      },
      // The machine is shared: the 1-minute load average when arrivals began and at the end.
      loadAverage1m: { start: round2(loadAtStart[0]!), end: round2(loadavg()[0]!) },
      goals: {
        callsPerSecond: 200,
        p99StasisToPromptMs: 20,
        p99DtmfToPromptMs: 20,
        met:
          connected / arrivalSeconds >= 200 * 0.98 &&
          (a.p99 ?? Infinity) < 20 &&
          (b.p99 ?? Infinity) < 20,
      },
    }),
  );
  process.exit(0);
}

await main();
