/**
 * `npm run bench:acd`: the ACD on the local Redis with 2,000 agents in 50 queues with skills.
 *  1. latency of "call arrives → agent reserved" (enqueue), one call at a time;
 *  2. decisions per second: bursts of arrivals onto free agents with many calls in flight, and a
 *     full cycle (arrive → reserved → accept → release, the release making the agent-side
 *     decision) with many calls in flight;
 *  3. four processes (child_process.fork of this file) doing 100,000 operations in total on one
 *     store with the reservation journal on, then an audit: no agent ever held two calls, no call
 *     was ever offered to two agents.
 * Own key prefixes, deleted at the end. The last line is one JSON object.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import {
  RoutingError,
  STRATEGIES,
  createRandom,
  type AcdStore,
  type Offer,
} from '../routing/index.js';
import { createAcdStore } from '../server/wiring/routing.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const AGENTS = 2000;
const QUEUES = 50;
const SEQUENTIAL = Number(process.env.ACD_BENCH_SEQUENTIAL ?? 10_000);
const LOAD_CYCLES = Number(process.env.ACD_BENCH_CYCLES ?? 20_000);
const BURSTS = Number(process.env.ACD_BENCH_BURSTS ?? 10);
const BURST_CALLS = 1500;
const IN_FLIGHT = Number(process.env.ACD_BENCH_IN_FLIGHT ?? 32);
const PROCESSES = 4;
const OPERATIONS = Number(process.env.ACD_BENCH_OPERATIONS ?? 100_000);

const qid = (i: number) => `q${String(i).padStart(2, '0')}`;

function queueConfig(i: number) {
  return {
    id: qid(i),
    strategy: STRATEGIES[i % STRATEGIES.length],
    // Every fifth queue also needs Chinese, which a third of its members speak: pages get skipped.
    requirements: [
      { skill: `product${i % 10}`, min: 2 },
      ...(i % 5 === 0 ? [{ skill: 'zh-CN', min: 3 }] : []),
    ],
    relaxation:
      i % 5 === 0
        ? [{ afterSeconds: 60, requirements: [{ skill: `product${i % 10}`, min: 2 }] }]
        : [],
    vip: i % 7 === 0 ? { agentGroup: 'vip', overflowAfterSeconds: 20 } : null,
    ringTimeoutSeconds: 20,
    wrapUpSeconds: 0,
    declineCooldownSeconds: 5,
  };
}

function agentProfile(i: number) {
  const qs = [i % QUEUES, (i + 17) % QUEUES, (i + 34) % QUEUES];
  const skills: Record<string, number> = { 'zh-CN': i % 3 === 0 ? 4 : 1 };
  for (const q of qs) skills[`product${q % 10}`] = 2 + ((i + q) % 4);
  return {
    id: `ag${String(i).padStart(4, '0')}`,
    skills,
    groups: i % 7 === 0 ? ['vip'] : [],
    queues: qs.map((q, k) => ({ queueId: qid(q), rank: 1 + ((i + k) % 5) })),
  };
}

async function setUp(acd: AcdStore): Promise<void> {
  for (let i = 0; i < QUEUES; i++) await acd.upsertQueue(queueConfig(i));
  const batch = 50;
  for (let i = 0; i < AGENTS; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, AGENTS - i) }, (_, k) =>
        acd.loginAgent(agentProfile(i + k)),
      ),
    );
  }
}

async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

const ms = (ns: bigint) => Number(ns) / 1e6;

/** This process's CPU time (user + system), µs. */
function clientCpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/** Redis's CPU time (main thread, user + system) and its EVALSHA count and time, µs. */
async function redisCost(
  redis: Redis,
): Promise<{ cpuUs: number; scripts: number; scriptUs: number }> {
  const info = await redis.info('all');
  const field = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? 0);
  const evalsha = /cmdstat_evalsha:calls=(\d+),usec=(\d+)/.exec(info);
  return {
    cpuUs: (field('used_cpu_user_main_thread') + field('used_cpu_sys_main_thread')) * 1e6,
    scripts: Number(evalsha?.[1] ?? 0),
    scriptUs: Number(evalsha?.[2] ?? 0),
  };
}

