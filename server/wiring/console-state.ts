import type { Crm, User } from '../../crm-core/index.js';
import type { AcdSnapshot, AcdStore } from '../../routing/index.js';
import type { TelephonyService } from '../../telephony/index.js';
import type { AgentStateView, QueueStatsView } from '../contracts/index.js';
import type { ConsoleStateSource } from '../gateway/index.js';
import { liveCallOf, type PopLabels } from './telephony-console.js';
import { agentViewWithCall, loggedOutView, queueView, type AcdAgent } from './console-views.js';
import { crmUser } from './crm-ids.js';
import { withCurrentCallbacks } from './pop-callbacks.js';

export interface ConsoleStateDeps {
  acd: AcdStore;
  crm: Crm;
  calls: Pick<TelephonyService, 'liveCall'>;
  /** Samples of the last hour (server/wiring/console-live.ts). */
  history: { since(since: Date): Promise<QueueStatsView[]> };
  now: () => Date;
  /** Queue and campaign names for views and pops. */
  labels: PopLabels;
}

/** Enabled CRM users with the agent role, by id. */
async function crmAgents(crm: Crm): Promise<Map<string, User>> {
  const users = await crm.users.list({ role: 'agent', enabled: true });
  return new Map(users.map((u) => [String(u.id), u]));
}

/**
 * The console's live state from the ACD (agents, queues, statistics), the call layer (the call an
 * agent is on, with its screen pop) and the CRM (agents not logged in to the ACD).
 */
export function consoleState(deps: ConsoleStateDeps): ConsoleStateSource {
  const { acd, crm, calls } = deps;

  async function find(agentId: string): Promise<AcdAgent | null> {
    return (await acd.snapshot()).agents.find((a) => a.id === agentId) ?? null;
  }

  const readAgents = () => Promise.all([acd.snapshot(), crmAgents(crm)]);

  /** The ACD's agents, then the CRM's agents it does not know, by name. */
  async function allAgents(snap: AcdSnapshot, users: Map<string, User>): Promise<AgentStateView[]> {
    const known = await Promise.all(snap.agents.map((a) => agentViewWithCall(a, calls)));
    const seen = new Set(known.map((a) => a.agentId));
    const rest = [...users.values()]
      .filter((u) => !seen.has(String(u.id)))
      .map((u) => loggedOutView(u, deps.now()));
    return [...known, ...rest].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  return {
    async agentState(agentId) {
      const agent = await find(agentId);
      if (agent) return agentViewWithCall(agent, calls);
      const user = await crmUser(crm, agentId);
      return user?.role === 'agent' && user.enabled ? loggedOutView(user, deps.now()) : null;
    },
    async liveCall(agentId) {
      const view = await calls.liveCall(agentId);
      if (!view) return null;
      if (view.phase === 'wrap_up') {
        // The call layer keeps an ended call for a while; once the ACD has the agent out of
        // wrap-up (wrap-up submitted, or its time over) there is nothing left to restore.
        const agent = await find(agentId);
        if (agent?.state !== 'wrap_up') return null;
      }
      return withCurrentCallbacks(await liveCallOf(view, deps.labels), crm, deps.labels.logger);
    },
    async queueStats(queueIds) {
      const known = (await acd.snapshot()).queues.map((q) => q.id);
      const ids = queueIds === null ? known : queueIds.filter((q) => known.includes(q));
      if (!ids.length) return [];
      return (await acd.wallboard(ids)).queues.map((q) => queueView(q, deps.labels.queueNames));
    },
    async agents() {
      const [snap, users] = await readAgents();
      return allAgents(snap, users);
    },
    queueHistory: (since) => deps.history.since(since),
    async directory() {
      // One ACD snapshot for both lists.
      const [snap, users] = await readAgents();
      const agents = await allAgents(snap, users);
      return {
        queues: snap.queues.map((q) => ({
          id: q.id,
          name: q.config.name,
          names: deps.labels.queueNames(q.id),
        })),
        agents: agents.map((a) => ({ id: a.agentId, displayName: a.displayName, state: a.state })),
      };
    },
  };
}
