import { movedCall, toRoutedCall } from '../core/call.js';
import { chooseAgent, noFreeAgentReason, noQualifiedFreeAgentReason } from '../core/choose.js';
import { agentFilter } from '../core/eligibility.js';
import { anyQualified, nextReviewAt, refuseFull, reviewCall } from '../core/overflow.js';
import { callOrderKey } from '../core/priority.js';
import { finalRequirements, meetsRequirements } from '../core/skills.js';
import type {
  AgentCandidate,
  CallInput,
  QueueConfig,
  QueueExit,
  RoutedCall,
} from '../core/types.js';
import { parseCallInput } from '../core/validate.js';
import { RoutingError } from '../errors.js';
import type { LocalClaims } from './claims.js';
import type { StoreContext } from './context.js';
import type { CallOutcome, Offer, OfferWhy, RoutingEvent } from './outcomes.js';
import type { QueueCache } from './queue-cache.js';
import { offerReason } from './reasons.js';
import {
  candidateFor,
  list,
  parseAgentRecord,
  parseCallRecord,
  stickyStatusOf,
  type AgentRecord,
  type CallRecord,
  type RawHash,
} from './records.js';
import {
  ENQUEUE,
  EXIT_CALL,
  MOVE_CALL,
  READ_CALL_SIDE,
  RESERVE,
  SET_REVIEW,
} from './scripts/index.js';

interface CallSideRead {
  missing?: boolean;
  call?: RawHash;
  cfgver?: string;
  mver?: string;
  nfree?: number;
  free?: unknown;
  sticky?: RawHash;
}

interface EnqueueReply extends CallSideRead {
  ok?: boolean;
  /** No agent was free (reason: noFreeAgentReason) or none qualified (`none`): the call waits. */
  settled?: boolean;
  none?: boolean;
  /** The agent reserved in the same step, as it was before the offer. */
  offered?: RawHash;
  exists?: boolean;
  unknownQueue?: boolean;
  stale?: string;
  full?: number;
  wver?: string;
  position?: number;
}

/** A waiting call and what was read with it, ready for a decision. */
interface Situation {
  rec: CallRecord;
  queue: QueueConfig;
  mver: string;
  free: AgentRecord[];
  nfree: number;
  sticky: AgentRecord | null;
  position: number | null;
}

type Step = CallOutcome | 'retry' | 'gone';

/** The enqueue script looks at up to this many pages of free agents (256 with pages of 8). */
const ONE_STEP_PAGES = 32;

/**
 * The call side of matching: a call arriving, returning after a reject, or reviewed on a timer
 * looks for the best free agent. Reads come from one script; the decision is the core's; the
 * reservation is a compare-and-set on the versions read, retried from a fresh read on conflict.
 */
export class CallSide {
  constructor(
    private readonly ctx: StoreContext,
    private readonly cache: QueueCache,
    private readonly claims: { agents: LocalClaims; calls: LocalClaims },
  ) {}

  async enqueue(input: unknown, events: RoutingEvent[]): Promise<CallOutcome> {
    const call = parseCallInput(input);
    return this.enqueueInto(call, call.queueId, 0, events);
  }

