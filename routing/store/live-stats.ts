import { averageHandleSeconds, estimateWaitSeconds } from '../core/ewt.js';
import { AGENT_STATES, type AgentState, type QueueConfig } from '../core/types.js';
import { RoutingError } from '../errors.js';
import type { StoreContext } from './context.js';
import { list, parseCallRecord, type RawHash } from './records.js';
import { QUEUE_INFO, READ_CALL } from './scripts/index.js';

export interface LiveQueueStats {
  queueId: string;
  name: string;
  /** Statistics day (YYYY-MM-DD) the counters belong to. */
  day: string;
  at: number;
  /** Callers in the queue (waiting or ringing). */
  waiting: number;
  /** Of which being offered to an agent right now. */
  ringing: number;
  longestWaitSeconds: number;
  agents: Record<AgentState, number>;
  /** Logged-in members not paused. */
  staffed: number;
  freeAgents: number;
  offered: number;
  answered: number;
  answeredWithinSl: number;
  abandoned: number;
  abandonedWithinSl: number;
  /** answered within threshold / (answered + abandoned after threshold); null before any call. */
  serviceLevel: number | null;
  serviceLevelSeconds: number;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  handled: number;
  overflowIn: number;
  overflowOut: number;
  exits: number;
  refusedFull: number;
  ringNoAnswer: number;
  rejected: number;
}

export interface Wallboard {
  generatedAt: number;
  day: string;
  queues: LiveQueueStats[];
  totals: {
    waiting: number;
    longestWaitSeconds: number;
    offered: number;
    answered: number;
    abandoned: number;
    serviceLevel: number | null;
    agents: Record<AgentState, number>;
  };
}

export interface WaitEstimate {
  callId: string;
  queueId: string;
  /** 1 = next in line; null while ringing at an agent. */
  position: number | null;
  /** Estimated seconds until answer; null when nobody serves the queue. */
  seconds: number | null;
  handleSeconds: number;
  servingAgents: number;
  freeAgents: number;
}

interface QueueInfo {
  missing?: boolean;
  cfg: string;
  waiting: number;
  queued: number;
  oldest: string;
  free: number;
  stats: unknown;
  agents: unknown;
  position: number;
}

const n = (s: Record<string, string>, k: string) => Number(s[k] ?? 0) || 0;

/** Live statistics from the day's Redis counters, the same on every node. */
export class LiveStats {
  constructor(private readonly ctx: StoreContext) {}

  private async info(queueId: string, callId: string, now: number): Promise<QueueInfo> {
    const r = await this.ctx.exec<QueueInfo>(
      QUEUE_INFO,
      [this.ctx.keys.queue(queueId)],
      [queueId, callId],
      now,
    );
    if (r.missing)
      throw new RoutingError('unknown_queue', `queue ${queueId} is not configured`, { queueId });
    return r;
  }

