import { describe, expect, it } from 'vitest';
import {
  agentsForServiceLevel,
  averageHandleSeconds,
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  estimateWaitSeconds,
  occupancy,
  serviceLevel,
  trafficErlangs,
} from '../../../routing/index.js';

describe('Erlang C', () => {
  it('matches published values for 10 Erlangs', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(12, 10)).toBeCloseTo(0.4494, 4);
    expect(erlangC(13, 10)).toBeCloseTo(0.2853, 4);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
  });

  it('matches the closed form for two agents: P(wait) = 2ρ²/(1+ρ)', () => {
    for (const a of [0.2, 1, 1.6]) {
      const rho = a / 2;
      expect(erlangC(2, a)).toBeCloseTo((2 * rho * rho) / (1 + rho), 12);
    }
  });

  it('matches Erlang B for a known value and the direct sum for large groups', () => {
    expect(erlangB(5, 3)).toBeCloseTo(0.1101, 4);
    const direct = (n: number, a: number) => {
      let sum = 0;
      let term = 1;
      for (let k = 0; k < n; k++) {
        if (k > 0) term *= a / k;
        sum += term;
      }
      const top = ((term * a) / n) * (n / (n - a));
      return top / (sum + top);
    };
    expect(erlangC(100, 90)).toBeCloseTo(direct(100, 90), 10);
  });

  it('says every caller waits when the load reaches the agents, and nobody waits with no load', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(10, 12)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
    expect(averageSpeedOfAnswer(10, 12, 180)).toBe(Infinity);
  });

  it('predicts service level and ASA (10 E, 12 agents, 180 s AHT, 20 s target)', () => {
    expect(serviceLevel(12, 10, 180, 20)).toBeCloseTo(1 - 0.449388 * Math.exp((-2 * 20) / 180), 6);
    expect(averageSpeedOfAnswer(12, 10, 180)).toBeCloseTo((0.449388 * 180) / 2, 3);
  });

  it('finds the fewest agents for a service-level goal', () => {
    const n = agentsForServiceLevel(10, 180, 20, 0.8);
    expect(serviceLevel(n, 10, 180, 20)).toBeGreaterThanOrEqual(0.8);
    expect(serviceLevel(n - 1, 10, 180, 20)).toBeLessThan(0.8);
    expect(n).toBe(14);
  });

  it('converts calls per hour to Erlangs and gives occupancy', () => {
    expect(trafficErlangs(200, 180)).toBe(10);
    expect(occupancy(12, 10)).toBeCloseTo(0.8333, 4);
  });

  it('refuses meaningless loads', () => {
    expect(() => erlangC(2.5, 1)).toThrow(RangeError);
    expect(() => erlangC(2, -1)).toThrow(RangeError);
  });
});

describe('estimated wait time', () => {
  it('grows with the position and shrinks with the agents serving the queue', () => {
    expect(
      estimateWaitSeconds({ position: 1, handleSeconds: 240, servingAgents: 8, freeAgents: 0 }),
    ).toBe(30);
    expect(
      estimateWaitSeconds({ position: 4, handleSeconds: 240, servingAgents: 8, freeAgents: 0 }),
    ).toBe(120);
    expect(
      estimateWaitSeconds({ position: 4, handleSeconds: 240, servingAgents: 16, freeAgents: 0 }),
    ).toBe(60);
  });

  it('is zero for callers that free agents will take at once', () => {
    expect(
      estimateWaitSeconds({ position: 2, handleSeconds: 240, servingAgents: 8, freeAgents: 2 }),
    ).toBe(0);
    expect(
      estimateWaitSeconds({ position: 3, handleSeconds: 240, servingAgents: 8, freeAgents: 2 }),
    ).toBe(30);
  });

  it('has no estimate when nobody serves the queue', () => {
    expect(
      estimateWaitSeconds({ position: 1, handleSeconds: 240, servingAgents: 0, freeAgents: 0 }),
    ).toBeNull();
  });

  it('uses today’s handle times once there are enough calls, the queue default before', () => {
    expect(averageHandleSeconds(3, 600_000, 30_000, 180)).toBe(180);
    expect(averageHandleSeconds(10, 2_000_000, 400_000, 180)).toBe(240);
  });
});