  private async enqueueInto(
    call: CallInput,
    queueId: string,
    hops: number,
    events: RoutingEvent[],
  ): Promise<CallOutcome> {
    const { ctx } = this;
    for (let i = 0; i < ctx.opts.maxRetries; i++) {
      const now = ctx.now();
      const { ver, config: queue } = await this.cache.get(queueId);
      const routed = { ...toRoutedCall({ ...call, queueId }, queue, now), hops };
      const stored: CallInput = { ...call, queueId, enqueuedAt: routed.enqueuedAt };
      const deadline = now + queue.ringTimeoutSeconds * 1000;
      const r = await ctx.exec<EnqueueReply>(
        ENQUEUE,
        [ctx.keys.call(call.id), ctx.keys.queue(queueId)],
        [
          call.id,
          queueId,
          JSON.stringify(stored),
          String(callOrderKey(routed, queue)),
          String(routed.basePriority),
          String(routed.enqueuedAt),
          ver,
          queue.maxQueueLength ?? 0,
          String(this.reviewAt(routed, queue, now)),
          routed.stickyAgentId ?? '',
          routed.stickyUntil === null ? '' : String(routed.stickyUntil),
          ctx.opts.pageSize,
          ...this.oneStep(routed, queue, deadline, now),
        ],
        now,
      );
      if (r.exists) {
        throw new RoutingError('call_exists', `call ${call.id} is already in the ACD`, {
          callId: call.id,
        });
      }
      if (r.unknownQueue) {
        throw new RoutingError('unknown_queue', `queue ${queueId} is not configured`, { queueId });
      }
      if (r.stale !== undefined) {
        await this.cache.refresh(queueId);
        continue;
      }
      if (r.full !== undefined) {
        const leave = refuseFull(queue, routed, ctx.opts.maxHops);
        if (leave.kind === 'overflow') {
          events.push({
            type: 'overflow',
            callId: call.id,
            fromQueueId: queueId,
            toQueueId: leave.toQueueId,
            reason: leave.reason,
          });
          return this.enqueueInto(call, leave.toQueueId, hops + 1, events);
        }
        const exit = leave.kind === 'exit' ? leave.exit : 'callback';
        const reason = leave.kind === 'exit' ? leave.reason : `queue ${queueId} is full`;
        events.push({ type: 'exit', callId: call.id, queueId, exit, reason });
        return { kind: 'exit', callId: call.id, queueId, exit, reason };
      }
      if (r.settled) {
        return {
          kind: 'queued',
          callId: call.id,
          queueId,
          position: r.position ?? null,
          reason: (r.none ? noQualifiedFreeAgentReason : noFreeAgentReason)(routed, queue, now),
        };
      }
      if (r.offered) {
        const agent = parseAgentRecord(r.offered);
        const offer = this.oneStepOffer(routed, queue, agent, deadline, now);
        events.push({ type: 'offer', offer });
        return { kind: 'offer', offer };
      }
      const sticky = r.sticky ? parseAgentRecord(r.sticky) : null;
      const rec: CallRecord = {
        id: call.id,
        ver: '1',
        state: 'waiting',
        queueId,
        input: stored,
        routed,
        agentId: null,
        attempt: 0,
        why: 'arrived',
        deadline: null,
        sticky: sticky ? stickyStatusOf(sticky.state, sticky.free, sticky.member === true) : 'away',
        score: '',
        offeredTo: null,
        offeredAt: null,
      };
      const unclaim = this.claims.calls.claim(call.id);
      const step = await this.decide(
        situation(rec, queue, r, r.position ?? null),
        now,
        events,
      ).finally(unclaim);
      if (step === 'gone')
        throw new RoutingError('unknown_call', `call ${call.id} left during enqueue`);
      if (step !== 'retry') return step;
      const out = await this.route(call.id, events);
      return (
        out ?? {
          kind: 'queued',
          callId: call.id,
          queueId,
          position: null,
          reason: 'taken by an agent who became free meanwhile',
        }
      );
    }
    throw ctx.conflict(`enqueue ${call.id}`);
  }

