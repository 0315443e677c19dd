/**
 * A stateful stand-in for the ACD, the telephony layer and the CRM, kept in Redis under a test
 * key prefix, so that two gateway nodes see the same state. It implements every console port
 * and has drivers (`offer`, `answer`, `endCall`, `publishQueueStats`) that change the state and
 * publish the change the way the real modules will.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type {
  AgentStateName,
  AfterCallView,
  AgentStateView,
  ComplaintSeverity,
  DirectoryResponse,
  LiveCall,
  PauseReason,
  QueueStatsView,
  RecordingItem,
  RecordingState,
  ScreenPop,
  SessionUser,
  SettableAgentState,
  TransferTarget,
  WrapUpResult,
  WrapUpSubmission,
} from '../../../../server/contracts/index.js';
import type { ConsolePorts, ConsolePublisher } from '../../../../server/gateway/index.js';

export class FakeRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const SLA_HOURS: Record<ComplaintSeverity, number> = {
  critical: 4,
  high: 24,
  medium: 72,
  low: 168,
};
const BUSY: readonly AgentStateName[] = ['reserved', 'on_call'];

export interface TransferRecord {
  agentId: string;
  callId: string;
  target: TransferTarget;
}

export class FakeCenter implements ConsolePorts {
  private publisher: ConsolePublisher | null = null;
  readonly transfers: TransferRecord[] = [];
  readonly monitors: { supervisorId: string; callId: string; mode: string }[] = [];
  readonly submissions: { agentId: string; wrapUp: WrapUpSubmission }[] = [];
  readonly hangups: { agentId: string; callId: string }[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Where state changes are announced (one gateway node's publisher). */
  publishWith(publisher: ConsolePublisher): void {
    this.publisher = publisher;
  }

  private key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  private async getJson<T>(key: string): Promise<T | null> {
    const raw = await this.redis.get(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  }

  private async setJson(key: string, value: unknown): Promise<void> {
    await this.redis.set(key, JSON.stringify(value));
  }

  private get pub(): ConsolePublisher {
    if (!this.publisher) throw new Error('FakeCenter: publishWith() was not called');
    return this.publisher;
  }

  // ---- test set-up -------------------------------------------------------------------------

  /** Creates a login session; returns its token. */
  async login(user: SessionUser, ttlSeconds = 3600): Promise<string> {
    const token = randomBytes(18).toString('base64url');
    await this.redis.set(this.key('session', token), JSON.stringify(user), 'EX', ttlSeconds);
    return token;
  }

  async revoke(token: string): Promise<void> {
    await this.redis.del(this.key('session', token));
  }

  async addAgent(user: SessionUser, queueIds: string[], state: AgentStateName = 'available') {
    const view: AgentStateView = {
      agentId: user.userId,
      displayName: user.displayName,
      state,
      pauseReason: null,
      since: this.now().toISOString(),
      call: null,
      queueIds,
      afterCall: null,
    };
    await this.setJson(this.key('agent', user.userId), view);
    await this.redis.sadd(this.key('agents'), user.userId);
    return view;
  }

  async addQueue(stats: QueueStatsView): Promise<void> {
    await this.setJson(this.key('queue', stats.queueId), stats);
    await this.redis.sadd(this.key('queues'), stats.queueId);
  }

  // ---- drivers: what routing and telephony will do ----------------------------------------

  /** The agent's phone starts ringing with this caller. */
  async offer(agentId: string, pop: ScreenPop): Promise<void> {
    const live: LiveCall = {
      pop,
      phase: 'ringing',
      connectedAt: null,
      endedAt: null,
      wrapUpSeconds: null,
      recording: 'off',
    };
    await this.setJson(this.key('call', agentId), live);
    await this.redis.set(this.key('handled', pop.callId), agentId);
    const agent = await this.changeAgent(agentId, 'reserved', null, {
      callId: pop.callId,
      callerNumber: pop.callerNumber,
      customerName: pop.customer?.name ?? null,
      queueId: pop.queueId,
      since: this.now().toISOString(),
    });
    this.pub.offered(agentId, pop);
    this.pub.agentState(agent);
  }

  async answer(agentId: string): Promise<void> {
    const live = await this.requireLive(agentId);
    const at = this.now().toISOString();
    const next: LiveCall = { ...live, phase: 'connected', connectedAt: at, recording: 'recording' };
    await this.setJson(this.key('call', agentId), next);
    const agent = await this.changeAgent(agentId, 'on_call', null, undefined);
    this.pub.connected({
      callId: live.pop.callId,
      agentId,
      connectedAt: at,
      recording: 'recording',
    });
    this.pub.agentState(agent);
  }

  async endCall(
    agentId: string,
    endedBy: 'caller' | 'agent' | 'transfer' | 'system' = 'caller',
    wrapUpSeconds = 60,
  ): Promise<void> {
    const live = await this.requireLive(agentId);
    const at = this.now().toISOString();
    const missed = live.phase === 'ringing';
    let agent: AgentStateView;
    if (missed) {
      await this.redis.del(this.key('call', agentId));
      agent = await this.changeAgent(agentId, 'available', null, null);
    } else {
      await this.setJson(this.key('call', agentId), {
        ...live,
        phase: 'wrap_up',
        endedAt: at,
        wrapUpSeconds,
        recording: 'off',
      } satisfies LiveCall);
      agent = await this.changeAgent(agentId, 'wrap_up', null, undefined);
    }
    this.pub.ended({
      callId: live.pop.callId,
      agentId,
      endedAt: at,
      endedBy,
      missed,
      wrapUpSeconds: missed ? 0 : wrapUpSeconds,
    });
    this.pub.agentState(agent);
  }

  async publishQueueStats(stats: QueueStatsView): Promise<void> {
    await this.setJson(this.key('queue', stats.queueId), stats);
    await this.redis.sadd(this.key('queues'), stats.queueId);
    await this.redis.rpush(this.key('history'), JSON.stringify(stats));
    this.pub.queueStats(stats);
  }

  private async requireLive(agentId: string): Promise<LiveCall> {
    const live = await this.liveCall(agentId);
    if (!live) throw new FakeRefusal('not_your_call', `agent ${agentId} has no call`);
    return live;
  }

  /** A supervisor's order: at once, or after the call for an agent busy with one (wrap-up too). */
  private async force(agentId: string, move: AfterCallView): Promise<AgentStateView> {
    const cur = await this.agentState(agentId);
    if (!cur) throw new FakeRefusal('not_found', `no agent ${agentId}`);
    if (![...BUSY, 'wrap_up'].includes(cur.state)) {
      return this.changeAgent(agentId, move.state, move.pauseReason, undefined);
    }
    const next: AgentStateView = { ...cur, afterCall: move };
    await this.setJson(this.key('agent', agentId), next);
    return next;
  }

  private async changeAgent(
    agentId: string,
    state: AgentStateName,
    pauseReason: PauseReason | null,
    call: AgentStateView['call'] | undefined,
  ): Promise<AgentStateView> {
    const cur = await this.agentState(agentId);
    if (!cur) throw new FakeRefusal('not_found', `no agent ${agentId}`);
    const next: AgentStateView = {
      ...cur,
      state,
      pauseReason,
      since: cur.state === state ? cur.since : this.now().toISOString(),
      call: call === undefined ? cur.call : call,
      // Kept while the agent is busy with the call; settled by any other state.
      afterCall: [...BUSY, 'wrap_up'].includes(state) ? cur.afterCall : null,
    };
    await this.setJson(this.key('agent', agentId), next);
    return next;
  }

  // ---- SessionVerifier --------------------------------------------------------------------

  readonly sessions = {
    verify: async (token: string): Promise<SessionUser | null> =>
      this.getJson<SessionUser>(this.key('session', token)),
  };

  // ---- ConsoleStateSource -----------------------------------------------------------------

  agentState(agentId: string): Promise<AgentStateView | null> {
    return this.getJson<AgentStateView>(this.key('agent', agentId));
  }

  liveCall(agentId: string): Promise<LiveCall | null> {
    return this.getJson<LiveCall>(this.key('call', agentId));
  }

  readonly state = {
    agentState: (agentId: string) => this.agentState(agentId),
    liveCall: (agentId: string) => this.liveCall(agentId),
    queueStats: async (queueIds: readonly string[] | null): Promise<QueueStatsView[]> => {
      const ids = queueIds ?? (await this.redis.smembers(this.key('queues'))).sort();
      const all = await Promise.all(
        ids.map((id) => this.getJson<QueueStatsView>(this.key('queue', id))),
      );
      return all.filter((q): q is QueueStatsView => q !== null);
    },
    agents: async (): Promise<AgentStateView[]> => {
      const ids = (await this.redis.smembers(this.key('agents'))).sort();
      const all = await Promise.all(ids.map((id) => this.agentState(id)));
      return all.filter((a): a is AgentStateView => a !== null);
    },
    queueHistory: async (since: Date): Promise<QueueStatsView[]> => {
      const raw = await this.redis.lrange(this.key('history'), 0, -1);
      return raw
        .map((r) => JSON.parse(r) as QueueStatsView)
        .filter((s) => Date.parse(s.at) >= since.getTime());
    },
    directory: async (): Promise<DirectoryResponse> => {
      const queues = await this.state.queueStats(null);
      const agents = await this.state.agents();
      return {
        queues: queues.map((q) => ({ id: q.queueId, name: q.name, names: q.names })),
        agents: agents.map((a) => ({ id: a.agentId, displayName: a.displayName, state: a.state })),
      };
    },
  };

  // ---- AgentActions -----------------------------------------------------------------------

  readonly agents = {
    setState: async (agentId: string, next: SettableAgentState): Promise<AgentStateView> => {
      const cur = await this.agentState(agentId);
      if (!cur) throw new FakeRefusal('not_found', `no agent ${agentId}`);
      if (BUSY.includes(cur.state)) {
        throw new FakeRefusal('invalid_state', `cannot change state while ${cur.state}`);
      }
      if (cur.state === 'wrap_up') await this.redis.del(this.key('call', agentId));
      // As the ACD: a supervisor's order waiting for the end of the call wins.
      if (cur.afterCall) {
        return this.changeAgent(agentId, cur.afterCall.state, cur.afterCall.pauseReason, null);
      }
      return this.changeAgent(
        agentId,
        next.state,
        next.state === 'paused' ? next.reason : null,
        null,
      );
    },
    forcePause: async (agentId: string, reason: PauseReason): Promise<AgentStateView> =>
      this.force(agentId, { state: 'paused', pauseReason: reason }),
    forceLogout: async (agentId: string): Promise<AgentStateView> =>
      this.force(agentId, { state: 'logged_out', pauseReason: null }),
  };

  // ---- CallControls -----------------------------------------------------------------------

  readonly calls = {
    hangup: async (agentId: string, callId: string): Promise<void> => {
      await this.requireCall(agentId, callId);
      this.hangups.push({ agentId, callId });
      await this.endCall(agentId, 'agent');
    },
    transfer: async (agentId: string, callId: string, target: TransferTarget): Promise<void> => {
      await this.requireCall(agentId, callId);
      this.transfers.push({ agentId, callId, target });
      await this.endCall(agentId, 'transfer');
    },
    setRecording: async (
      agentId: string,
      callId: string,
      action: 'pause' | 'resume',
    ): Promise<RecordingState> => {
      const live = await this.requireCall(agentId, callId);
      if (live.phase !== 'connected') {
        throw new FakeRefusal('invalid_state', 'the call is not connected');
      }
      const recording: RecordingState = action === 'pause' ? 'paused' : 'recording';
      await this.setJson(this.key('call', agentId), { ...live, recording } satisfies LiveCall);
      return recording;
    },
  };

  private async requireCall(agentId: string, callId: string): Promise<LiveCall> {
    const live = await this.liveCall(agentId);
    if (live?.pop.callId !== callId) {
      throw new FakeRefusal('not_your_call', `call ${callId} is not on agent ${agentId}`);
    }
    return live;
  }

  // ---- SupervisorActions ------------------------------------------------------------------

  readonly supervisor = {
    monitor: async (
      supervisorId: string,
      callId: string,
      mode: 'listen' | 'whisper' | 'barge',
    ): Promise<{ monitorId: string }> => {
      const agentId = await this.redis.get(this.key('handled', callId));
      const live = agentId ? await this.liveCall(agentId) : null;
      if (!live || live.phase !== 'connected') {
        throw new FakeRefusal('not_found', `call ${callId} is not live`);
      }
      this.monitors.push({ supervisorId, callId, mode });
      return { monitorId: `mon-${this.monitors.length}` };
    },
  };

  // ---- RecordingCatalog ------------------------------------------------------------------

  async addRecording(item: RecordingItem): Promise<void> {
    await this.redis.rpush(this.key('recordings'), JSON.stringify(item));
  }

  readonly recordings = {
    search: async (query: {
      from: Date;
      to: Date;
      q: string | null;
      limit: number;
    }): Promise<RecordingItem[]> => {
      const raw = await this.redis.lrange(this.key('recordings'), 0, -1);
      const q = query.q?.toLowerCase() ?? null;
      return raw
        .map((r) => JSON.parse(r) as RecordingItem)
        .filter((r) => {
          const t = Date.parse(r.startedAt);
          if (t < query.from.getTime() || t >= query.to.getTime()) return false;
          if (!q) return true;
          return [r.callerNumber, r.customerName, r.agentName].some((v) =>
            v?.toLowerCase().includes(q),
          );
        })
        .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
        .slice(0, query.limit);
    },
  };

  // ---- WrapUpSink -------------------------------------------------------------------------

  readonly wrapUps = {
    submit: async (
      agentId: string,
      wrapUp: WrapUpSubmission,
    ): Promise<Omit<WrapUpResult, 'agent'>> => {
      const handler = await this.redis.get(this.key('handled', wrapUp.callId));
      if (handler !== agentId) {
        throw new FakeRefusal('not_your_call', `call ${wrapUp.callId} was not handled by you`);
      }
      const done = await this.getJson<Omit<WrapUpResult, 'agent'>>(
        this.key('wrapup', wrapUp.callId),
      );
      if (done) return done;
      this.submissions.push({ agentId, wrapUp });
      const n = this.submissions.length;
      let complaint: WrapUpResult['complaint'] = null;
      if (wrapUp.complaint?.mode === 'create') {
        const due = await this.wrapUps.complaintSlaDueAt(
          wrapUp.complaint.category,
          wrapUp.complaint.severity,
        );
        complaint = { id: `cmp-${n}`, ticket: `T-${1000 + n}`, slaDueAt: due.toISOString() };
      } else if (wrapUp.complaint?.mode === 'update') {
        complaint = {
          id: wrapUp.complaint.complaintId,
          ticket: `T-${wrapUp.complaint.complaintId}`,
          slaDueAt: this.now().toISOString(),
        };
      }
      const result: Omit<WrapUpResult, 'agent'> = {
        interactionId: `int-${n}`,
        complaint,
        callback: wrapUp.callback ? { id: `cb-${n}` } : null,
      };
      await this.setJson(this.key('wrapup', wrapUp.callId), result);
      return result;
    },
    complaintSlaDueAt: (_category: string, severity: ComplaintSeverity): Promise<Date> =>
      Promise.resolve(new Date(this.now().getTime() + SLA_HOURS[severity] * 3_600_000)),
  };
}
