import type { ConsoleSnapshot, SessionUser } from './contracts.js';
import type { AgentStatus } from './agent-status.svelte.js';
import type { AgentsTable } from './agents-table.svelte.js';
import type { CallState } from './call.svelte.js';
import type { Notifications } from './notifications.svelte.js';
import type {
  ConnectionEvent,
  ConsoleTransport,
  ServerEvent,
  ServerEventArg,
} from './transport.js';
import type { Wallboard } from './wallboard.svelte.js';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'ended';

export interface ConsoleStores {
  agent: AgentStatus;
  call: CallState;
  wallboard: Wallboard;
  agentsTable: AgentsTable;
  notifications: Notifications;
}

type Buffered = { [E in ServerEvent]: { event: E; arg: ServerEventArg<E> } }[ServerEvent];

export interface SessionTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How long to wait for the server's snapshot after connecting before asking for it. */
const SNAPSHOT_WAIT_MS = 4000;

/**
 * The live link to the server. After every (re)connect the server sends a snapshot; events that
 * arrive before it are held back and replayed on top of it, so that nothing the server sent
 * after reading the snapshot is lost and nothing older overwrites it.
 */
export class ConsoleSession {
  status = $state<ConnectionStatus>('connecting');
  synced = $state(false);
  user = $state<SessionUser | null>(null);
  /** Why the server refused or ended the session, when it did. */
  endReason = $state<string | null>(null);
  lastSnapshotAt = $state<string | null>(null);

  #buffer: Buffered[] = [];
  #snapshotTimer: unknown = null;

  constructor(
    private readonly transport: ConsoleTransport,
    private readonly stores: ConsoleStores,
    private readonly timers: SessionTimers = {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
  ) {
    transport.onConnection((e) => this.onConnection(e));
    transport.onEvent((event, arg) => this.onEvent({ event, arg } as Buffered));
  }

  private onConnection(e: ConnectionEvent): void {
    if (e.kind === 'connected') {
      this.status = 'online';
      this.synced = false;
      this.#buffer = [];
      this.waitForSnapshot();
    } else if (e.kind === 'disconnected') {
      this.status = e.willReconnect ? 'offline' : 'ended';
      this.synced = false;
      this.stopWaiting();
    } else {
      this.status = 'ended';
      this.endReason = e.code;
    }
  }

  private waitForSnapshot(): void {
    this.stopWaiting();
    this.#snapshotTimer = this.timers.setTimeout(() => void this.resync(), SNAPSHOT_WAIT_MS);
  }

  private stopWaiting(): void {
    if (this.#snapshotTimer !== null) this.timers.clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = null;
  }

  /** Asks the server for the current state again. */
  async resync(): Promise<boolean> {
    const ack = await this.transport.request('console:resync', {});
    if (ack.ok) this.applySnapshot(ack.snapshot);
    return ack.ok;
  }

  private onEvent(msg: Buffered): void {
    if (msg.event === 'console:snapshot') {
      this.applySnapshot(msg.arg);
      return;
    }
    if (msg.event === 'session:ended') {
      this.status = 'ended';
      this.endReason = msg.arg.reason;
      return;
    }
    if (!this.synced) {
      this.#buffer.push(msg);
      return;
    }
    this.dispatch(msg);
  }

  applySnapshot(s: ConsoleSnapshot): void {
    this.stopWaiting();
    const { agent, call, wallboard, agentsTable } = this.stores;
    this.user = s.user;
    agent.apply(s.agent);
    call.restore(s.call);
    wallboard.load(s.queues, s.supervisor?.history ?? s.queues);
    if (s.supervisor) agentsTable.replace(s.supervisor.agents);
    this.lastSnapshotAt = s.takenAt;
    this.synced = true;
    const held = this.#buffer;
    this.#buffer = [];
    for (const m of held) this.dispatch(m);
  }

  private dispatch(m: Buffered): void {
    const { agent, call, wallboard, agentsTable, notifications } = this.stores;
    switch (m.event) {
      case 'call:offered':
        call.offered(m.arg);
        break;
      case 'call:connected':
        call.connected(m.arg);
        break;
      case 'call:ended':
        call.ended(m.arg);
        break;
      case 'call:recording':
        call.recordingChanged(m.arg);
        break;
      case 'agent:state':
        if (m.arg.agentId === this.user?.userId) agent.apply(m.arg);
        if (this.user && this.user.role !== 'agent') agentsTable.upsert(m.arg);
        break;
      case 'queue:stats':
        wallboard.apply(m.arg);
        break;
      case 'agents:table':
        agentsTable.replace(m.arg);
        break;
      case 'notification':
        notifications.push(m.arg);
        break;
      case 'console:snapshot':
      case 'session:ended':
        break;
    }
  }

  close(): void {
    this.stopWaiting();
    this.transport.close();
  }
}