  /**
   * The enqueue script's arguments from its reason text on: for reserving the first free agent that passes the core's
   * filter in the same step. None (the call is only queued and read, and the core decides on the
   * read) when the filter does not capture the rules: a preferred agent, or a review that would
   * send the call elsewhere at once.
   */
  private oneStep(
    call: RoutedCall,
    queue: QueueConfig,
    deadline: number,
    now: number,
  ): (string | number)[] {
    const filter = agentFilter(call, queue, now);
    if (!filter) return ['arrived'];
    const review = reviewCall(call, queue, now, {
      qualifiedLoggedIn: true,
      maxHops: this.ctx.opts.maxHops,
    });
    if (review.kind !== 'route') return ['arrived'];
    // With no free agent that passes the filter the call waits, unless nobody logged in could
    // serve it (overflow): that needs the members, so the core decides on the read then.
    const emptySettles = !queue.overflow?.whenNoQualifiedAgents;
    return [
      emptySettles ? noFreeAgentReason(call, queue, now) : 'arrived',
      String(deadline),
      filter.group ?? '',
      // Looking at a whole free set in Redis costs less than reading it page by page.
      this.ctx.opts.pageSize * ONE_STEP_PAGES,
      emptySettles ? '1' : '0',
      emptySettles ? noQualifiedFreeAgentReason(call, queue, now) : 'arrived',
      ...filter.requirements.flatMap((r) => [r.skill, r.min]),
    ];
  }

  /** The offer made by the enqueue script, with the core's reason (and its double check). */
  private oneStepOffer(
    call: RoutedCall,
    queue: QueueConfig,
    agent: AgentRecord,
    deadline: number,
    now: number,
  ): Offer {
    const why = offerReason(call, queue, agent, now, this.ctx.day(now));
    if (why === null) {
      throw new RoutingError(
        'store_reply',
        `enqueue reserved agent ${agent.id} for call ${call.id}, whom the core finds ineligible`,
        { callId: call.id, agentId: agent.id },
      );
    }
    return {
      callId: call.id,
      agentId: agent.id,
      queueId: queue.id,
      deadline,
      attempt: 1,
      ...why,
    };
  }

  /**
   * Routes a waiting call again (after a reject, an expired offer, on its review time); null when
   * the call is no longer waiting (answered, offered by another node, hung up).
   */
  async route(callId: string, events: RoutingEvent[]): Promise<CallOutcome | null> {
    const { ctx } = this;
    for (let i = 0; i < ctx.opts.maxRetries; i++) {
      const now = ctx.now();
      const r = await this.readSide(callId, 0, now);
      if (r.missing || !r.call) return null;
      const rec = parseCallRecord(r.call);
      if (rec.state !== 'waiting') return null;
      let queue: QueueConfig;
      try {
        queue = (await this.cache.get(rec.queueId, r.cfgver)).config;
      } catch (err) {
        if (!(err instanceof RoutingError && err.code === 'unknown_queue')) throw err;
        const step = await this.exit(
          rec,
          'callback',
          `queue ${rec.queueId} no longer exists`,
          now,
          events,
        );
        if (step === 'retry') continue;
        return step === 'gone' ? null : step;
      }
      const step = await this.decide(situation(rec, queue, r, null), now, events);
      if (step === 'gone') return null;
      if (step !== 'retry') return step;
    }
    throw ctx.conflict(`route ${callId}`);
  }

  private readSide(callId: string, offset: number, now: number, size = this.ctx.opts.pageSize) {
    return this.ctx.exec<CallSideRead>(
      READ_CALL_SIDE,
      [this.ctx.keys.call(callId)],
      [callId, offset, size],
      now,
    );
  }

  private reviewAt(call: CallRecord['routed'], queue: QueueConfig, now: number): number {
    const next = nextReviewAt(call, queue, now);
    const safety = now + this.ctx.opts.recheckSeconds * 1000;
    return next === null ? safety : Math.min(next, safety);
  }

