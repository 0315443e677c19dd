import { movedCall, toRoutedCall } from '../core/call.js';
import { chooseAgent, chooseCall } from '../core/choose.js';
import { nextReviewAt, reviewCall } from '../core/overflow.js';
import type {
  AgentCandidate,
  AgentProfile,
  QueueConfig,
  RoutedCall,
  SkillRequirement,
} from '../core/types.js';
import { EventQueue } from './event-queue.js';
import { createRandom } from './random.js';

export type HandleTimeModel =
  | { kind: 'exponential'; meanSeconds: number }
  | { kind: 'lognormal'; meanSeconds: number; cv: number };

/** A kind of caller: tier and VIP flag as the CRM's strategy gives them, and their patience. */
export interface CallerClass {
  name: string;
  weight: number;
  tier?: string;
  vip?: boolean;
  /** Mean of an exponential patience; null: never hangs up. */
  patienceSeconds: number | null;
}

/** Where callers go (the IVR's choice), with the skills that choice needs. */
export interface CallRoute {
  queueId: string;
  weight: number;
  requirements?: SkillRequirement[];
}

export interface SimulationScenario {
  seed: number;
  /** Calls measured, after the warm-up calls. */
  calls: number;
  warmupCalls: number;
  /** Poisson arrivals. */
  arrivalsPerSecond: number;
  queues: QueueConfig[];
  agents: AgentProfile[];
  callers: CallerClass[];
  routes: CallRoute[];
  handle: HandleTimeModel;
}

export interface SimulationResult {
  calls: number;
  answered: number;
  abandoned: number;
  exited: number;
  /** Answered within the queue's threshold / (answered + abandoned after it). */
  serviceLevel: number;
  asaSeconds: number;
  /** Share of answered callers who waited at all. */
  probabilityOfWaiting: number;
  /** Mean wait of answered callers, by caller class. */
  meanWaitSeconds: Record<string, number>;
  abandonRate: number;
  /** Share of the measured time each agent spent on calls and wrap-up. */
  occupancy: { min: number; max: number; mean: number; stddev: number };
  simulatedHours: number;
  /** Decisions taken by the core (chooseAgent + chooseCall). */
  decisions: number;
}

interface SimAgent {
  profile: AgentProfile;
  state: 'free' | 'busy' | 'wrap';
  idleSince: number;
  calls: number;
  talkMs: number;
  lastOffered: Map<string, number>;
  busySince: number;
  measuredBusyMs: number;
}

interface SimCall {
  routed: RoutedCall;
  caller: CallerClass;
  route: CallRoute;
  measured: boolean;
  state: 'waiting' | 'done';
  reviewAt: number | null;
}

type SimEvent =
  | { kind: 'arrival'; n: number }
  | { kind: 'end'; agent: SimAgent; call: SimCall; queue: QueueConfig }
  | { kind: 'wrapEnd'; agent: SimAgent }
  | { kind: 'abandon'; call: SimCall }
  | { kind: 'review'; call: SimCall; at: number };

/** A fixed start so that the strategies' day counters behave as on a real day. */
const START = Date.UTC(2026, 0, 5, 8, 0, 0);

/**
 * A discrete-event simulation of the contact centre in which every routing choice is made by the
 * decision core itself (chooseAgent when a call arrives or is reviewed, chooseCall when an agent
 * becomes free, reviewCall for overflow and exits). Offers are answered at once: no ring time.
 */
