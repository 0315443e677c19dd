/**
 * `npm run sim:dialer`: the real pacing code (outbound/ planDial) against a simulated floor.
 *
 * Discrete-event, fixed seed. For every scenario (live-answer rate x agents x handle time)
 * progressive and predictive run against the same world: contact number k has the same
 * outcome, ring time, talk and wrap time in both runs, so the only difference is the pacing.
 * A call answered by a person must reach an agent within 2 s; otherwise it hears the recorded
 * identification message and counts as abandoned. Machines (AMD) are dispositioned.
 *
 * Prints one JSON line per scenario, then one summary line.
 */
import {
  abandonTotals,
  buildAnswerModel,
  buildHandleTimeModel,
  dispositionAnswer,
  emptyAbandonWindow,
  parseCampaign,
  planDial,
  recordLiveAnswer,
  type AbandonWindow,
  type AnswerModel,
  type BusyAgent,
  type Campaign,
  type HandleTimeModel,
  type PacingInput,
} from '../outbound/index.js';
import { simOptions } from './sim-dialer-options.js';

const SEED = 20240601;
const SHIFT_MS = 8 * 3_600_000;
const TICK_MS = 1_000;
const SIM_START = Date.UTC(2024, 5, 3, 1, 0, 0);
const OPTIONS = simOptions(process.env);
const MACHINE_RATE = 0.12;
const BUSY_RATE = 0.08;
const RECENT_DIALS = 2_000;
const HANDLE_SAMPLES = 400;
// The pacing job refreshes its measured models every 10 s, not on every tick.
const MODEL_REFRESH_MS = 10_000;

interface Scenario {
  answerRate: number;
  agents: number;
  talkMeanMs: number;
  wrapMeanMs: number;
}

type Mode = 'progressive' | 'predictive';

// ---- seeded randomness -------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x01000193);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

function uniform(rng: () => number, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Log-normal with the given mean and coefficient of variation (call lengths are skewed). */
function logNormal(rng: () => number, mean: number, cv: number): number {
  const sigma2 = Math.log(1 + cv * cv);
  const mu = Math.log(mean) - sigma2 / 2;
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.exp(mu + Math.sqrt(sigma2) * z);
}

// ---- the world: what happens when contact k is dialed -------------------------------------

interface DialFate {
  /** Time from dial to the result reaching the dialer (ring, plus AMD listening if answered). */
  resultAfterMs: number;
  kind: 'person' | 'machine' | 'busy' | 'no_answer';
  amdStatus: string | null;
  talkMs: number;
  wrapMs: number;
}

function fateOf(world: Scenario, worldId: number, k: number, dialTimeoutMs: number): DialFate {
  const rng = mulberry32(mix(SEED, worldId, k));
  const u = rng();
  const ring = uniform(rng, 3_000, 18_000);
  const talkMs = logNormal(rng, world.talkMeanMs, 0.8);
  const wrapMs = uniform(rng, 0.5, 1.5) * world.wrapMeanMs;
  if (u < world.answerRate) {
    // AMD decides "person" once the greeting is followed by silence, 1.5-3 s after answer.
    const amdStatus = rng() < 0.05 ? 'NOTSURE' : 'HUMAN';
    return {
      resultAfterMs: ring + uniform(rng, 1_500, 3_000),
      kind: 'person',
      amdStatus,
      talkMs,
      wrapMs,
    };
  }
  if (u < world.answerRate + MACHINE_RATE) {
    return {
      resultAfterMs: ring + uniform(rng, 2_500, 4_500),
      kind: 'machine',
      amdStatus: 'MACHINE',
      talkMs: 0,
      wrapMs: 0,
    };
  }
  if (u < world.answerRate + MACHINE_RATE + BUSY_RATE) {
    return {
      resultAfterMs: uniform(rng, 1_000, 3_000),
      kind: 'busy',
      amdStatus: null,
      talkMs: 0,
      wrapMs: 0,
    };
  }
  return { resultAfterMs: dialTimeoutMs, kind: 'no_answer', amdStatus: null, talkMs: 0, wrapMs: 0 };
}

// ---- event queue -------------------------------------------------------------------------

type SimEvent =
  | { t: number; seq: number; type: 'tick' }
  | { t: number; seq: number; type: 'result'; fate: DialFate; lineId: number }
  | { t: number; seq: number; type: 'deadline'; callId: number }
  | { t: number; seq: number; type: 'talk_end'; agent: number }
  | { t: number; seq: number; type: 'wrap_end'; agent: number };

/** An event before the queue numbers it (ties are broken by insertion order). */
type NewEvent = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'seq'> : never) : never;

class EventQueue {
  private heap: SimEvent[] = [];
  private seq = 0;