  /** Review (max wait, overflow), then the best free agent, then reserve or wait. */
  private async decide(s: Situation, now: number, events: RoutingEvent[]): Promise<Step> {
    const { rec, queue } = s;
    const qualified = queue.overflow?.whenNoQualifiedAgents
      ? anyQualified(
          rec.routed,
          queue,
          (await this.cache.loggedIn(queue.id, s.mver)).map((m) => m.profile),
        )
      : true;
    const review = reviewCall(rec.routed, queue, now, {
      qualifiedLoggedIn: qualified,
      maxHops: this.ctx.opts.maxHops,
    });
    if (review.kind === 'exit') return this.exit(rec, review.exit, review.reason, now, events);
    if (review.kind === 'overflow') {
      const moved = await this.move(rec, review.toQueueId, review.reason, now, events);
      return moved === 'ok' ? 'retry' : moved;
    }
    if (await this.dropUselessHold(s, now)) return 'retry';

    const preferredFree =
      s.sticky && rec.sticky === 'free' && s.sticky.state === 'available' && s.sticky.free
        ? [s.sticky]
        : [];
    let free = s.free;
    let offset = 0;
    let size = this.ctx.opts.pageSize;
    const chooseAmong = (agents: AgentRecord[]) =>
      chooseAgent({
        call: rec.routed,
        queue,
        candidates: this.candidates(agents, queue.id, now),
        now,
        sticky: rec.sticky,
      });
    const choose = (agents: AgentRecord[]) => {
      const unclaimed = agents.filter((a) => !this.claims.agents.has(a.id));
      const d = unclaimed.length < agents.length ? chooseAmong(unclaimed) : null;
      return d?.agent ? d : chooseAmong(agents);
    };
    let pool = [...preferredFree, ...free];
    let decision = choose(pool);
    // The free set is in strategy order: later pages only matter when this one had nobody.
    while (!decision.agent && offset + free.length < s.nfree && free.length > 0) {
      offset += free.length;
      size *= 2;
      const next = await this.readSide(rec.id, offset, now, size);
      if (!next.call) return 'gone';
      free = list<RawHash>(next.free).map(parseAgentRecord);
      pool = free;
      decision = choose(pool);
    }
    if (!decision.agent) {
      const set = await this.ctx.exec<{ ok?: boolean }>(
        SET_REVIEW,
        [this.ctx.keys.call(rec.id), this.ctx.keys.due],
        [rec.id, rec.ver, String(this.reviewAt(rec.routed, queue, now)), decision.reason, '0'],
        now,
      );
      if (!set.ok) return 'retry';
      return {
        kind: 'queued',
        callId: rec.id,
        queueId: queue.id,
        position: s.position,
        reason: decision.reason,
      };
    }
    // An agent taken by another decision meanwhile leaves the rest of the read valid: the next
    // best of the same page is tried before reading again.
    for (;;) {
      const chosen = pool.find((a) => a.id === decision.agent?.id);
      if (!chosen) return 'retry';
      const unclaim = this.claims.agents.claim(chosen.id);
      const offer = await this.reserve(rec, chosen, queue, decision, now).finally(unclaim);
      if (offer === 'call') return 'retry';
      if (offer !== 'agent') {
        events.push({ type: 'offer', offer });
        return { kind: 'offer', offer };
      }
      pool = pool.filter((a) => a.id !== chosen.id);
      decision = choose(pool);
      if (!decision.agent) return 'retry';
    }
  }

  private candidates(free: AgentRecord[], queueId: string, now: number): AgentCandidate[] {
    const today = this.ctx.day(now);
    return free
      .filter((a) => a.state === 'available' && a.free)
      .map((a) => candidateFor(a, queueId, today));
  }

  /**
   * A preferred agent who lacks the skills the call will ever need is not worth waiting for: the
   * hold is dropped (and the call looked at again at once).
   */
  private async dropUselessHold(s: Situation, now: number): Promise<boolean> {
    const c = s.rec.routed;
    if (!c.stickyAgentId || c.stickyUntil === null || now >= c.stickyUntil) return false;
    const qualified = s.sticky
      ? meetsRequirements(s.sticky.profile.skills, finalRequirements(c, s.queue))
      : false;
    if (qualified) return false;
    await this.ctx.exec(
      SET_REVIEW,
      [this.ctx.keys.call(c.id), this.ctx.keys.due],
      [
        c.id,
        s.rec.ver,
        String(now),
        `preferred agent ${c.stickyAgentId} cannot serve this call`,
        '1',
      ],
      now,
    );
    return true;
  }