/** CPU per decision on both sides of the connection over a timed section. */
function costPer(
  decisions: number,
  client: number,
  before: Awaited<ReturnType<typeof redisCost>>,
  after: Awaited<ReturnType<typeof redisCost>>,
) {
  const per = (x: number) => Math.round((x / Math.max(1, decisions)) * 10) / 10;
  return {
    clientCpuUsPerDecision: per(client),
    redisCpuUsPerDecision: per(after.cpuUs - before.cpuUs),
    scriptsPerDecision: per(after.scripts - before.scripts),
    redisScriptUsPerDecision: per(after.scriptUs - before.scriptUs),
  };
}
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return {
    n: s.length,
    p50Ms: round(percentile(s, 50)),
    p99Ms: round(percentile(s, 99)),
    meanMs: round(mean),
  };
}
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * One call through the ACD: arrive (timed), answer, hang up (the agent-side decision, timed). A
 * call that has to wait (a VIP whose group is busy, say) is withdrawn and counted instead.
 */
async function cycle(acd: AcdStore, callId: string, queueId: string, vip: boolean) {
  const cpu0 = clientCpuUs();
  const t0 = process.hrtime.bigint();
  const out = await acd.enqueue({
    id: callId,
    queueId,
    ...(vip ? { vip: true, tier: 'gold' } : {}),
  });
  const arrive = ms(process.hrtime.bigint() - t0);
  const arriveCpuUs = clientCpuUs() - cpu0;
  if (out.kind !== 'offer') {
    if (out.kind === 'queued') await acd.dequeue(callId, 'cancelled');
    return null;
  }
  await acd.accept(out.offer.callId, out.offer.agentId);
  const cpu1 = clientCpuUs();
  const t1 = process.hrtime.bigint();
  await acd.release(out.offer.agentId, out.offer.callId);
  const release = ms(process.hrtime.bigint() - t1);
  return { arrive, arriveCpuUs, release, releaseCpuUs: clientCpuUs() - cpu1 };
}

/**
 * The arrival decision alone: bursts of calls onto free agents, many in flight, timed from the
 * first arrival to the last reservation; answering and freeing the agents between bursts is not
 * timed.
 */
async function arrivalBursts(acd: AcdStore, redis: Redis, rand: () => number) {
  let decisions = 0;
  let waited = 0;
  let ns = 0n;
  let clientUs = 0;
  const cost0 = { cpuUs: 0, scripts: 0, scriptUs: 0 };
  const cost1 = { cpuUs: 0, scripts: 0, scriptUs: 0 };
  const add = (into: typeof cost0, c: typeof cost0, sign: number) => {
    into.cpuUs += sign * c.cpuUs;
    into.scripts += sign * c.scripts;
    into.scriptUs += sign * c.scriptUs;
  };
  const latencies: number[] = [];
  for (let b = 0; b < BURSTS; b++) {
    const offers: Offer[] = [];
    const queued: string[] = [];
    let next = 0;
    add(cost1, await redisCost(redis), -1);
    const cpu0 = clientCpuUs();
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let i = next++; i < BURST_CALLS; i = next++) {
          const t0 = process.hrtime.bigint();
          const out = await acd.enqueue({
            id: `b${b}-${i}`,
            queueId: qid(Math.floor(rand() * QUEUES)),
          });
          latencies.push(ms(process.hrtime.bigint() - t0));
          decisions++;
          if (out.kind === 'offer') offers.push(out.offer);
          else {
            waited++;
            if (out.kind === 'queued') queued.push(out.callId);
          }
        }
      }),
    );
    ns += process.hrtime.bigint() - start;
    clientUs += clientCpuUs() - cpu0;
    add(cost1, await redisCost(redis), 1);
    // Callers who found nobody free are withdrawn first, so that freed agents stay free.
    for (const id of queued) await acd.dequeue(id, 'cancelled');
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let o = offers.pop(); o; o = offers.pop()) {
          await acd.accept(o.callId, o.agentId);
          await acd.release(o.agentId, o.callId);
        }
      }),
    );
  }
  const seconds = Number(ns) / 1e9;
  return {
    inFlight: IN_FLIGHT,
    calls: decisions,
    callsThatHadToWait: waited,
    seconds: round(seconds),
    decisionsPerSecond: Math.round(decisions / seconds),
    arriveToReserved: summary(latencies),
    // Each burst's INFO before and after brackets only its arrivals.
    cost: costPer(decisions, clientUs, cost0, cost1),
  };
}

