import { describe, expect, it } from 'vitest';
import {
  averageSpeedOfAnswer,
  contactCentreScenario,
  createRandom,
  erlangC,
  erlangScenario,
  runSimulation,
  serviceLevel,
} from '../../../routing/index.js';

describe('discrete-event simulation through the decision core', () => {
  it('reproduces Erlang C on the M/M/N queue within a few percent', () => {
    const r = runSimulation(
      erlangScenario({ agents: 10, trafficErlangs: 8, handleSeconds: 120, calls: 60_000, seed: 7 }),
    );
    expect(r.answered).toBe(60_000);
    expect(r.abandoned).toBe(0);
    expect(Math.abs(r.probabilityOfWaiting - erlangC(10, 8)) / erlangC(10, 8)).toBeLessThan(0.05);
    const asa = averageSpeedOfAnswer(10, 8, 120);
    expect(Math.abs(r.asaSeconds - asa) / asa).toBeLessThan(0.06);
    expect(Math.abs(r.serviceLevel - serviceLevel(10, 8, 120, 20))).toBeLessThan(0.03);
    expect(r.occupancy.mean).toBeCloseTo(0.8, 1);
  }, 60_000);

  it('gives the same figures for the same seed', () => {
    const run = () =>
      runSimulation(contactCentreScenario({ strategy: 'longest-idle', calls: 3000, seed: 42 }));
    expect(run()).toEqual(run());
  }, 60_000);

  it('serves VIP callers faster than standard callers when they only have priority', () => {
    const r = runSimulation(
      contactCentreScenario({ strategy: 'longest-idle', calls: 10_000, seed: 3, vipGroup: false }),
    );
    expect(r.meanWaitSeconds.vip).toBeLessThan(r.meanWaitSeconds.standard!);
  }, 60_000);

  it('evens out agent occupancy with least-talk-time compared with a ranked list', () => {
    const spread = (strategy: 'least-talk-time' | 'ranked') =>
      runSimulation(contactCentreScenario({ strategy, calls: 10_000, seed: 5 })).occupancy.stddev;
    expect(spread('least-talk-time')).toBeLessThan(spread('ranked'));
  }, 60_000);

  it('draws exponential and log-normal samples with the requested means', () => {
    const r = createRandom(1);
    const n = 100_000;
    let e = 0;
    let l = 0;
    for (let i = 0; i < n; i++) {
      e += r.exponential(30);
      l += r.logNormal(240, 0.8);
    }
    expect(e / n).toBeCloseTo(30, 0);
    expect(Math.abs(l / n - 240) / 240).toBeLessThan(0.02);
  });
});
