/**
 * `npm run sim:acd`: a discrete-event simulation through the ACD's real decision core (no Redis).
 * Part 1 compares the five strategies on a skills-based, multi-tier day; part 2 checks the
 * simulation against Erlang C on the M/M/N queue. The last line is one JSON object.
 */
import {
  averageSpeedOfAnswer,
  contactCentreScenario,
  erlangC,
  erlangScenario,
  runSimulation,
  serviceLevel,
  STRATEGIES,
} from '../routing/index.js';

const arg = (name: string, fallback: number) => {
  const v = process.argv.find((a) => a.startsWith(`--${name}=`));
  return v ? Number(v.split('=')[1]) : fallback;
};
const SEED = arg('seed', 20_260_105);
const DAY_CALLS = arg('calls', 40_000);
const ERLANG_CALLS = arg('erlang-calls', 400_000);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const sec = (x: number) => `${x.toFixed(1)} s`;

console.log(
  `ACD simulation, seed ${SEED}: ${DAY_CALLS} calls per strategy, 3 queues, 42 agents, 92% load`,
);
const strategies: Record<string, unknown> = {};
for (const strategy of STRATEGIES) {
  const r = runSimulation(contactCentreScenario({ strategy, calls: DAY_CALLS, seed: SEED }));
  strategies[strategy] = {
    serviceLevel: r.serviceLevel,
    asaSeconds: r.asaSeconds,
    vipMeanWaitSeconds: r.meanWaitSeconds.vip,
    goldMeanWaitSeconds: r.meanWaitSeconds.gold,
    standardMeanWaitSeconds: r.meanWaitSeconds.standard,
    abandonRate: r.abandonRate,
    occupancy: r.occupancy,
    decisions: r.decisions,
  };
  console.log(
    `${strategy.padEnd(16)} SL ${pct(r.serviceLevel)}  ASA ${sec(r.asaSeconds)}  wait VIP ${sec(r.meanWaitSeconds.vip ?? 0)}` +
      ` gold ${sec(r.meanWaitSeconds.gold ?? 0)} standard ${sec(r.meanWaitSeconds.standard ?? 0)}` +
      `  abandoned ${pct(r.abandonRate)}  occupancy ${pct(r.occupancy.min)}–${pct(r.occupancy.max)}` +
      ` (σ ${pct(r.occupancy.stddev)})`,
  );
}

// The price of a dedicated VIP group: the same day without it (VIPs keep their priority).
const open = runSimulation(
  contactCentreScenario({
    strategy: 'longest-idle',
    calls: DAY_CALLS,
    seed: SEED,
    vipGroup: false,
  }),
);
const withoutVipGroup = {
  serviceLevel: open.serviceLevel,
  vipMeanWaitSeconds: open.meanWaitSeconds.vip,
  standardMeanWaitSeconds: open.meanWaitSeconds.standard,
};
console.log(
  `longest-idle without a VIP group: SL ${pct(open.serviceLevel)}  wait VIP ${sec(open.meanWaitSeconds.vip ?? 0)}` +
    ` standard ${sec(open.meanWaitSeconds.standard ?? 0)}`,
);

const M = { agents: 20, trafficErlangs: 17, handleSeconds: 180 };
const sim = runSimulation(erlangScenario({ ...M, calls: ERLANG_CALLS, seed: SEED }));
const predicted = {
  probabilityOfWaiting: erlangC(M.agents, M.trafficErlangs),
  asaSeconds: averageSpeedOfAnswer(M.agents, M.trafficErlangs, M.handleSeconds),
  serviceLevel: serviceLevel(M.agents, M.trafficErlangs, M.handleSeconds, 20),
};
const simulated = {
  probabilityOfWaiting: sim.probabilityOfWaiting,
  asaSeconds: sim.asaSeconds,
  serviceLevel: sim.serviceLevel,
};
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const deviation = {
  probabilityOfWaiting: relative(simulated.probabilityOfWaiting, predicted.probabilityOfWaiting),
  asaSeconds: relative(simulated.asaSeconds, predicted.asaSeconds),
  serviceLevel: relative(simulated.serviceLevel, predicted.serviceLevel),
};
const agree = Object.values(deviation).every((d) => d < 0.05);
console.log(
  `\nM/M/${M.agents}, ${M.trafficErlangs} Erlangs, AHT ${M.handleSeconds} s, ${ERLANG_CALLS} calls, exponential, no abandon:`,
);
for (const k of ['probabilityOfWaiting', 'asaSeconds', 'serviceLevel'] as const) {
  console.log(
    `  ${k.padEnd(22)} simulated ${simulated[k].toFixed(4)}  Erlang C ${predicted[k].toFixed(4)}  (${pct(deviation[k])} apart)`,
  );
}
console.log(`  agreement within 5%: ${agree ? 'yes' : 'NO'}`);
console.log(
  JSON.stringify({
    seed: SEED,
    strategyScenario: { calls: DAY_CALLS, queues: 3, agents: 42, load: 0.92 },
    strategies,
    withoutVipGroup,
    erlang: { scenario: { ...M, calls: ERLANG_CALLS }, simulated, predicted, deviation, agree },
  }),
);
if (!agree) process.exitCode = 1;
