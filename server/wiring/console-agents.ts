import type { Crm, User } from '../../crm-core/index.js';
import { RoutingError, type AcdStore, type CallOutcome, type Offer } from '../../routing/index.js';
import type { AcdOffer } from '../../telephony/index.js';
import type { AgentStateView, PauseReason, SettableAgentState } from '../contracts/index.js';
import type { AgentActions, ConsoleStateSource } from '../gateway/index.js';
import { crmUser } from './crm-ids.js';
import { toAcdOffer } from './telephony-ports.js';

/** Refusals the console shows as they are (`invalid_state`, `not_found`). */
export class AgentStateRefusal extends Error {
  constructor(
    readonly code: 'invalid_state' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}

/** The ACD profile of a CRM user: skills, the `vip` group for VIP-skilled agents, ranked queues. */
export function agentProfile(user: User) {
  return {
    id: String(user.id),
    name: user.displayName,
    skills: Object.fromEntries(user.skills.map((s) => [s.skill, s.proficiency])),
    groups: user.skills.some((s) => s.skill === 'vip') ? ['vip'] : [],
    queues: user.queues.map((queueId, i) => ({ queueId, rank: i + 1 })),
  };
}

export interface AgentActionsDeps {
  acd: AcdStore;
  crm: Crm;
  state: Pick<ConsoleStateSource, 'agentState'>;
  /** Hands an offer the ACD made (the agent became free and a call was waiting) to the calls. */
  deliverOffer(offer: AcdOffer): void;
}

/** The ACD's state-machine refusals, in the console's words. */
async function refusing<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof RoutingError && err.code === 'illegal_agent_transition') {
      throw new AgentStateRefusal('invalid_state', err.message);
    }
    if (err instanceof RoutingError && err.code === 'unknown_agent') {
      throw new AgentStateRefusal('not_found', err.message);
    }
    throw err;
  }
}

/**
 * State changes through the ACD's state machine: an agent logged out (or never seen by the ACD)
 * is logged in with its CRM profile; moves the ACD forbids (e.g. the agent pausing during a call)
 * are refused with `invalid_state`. A supervisor's pause or logout of an agent busy with a call
 * waits for the end of that call (`afterCall` on the view) instead.
 */
export function agentActions(deps: AgentActionsDeps): AgentActions {
  const { acd } = deps;
  const deliver = (offer: Offer | null): void => {
    if (offer) deps.deliverOffer(toAcdOffer(offer));
  };
  const deliverRequeued = (r: { requeued: CallOutcome | null }): void => {
    if (r.requeued?.kind === 'offer') deliver(r.requeued.offer);
  };

  async function current(agentId: string): Promise<AgentStateView> {
    const view = await deps.state.agentState(agentId);
    if (!view) throw new AgentStateRefusal('not_found', `user ${agentId} is not an agent`);
    return view;
  }

  async function login(agentId: string, ready: boolean, reason: PauseReason | null) {
    const user = await crmUser(deps.crm, agentId);
    if (!user?.enabled) throw new AgentStateRefusal('not_found', `no agent ${agentId}`);
    deliver(
      await acd.loginAgent(agentProfile(user), {
        ready,
        ...(reason ? { pauseReason: reason } : {}),
      }),
    );
  }

  // `afterCall` (a supervisor's order): an agent busy with a call keeps it; the ACD applies the
  // move once the call and its wrap-up are over.
  async function pause(
    agentId: string,
    reason: PauseReason,
    afterCall = false,
  ): Promise<AgentStateView> {
    const cur = await current(agentId);
    if (cur.state === 'logged_out') await refusing(() => login(agentId, false, reason));
    else deliverRequeued(await refusing(() => acd.pauseAgent(agentId, reason, { afterCall })));
    return current(agentId);
  }

  async function logout(agentId: string, afterCall = false): Promise<AgentStateView> {
    const cur = await current(agentId);
    if (cur.state !== 'logged_out') {
      deliverRequeued(await refusing(() => acd.logoutAgent(agentId, { afterCall })));
    }
    return current(agentId);
  }

  return {
    async setState(agentId, next: SettableAgentState) {
      if (next.state === 'paused') return pause(agentId, next.reason);
      if (next.state === 'logged_out') return logout(agentId);
      const cur = await current(agentId);
      if (cur.state === 'logged_out') await refusing(() => login(agentId, true, null));
      else if (cur.state === 'reserved' || cur.state === 'on_call') {
        throw new AgentStateRefusal('invalid_state', `cannot become available while ${cur.state}`);
      } else deliver(await refusing(() => acd.setAgentAvailable(agentId)));
      return current(agentId);
    },
    forcePause: (agentId, reason) => pause(agentId, reason, true),
    forceLogout: (agentId) => logout(agentId, true),
  };
}