  /** Reserves the agent for the call if neither changed since read; else which one changed. */
  async reserve(
    rec: CallRecord,
    agent: AgentRecord,
    queue: QueueConfig,
    why: OfferWhy,
    now: number,
  ): Promise<Offer | 'agent' | 'call'> {
    const deadline = now + queue.ringTimeoutSeconds * 1000;
    const r = await this.ctx.exec<{ ok?: boolean; attempt?: string; conflict?: 'agent' | 'call' }>(
      RESERVE,
      [this.ctx.keys.agent(agent.id), this.ctx.keys.call(rec.id)],
      [agent.id, agent.ver, rec.id, rec.ver, String(deadline), why.reason, agent.state],
      now,
    );
    if (!r.ok) return r.conflict ?? 'call';
    return {
      callId: rec.id,
      agentId: agent.id,
      queueId: rec.queueId,
      deadline,
      attempt: Number(r.attempt ?? 1),
      reason: why.reason,
      explanation: why.explanation,
    };
  }

  private async exit(
    rec: CallRecord,
    exit: QueueExit,
    reason: string,
    now: number,
    events: RoutingEvent[],
  ): Promise<Step> {
    const r = await this.ctx.exec<{ ok?: boolean }>(
      EXIT_CALL,
      [this.ctx.keys.call(rec.id)],
      [rec.id, rec.ver, exit, reason],
      now,
    );
    if (!r.ok) return 'retry';
    events.push({ type: 'exit', callId: rec.id, queueId: rec.queueId, exit, reason });
    return { kind: 'exit', callId: rec.id, queueId: rec.queueId, exit, reason };
  }

  private async move(
    rec: CallRecord,
    toQueueId: string,
    reason: string,
    now: number,
    events: RoutingEvent[],
  ): Promise<'ok' | Step> {
    let target: { ver: string; config: QueueConfig };
    try {
      target = await this.cache.get(toQueueId);
    } catch (err) {
      if (!(err instanceof RoutingError && err.code === 'unknown_queue')) throw err;
      return this.exit(
        rec,
        'callback',
        `${reason}, but queue ${toQueueId} does not exist: exit to callback`,
        now,
        events,
      );
    }
    for (let i = 0; i < 3; i++) {
      const moved = movedCall(rec.routed, rec.input, target.config, now);
      const r = await this.ctx.exec<{
        ok?: boolean;
        conflict?: boolean;
        unknownQueue?: boolean;
        stale?: string;
        full?: number;
      }>(
        MOVE_CALL,
        [this.ctx.keys.call(rec.id), this.ctx.keys.queue(toQueueId)],
        [
          rec.id,
          rec.ver,
          toQueueId,
          String(callOrderKey(moved, target.config)),
          target.ver,
          String(this.reviewAt(moved, target.config, now)),
          reason,
          moved.stickyAgentId ?? '',
          moved.stickyUntil === null ? '' : String(moved.stickyUntil),
          target.config.maxQueueLength ?? 0,
        ],
        now,
      );
      if (r.ok) {
        events.push({
          type: 'overflow',
          callId: rec.id,
          fromQueueId: rec.queueId,
          toQueueId,
          reason,
        });
        return 'ok';
      }
      if (r.conflict) return 'retry';
      if (r.stale !== undefined) {
        target = await this.cache.refresh(toQueueId);
        continue;
      }
      const why = r.full !== undefined ? 'is full' : 'does not exist';
      return this.exit(
        rec,
        'callback',
        `${reason}, but queue ${toQueueId} ${why}: exit to callback`,
        now,
        events,
      );
    }
    return 'retry';
  }
}

function situation(
  rec: CallRecord,
  queue: QueueConfig,
  r: CallSideRead,
  position: number | null,
): Situation {
  return {
    rec,
    queue,
    mver: r.mver ?? '0',
    free: list<RawHash>(r.free).map(parseAgentRecord),
    nfree: r.nfree ?? 0,
    sticky: r.sticky ? parseAgentRecord(r.sticky) : null,
    position,
  };
}
