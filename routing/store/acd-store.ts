import { BUSY_STATES, NO_ANSWER, illegalTransition, statesAllowing } from '../core/agent-state.js';
import type { AgentProfile, AgentState, QueueConfig } from '../core/types.js';
import { parseAgentProfile, parseId, parseQueueConfig } from '../core/validate.js';
import { RoutingError } from '../errors.js';
import { AgentSide, type AgentSideRead } from './agent-side.js';
import { LocalClaims } from './claims.js';
import { CallSide } from './call-side.js';
import { StoreContext, type AcdStoreOptions } from './context.js';
import { LiveStats, type LiveQueueStats, type WaitEstimate, type Wallboard } from './live-stats.js';
import type {
  CallOutcome,
  LeaveOutcome,
  Offer,
  RejectOutcome,
  ReleaseOutcome,
  RoutingEvent,
} from './outcomes.js';
import type { ScriptRunner } from './port.js';
import { QueueCache } from './queue-cache.js';
import { rebuild, type RebuildInput, type RebuildResult } from './recovery.js';
import {
  ACCEPT,
  DEQUEUE,
  EXTEND_OFFER,
  LOGIN_AGENT,
  LOGOUT_AGENT,
  PAUSE_AGENT,
  REJECT,
  RELEASE_AGENT,
  UPDATE_AGENT_PROFILE,
  UPSERT_QUEUE,
} from './scripts/index.js';
import { readSnapshot, type AcdSnapshot } from './snapshot.js';
import { Timers, type TickFailure } from './timers.js';
import {
  JournalAudit,
  readJournalPage,
  type JournalEntry,
  type JournalVerdict,
} from './journal.js';

export interface TickResult {
  events: RoutingEvent[];
  /** Items that failed (they stay due and are retried after the lease). */
  failures: TickFailure[];
}

interface ReleaseReply {
  ok?: boolean;
  again?: boolean;
  missing?: boolean;
  illegal?: AgentState;
  call?: string;
  callId?: string;
  queueId?: string;
  wrapUntil?: string;
  talkMs?: string;
  /** With no wrap-up: what the agent's next decision needs (read in the same step). */
  side?: AgentSideRead;
}

interface StateReply {
  ok?: boolean;
  illegal?: AgentState;
  missing?: boolean;
  requeued?: string;
  deferred?: AgentState;
}

/** `afterCall`: an agent busy with a call (ringing, talking, wrapping up) keeps it; the move waits. */
export interface LeaveOptions {
  afterCall?: boolean;
}

/** Becoming available is allowed from these (login and reject have their own paths). */
const READY_FROM: AgentState[] = ['paused', 'wrap_up', 'available'];

/**
 * The ACD on Redis. Every state change is one Lua script; every choice is made by the pure core
 * (routing/core) on what a script read, and applied by a script that checks nothing changed.
 * Several server processes may share one store.
 */
export class AcdStore {
  private readonly ctx: StoreContext;
  private readonly cache: QueueCache;
  private readonly calls: CallSide;
  private readonly agents: AgentSide;
  private readonly timers: Timers;
  private readonly stats: LiveStats;

  constructor(runner: ScriptRunner, options: AcdStoreOptions) {
    this.ctx = new StoreContext(runner, options);
    this.cache = new QueueCache(this.ctx);
    const claims = { agents: new LocalClaims(), calls: new LocalClaims() };
    this.calls = new CallSide(this.ctx, this.cache, claims);
    this.agents = new AgentSide(this.ctx, this.cache, this.calls, claims.calls);
    this.timers = new Timers(this.ctx, this.cache, this.calls, this.agents);
    this.stats = new LiveStats(this.ctx);
  }

  /** Creates or replaces a queue (validated; defaults filled). */
  async upsertQueue(input: unknown): Promise<QueueConfig> {
    const cfg = parseQueueConfig(input);
    const r = await this.ctx.exec<{ cfgver: string }>(
      UPSERT_QUEUE,
      [this.ctx.keys.queue(cfg.id), this.ctx.keys.queues],
      [
        cfg.id,
        JSON.stringify(cfg),
        cfg.serviceLevelSeconds * 1000,
        Math.round(cfg.wrapUpSeconds * 1000),
      ],
      this.ctx.now(),
    );
    this.cache.remember(cfg.id, r.cfgver, cfg);
    return cfg;
  }

