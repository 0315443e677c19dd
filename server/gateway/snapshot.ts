import type { ConsoleSnapshot, SessionUser } from '../contracts/index.js';
import type { ConsoleStateSource } from './ports.js';

const HOUR_MS = 3_600_000;

export function isSupervisor(user: SessionUser): boolean {
  return user.role === 'supervisor' || user.role === 'admin';
}

/**
 * Reads what a console must show right now. Agents get the statistics of their own queues only;
 * supervisors get every queue, every agent and the last hour of samples.
 */
export async function buildSnapshot(
  state: ConsoleStateSource,
  user: SessionUser,
  now: Date,
): Promise<ConsoleSnapshot> {
  const [agent, call] = await Promise.all([
    state.agentState(user.userId),
    state.liveCall(user.userId),
  ]);
  const sup = isSupervisor(user);
  const [queues, agents, history] = await Promise.all([
    state.queueStats(sup ? null : (agent?.queueIds ?? [])),
    sup ? state.agents() : null,
    sup ? state.queueHistory(new Date(now.getTime() - HOUR_MS)) : null,
  ]);
  return {
    user,
    agent,
    call,
    queues,
    supervisor: agents && history ? { agents, history } : null,
    takenAt: now.toISOString(),
  };
}
