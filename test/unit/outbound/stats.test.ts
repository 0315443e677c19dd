import { describe, expect, it } from 'vitest';
import {
  abandonTotals,
  computeCampaignStats,
  emptyAbandonWindow,
  emptyOutcomeCounts,
  recordLiveAnswer,
  type AbandonWindow,
} from '../../../outbound/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2024-06-30T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('abandon rate over the regulatory window', () => {
  function windowWith(entries: [Date, boolean][]): AbandonWindow {
    return entries.reduce(
      (w, [at, abandoned]) => recordLiveAnswer(w, at, abandoned, 30),
      emptyAbandonWindow(),
    );
  }

  it('is abandoned / live answers over the last 30 days', () => {
    const w = windowWith([
      [ago(2 * DAY), false],
      [ago(2 * DAY), true],
      [ago(HOUR), false],
      [now, false],
    ]);
    expect(abandonTotals(w, now, 30)).toEqual({ liveAnswers: 4, abandoned: 1, rate: 0.25 });
  });

  it('leaves out calls older than the window, so a 24-hour window sees only the last day', () => {
    const w = windowWith([
      [ago(31 * DAY), true],
      [ago(2 * DAY), true],
      [ago(HOUR), false],
    ]);
    expect(abandonTotals(w, now, 30)).toMatchObject({ liveAnswers: 2, abandoned: 1 });
    expect(abandonTotals(w, now, 1)).toMatchObject({ liveAnswers: 1, abandoned: 0, rate: 0 });
  });

  it('drops buckets older than the kept days as it records', () => {
    const w = windowWith([
      [ago(40 * DAY), true],
      [now, false],
    ]);
    expect(Object.keys(w.buckets)).toHaveLength(1);
  });

  it('is 0 before the first live answer', () => {
    expect(abandonTotals(emptyAbandonWindow(), now, 30).rate).toBe(0);
  });
});

describe('live campaign statistics', () => {
  it('computes dialed, answered, abandoned %, occupancy, contacts remaining and dial ratio', () => {
    const outcomes = {
      ...emptyOutcomeCounts(),
      answered: 90,
      abandoned: 2,
      machine: 30,
      no_answer: 60,
      busy: 10,
      wrong_number: 5,
      dnc_request: 3,
    };
    const stats = computeCampaignStats({
      outcomes,
      agents: [
        { talkMs: 3 * HOUR, availableMs: 4 * HOUR },
        { talkMs: 1 * HOUR, availableMs: 4 * HOUR },
      ],
      contactsTotal: 1000,
      contactsClosed: 240,
      ringingLines: 6,
      agentsOnDuty: 4,
      window: { liveAnswers: 2000, abandoned: 30 },
    });
    expect(stats).toEqual({
      dialed: 206,
      answered: 100,
      machines: 30,
      abandoned: 2,
      abandonedPercent: 2,
      windowAbandonedPercent: 1.5,
      occupancyPercent: 50,
      contactsRemaining: 760,
      dialRatio: 1.5,
    });
  });

  it('reports zeros, not NaN, for a campaign that has not dialed yet', () => {
    const stats = computeCampaignStats({
      outcomes: emptyOutcomeCounts(),
      agents: [],
      contactsTotal: 10,
      contactsClosed: 0,
      ringingLines: 0,
      agentsOnDuty: 0,
      window: { liveAnswers: 0, abandoned: 0 },
    });
    expect(stats).toMatchObject({
      dialed: 0,
      abandonedPercent: 0,
      occupancyPercent: 0,
      dialRatio: 0,
    });
  });
});