async function latencyAndThroughput(redis: Redis) {
  const prefix = `bench_acd_${process.pid}_${Date.now()}:`;
  const acd = createAcdStore(redis, { prefix });
  // Many calls in flight: one connection that writes the commands of a tick in one go.
  const pipelined = new Redis(REDIS_URL, { enableAutoPipelining: true });
  const busy = createAcdStore(pipelined, { prefix });
  try {
    const t0 = Date.now();
    await setUp(acd);
    const setupSeconds = (Date.now() - t0) / 1000;
    const rand = createRandom(1).next;
    const arrive: number[] = [];
    const release: number[] = [];
    let arriveCpuUs = 0;
    let releaseCpuUs = 0;
    const pings: number[] = [];
    let waited = 0;
    for (let i = 0; i < SEQUENTIAL; i++) {
      const r = await cycle(acd, `s${i}`, qid(Math.floor(rand() * QUEUES)), rand() < 0.05);
      if (!r) waited++;
      else {
        arrive.push(r.arrive);
        release.push(r.release);
        arriveCpuUs += r.arriveCpuUs;
        releaseCpuUs += r.releaseCpuUs;
      }
      // The machine's own tail at the same moments, for comparison.
      const t = process.hrtime.bigint();
      await redis.ping();
      pings.push(ms(process.hrtime.bigint() - t));
    }
    const loadArrive: number[] = [];
    let loadWaited = 0;
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let i = next++; i < LOAD_CYCLES; i = next++) {
          const r = await cycle(busy, `l${i}`, qid(Math.floor(rand() * QUEUES)), rand() < 0.05);
          if (r) loadArrive.push(r.arrive);
          else loadWaited++;
        }
      }),
    );
    const seconds = ms(process.hrtime.bigint() - start) / 1000;
    const served = LOAD_CYCLES - loadWaited;
    const bursts = await arrivalBursts(busy, redis, rand);
    return {
      setupSeconds,
      sequential: {
        arriveToReserved: summary(arrive),
        arriveClientCpuUs: Math.round(arriveCpuUs / Math.max(1, arrive.length)),
        agentFreeToDecided: summary(release),
        releaseClientCpuUs: Math.round(releaseCpuUs / Math.max(1, release.length)),
        pingMeanwhile: summary(pings),
        callsThatHadToWait: waited,
      },
      arrivals: bursts,
      underLoad: {
        inFlight: IN_FLIGHT,
        calls: LOAD_CYCLES,
        callsThatHadToWait: loadWaited,
        seconds: round(seconds),
        // Two decisions per served call (the call side on arrival, the agent side when the agent
        // is free again), one per call that had to wait.
        decisionsPerSecond: Math.round((2 * served + loadWaited) / seconds),
        callsPerSecond: Math.round(LOAD_CYCLES / seconds),
        arriveToReserved: summary(loadArrive),
      },
    };
  } finally {
    await pipelined.quit();
    await dropPrefix(redis, prefix);
  }
}

interface WorkerReport {
  operations: number;
  offers: number;
  refusals: Record<string, number>;
}

