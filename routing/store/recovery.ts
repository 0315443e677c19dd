import type { AfterCallMove } from '../core/agent-state.js';
import { toRoutedCall } from '../core/call.js';
import { callOrderKey } from '../core/priority.js';
import type { AgentState, CallInput, QueueConfig } from '../core/types.js';
import { parseAgentProfile, parseCallInput } from '../core/validate.js';
import { RoutingError } from '../errors.js';
import type { StoreContext } from './context.js';
import type { CallOutcome, Offer, RoutingEvent } from './outcomes.js';
import { RESET, RESTORE_CALL } from './scripts/index.js';

/** A logged-in agent as the CRM (profile, skills) and the console (state) know it. */
export interface RebuildAgent {
  profile: unknown;
  state: Exclude<AgentState, 'logged_out'>;
  pauseReason?: string;
  /** A pause or logout a supervisor ordered during the agent's call: applied when it is over. */
  afterCall?: AfterCallMove;
}

/** A live call as the telephony layer knows it. */
export interface RebuildCall {
  call: CallInput;
  state: 'waiting' | 'ringing' | 'connected';
  agentId?: string;
  answeredAt?: number;
}

export interface RebuildInput {
  queues: unknown[];
  agents: RebuildAgent[];
  liveCalls: RebuildCall[];
}

export interface RebuildResult {
  deleted: { queues: number; agents: number; calls: number };
  queues: number;
  agents: number;
  /** Connected and ringing calls put back with their agents. */
  restored: number;
  /** Waiting calls (and ringing calls whose agent is gone) put back in their queues. */
  requeued: CallOutcome[];
  offers: Offer[];
  events: RoutingEvent[];
}

export interface RebuildPorts {
  ctx: StoreContext;
  upsertQueue(input: unknown): Promise<QueueConfig>;
  login(profile: unknown, ready: boolean, pauseReason: string, match: boolean): Promise<unknown>;
  enqueue(call: CallInput, events: RoutingEvent[]): Promise<CallOutcome>;
  ready(agentId: string, events: RoutingEvent[]): Promise<Offer | null>;
  /** Orders the move for after the agent's current call (the store's afterCall pause/logout). */
  orderAfterCall(agentId: string, move: AfterCallMove): Promise<unknown>;
}

/**
 * Recreates the routing state after Redis lost it (or to resynchronise): queues, logged-in agents,
 * then connected and ringing calls with their agents, then waiting callers with their original
 * enqueue times; only then do the available agents pick calls, so the best-placed callers are
 * served first. Nobody is dropped: a ringing call whose agent is unknown waits again.
 */
export async function rebuild(p: RebuildPorts, input: RebuildInput): Promise<RebuildResult> {
  const { ctx } = p;
  const agents = input.agents.map((a) => ({ ...a, profile: parseAgentProfile(a.profile) }));
  const calls = input.liveCalls.map((c) => ({ ...c, call: parseCallInput(c.call) }));
  const now = ctx.now();
  const deleted = await ctx.exec<RebuildResult['deleted']>(
    RESET,
    [ctx.keys.queues, ctx.keys.agents, ctx.keys.calls],
    [],
    now,
  );
  const configs = new Map<string, QueueConfig>();
  for (const q of input.queues) {
    const cfg = await p.upsertQueue(q);
    configs.set(cfg.id, cfg);
  }
  const withCall = new Set(
    calls.filter((c) => c.state !== 'waiting' && c.agentId).map((c) => c.agentId),
  );
  for (const a of agents) {
    // An agent's call state comes from the telephony layer: on_call without a live call is over.
    const busy = withCall.has(a.profile.id);
    const ready = !busy && a.state !== 'paused';
    await p.login(a.profile, ready, busy ? 'restoring' : (a.pauseReason ?? 'not ready'), false);
  }

  const events: RoutingEvent[] = [];
  const requeued: CallOutcome[] = [];
  let restored = 0;
  const waiting: CallInput[] = [];
  for (const c of calls) {
    const queue = configs.get(c.call.queueId);
    if (!queue) {
      throw new RoutingError(
        'invalid_input',
        `live call ${c.call.id} is in unknown queue ${c.call.queueId}`,
      );
    }
    if (c.state === 'waiting' || !c.agentId) {
      waiting.push(c.call);
      continue;
    }
    const t = ctx.now();
    const routed = toRoutedCall(c.call, queue, t);
    const r = await ctx.exec<{ ok?: boolean }>(
      RESTORE_CALL,
      [ctx.keys.call(c.call.id), ctx.keys.agent(c.agentId)],
      [
        c.call.id,
        queue.id,
        JSON.stringify({ ...c.call, enqueuedAt: routed.enqueuedAt }),
        String(callOrderKey(routed, queue)),
        String(routed.basePriority),
        String(routed.enqueuedAt),
        c.state === 'ringing' ? 'offered' : 'on_call',
        c.agentId,
        String(c.state === 'ringing' ? t + queue.ringTimeoutSeconds * 1000 : (c.answeredAt ?? t)),
      ],
      t,
    );
    if (r.ok) restored++;
    else waiting.push(c.call);
  }
  // Orders given during a call outlive the flush; an agent with no call left takes the move now.
  for (const a of agents) {
    if (a.afterCall) await p.orderAfterCall(a.profile.id, a.afterCall);
  }
  waiting.sort((a, b) => (a.enqueuedAt ?? now) - (b.enqueuedAt ?? now));
  for (const call of waiting) requeued.push(await p.enqueue(call, events));
  for (const a of agents) {
    if (a.state === 'paused' || a.afterCall || withCall.has(a.profile.id)) continue;
    await p.ready(a.profile.id, events);
  }
  const offers = events.flatMap((e) => (e.type === 'offer' ? [e.offer] : []));
  return {
    deleted,
    queues: configs.size,
    agents: agents.length,
    restored,
    requeued,
    offers,
    events,
  };
}
