import { describe, expect, it } from 'vitest';
import {
  campaignDials,
  campaignEditable,
  canMoveCampaign,
  moveCampaign,
  OutboundError,
  parseCampaign,
  type CampaignState,
} from '../../../outbound/index.js';

const minimal = {
  name: '续费提醒 June',
  queueId: 'renewals',
  mode: 'predictive',
  callerId: '021-6212-3456',
};

function issuesOf(input: unknown): string[] {
  try {
    parseCampaign(input);
  } catch (err) {
    expect(err).toBeInstanceOf(OutboundError);
    expect((err as OutboundError).code).toBe('invalid_campaign');
    expect((err as OutboundError).status).toBe(400);
    return ((err as OutboundError).details as { issues: { path: string }[] }).issues.map(
      (i) => i.path,
    );
  }
  throw new Error('expected the campaign to be refused');
}

describe('campaign definition', () => {
  it('fills the defaults: 09:00-21:00, 3 attempts, 3% over 30 days, AMD on, 2 s to connect', () => {
    const c = parseCampaign(minimal);
    expect(c.callingHours).toEqual({ start: '09:00', end: '21:00' });
    expect(c.maxAttempts).toBe(3);
    expect(c.abandonCap).toEqual({ maxRate: 0.03, windowDays: 30 });
    expect(c.amd).toBe(true);
    expect(c.maxConnectDelayMs).toBe(2000);
    expect(c.retryDelayMinutes).toEqual({ no_answer: 120, busy: 15, machine: 240, abandoned: 60 });
    expect(c.callerId).toBe('+862162123456');
    expect(c.name).toBe('续费提醒 June');
  });

  it('takes the cap of the jurisdiction (GB: 24 hours) and lets a deployment override it', () => {
    expect(parseCampaign({ ...minimal, jurisdiction: 'GB' }).abandonCap).toEqual({
      maxRate: 0.03,
      windowDays: 1,
    });
    expect(parseCampaign({ ...minimal, abandonCap: { maxRate: 0.02 } }).abandonCap).toEqual({
      maxRate: 0.02,
      windowDays: 30,
    });
  });

  it('names every missing or wrong field', () => {
    expect(issuesOf({ mode: 'robocall', callerId: '+862162123456' })).toEqual(
      expect.arrayContaining(['name', 'queueId', 'mode']),
    );
  });

  it('refuses calling hours that end before they start and malformed times', () => {
    expect(issuesOf({ ...minimal, callingHours: { start: '21:00', end: '09:00' } })).toContain(
      'callingHours.end',
    );
    expect(issuesOf({ ...minimal, callingHours: { start: '9am', end: '21:00' } })).toContain(
      'callingHours.start',
    );
  });

  it('refuses a caller id that is not a phone number, an unknown zone and a silly cap', () => {
    expect(issuesOf({ ...minimal, callerId: 'ACME' })).toEqual(['callerId']);
    expect(issuesOf({ ...minimal, defaultTimezone: 'China' })).toEqual(['defaultTimezone']);
    expect(issuesOf({ ...minimal, abandonCap: { maxRate: 0 } })).toEqual(['abandonCap.maxRate']);
    expect(issuesOf({ ...minimal, maxAttempts: 0 })).toEqual(['maxAttempts']);
  });

  it('refuses something that is not an object at all', () => {
    expect(issuesOf('predictive')).toEqual(['(root)']);
  });
});

describe('campaign state machine', () => {
  const legal: [CampaignState, CampaignState][] = [
    ['draft', 'running'],
    ['running', 'paused'],
    ['paused', 'running'],
    ['running', 'stopped'],
    ['paused', 'stopped'],
  ];
  const illegal: [CampaignState, CampaignState][] = [
    ['draft', 'paused'],
    ['draft', 'stopped'],
    ['stopped', 'running'],
    ['stopped', 'paused'],
    ['paused', 'draft'],
    ['running', 'draft'],
  ];

  it.each(legal)('allows %s → %s', (from, to) => {
    expect(canMoveCampaign(from, to)).toBe(true);
    expect(moveCampaign(from, to)).toBe(to);
  });

  it.each(illegal)('refuses %s → %s with illegal_transition (409)', (from, to) => {
    expect(canMoveCampaign(from, to)).toBe(false);
    try {
      moveCampaign(from, to);
      expect.unreachable();
    } catch (err) {
      expect((err as OutboundError).code).toBe('illegal_transition');
      expect((err as OutboundError).status).toBe(409);
    }
  });

  it('dials only while running and may be edited only as a draft or paused', () => {
    expect((['draft', 'running', 'paused', 'stopped'] as const).filter(campaignDials)).toEqual([
      'running',
    ]);
    expect((['draft', 'running', 'paused', 'stopped'] as const).filter(campaignEditable)).toEqual([
      'draft',
      'paused',
    ]);
  });
});
