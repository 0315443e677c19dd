import type { AgentStateView, PauseReason, SettableAgentState } from './contracts.js';
import { secondsSince, type Clock } from './clock.svelte.js';
import type { ConsoleTransport } from './transport.js';

export const PAUSE_REASONS: readonly PauseReason[] = [
  'break',
  'lunch',
  'meeting',
  'training',
  'coaching',
  'other',
];

/** The agent's own ACD state, and its requests to change it. */
export class AgentStatus {
  view = $state<AgentStateView | null>(null);
  pending = $state(false);
  error = $state<string | null>(null);

  readonly state = $derived(this.view?.state ?? 'logged_out');
  readonly secondsInState = $derived.by(() =>
    secondsSince(this.view?.since ?? null, this.clock.now),
  );
  /** The ACD decides while a call is offered or on; the agent cannot change state then. */
  readonly canChange = $derived(
    !this.pending && this.state !== 'reserved' && this.state !== 'on_call',
  );

  constructor(
    private readonly transport: ConsoleTransport,
    private readonly clock: Clock,
  ) {}

  apply(view: AgentStateView | null): void {
    this.view = view;
  }

  async request(next: SettableAgentState): Promise<boolean> {
    this.pending = true;
    this.error = null;
    try {
      const ack = await this.transport.request('agent:setState', next);
      if (!ack.ok) {
        this.error = ack.message;
        return false;
      }
      this.view = ack.agent;
      return true;
    } finally {
      this.pending = false;
    }
  }

  available(): Promise<boolean> {
    return this.request({ state: 'available' });
  }

  pause(reason: PauseReason): Promise<boolean> {
    return this.request({ state: 'paused', reason });
  }

  logOut(): Promise<boolean> {
    return this.request({ state: 'logged_out' });
  }
}
