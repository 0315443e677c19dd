import type { User } from '../../crm-core/index.js';
import type { AcdSnapshot, LiveQueueStats } from '../../routing/index.js';
import type { LiveCallView, TelephonyService } from '../../telephony/index.js';
import type {
  AgentCallBrief,
  AgentStateView,
  PauseReason,
  QueueStatsView,
} from '../contracts/index.js';
import { PAUSE_REASONS } from '../console/schemas.js';
import type { QueueNames } from './queue-names.js';

/** The ACD's records turned into what the console shows (server/contracts). */

export type AcdAgent = AcdSnapshot['agents'][number];

/** The ACD keeps any reason code (`no answer`, `not ready`...); the console knows six. */
export function pauseReasonOf(reason: string): PauseReason {
  return (PAUSE_REASONS as readonly string[]).includes(reason) ? (reason as PauseReason) : 'other';
}

export function callBrief(call: LiveCallView): AgentCallBrief {
  return {
    callId: call.callId,
    callerNumber: call.callerNumber ?? 'unknown',
    customerName: call.caller?.name ?? null,
    queueId: call.queueId,
    since: new Date(call.connectedAt ?? call.offeredAt ?? Date.now()).toISOString(),
  };
}

export function agentView(a: AcdAgent, call: LiveCallView | null): AgentStateView {
  return {
    agentId: a.id,
    displayName: a.name,
    state: a.state,
    pauseReason: a.state === 'paused' ? pauseReasonOf(a.reason) : null,
    since: new Date(a.since).toISOString(),
    call: call && a.callId === call.callId ? callBrief(call) : null,
    queueIds: a.queues,
    afterCall: a.afterCall && {
      state: a.afterCall.state,
      pauseReason: a.afterCall.state === 'paused' ? pauseReasonOf(a.afterCall.reason) : null,
    },
  };
}

/** The agent's view with its call's brief, read from the call layer only when it has a call. */
export async function agentViewWithCall(
  a: AcdAgent,
  calls: Pick<TelephonyService, 'liveCall'>,
): Promise<AgentStateView> {
  return agentView(a, a.callId ? await calls.liveCall(a.id) : null);
}

/** A CRM agent the ACD has never seen (or has forgotten): logged out, with its CRM queues. */
export function loggedOutView(user: User, since: Date): AgentStateView {
  return {
    agentId: String(user.id),
    displayName: user.displayName,
    state: 'logged_out',
    pauseReason: null,
    since: since.toISOString(),
    call: null,
    queueIds: user.queues,
    afterCall: null,
  };
}

export function queueView(q: LiveQueueStats, names: QueueNames): QueueStatsView {
  return {
    queueId: q.queueId,
    name: q.name,
    names: names(q.queueId),
    waiting: q.waiting,
    longestWaitSeconds: Math.floor(q.longestWaitSeconds),
    agents: q.agents,
    offered: q.offered,
    answered: q.answered,
    abandoned: q.abandoned,
    serviceLevel: q.serviceLevel,
    serviceLevelThresholdSeconds: q.serviceLevelSeconds,
    asaSeconds: q.asaSeconds,
    ahtSeconds: q.ahtSeconds,
    at: new Date(q.at).toISOString(),
  };
}