  /**
   * Logs an agent in with their profile (skills, groups, queues), ready (default) or paused with a
   * reason. A ready agent is matched at once: the reply is the call offered to them, if any.
   */
  async loginAgent(
    profile: unknown,
    opts: { ready?: boolean; pauseReason?: string } = {},
  ): Promise<Offer | null> {
    return this.login(profile, opts.ready ?? true, opts.pauseReason ?? 'not ready', true);
  }

  private async login(
    profile: unknown,
    ready: boolean,
    pauseReason: string,
    match: boolean,
  ): Promise<Offer | null> {
    const p = parseAgentProfile(profile);
    const to: AgentState = ready ? 'available' : 'paused';
    const r = await this.ctx.exec<StateReply>(
      LOGIN_AGENT,
      [this.ctx.keys.agent(p.id)],
      [p.id, JSON.stringify(p), queueList(p), to, ready ? '' : pauseReason, 'logged_out'],
      this.ctx.now(),
    );
    if (r.illegal) throw illegalTransition(p.id, r.illegal, to);
    return ready && match ? this.agents.ready(p.id, ['available'], []) : null;
  }

  /** Replaces a logged-in agent's skills, groups and queues (a free agent is matched again). */
  async updateAgent(profile: unknown): Promise<Offer | null> {
    const p = parseAgentProfile(profile);
    const r = await this.ctx.exec<StateReply & { state?: AgentState }>(
      UPDATE_AGENT_PROFILE,
      [this.ctx.keys.agent(p.id)],
      [p.id, JSON.stringify(p), queueList(p)],
      this.ctx.now(),
    );
    if (r.missing) throw unknownAgent(p.id);
    if (r.illegal) {
      throw new RoutingError(
        'illegal_agent_transition',
        `agent ${p.id} is logged out; log in instead`,
        {
          agentId: p.id,
          from: 'logged_out',
        },
      );
    }
    return r.state === 'available' ? this.agents.ready(p.id, ['available'], []) : null;
  }

  /**
   * Logs out; a call ringing at the agent goes back to its place and to another agent. With
   * `afterCall`, an agent busy with a call is logged out once the call and its wrap-up are over.
   */
  async logoutAgent(agentId: string, opts: LeaveOptions = {}): Promise<LeaveOutcome> {
    return this.leave(agentId, LOGOUT_AGENT, 'logged_out', [], opts);
  }

  /**
   * Pauses with a reason code; a call ringing at the agent goes back to its place. With
   * `afterCall`, an agent busy with a call is paused once the call and its wrap-up are over (a
   * later order replaces an earlier one).
   */
  async pauseAgent(
    agentId: string,
    reason: string,
    opts: LeaveOptions = {},
  ): Promise<LeaveOutcome> {
    if (typeof reason !== 'string' || reason.length === 0 || reason.length > 64) {
      throw new RoutingError('invalid_input', 'a pause needs a reason code of 1-64 characters');
    }
    return this.leave(agentId, PAUSE_AGENT, 'paused', [reason], opts);
  }

  private async leave(
    agentId: string,
    script: typeof LOGOUT_AGENT,
    to: AgentState,
    extra: string[],
    opts: LeaveOptions,
  ): Promise<LeaveOutcome> {
    const id = parseId(agentId, 'agent id');
    const r = await this.ctx.exec<StateReply>(
      script,
      [this.ctx.keys.agent(id)],
      [
        id,
        ...extra,
        statesAllowing(to)
          .filter((s) => s !== 'logged_out')
          .join(' '),
        opts.afterCall ? BUSY_STATES.join(' ') : '',
      ],
      this.ctx.now(),
    );
    if (r.missing) throw unknownAgent(id);
    if (r.illegal === 'logged_out') {
      throw new RoutingError(
        'illegal_agent_transition',
        `agent ${id} is logged out; log in first`,
        {
          agentId: id,
          from: 'logged_out',
          to,
          allowed: ['login'],
        },
      );
    }
    if (r.illegal) throw illegalTransition(id, r.illegal, to);
    if (r.deferred) return { requeued: null, deferred: true };
    return {
      requeued: r.requeued ? await this.calls.route(r.requeued, []) : null,
      deferred: false,
    };
  }

