import type { AfterCallMove } from '../core/agent-state.js';
import type { AgentState, QueueConfig } from '../core/types.js';
import type { StoreContext } from './context.js';
import {
  list,
  parseAgentRecord,
  parseCallRecord,
  type CallState,
  type RawHash,
} from './records.js';
import { callReason } from './reasons.js';
import { SNAPSHOT } from './scripts/index.js';

export interface AcdSnapshot {
  at: number;
  queues: {
    id: string;
    config: QueueConfig;
    /** Waiting call ids in priority order (ringing calls are not listed). */
    waiting: string[];
    /** Free agent ids in the queue's strategy order. */
    free: string[];
    members: string[];
  }[];
  agents: {
    id: string;
    name: string;
    state: AgentState;
    free: boolean;
    reason: string;
    callId: string | null;
    since: number;
    missed: number;
    queues: string[];
    /** A pause or logout ordered during the agent's call, applied when it is over. */
    afterCall: AfterCallMove | null;
  }[];
  calls: {
    id: string;
    queueId: string;
    state: CallState;
    agentId: string | null;
    enqueuedAt: number;
    basePriority: number;
    attempt: number;
    /** The last routing decision about this call, in words. */
    reason: string;
  }[];
}

interface RawSnapshot {
  queues: unknown;
  agents: unknown;
  calls: unknown;
}

/** The whole routing state at one instant (one script), for supervisors and checks. */
export async function readSnapshot(ctx: StoreContext): Promise<AcdSnapshot> {
  const now = ctx.now();
  const r = await ctx.exec<RawSnapshot>(
    SNAPSHOT,
    [ctx.keys.queues, ctx.keys.agents, ctx.keys.calls],
    [],
    now,
  );
  const queues = list<{
    id: string;
    cfg: string;
    waiting: unknown;
    free: unknown;
    members: unknown;
  }>(r.queues).map((q) => ({
    id: q.id,
    config: JSON.parse(q.cfg) as QueueConfig,
    waiting: list<string>(q.waiting),
    free: list<string>(q.free),
    members: list<string>(q.members),
  }));
  return {
    at: now,
    queues,
    agents: list<RawHash>(r.agents).map((raw) => {
      const a = parseAgentRecord(raw);
      return {
        id: a.id,
        name: a.profile.name,
        state: a.state,
        free: a.free,
        reason: a.reason,
        callId: a.callId,
        since: a.since,
        missed: a.missed,
        queues: a.profile.queues.map((q) => q.queueId),
        afterCall: a.afterCall,
      };
    }),
    calls: list<RawHash>(r.calls).map((raw) => {
      const c = parseCallRecord(raw);
      const queue = queues.find((q) => q.id === c.queueId)?.config;
      return {
        id: c.id,
        queueId: c.queueId,
        state: c.state,
        agentId: c.agentId,
        enqueuedAt: c.routed.enqueuedAt,
        basePriority: c.routed.basePriority,
        attempt: c.attempt,
        reason: callReason(c, queue, (ms) => ctx.day(ms)),
      };
    }),
  };
}
