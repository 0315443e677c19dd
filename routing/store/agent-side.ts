import { afterCall, illegalTransition, type AfterCallMove } from '../core/agent-state.js';
import { chooseCall, type CallCandidate, type CallDecision } from '../core/choose.js';
import { checkEligibility } from '../core/eligibility.js';
import { effectivePriority } from '../core/priority.js';
import { agentOrderKey } from '../core/strategy.js';
import type { AgentState, QueueConfig } from '../core/types.js';
import { RoutingError } from '../errors.js';
import type { CallSide } from './call-side.js';
import type { LocalClaims } from './claims.js';
import type { StoreContext } from './context.js';
import type { Offer, RoutingEvent } from './outcomes.js';
import type { QueueCache } from './queue-cache.js';
import {
  candidateFor,
  list,
  parseAgentRecord,
  parseCallRecord,
  type AgentRecord,
  type CallRecord,
  type RawHash,
} from './records.js';
import {
  AGENT_FREE,
  READ_AGENT_SIDE,
  READ_WAITING_PAGE,
  SETTLE_AFTER_CALL,
} from './scripts/index.js';

export interface AgentSideRead {
  missing?: boolean;
  agent?: RawHash;
  queues?: unknown;
  held?: unknown;
}

interface QueueRead {
  id: string;
  wver: string;
  cfgver: string;
  waiting: number;
  calls: unknown;
}

interface QueueView {
  id: string;
  wver: string;
  config: QueueConfig | null;
  total: number;
  calls: CallRecord[];
}

/**
 * The agent side of matching: an agent becoming free takes the best waiting call across all its
 * queues, or joins its queues' free sets if there is none, but only if no call was added to
 * those queues since it looked (compare-and-set on their waiting-list versions).
 */
export class AgentSide {
  constructor(
    private readonly ctx: StoreContext,
    private readonly cache: QueueCache,
    private readonly calls: CallSide,
    private readonly claimedCalls: LocalClaims,
  ) {}

  /**
   * Makes the agent available from one of `from` states. Returns the offer it got, or null when it
   * is now free (or already was).
   */
  async ready(
    agentId: string,
    from: readonly AgentState[],
    events: RoutingEvent[],
    firstRead: AgentSideRead | null = null,
  ): Promise<Offer | null> {
    const { ctx } = this;
    for (let i = 0; i < ctx.opts.maxRetries; i++) {
      const now = ctx.now();
      // A release with no wrap-up reads what this needs in its own step: no second round trip.
      const r =
        i === 0 && firstRead
          ? firstRead
          : await ctx.exec<AgentSideRead>(
              READ_AGENT_SIDE,
              [ctx.keys.agent(agentId)],
              [agentId, ctx.opts.pageSize],
              now,
            );
      if (r.missing || !r.agent) {
        throw new RoutingError('unknown_agent', `agent ${agentId} is not known to the ACD`, {
          agentId,
        });
      }
      const agent = parseAgentRecord(r.agent);
      if (agent.state === 'available' && agent.free) return null;
      if (!from.includes(agent.state)) {
        // Only the first look decides whether the move is legal. Later, the agent left a state
        // we saw it in because another step acted first (another node's wrap-up timer gave it a
        // call, a pause, a logout): that step decided for it, so there is nothing left to do.
        if (i === 0) throw illegalTransition(agentId, agent.state, 'available');
        return null;
      }
      const next = afterCall(agent.afterCall);
      if (next.state !== 'available') {
        if (await this.settleAfterCall(agent, next, from, events)) return null;
        continue;
      }

      const queues = await this.queueViews(list<QueueRead>(r.queues));
      const held = list<RawHash>(r.held).map(parseCallRecord);
      const done = await this.settle(agent, queues, held, now, events);
      if (done !== 'retry') return done;
    }
    throw ctx.conflict(`make agent ${agentId} available`);
  }

  /** The call is over and a pause or logout was ordered during it: applied instead (CAS). */
  private async settleAfterCall(
    agent: AgentRecord,
    move: AfterCallMove,
    from: readonly AgentState[],
    events: RoutingEvent[],
  ): Promise<boolean> {
    const { ctx } = this;
    const r = await ctx.exec<{ ok?: boolean }>(
      SETTLE_AFTER_CALL,
      [ctx.keys.agent(agent.id)],
      [agent.id, agent.ver, from.join(' ')],
      ctx.now(),
    );
    if (!r.ok) return false;
    events.push(
      move.state === 'paused'
        ? { type: 'agent_paused', agentId: agent.id, reason: move.reason }
        : { type: 'agent_logged_out', agentId: agent.id },
    );
    return true;
  }