  /** The agent is ready for calls (from paused or wrap-up): the best waiting call, or null. */
  async setAgentAvailable(agentId: string): Promise<Offer | null> {
    return this.agents.ready(parseId(agentId, 'agent id'), READY_FROM, []);
  }

  /** Same as setAgentAvailable: an agent becoming free takes the best waiting call. */
  agentReady(agentId: string): Promise<Offer | null> {
    return this.setAgentAvailable(agentId);
  }

  /** Ends wrap-up early (or on its timer, see tick): the agent takes the best waiting call. */
  async endWrapUp(agentId: string): Promise<Offer | null> {
    return this.agents.ready(parseId(agentId, 'agent id'), ['wrap_up'], []);
  }

  /** A call arrives: offered to the best free agent, queued, or sent to its exit. */
  async enqueue(call: unknown): Promise<CallOutcome> {
    return this.calls.enqueue(call, []);
  }

  async accept(callId: string, agentId: string): Promise<{ queueId: string; waitSeconds: number }> {
    const cid = parseId(callId, 'call id');
    const aid = parseId(agentId, 'agent id');
    const r = await this.ctx.exec<
      { ok?: boolean; waitMs?: string; queueId?: string } & Record<string, unknown>
    >(ACCEPT, [this.ctx.keys.agent(aid), this.ctx.keys.call(cid)], [aid, cid], this.ctx.now());
    if (!r.ok) throw notOffered(cid, aid, r);
    return { queueId: r.queueId ?? '', waitSeconds: Number(r.waitMs ?? 0) / 1000 };
  }

  /**
   * Moves the ring deadline of an offer (the agent stays reserved for the call until then). Used
   * when the agent is reserved before the customer is dialled: a callback. Throws `not_offered`
   * when the call is no longer ringing at that agent.
   */
  async extendOffer(callId: string, agentId: string, deadline: number): Promise<void> {
    const cid = parseId(callId, 'call id');
    const aid = parseId(agentId, 'agent id');
    if (!Number.isFinite(deadline)) {
      throw new RoutingError('invalid_input', 'deadline: must be a time in ms', {
        issues: [{ path: 'deadline', message: 'must be a finite number' }],
      });
    }
    const r = await this.ctx.exec<{ ok?: boolean } & Record<string, unknown>>(
      EXTEND_OFFER,
      [this.ctx.keys.agent(aid), this.ctx.keys.call(cid)],
      [aid, cid, String(Math.round(deadline))],
      this.ctx.now(),
    );
    if (!r.ok) throw notOffered(cid, aid, r);
  }

  /**
   * The agent declines the offer: the call goes back to its place and on to another agent; the
   * agent takes another call, or is paused ("no answer") after too many misses in a row.
   */
  async reject(callId: string, agentId: string, reason = 'rejected'): Promise<RejectOutcome> {
    const cid = parseId(callId, 'call id');
    const aid = parseId(agentId, 'agent id');
    const r = await this.ctx.exec<
      { ok?: boolean; agentState?: AgentState } & Record<string, unknown>
    >(
      REJECT,
      [this.ctx.keys.agent(aid), this.ctx.keys.call(cid)],
      [aid, cid, this.ctx.opts.maxMissedOffers, String(reason).slice(0, 200)],
      this.ctx.now(),
    );
    if (!r.ok) throw notOffered(cid, aid, r);
    const events: RoutingEvent[] = [];
    const agentState = r.agentState ?? 'available';
    if (agentState === 'paused')
      events.push({ type: 'agent_paused', agentId: aid, reason: NO_ANSWER });
    const next = await this.calls.route(cid, events);
    const agentOffer =
      agentState === 'available' ? await this.agents.ready(aid, ['available'], events) : null;
    return {
      callOffer: next?.kind === 'offer' ? next.offer : null,
      agentOffer,
      agentState: agentOffer ? 'reserved' : settledState(events, aid, agentState),
      events,
    };
  }