  async queue(queueId: string): Promise<LiveQueueStats> {
    const now = this.ctx.now();
    const info = await this.info(queueId, '', now);
    const cfg = JSON.parse(info.cfg) as QueueConfig;
    const s = (Array.isArray(info.stats) ? {} : info.stats) as Record<string, string>;
    const agents = Object.fromEntries(AGENT_STATES.map((st) => [st, 0])) as Record<
      AgentState,
      number
    >;
    for (const a of list<{ state: AgentState }>(info.agents)) {
      if (a.state in agents) agents[a.state]++;
    }
    const answered = n(s, 'answered');
    const answeredSl = n(s, 'answeredSl');
    const abandoned = n(s, 'abandoned');
    const abandonedSl = n(s, 'abandonedSl');
    const slBase = answered + abandoned - abandonedSl;
    const handled = n(s, 'handled');
    return {
      queueId,
      name: cfg.name,
      day: this.ctx.day(now),
      at: now,
      waiting: info.waiting,
      ringing: info.waiting - info.queued,
      longestWaitSeconds: info.oldest ? Math.max(0, (now - Number(info.oldest)) / 1000) : 0,
      agents,
      staffed: Object.values(agents).reduce((a, b) => a + b, 0) - agents.paused - agents.logged_out,
      freeAgents: info.free,
      offered: n(s, 'offered'),
      answered,
      answeredWithinSl: answeredSl,
      abandoned,
      abandonedWithinSl: abandonedSl,
      serviceLevel: slBase > 0 ? answeredSl / slBase : null,
      serviceLevelSeconds: cfg.serviceLevelSeconds,
      asaSeconds: answered > 0 ? n(s, 'waitMs') / answered / 1000 : null,
      ahtSeconds: handled > 0 ? (n(s, 'talkMs') + n(s, 'wrapMs')) / handled / 1000 : null,
      handled,
      overflowIn: n(s, 'overflowIn'),
      overflowOut: n(s, 'overflowOut'),
      exits: n(s, 'exits'),
      refusedFull: n(s, 'refusedFull'),
      ringNoAnswer: n(s, 'ringNoAnswer'),
      rejected: n(s, 'rejected'),
    };
  }

  async wallboard(queueIds: readonly string[]): Promise<Wallboard> {
    const now = this.ctx.now();
    const queues = await Promise.all(queueIds.map((q) => this.queue(q)));
    const agents = Object.fromEntries(AGENT_STATES.map((st) => [st, 0])) as Record<
      AgentState,
      number
    >;
    queues.forEach((q) => AGENT_STATES.forEach((st) => (agents[st] += q.agents[st])));
    const sum = (
      k:
        'waiting' | 'offered' | 'answered' | 'abandoned' | 'answeredWithinSl' | 'abandonedWithinSl',
    ) => queues.reduce((a, q) => a + q[k], 0);
    const base = sum('answered') + sum('abandoned') - sum('abandonedWithinSl');
    return {
      generatedAt: now,
      day: this.ctx.day(now),
      queues,
      totals: {
        waiting: sum('waiting'),
        longestWaitSeconds: queues.reduce((a, q) => Math.max(a, q.longestWaitSeconds), 0),
        offered: sum('offered'),
        answered: sum('answered'),
        abandoned: sum('abandoned'),
        serviceLevel: base > 0 ? sum('answeredWithinSl') / base : null,
        // An agent in several queues is counted in each.
        agents,
      },
    };
  }

  async estimate(callId: string): Promise<WaitEstimate> {
    const now = this.ctx.now();
    const r = await this.ctx.exec<{ missing?: boolean; call?: RawHash }>(
      READ_CALL,
      [this.ctx.keys.call(callId)],
      [callId],
      now,
    );
    if (r.missing || !r.call)
      throw new RoutingError('unknown_call', `call ${callId} is not in the ACD`, { callId });
    const call = parseCallRecord(r.call);
    const info = await this.info(call.queueId, callId, now);
    const cfg = JSON.parse(info.cfg) as QueueConfig;
    const s = (Array.isArray(info.stats) ? {} : info.stats) as Record<string, string>;
    const handleSeconds = averageHandleSeconds(
      n(s, 'handled'),
      n(s, 'talkMs'),
      n(s, 'wrapMs'),
      cfg.defaultHandleSeconds,
    );
    const servingAgents = list<{ state: AgentState; nq: number }>(info.agents)
      .filter((a) => a.state !== 'paused' && a.state !== 'logged_out')
      .reduce((sum, a) => sum + 1 / Math.max(1, a.nq), 0);
    const position = call.state === 'waiting' && info.position > 0 ? info.position : null;
    return {
      callId,
      queueId: call.queueId,
      position,
      seconds:
        call.state === 'waiting'
          ? estimateWaitSeconds({
              position: position ?? 1,
              handleSeconds,
              servingAgents,
              freeAgents: info.free,
            })
          : 0,
      handleSeconds,
      servingAgents,
      freeAgents: info.free,
    };
  }
}