  /**
   * Decides on one read and applies the decision. A call taken by another agent meanwhile leaves
   * the rest of the read valid: the core decides again without it. Anything else: read again.
   */
  private async settle(
    agent: AgentRecord,
    queues: QueueView[],
    held: CallRecord[],
    now: number,
    events: RoutingEvent[],
  ): Promise<Offer | null | 'retry'> {
    const { ctx } = this;
    const taken = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const decision = await this.decide(agent, queues, held, now, taken);
      if (decision.item) {
        const unclaim = this.claimedCalls.claim(decision.rec.id);
        const offer = await this.calls
          .reserve(decision.rec, agent, decision.item.queue, decision, now)
          .finally(unclaim);
        if (offer === 'call') {
          taken.add(decision.rec.id);
          continue;
        }
        if (offer === 'agent') return 'retry';
        events.push({ type: 'offer', offer });
        return offer;
      }
      const today = ctx.day(now);
      const triples = queues.flatMap((q) => [
        q.id,
        q.wver,
        String(
          agentOrderKey(q.config?.strategy ?? 'longest-idle', candidateFor(agent, q.id, today)),
        ),
      ]);
      const free = await ctx.exec<{ ok?: boolean }>(
        AGENT_FREE,
        [ctx.keys.agent(agent.id)],
        [agent.id, agent.ver, agent.state, queues.length, ...triples],
        now,
      );
      return free.ok ? null : 'retry';
    }
    return 'retry';
  }

  private async queueViews(reads: QueueRead[]): Promise<QueueView[]> {
    return Promise.all(
      reads.map(async (q) => {
        let config: QueueConfig | null = null;
        if (q.cfgver) {
          try {
            config = (await this.cache.get(q.id, q.cfgver)).config;
          } catch (err) {
            if (!(err instanceof RoutingError && err.code === 'unknown_queue')) throw err;
          }
        }
        return {
          id: q.id,
          wver: q.wver,
          config,
          total: q.waiting,
          calls: list<RawHash>(q.calls).map(parseCallRecord),
        };
      }),
    );
  }

  /**
   * Runs the core's choice over the first page of every queue, fetching further pages of a queue
   * only while that queue has shown no eligible call and its unread calls could still outrank the
   * best found so far (its pages are in priority order).
   */
  private async decide(
    agent: AgentRecord,
    queues: QueueView[],
    held: CallRecord[],
    now: number,
    taken: ReadonlySet<string>,
  ): Promise<
    (CallDecision & { item: CallCandidate; rec: CallRecord }) | { item: null; reason: string }
  > {
    const who = { id: agent.id, skills: agent.profile.skills, groups: agent.profile.groups };
    const byId = new Map<string, CallRecord>();
    const configOf = new Map(queues.map((q) => [q.id, q.config]));
    const fetched = new Map(queues.map((q) => [q.id, q.calls.length]));
    const pageOf = new Map(queues.map((q) => [q.id, this.ctx.opts.pageSize]));
    const add = (c: CallRecord) => {
      if (c.state === 'waiting' && configOf.get(c.queueId) && !taken.has(c.id)) byId.set(c.id, c);
    };
    queues.forEach((q) => q.calls.forEach(add));
    held.forEach(add);

    for (;;) {
      const candidates: CallCandidate[] = [...byId.values()].map((c) => ({
        call: c.routed,
        queue: configOf.get(c.queueId)!,
        sticky: c.sticky,
      }));
      // Calls another decision of this process is placing are left to it when there is a choice.
      const unclaimed = candidates.filter((c) => !this.claimedCalls.has(c.call.id));
      const preferred =
        unclaimed.length < candidates.length
          ? chooseCall({ agent: who, candidates: unclaimed, now })
          : null;
      const decision = preferred?.item ? preferred : chooseCall({ agent: who, candidates, now });
      const more = queues.filter((q) => {
        const got = fetched.get(q.id) ?? 0;
        if (!q.config || got >= q.total) return false;
        const mine = [...byId.values()].filter((c) => c.queueId === q.id);
        if (mine.some((c) => checkEligibility(c.routed, q.config!, who, now, c.sticky).ok))
          return false;
        const last = mine.reduce<CallRecord | null>(
          (lo, c) => (lo === null || Number(c.score) > Number(lo.score) ? c : lo),
          null,
        );
        if (!decision.item || !last) return true;
        return effectivePriority(last.routed, q.config, now) >= decision.priority;
      });
      if (more.length === 0) {
        if (!decision.item) return decision;
        const rec = byId.get(decision.item.call.id)!;
        return { ...decision, rec };
      }
      await Promise.all(
        more.map(async (q) => {
          const size = (pageOf.get(q.id) ?? this.ctx.opts.pageSize) * 2;
          pageOf.set(q.id, size);
          const offset = fetched.get(q.id) ?? 0;
          const page = list<RawHash>(
            await this.ctx.exec<unknown>(
              READ_WAITING_PAGE,
              [this.ctx.keys.waiting(q.id)],
              [offset, size],
              now,
            ),
          ).map(parseCallRecord);
          fetched.set(q.id, page.length === 0 ? q.total : offset + page.length);
          page.forEach(add);
        }),
      );
    }
  }
}