  /** Ring timeouts: each expired offer's call goes back to its place and on to another agent. */
  async expireOffers(): Promise<RoutingEvent[]> {
    const events: RoutingEvent[] = [];
    const failures: TickFailure[] = [];
    await this.timers.expireOffers(events, failures);
    throwFirst(failures);
    return events;
  }

  /**
   * The call ended: the agent goes to wrap-up (and is matched at once if wrap-up is 0 s). With
   * `callId`, only that call is released. Releasing a call that is already released (both legs
   * hung up, two nodes) answers like the first release, with no offer. Refused: an agent who never
   * was on a call (`illegal_agent_transition`), a call the agent is not on (`not_on_call`).
   */
  async release(agentId: string, callId?: string): Promise<ReleaseOutcome> {
    const aid = parseId(agentId, 'agent id');
    const cid = callId === undefined ? '' : parseId(callId, 'call id');
    const now = this.ctx.now();
    const r = await this.ctx.exec<ReleaseReply>(
      RELEASE_AGENT,
      [this.ctx.keys.agent(aid)],
      [aid, cid, this.ctx.opts.pageSize],
      now,
    );
    if (r.missing) throw unknownAgent(aid);
    if (r.illegal && !cid) throw illegalTransition(aid, r.illegal, 'wrap_up');
    if (r.illegal) {
      const on = r.call ? `is on call ${r.call}` : `is ${r.illegal}, on no call`;
      throw new RoutingError(
        'not_on_call',
        `agent ${aid} ${on}; nothing to release${cid ? ` for call ${cid}` : ''}`,
        { agentId: aid, callId: cid || null, agentState: r.illegal, agentCallId: r.call || null },
      );
    }
    return this.afterRelease(aid, r, now);
  }

  private async afterRelease(aid: string, r: ReleaseReply, now: number): Promise<ReleaseOutcome> {
    const wrapUpUntil = Number(r.wrapUntil ?? now);
    const offer =
      !r.again && wrapUpUntil <= now
        ? await this.agents.ready(aid, ['wrap_up'], [], r.side ?? null)
        : null;
    return {
      callId: r.callId ?? '',
      queueId: r.queueId ?? '',
      talkSeconds: Number(r.talkMs ?? 0) / 1000,
      wrapUpUntil,
      offer,
      ...(r.again ? { alreadyReleased: true } : {}),
    };
  }

  /**
   * The caller hung up ('abandoned', counted) or the call was withdrawn ('cancelled'). A ringing
   * agent is freed and matched; a connected call is released in the same step (its agent goes to
   * wrap-up).
   */
  async dequeue(
    callId: string,
    reason: 'abandoned' | 'cancelled' = 'abandoned',
  ): Promise<{ agentOffer: Offer | null; released: ReleaseOutcome | null }> {
    const cid = parseId(callId, 'call id');
    if (reason !== 'abandoned' && reason !== 'cancelled') {
      throw new RoutingError('invalid_input', `dequeue reason must be 'abandoned' or 'cancelled'`);
    }
    const now = this.ctx.now();
    const r = await this.ctx.exec<{
      ok?: boolean;
      missing?: boolean;
      connected?: string;
      released?: ReleaseReply;
      agentId?: string;
    }>(DEQUEUE, [this.ctx.keys.call(cid)], [cid, reason], now);
    if (r.missing)
      throw new RoutingError('unknown_call', `call ${cid} is not in the ACD`, { callId: cid });
    if (r.connected && r.released) {
      return { agentOffer: null, released: await this.afterRelease(r.connected, r.released, now) };
    }
    const agentOffer = r.agentId ? await this.agents.ready(r.agentId, ['available'], []) : null;
    return { agentOffer, released: null };
  }

  /** Waiting calls whose review time came: overflow, exit, or a wider pool of agents. */
  async overflowDue(): Promise<RoutingEvent[]> {
    const events: RoutingEvent[] = [];
    const failures: TickFailure[] = [];
    await this.timers.reviewDue(events, failures);
    await this.timers.checkQueues(events, failures);
    throwFirst(failures);
    return events;
  }

