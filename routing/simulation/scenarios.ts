import type { Strategy } from '../core/types.js';
import { parseAgentProfile, parseQueueConfig } from '../core/validate.js';
import type { SimulationScenario } from './engine.js';

/**
 * The textbook M/M/N queue: one queue, Poisson arrivals, exponential handle times, no wrap-up,
 * nobody hangs up. Erlang C is exact for it, so the simulation must reproduce its figures.
 */
export function erlangScenario(opts: {
  agents: number;
  trafficErlangs: number;
  handleSeconds: number;
  calls: number;
  seed: number;
}): SimulationScenario {
  const queue = parseQueueConfig({ id: 'single', wrapUpSeconds: 0, serviceLevelSeconds: 20 });
  return {
    seed: opts.seed,
    calls: opts.calls,
    warmupCalls: Math.round(opts.calls * 0.02),
    arrivalsPerSecond: opts.trafficErlangs / opts.handleSeconds,
    queues: [queue],
    agents: Array.from({ length: opts.agents }, (_, i) =>
      parseAgentProfile({ id: `e${i}`, queues: [{ queueId: 'single' }] }),
    ),
    callers: [{ name: 'all', weight: 1, patienceSeconds: null }],
    routes: [{ queueId: 'single', weight: 1 }],
    handle: { kind: 'exponential', meanSeconds: opts.handleSeconds },
  };
}

/**
 * A day in a small contact centre: three queues with skills (tech relaxes after 45 s), three
 * caller tiers (VIPs first to a VIP group of a third of the agents, the general pool after 15 s), log-normal handle times,
 * impatient callers, 15 s wrap-up, agents in one to three queues.
 */
export function contactCentreScenario(opts: {
  strategy: Strategy;
  calls: number;
  seed: number;
  agents?: number;
  load?: number;
  /** false: VIPs get priority only, no dedicated group. */
  vipGroup?: boolean;
}): SimulationScenario {
  const common = {
    strategy: opts.strategy,
    wrapUpSeconds: 15,
    serviceLevelSeconds: 20,
    priority: { tiers: { gold: 5, standard: 0 }, vipBonus: 10, agingSecondsPerLevel: 60 },
    vip: opts.vipGroup === false ? null : { agentGroup: 'vip', overflowAfterSeconds: 15 },
  };
  const queues = [
    parseQueueConfig({ ...common, id: 'billing', requirements: [{ skill: 'billing', min: 2 }] }),
    parseQueueConfig({
      ...common,
      id: 'tech',
      requirements: [{ skill: 'tech', min: 3 }],
      relaxation: [{ afterSeconds: 45, requirements: [{ skill: 'tech', min: 2 }] }],
    }),
    parseQueueConfig({ ...common, id: 'sales', requirements: [{ skill: 'sales', min: 1 }] }),
  ];
  const n = opts.agents ?? 42;
  const agents = Array.from({ length: n }, (_, i) => {
    // A deterministic mix: a third specialists, the rest in two or three queues.
    const level = (k: number) => 1 + ((i * 7 + k * 3) % 5);
    const skills: Record<string, number> = {};
    const memberOf: string[] = [];
    const pattern = i % 6;
    if (pattern !== 1) {
      skills.billing = Math.max(2, level(0));
      memberOf.push('billing');
    }
    if (pattern !== 2 && pattern !== 4) {
      skills.tech = Math.max(2, level(1));
      memberOf.push('tech');
    }
    if (pattern === 1 || pattern === 4 || pattern === 5) {
      skills.sales = level(2);
      memberOf.push('sales');
    }
    return parseAgentProfile({
      id: `ag${String(i).padStart(3, '0')}`,
      skills,
      groups: i % 3 === 0 ? ['vip'] : [],
      queues: memberOf.map((queueId, k) => ({ queueId, rank: 1 + ((i + k) % 4) })),
    });
  });
  const handleSeconds = 240;
  const capacity = n / (handleSeconds + 15);
  return {
    seed: opts.seed,
    calls: opts.calls,
    warmupCalls: Math.round(opts.calls * 0.05),
    arrivalsPerSecond: capacity * (opts.load ?? 0.92),
    queues,
    agents,
    callers: [
      { name: 'vip', weight: 0.08, tier: 'gold', vip: true, patienceSeconds: 240 },
      { name: 'gold', weight: 0.27, tier: 'gold', patienceSeconds: 180 },
      { name: 'standard', weight: 0.65, tier: 'standard', patienceSeconds: 150 },
    ],
    routes: [
      { queueId: 'billing', weight: 0.45 },
      { queueId: 'tech', weight: 0.35 },
      { queueId: 'sales', weight: 0.2 },
    ],
    handle: { kind: 'lognormal', meanSeconds: handleSeconds, cv: 0.8 },
  };
}