export function runSimulation(s: SimulationScenario): SimulationResult {
  const rnd = createRandom(s.seed);
  const queues = new Map(s.queues.map((q) => [q.id, q]));
  const agents: SimAgent[] = s.agents.map((profile) => ({
    profile,
    state: 'free',
    idleSince: START,
    calls: 0,
    talkMs: 0,
    lastOffered: new Map(),
    busySince: 0,
    measuredBusyMs: 0,
  }));
  const free = new Map<string, Set<SimAgent>>(s.queues.map((q) => [q.id, new Set()]));
  const waiting = new Map<string, Map<string, SimCall>>(s.queues.map((q) => [q.id, new Map()]));
  for (const a of agents) for (const m of a.profile.queues) free.get(m.queueId)?.add(a);

  const events = new EventQueue<SimEvent>();
  const totalCalls = s.warmupCalls + s.calls;
  let measureFrom: number | null = null;
  let now = START;
  let decisions = 0;
  const stats = {
    answered: 0,
    abandoned: 0,
    exited: 0,
    withinSl: 0,
    abandonedAfterSl: 0,
    waitSum: 0,
    waited: 0,
    byClass: new Map<string, { sum: number; n: number }>(),
  };

  const candidate = (a: SimAgent, queueId: string): AgentCandidate => ({
    id: a.profile.id,
    skills: a.profile.skills,
    groups: a.profile.groups,
    rank: a.profile.queues.find((m) => m.queueId === queueId)?.rank ?? 1,
    idleSince: a.idleSince,
    callsToday: a.calls,
    talkSecondsToday: a.talkMs / 1000,
    lastOfferedAt: a.lastOffered.get(queueId) ?? 0,
  });
  const handleMs = () =>
    1000 *
    (s.handle.kind === 'exponential'
      ? rnd.exponential(s.handle.meanSeconds)
      : rnd.logNormal(s.handle.meanSeconds, s.handle.cv));

  const finishBusy = (a: SimAgent) => {
    if (measureFrom !== null)
      a.measuredBusyMs += Math.max(0, now - Math.max(a.busySince, measureFrom));
  };

  const serve = (a: SimAgent, call: SimCall, queue: QueueConfig) => {
    for (const m of a.profile.queues) free.get(m.queueId)?.delete(a);
    waiting.get(call.routed.queueId)?.delete(call.routed.id);
    call.state = 'done';
    a.state = 'busy';
    a.busySince = now;
    a.calls++;
    a.lastOffered.set(queue.id, now);
    const wait = (now - call.routed.enqueuedAt) / 1000;
    if (call.measured) {
      stats.answered++;
      stats.waitSum += wait;
      if (wait > 0) stats.waited++;
      if (wait <= queue.serviceLevelSeconds) stats.withinSl++;
      const c = stats.byClass.get(call.caller.name) ?? { sum: 0, n: 0 };
      c.sum += wait;
      c.n++;
      stats.byClass.set(call.caller.name, c);
    }
    events.push(now + handleMs(), { kind: 'end', agent: a, call, queue });
  };

  const leave = (call: SimCall, counted: 'abandoned' | 'exited') => {
    waiting.get(call.routed.queueId)?.delete(call.routed.id);
    call.state = 'done';
    if (!call.measured) return;
    if (counted === 'exited') {
      stats.exited++;
      return;
    }
    stats.abandoned++;
    const q = queues.get(call.routed.queueId);
    if (q && (now - call.routed.enqueuedAt) / 1000 > q.serviceLevelSeconds)
      stats.abandonedAfterSl++;
  };

  /** The call side: review (overflow, exit), then the best free agent, or wait. */
  const route = (call: SimCall) => {
    for (let hop = 0; hop < 10; hop++) {
      const queue = queues.get(call.routed.queueId)!;
      const review = reviewCall(call.routed, queue, now, { qualifiedLoggedIn: true, maxHops: 5 });
      if (review.kind === 'exit') return leave(call, 'exited');
      if (review.kind === 'overflow') {
        const target = queues.get(review.toQueueId);
        if (!target) return leave(call, 'exited');
        waiting.get(queue.id)?.delete(call.routed.id);
        call.routed = movedCall(
          call.routed,
          { id: call.routed.id, queueId: target.id },
          target,
          now,
        );
        continue;
      }
      const pool = [...(free.get(queue.id) ?? [])];
      decisions++;
      const d = chooseAgent({
        call: call.routed,
        queue,
        candidates: pool.map((a) => candidate(a, queue.id)),
        now,
        sticky: 'away',
      });
      if (d.agent) {
        const id = d.agent.id;
        return serve(
          pool.find((a) => a.profile.id === id)!,
          call,
          queue,
        );
      }
      waiting.get(queue.id)?.set(call.routed.id, call);
      const at = nextReviewAt(call.routed, queue, now);
      call.reviewAt = at;
      if (at !== null) events.push(at, { kind: 'review', call, at });
      return;
    }
    leave(call, 'exited');
  };

  /** The agent side: the best waiting call across the agent's queues, or become free. */
  const agentFree = (a: SimAgent) => {
    const candidates = a.profile.queues.flatMap((m) => {
      const q = queues.get(m.queueId);
      const w = waiting.get(m.queueId);
      return q && w
        ? [...w.values()].map((c) => ({
            call: c.routed,
            queue: q,
            sticky: 'away' as const,
            sim: c,
          }))
        : [];
    });
    decisions++;
    const d = chooseCall({
      agent: { id: a.profile.id, skills: a.profile.skills, groups: a.profile.groups },
      candidates,
      now,
    });
    if (d.item) {
      const picked = candidates.find((c) => c.call === d.item?.call)!;
      return serve(a, picked.sim, picked.queue);
    }
    a.state = 'free';
    for (const m of a.profile.queues) free.get(m.queueId)?.add(a);
  };

  events.push(now + rnd.exponential(1 / s.arrivalsPerSecond) * 1000, { kind: 'arrival', n: 0 });
  for (let e = events.pop(); e; e = events.pop()) {
    now = e.at;
    const ev = e.value;
    switch (ev.kind) {
      case 'arrival': {
        if (ev.n === s.warmupCalls) measureFrom = now;
        const caller = s.callers[rnd.weighted(s.callers.map((c) => c.weight))]!;
        const r = s.routes[rnd.weighted(s.routes.map((x) => x.weight))]!;
        const queue = queues.get(r.queueId)!;
        const input = {
          id: `c${ev.n}`,
          queueId: queue.id,
          ...(caller.tier ? { tier: caller.tier } : {}),
          ...(caller.vip ? { vip: true } : {}),
          ...(r.requirements ? { requirements: r.requirements } : {}),
        };
        const call: SimCall = {
          routed: toRoutedCall(input, queue, now),
          caller,
          route: r,
          measured: ev.n >= s.warmupCalls,
          state: 'waiting',
          reviewAt: null,
        };
        if (caller.patienceSeconds !== null) {
          events.push(now + rnd.exponential(caller.patienceSeconds) * 1000, {
            kind: 'abandon',
            call,
          });
        }
        route(call);
        if (ev.n + 1 < totalCalls) {
          events.push(now + rnd.exponential(1 / s.arrivalsPerSecond) * 1000, {
            kind: 'arrival',
            n: ev.n + 1,
          });
        }
        break;
      }
      case 'end': {
        const a = ev.agent;
        a.talkMs += now - a.busySince;
        a.idleSince = now;
        const wrap = ev.queue.wrapUpSeconds * 1000;
        if (wrap > 0) {
          a.state = 'wrap';
          events.push(now + wrap, { kind: 'wrapEnd', agent: a });
        } else {
          finishBusy(a);
          agentFree(a);
        }
        break;
      }
      case 'wrapEnd':
        finishBusy(ev.agent);
        agentFree(ev.agent);
        break;
      case 'abandon':
        if (ev.call.state === 'waiting') leave(ev.call, 'abandoned');
        break;
      case 'review':
        if (ev.call.state === 'waiting' && ev.call.reviewAt === ev.at) {
          waiting.get(ev.call.routed.queueId)?.delete(ev.call.routed.id);
          route(ev.call);
        }
        break;
    }
  }

  // Agents still busy at the end are counted up to the last event.
  for (const a of agents) if (a.state !== 'free') finishBusy(a);
  const measured = Math.max(1, now - (measureFrom ?? START));
  const occ = agents.map((a) => a.measuredBusyMs / measured);
  const mean = occ.reduce((x, y) => x + y, 0) / Math.max(1, occ.length);
  const slBase = stats.answered + stats.abandonedAfterSl;
  return {
    calls: s.calls,
    answered: stats.answered,
    abandoned: stats.abandoned,
    exited: stats.exited,
    serviceLevel: slBase ? stats.withinSl / slBase : 1,
    asaSeconds: stats.answered ? stats.waitSum / stats.answered : 0,
    probabilityOfWaiting: stats.answered ? stats.waited / stats.answered : 0,
    meanWaitSeconds: Object.fromEntries(
      s.callers.map((c) => {
        const b = stats.byClass.get(c.name);
        return [c.name, b && b.n ? b.sum / b.n : 0];
      }),
    ),
    abandonRate: s.calls ? stats.abandoned / s.calls : 0,
    occupancy: {
      min: Math.min(...occ),
      max: Math.max(...occ),
      mean,
      stddev: Math.sqrt(occ.reduce((x, o) => x + (o - mean) ** 2, 0) / Math.max(1, occ.length)),
    },
    simulatedHours: (now - START) / 3_600_000,
    decisions,
  };
}