  /** All timers at once; call it every few hundred ms from every node. */
  async tick(): Promise<TickResult> {
    const events: RoutingEvent[] = [];
    const failures: TickFailure[] = [];
    await this.timers.expireOffers(events, failures);
    await this.timers.endWrapUps(events, failures);
    await this.timers.matchPending(events, failures);
    await this.timers.reviewDue(events, failures);
    await this.timers.checkQueues(events, failures);
    return { events, failures };
  }

  /** 1 = next in line; null when the call is ringing or connected. */
  async position(callId: string): Promise<number | null> {
    return (await this.stats.estimate(parseId(callId, 'call id'))).position;
  }

  /** Position and estimated wait, for the IVR's announcements and the callback offer. */
  estimatedWait(callId: string): Promise<WaitEstimate> {
    return this.stats.estimate(parseId(callId, 'call id'));
  }

  liveStats(queueId: string): Promise<LiveQueueStats> {
    return this.stats.queue(parseId(queueId, 'queue id'));
  }

  /** The wallboard payload: live statistics of these queues (all queues when omitted). */
  async wallboard(queueIds?: readonly string[]): Promise<Wallboard> {
    const ids = queueIds ?? (await this.snapshot()).queues.map((q) => q.id);
    return this.stats.wallboard(ids.map((q) => parseId(q, 'queue id')));
  }

  snapshot(): Promise<AcdSnapshot> {
    return readSnapshot(this.ctx);
  }

  /** Journal entries after `after` ('-': from the start), oldest first (`journal: true` only). */
  readJournal(after = '-', count = 1000): Promise<JournalEntry[]> {
    return readJournalPage(this.ctx, after, Math.max(1, Math.min(10_000, Math.floor(count))));
  }

  /** Replays the whole journal: zero violations means no agent ever held two calls and vice versa. */
  async auditJournal(): Promise<JournalVerdict> {
    const audit = new JournalAudit();
    // Small pages: a long script would hold up every other Redis client.
    for (let after = '-'; ;) {
      const page = await this.readJournal(after, 1000);
      page.forEach((e) => audit.add(e));
      const last = page[page.length - 1];
      if (!last || page.length < 1000) return audit.verdict;
      after = last.id;
    }
  }

  /** Recreates the state after a Redis flush or restart; see routing/store/recovery.ts. */
  rebuild(input: RebuildInput): Promise<RebuildResult> {
    return rebuild(
      {
        ctx: this.ctx,
        upsertQueue: (q) => this.upsertQueue(q),
        login: (p, ready, reason, match) => this.login(p, ready, reason, match),
        enqueue: (c, events) => this.calls.enqueue(c, events),
        ready: (id, events) => this.agents.ready(id, ['available'], events),
        orderAfterCall: (id, move) =>
          move.state === 'paused'
            ? this.pauseAgent(id, move.reason, { afterCall: true })
            : this.logoutAgent(id, { afterCall: true }),
      },
      input,
    );
  }
}

/** The agent's state after `events`: a move ordered during the call may have been applied. */
function settledState(events: RoutingEvent[], agentId: string, state: AgentState): AgentState {
  for (const e of events) {
    if (e.type === 'agent_logged_out' && e.agentId === agentId) return 'logged_out';
    if (e.type === 'agent_paused' && e.agentId === agentId) state = 'paused';
  }
  return state;
}

function queueList(p: AgentProfile): string {
  return p.queues.map((q) => q.queueId).join(' ');
}

function unknownAgent(agentId: string): RoutingError {
  return new RoutingError('unknown_agent', `agent ${agentId} is not known to the ACD`, { agentId });
}

function notOffered(
  callId: string,
  agentId: string,
  details: Record<string, unknown>,
): RoutingError {
  return new RoutingError(
    'not_offered',
    `call ${callId} is not ringing at agent ${agentId} (call ${String(details.callState)}, agent ${String(details.agentState)})`,
    {
      callId,
      agentId,
      callState: details.callState,
      callAgent: details.callAgent,
      agentState: details.agentState,
    },
  );
}

function throwFirst(failures: TickFailure[]): void {
  const f = failures[0];
  if (f) throw new RoutingError('conflict', `${f.what} ${f.id} failed: ${f.error}`, { failures });
}
