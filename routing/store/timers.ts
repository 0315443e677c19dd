import { RoutingError } from '../errors.js';
import type { AgentState } from '../core/types.js';
import type { AgentSide } from './agent-side.js';
import type { CallSide } from './call-side.js';
import type { StoreContext } from './context.js';
import type { RoutingEvent } from './outcomes.js';
import type { QueueCache } from './queue-cache.js';
import { list, parseCallRecord, type RawHash } from './records.js';
import { CLAIM_DUE, EXPIRE_OFFERS, POP_QUEUE_CHECKS, READ_WAITING_PAGE } from './scripts/index.js';

export interface TickFailure {
  what: string;
  id: string;
  error: string;
}

/**
 * Everything that happens because time passed, run by whichever node's timer fires: ring
 * timeouts, review times of waiting calls (relaxation, holds, overflow), ends of wrap-up, agents
 * left unmatched by a node that died, queues whose last qualified agent logged out.
 */
export class Timers {
  constructor(
    private readonly ctx: StoreContext,
    private readonly cache: QueueCache,
    private readonly calls: CallSide,
    private readonly agents: AgentSide,
  ) {}

  async expireOffers(events: RoutingEvent[], failures: TickFailure[], limit = 500): Promise<void> {
    const { ctx } = this;
    const now = ctx.now();
    const expired = list<{
      callId: string;
      agentId: string;
      agentState: AgentState;
      queueId: string;
    }>(
      await ctx.exec<unknown>(
        EXPIRE_OFFERS,
        [ctx.keys.offers],
        [ctx.opts.maxMissedOffers, limit],
        now,
      ),
    );
    for (const e of expired) {
      events.push({ type: 'offer_expired', ...e });
      if (e.agentState === 'paused')
        events.push({ type: 'agent_paused', agentId: e.agentId, reason: 'no answer' });
    }
    // Callers first: each returned call looks for another agent before its agent is matched again.
    for (const e of expired)
      await this.guard(failures, 'route call', e.callId, () => this.calls.route(e.callId, events));
    for (const e of expired) {
      if (e.agentState !== 'available') continue;
      await this.guard(failures, 'match agent', e.agentId, () =>
        this.agents.ready(e.agentId, ['available'], events),
      );
    }
  }

  async reviewDue(events: RoutingEvent[], failures: TickFailure[], limit = 500): Promise<void> {
    const now = this.ctx.now();
    for (const callId of await this.claim(this.ctx.keys.due, now, limit)) {
      await this.guard(failures, 'review call', callId, () => this.calls.route(callId, events));
    }
  }

  async endWrapUps(events: RoutingEvent[], failures: TickFailure[], limit = 500): Promise<void> {
    const now = this.ctx.now();
    for (const agentId of await this.claim(this.ctx.keys.wrapups, now, limit)) {
      await this.guard(failures, 'end wrap-up', agentId, () =>
        this.agents.ready(agentId, ['wrap_up'], events),
      );
    }
  }

  async matchPending(events: RoutingEvent[], failures: TickFailure[], limit = 500): Promise<void> {
    const now = this.ctx.now();
    const cutoff = now - this.ctx.opts.pendingGraceMs;
    for (const agentId of await this.claim(this.ctx.keys.pending, cutoff, limit)) {
      await this.guard(failures, 'match agent', agentId, () =>
        this.agents.ready(agentId, ['available'], events),
      );
    }
  }

  /** Queues that lost a member: callers nobody logged in can serve may have to overflow. */
  async checkQueues(events: RoutingEvent[], failures: TickFailure[], limit = 50): Promise<void> {
    const { ctx } = this;
    const ids = list<string>(
      await ctx.exec<unknown>(POP_QUEUE_CHECKS, [ctx.keys.checkQueues], [limit], ctx.now()),
    );
    for (const queueId of ids) {
      await this.guard(failures, 'check queue', queueId, async () => {
        const { config } = await this.cache.get(queueId);
        if (!config.overflow?.whenNoQualifiedAgents) return;
        for (const callId of await this.waitingIds(queueId)) {
          await this.guard(failures, 'review call', callId, () => this.calls.route(callId, events));
        }
      });
    }
  }

  private async waitingIds(queueId: string): Promise<string[]> {
    const ids = new Set<string>();
    const size = 200;
    for (let offset = 0; ; offset += size) {
      const page = list<RawHash>(
        await this.ctx.exec<unknown>(
          READ_WAITING_PAGE,
          [this.ctx.keys.waiting(queueId)],
          [offset, size],
          this.ctx.now(),
        ),
      );
      page.map(parseCallRecord).forEach((c) => ids.add(c.id));
      if (page.length < size) return [...ids];
    }
  }

  private async claim(key: string, upTo: number, limit: number): Promise<string[]> {
    const { ctx } = this;
    return list<string>(
      await ctx.exec<unknown>(CLAIM_DUE, [key], [String(upTo), ctx.opts.leaseMs, limit], ctx.now()),
    );
  }

  /** One item's failure (e.g. an agent who logged out meanwhile) must not stop the others. */
  private async guard(
    failures: TickFailure[],
    what: string,
    id: string,
    fn: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (err instanceof RoutingError && err.code === 'illegal_agent_transition') return;
      failures.push({ what, id, error: err instanceof Error ? err.message : String(err) });
    }
  }
}
