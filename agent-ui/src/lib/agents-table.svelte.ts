import type { AgentStateView, MonitorMode, PauseReason } from './contracts.js';
import { secondsSince, type Clock } from './clock.svelte.js';
import type { ConsoleTransport } from './transport.js';

const ORDER: Record<AgentStateView['state'], number> = {
  on_call: 0,
  reserved: 1,
  wrap_up: 2,
  available: 3,
  paused: 4,
  logged_out: 5,
};

export interface AgentRow extends AgentStateView {
  secondsInState: number;
}

/** The supervisors' agents table and the actions on an agent or its call. */
export class AgentsTable {
  agents = $state<Record<string, AgentStateView>>({});
  filter = $state('');
  busy = $state<string | null>(null);
  message = $state<{ ok: boolean; text: string } | null>(null);

  readonly rows: AgentRow[] = $derived(
    Object.values(this.agents)
      .filter((a) => {
        const f = this.filter.trim().toLowerCase();
        return !f || a.displayName.toLowerCase().includes(f) || a.agentId.toLowerCase().includes(f);
      })
      .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.displayName.localeCompare(b.displayName))
      .map((a) => ({ ...a, secondsInState: secondsSince(a.since, this.clock.now) })),
  );

  constructor(
    private readonly transport: ConsoleTransport,
    private readonly clock: Clock,
  ) {}

  replace(rows: readonly AgentStateView[]): void {
    this.agents = Object.fromEntries(rows.map((r) => [r.agentId, r]));
  }

  upsert(view: AgentStateView): void {
    this.agents[view.agentId] = view;
  }

  async forcePause(agentId: string, reason: PauseReason): Promise<boolean> {
    return this.run(agentId, async () => {
      const ack = await this.transport.request('supervisor:agent', {
        agentId,
        action: 'force_pause',
        reason,
      });
      if (ack.ok) this.upsert(ack.agent);
      return ack;
    });
  }

  async forceLogout(agentId: string): Promise<boolean> {
    return this.run(agentId, async () => {
      const ack = await this.transport.request('supervisor:agent', {
        agentId,
        action: 'force_logout',
      });
      if (ack.ok) this.upsert(ack.agent);
      return ack;
    });
  }

  async monitor(callId: string, mode: MonitorMode): Promise<boolean> {
    return this.run(callId, () => this.transport.request('supervisor:monitor', { callId, mode }));
  }

  private async run(
    key: string,
    send: () => Promise<{ ok: true } | { ok: false; message: string }>,
  ): Promise<boolean> {
    this.busy = key;
    this.message = null;
    try {
      const ack = await send();
      this.message = ack.ok ? { ok: true, text: 'ok' } : { ok: false, text: ack.message };
      return ack.ok;
    } finally {
      this.busy = null;
    }
  }
}
