import type { StrategyMetric } from './explanation.js';
import type { AgentCandidate, Strategy } from './types.js';

/** Seconds are counted from 2020-01-01 in composite keys so that they fit beside a count. */
const EPOCH_2020_S = 1_577_836_800;
const SLOT = 2 ** 32;
const NEVER_OFFERED = -1e9;

function idleSeconds2020(idleSince: number): number {
  return Math.max(0, Math.floor(idleSince / 1000) - EPOCH_2020_S);
}

/**
 * The order in which a queue offers calls to its free agents: ascending key, ties by agent id. The
 * store keeps each queue's free agents in a sorted set with exactly this key, so paging through
 * the set visits agents in the same order as `chooseAgent` ranks them.
 *
 * - longest-idle: earliest end of last call first ("least busy").
 * - fewest-calls / least-talk-time: fewest answered calls / talk seconds today, then longest idle.
 * - round-robin: the agent this queue offered a call to least recently; never-offered agents
 *   first, in rank order (a rotation that remembers its place, like app_queue's rrmemory).
 * - ranked: the queue's ranked list (rank 1 first), then longest idle.
 */
export function agentOrderKey(strategy: Strategy, a: AgentCandidate): number {
  switch (strategy) {
    case 'longest-idle':
      return a.idleSince;
    case 'fewest-calls':
      return a.callsToday * SLOT + idleSeconds2020(a.idleSince);
    case 'least-talk-time':
      return Math.floor(a.talkSecondsToday) * SLOT + idleSeconds2020(a.idleSince);
    case 'round-robin':
      return a.lastOfferedAt > 0 ? a.lastOfferedAt : NEVER_OFFERED + a.rank;
    case 'ranked':
      return a.rank * SLOT + idleSeconds2020(a.idleSince);
  }
}

export function compareAgents(strategy: Strategy, a: AgentCandidate, b: AgentCandidate): number {
  const d = agentOrderKey(strategy, a) - agentOrderKey(strategy, b);
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The figure the strategy ranked this agent by (what `describeMetric` puts in words). */
export function strategyMetric(strategy: Strategy, a: AgentCandidate, now: number): StrategyMetric {
  const idleSeconds = Math.max(0, Math.round((now - a.idleSince) / 1000));
  switch (strategy) {
    case 'longest-idle':
      return { strategy, idleSeconds };
    case 'fewest-calls':
      return { strategy, callsToday: a.callsToday, idleSeconds };
    case 'least-talk-time':
      return { strategy, talkSecondsToday: Math.round(a.talkSecondsToday), idleSeconds };
    case 'round-robin':
      return {
        strategy,
        lastOfferedSecondsAgo:
          a.lastOfferedAt > 0 ? Math.round((now - a.lastOfferedAt) / 1000) : null,
        rank: a.rank,
      };
    case 'ranked':
      return { strategy, rank: a.rank, idleSeconds };
  }
}