/** A child process: random operations on the shared store, as a node of a cluster would. */
async function worker(prefix: string, index: number, operations: number): Promise<WorkerReport> {
  const redis = new Redis(REDIS_URL);
  const acd = createAcdStore(redis, { prefix, journal: true, maxMissedOffers: 0 });
  const rand = createRandom(1000 + index).next;
  const mine: Offer[] = [];
  const onCall: string[] = [];
  const calls: string[] = [];
  const refusals: Record<string, number> = {};
  let offers = 0;
  const keep = (o: Offer | null | undefined) => {
    if (o) {
      offers++;
      mine.push(o);
    }
  };
  const agent = () => agentProfile(Math.floor(rand() * AGENTS)).id;
  // Like a node serving its agents: offers it made are answered (accepted or rejected) soon,
  // calls are hung up later; meanwhile other nodes pause agents and bring calls at random.
  for (let i = 0; i < operations; i++) {
    const r = rand();
    try {
      if (mine.length && r < 0.45) {
        const o = mine.splice(Math.floor(rand() * mine.length), 1)[0]!;
        if (rand() < 0.85) {
          await acd.accept(o.callId, o.agentId);
          onCall.push(o.agentId);
        } else {
          const x = await acd.reject(o.callId, o.agentId, 'bench');
          keep(x.callOffer);
          keep(x.agentOffer);
        }
      } else if (onCall.length && r < 0.65) {
        const a = onCall.splice(Math.floor(rand() * onCall.length), 1)[0]!;
        keep((await acd.release(a)).offer);
      } else if (r < 0.9) {
        const id = `w${index}-${i}`;
        calls.push(id);
        const out = await acd.enqueue({
          id,
          queueId: qid(Math.floor(rand() * QUEUES)),
          vip: rand() < 0.05,
        });
        if (out.kind === 'offer') keep(out.offer);
      } else if (r < 0.93) {
        const back = await acd.pauseAgent(agent(), 'bench');
        if (back.requeued?.kind === 'offer') keep(back.requeued.offer);
      } else if (r < 0.96) {
        keep(await acd.setAgentAvailable(agent()));
      } else if (r < 0.99 && calls.length) {
        const d = await acd.dequeue(calls[Math.floor(rand() * calls.length)]!, 'abandoned');
        keep(d.agentOffer);
        keep(d.released?.offer);
      } else {
        const t = await acd.tick();
        for (const e of t.events) if (e.type === 'offer') keep(e.offer);
      }
    } catch (err) {
      if (!(err instanceof RoutingError)) throw err;
      refusals[err.code] = (refusals[err.code] ?? 0) + 1;
    }
  }
  await redis.quit();
  return { operations, offers, refusals };
}

async function concurrency(redis: Redis) {
  const prefix = `bench_acd_race_${process.pid}_${Date.now()}:`;
  const acd = createAcdStore(redis, { prefix, journal: true });
  try {
    await setUp(acd);
    const per = Math.ceil(OPERATIONS / PROCESSES);
    const start = Date.now();
    const reports = await Promise.all(
      Array.from(
        { length: PROCESSES },
        (_, i) =>
          new Promise<WorkerReport>((resolve, reject) => {
            const child = fork(process.argv[1]!, ['--worker', prefix, String(i), String(per)]);
            let report: WorkerReport | null = null;
            child.on('message', (m) => {
              report = m as WorkerReport;
            });
            child.on('error', reject);
            child.on('exit', (code) =>
              code === 0 && report
                ? resolve(report)
                : reject(new Error(`worker ${i} exited with ${code}`)),
            );
          }),
      ),
    );
    const seconds = (Date.now() - start) / 1000;
    const verdict = await acd.auditJournal();
    const snap = await acd.snapshot();
    const callById = new Map(snap.calls.map((c) => [c.id, c]));
    const inconsistent = snap.agents.filter((a) => {
      if (a.state !== 'reserved' && a.state !== 'on_call') return a.callId !== null;
      return callById.get(a.callId ?? '')?.agentId !== a.id;
    }).length;
    const refusals: Record<string, number> = {};
    for (const r of reports)
      for (const [k, v] of Object.entries(r.refusals)) refusals[k] = (refusals[k] ?? 0) + v;
    return {
      processes: PROCESSES,
      operations: reports.reduce((a, r) => a + r.operations, 0),
      seconds: round(seconds),
      offers: reports.reduce((a, r) => a + r.offers, 0),
      reservations: verdict.reservations,
      releases: verdict.releases,
      doubleReservations: verdict.violations.length,
      violations: verdict.violations.slice(0, 5),
      inconsistentAgents: inconsistent,
      // Expected losers of races (e.g. accepting an offer another node expired): refused, not broken.
      refusals,
    };
  } finally {
    await dropPrefix(redis, prefix);
  }
}