  push(e: NewEvent): void {
    const ev: SimEvent = { ...e, seq: this.seq++ };
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  pop(): SimEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

// ---- one run -----------------------------------------------------------------------------

interface Agent {
  state: 'idle' | 'talking' | 'wrap_up';
  since: number;
  wrapMs: number;
}

interface RunResult {
  occupancy: number;
  abandonRate: number;
  dials: number;
  liveAnswers: number;
  abandoned: number;
  machines: number;
  meanDialRatio: number;
}

/** The last `size` values, oldest overwritten first. */
class Sliding<T> {
  private values: T[] = [];
  private at = 0;

  constructor(private readonly size: number) {}

  add(v: T): void {
    if (this.values.length < this.size) this.values.push(v);
    else {
      this.values[this.at] = v;
      this.at = (this.at + 1) % this.size;
    }
  }

  get all(): readonly T[] {
    return this.values;
  }
}

function run(world: Scenario, worldId: number, mode: Mode, campaign: Campaign): RunResult {
  const dialTimeoutMs = campaign.dialTimeoutSeconds * 1_000;
  const agents: Agent[] = Array.from({ length: world.agents }, () => ({
    state: 'idle',
    since: 0,
    wrapMs: 0,
  }));
  const q = new EventQueue();
  const waiting = new Map<number, { fate: DialFate }>();
  let nextCallId = 0;
  let nextContact = 0;
  const ringing = new Map<number, number>();
  let nextLineId = 0;
  let dials = 0;
  let liveAnswers = 0;
  let abandoned = 0;
  let machines = 0;
  let talkInShift = 0;
  let ratioSum = 0;
  let ratioTicks = 0;
  let window: AbandonWindow = emptyAbandonWindow();
  const recentDials = new Sliding<{ afterMs: number; live: boolean }>(RECENT_DIALS);
  const talkSamples = new Sliding<number>(HANDLE_SAMPLES);
  const wrapSamples = new Sliding<number>(HANDLE_SAMPLES);
  let handleTimes: HandleTimeModel = buildHandleTimeModel([], []);
  let answers: AnswerModel = buildAnswerModel([]);
  let refreshedAt = -Infinity;

  const connect = (agentIndex: number, fate: DialFate, t: number) => {
    const a = agents[agentIndex]!;
    a.state = 'talking';
    a.since = t;
    a.wrapMs = fate.wrapMs;
    talkInShift += Math.max(0, Math.min(t + fate.talkMs, SHIFT_MS) - Math.min(t, SHIFT_MS));
    q.push({ t: t + fate.talkMs, type: 'talk_end', agent: agentIndex });
  };
  const idleAgent = () => agents.findIndex((a) => a.state === 'idle');
  const countLive = (t: number, wasAbandoned: boolean) => {
    window = recordLiveAnswer(
      window,
      new Date(SIM_START + t),
      wasAbandoned,
      campaign.abandonCap.windowDays,
    );
  };

  q.push({ t: 0, type: 'tick' });
  for (let ev = q.pop(); ev; ev = q.pop()) {
    const t = ev.t;
    switch (ev.type) {
      case 'tick': {
        if (t >= SHIFT_MS) break;
        if (t - refreshedAt >= MODEL_REFRESH_MS) {
          handleTimes = buildHandleTimeModel(talkSamples.all, wrapSamples.all);
          answers = buildAnswerModel(recentDials.all);
          refreshedAt = t;
        }
        const busy: BusyAgent[] = [];
        let idle = 0;
        for (const a of agents) {
          if (a.state === 'idle') idle++;
          else busy.push({ phase: a.state, elapsedMs: t - a.since });
        }
        const totals = abandonTotals(
          window,
          new Date(SIM_START + t),
          campaign.abandonCap.windowDays,
        );
        const input: PacingInput = {
          mode,
          idleAgents: idle,
          busyAgents: busy,
          ringingElapsedMs: Array.from(ringing.values(), (dialedAt) => t - dialedAt),
          waitingAnswers: waiting.size,
          contactsAvailable: 1_000_000,
          handleTimes,
          answers,
          windowLiveAnswers: totals.liveAnswers,
          windowAbandoned: totals.abandoned,
          abandonCap: OPTIONS.cap ?? campaign.abandonCap.maxRate,
          maxConnectDelayMs: campaign.maxConnectDelayMs,
          maxLinesPerAgent: campaign.maxLinesPerAgent,
        };
        const decision = planDial(input, OPTIONS.tuning);
        for (let i = 0; i < decision.linesToDial; i++) {
          const fate = fateOf(world, worldId, nextContact++, dialTimeoutMs);
          const lineId = nextLineId++;
          ringing.set(lineId, t);
          dials++;
          q.push({ t: t + fate.resultAfterMs, type: 'result', fate, lineId });
        }
        ratioSum += (ringing.size + waiting.size) / world.agents;
        ratioTicks++;
        q.push({ t: t + TICK_MS, type: 'tick' });
        break;
      }
      case 'result': {
        const dialedAt = ringing.get(ev.lineId) ?? t;
        ringing.delete(ev.lineId);
        const { fate } = ev;
        const answered = fate.kind === 'person' || fate.kind === 'machine';
        const disposition = answered ? dispositionAnswer(fate.amdStatus) : null;
        recentDials.add({ afterMs: t - dialedAt, live: disposition?.connect === true });
        if (!disposition) break;
        if (!disposition.connect) {
          if (disposition.outcome === 'machine') machines++;
          else {
            liveAnswers++;
            abandoned++;
            countLive(t, true);
          }
          break;
        }
        liveAnswers++;
        const free = idleAgent();
        if (free >= 0) {
          countLive(t, false);
          connect(free, fate, t);
        } else {
          const callId = nextCallId++;
          waiting.set(callId, { fate });
          q.push({ t: t + campaign.maxConnectDelayMs, type: 'deadline', callId });
        }
        break;
      }
      case 'deadline': {
        if (waiting.delete(ev.callId)) {
          // Nobody free in time: the caller hears the identification message; abandoned.
          abandoned++;
          countLive(t, true);
        }
        break;
      }
      case 'talk_end': {
        const a = agents[ev.agent]!;
        talkSamples.add(t - a.since);
        a.state = 'wrap_up';
        a.since = t;
        q.push({ t: t + a.wrapMs, type: 'wrap_end', agent: ev.agent });
        break;
      }
      case 'wrap_end': {
        const a = agents[ev.agent]!;
        wrapSamples.add(t - a.since);
        a.state = 'idle';
        a.since = t;
        const oldest = waiting.keys().next();
        if (!oldest.done) {
          const call = waiting.get(oldest.value)!;
          waiting.delete(oldest.value);
          countLive(t, false);
          connect(ev.agent, call.fate, t);
        }
        break;
      }
    }
  }
  return {
    occupancy: talkInShift / (world.agents * SHIFT_MS),
    abandonRate: liveAnswers ? abandoned / liveAnswers : 0,
    dials,
    liveAnswers,
    abandoned,
    machines,
    meanDialRatio: ratioTicks ? ratioSum / ratioTicks : 0,
  };
}

// ---- scenarios ---------------------------------------------------------------------------

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

function main(): void {
  const started = performance.now();
  const campaign = parseCampaign({
    name: 'simulation',
    queueId: 'sim',
    mode: 'predictive',
    callerId: '+862162123456',
  });
  const handleTimes = [
    { label: 'short', talkMeanMs: 60_000, wrapMeanMs: 10_000 },
    { label: 'long', talkMeanMs: 180_000, wrapMeanMs: 20_000 },
  ];
  const rows: { answerRate: number; gain: number; predictiveAbandon: number }[] = [];
  let worldId = 0;
  for (const answerRate of [0.1, 0.2, 0.3, 0.4]) {
    for (const agents of [10, 25, 50]) {
      for (const h of handleTimes) {
        const world: Scenario = { answerRate, agents, ...h };
        worldId++;
        const name = `answer${answerRate * 100}-agents${agents}-${h.label}`;
        if (OPTIONS.only && !OPTIONS.only.includes(name)) continue;
        const progressive = run(world, worldId, 'progressive', campaign);
        const predictive = run(world, worldId, 'predictive', campaign);
        const gain = predictive.occupancy / progressive.occupancy - 1;
        rows.push({ answerRate, gain, predictiveAbandon: predictive.abandonRate });
        const fmt = (r: RunResult) => ({
          occupancy: round(r.occupancy),
          abandonRate: round(r.abandonRate),
          dials: r.dials,
          liveAnswers: r.liveAnswers,
          abandoned: r.abandoned,
          machines: r.machines,
          meanLinesPerAgent: round(r.meanDialRatio, 3),
        });
        console.log(
          JSON.stringify({
            scenario: name,
            answerRate,
            agents,
            talkMeanSec: h.talkMeanMs / 1000,
            wrapMeanSec: h.wrapMeanMs / 1000,
            shiftHours: SHIFT_MS / 3_600_000,
            progressive: fmt(progressive),
            predictive: fmt(predictive),
            talkTimeGain: round(gain),
          }),
        );
      }
    }
  }
  const low = rows.filter((r) => r.answerRate <= 0.2);
  const cap = campaign.abandonCap.maxRate;
  console.log(
    JSON.stringify({
      summary: 'sim:dialer',
      seed: SEED,
      scenarios: rows.length,
      abandonCap: cap,
      controllerCap: OPTIONS.cap ?? cap,
      tuning: OPTIONS.tuning,
      maxPredictiveAbandonRate: round(Math.max(...rows.map((r) => r.predictiveAbandon))),
      predictiveUnderCapEverywhere: rows.every((r) => r.predictiveAbandon < cap),
      minTalkTimeGainAtLowAnswerRates: round(Math.min(...low.map((r) => r.gain))),
      gainAtLeast30PercentAtLowAnswerRates: low.every((r) => r.gain >= 0.3),
      elapsedSec: round((performance.now() - started) / 1000, 1),
    }),
  );
}

main();