/** The machine's own floor: a PING one at a time, and an empty script with many in flight. */
async function baseline(redis: Redis) {
  const pings: number[] = [];
  for (let i = 0; i < 5000; i++) {
    const t = process.hrtime.bigint();
    await redis.ping();
    pings.push(ms(process.hrtime.bigint() - t));
  }
  const pipelined = new Redis(REDIS_URL, { enableAutoPipelining: true });
  try {
    const sha = (await pipelined.script('LOAD', 'return 1')) as string;
    let n = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (n++ < 20_000) await pipelined.evalsha(sha, 0);
      }),
    );
    const seconds = ms(process.hrtime.bigint() - start) / 1000;
    return { ping: summary(pings), emptyScriptsPerSecond: Math.round(20_000 / seconds) };
  } finally {
    await pipelined.quit();
  }
}

async function main() {
  const redis = new Redis(REDIS_URL);
  const loadBefore = loadavg().map(round);
  try {
    console.log(
      `ACD benchmark on ${REDIS_URL.replace(/\/\/[^@]*@/, '//')}: ${AGENTS} agents, ${QUEUES} queues; load average ${loadBefore.join(' ')}`,
    );
    const base = await baseline(redis);
    console.log(
      `machine floor: PING p50 ${base.ping.p50Ms} ms, p99 ${base.ping.p99Ms} ms; empty script ${base.emptyScriptsPerSecond}/s with ${IN_FLIGHT} in flight`,
    );
    const lt = await latencyAndThroughput(redis);
    const s = lt.sequential.arriveToReserved;
    console.log(`set-up (50 queues, 2,000 logins): ${lt.setupSeconds.toFixed(1)} s`);
    console.log(
      `call arrives → agent reserved, one at a time: p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms (${s.n} calls)`,
    );
    const pm = lt.sequential.pingMeanwhile;
    console.log(`  a PING between those calls: p50 ${pm.p50Ms} ms, p99 ${pm.p99Ms} ms`);
    console.log(`  client CPU per arrival: ${lt.sequential.arriveClientCpuUs} µs`);
    const f = lt.sequential.agentFreeToDecided;
    console.log(
      `agent free → next decision (release), one at a time: p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms; client CPU ${lt.sequential.releaseClientCpuUs} µs`,
    );
    const b = lt.arrivals;
    console.log(
      `arrival bursts, ${b.inFlight} in flight: ${b.decisionsPerSecond} arrival decisions/s, p50 ${b.arriveToReserved.p50Ms} ms, p99 ${b.arriveToReserved.p99Ms} ms (${b.calls} calls)`,
    );
    console.log(
      `  per decision: ${b.cost.scriptsPerDecision} scripts, client CPU ${b.cost.clientCpuUsPerDecision} µs, Redis CPU ${b.cost.redisCpuUsPerDecision} µs (scripts ${b.cost.redisScriptUsPerDecision} µs)`,
    );
    const u = lt.underLoad;
    console.log(
      `${u.inFlight} calls in flight: ${u.decisionsPerSecond} decisions/s (${u.callsPerSecond} calls/s), arrive → reserved p50 ${u.arriveToReserved.p50Ms} ms, p99 ${u.arriveToReserved.p99Ms} ms`,
    );
    const c = await concurrency(redis);
    console.log(
      `${c.processes} processes, ${c.operations} operations in ${c.seconds} s: ${c.reservations} reservations, ${c.doubleReservations} double reservations, ${c.inconsistentAgents} inconsistent agents`,
    );
    const goals = {
      p99Under2Ms: s.p99Ms < 2,
      atLeast5000DecisionsPerSecond: b.decisionsPerSecond >= 5000,
      zeroDoubleReservations: c.doubleReservations === 0 && c.inconsistentAgents === 0,
    };
    console.log(
      JSON.stringify({
        agents: AGENTS,
        queues: QUEUES,
        baseline: base,
        ...lt,
        concurrency: c,
        goals,
        loadAverage: { before: loadBefore, after: loadavg().map(round) },
      }),
    );
    if (!goals.zeroDoubleReservations) process.exitCode = 1;
  } finally {
    await redis.quit();
  }
}

if (process.argv[2] === '--worker') {
  const [prefix, index, operations] = process.argv.slice(3);
  worker(prefix!, Number(index), Number(operations))
    .then((report) => process.send?.(report, () => process.exit(0)))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
} else {
  await main();
}
