import { describe, expect, it } from 'vitest';
import {
  applyContactOutcome,
  DEFAULT_CALLING_HOURS,
  isCallable,
  OutboundError,
  parseCampaign,
  startContactDial,
  type CampaignContact,
  type ContactOutcome,
} from '../../../outbound/index.js';

const MIN = 60_000;
const campaign = parseCampaign({
  name: 'renewals',
  queueId: 'q1',
  mode: 'progressive',
  callerId: '+862162123456',
});
// 13:00 UTC: 09:00 in New York, 21:00 (closed) in Shanghai.
const now = new Date('2024-06-03T13:00:00Z');

function contact(overrides: Partial<CampaignContact> = {}): CampaignContact {
  return {
    phone: '+8613800138000',
    timezone: 'America/New_York',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: null,
    lastOutcome: null,
    ...overrides,
  };
}

const ctx = { dnc: new Set<string>(), now, hours: DEFAULT_CALLING_HOURS, maxAttempts: 3 };

describe('isCallable', () => {
  it('allows a pending contact inside its own calling hours', () => {
    expect(isCallable(contact(), ctx)).toEqual({ callable: true });
  });

  it('at the same instant refuses a Shanghai contact, giving 09:00 Shanghai as the retry time', () => {
    expect(isCallable(contact({ timezone: 'Asia/Shanghai' }), ctx)).toEqual({
      callable: false,
      reason: 'outside_calling_hours',
      retryAt: new Date('2024-06-04T01:00:00Z'),
    });
  });

  it('never dials a number on the do-not-call list, even one added after import', () => {
    const dnc = new Set(['+8613800138000']);
    expect(isCallable(contact(), { ...ctx, dnc })).toMatchObject({
      callable: false,
      reason: 'dnc',
      retryAt: null,
    });
    expect(isCallable(contact({ status: 'dnc' }), ctx)).toMatchObject({ reason: 'dnc' });
  });

  it('refuses a contact that has used all its attempts', () => {
    expect(isCallable(contact({ status: 'retry', attempts: 3 }), ctx)).toMatchObject({
      callable: false,
      reason: 'max_attempts',
    });
  });

  it('refuses a retry that is not due yet, saying when it is', () => {
    const due = new Date(now.getTime() + 30 * MIN);
    expect(isCallable(contact({ status: 'retry', attempts: 1, nextAttemptAt: due }), ctx)).toEqual({
      callable: false,
      reason: 'retry_not_due',
      retryAt: due,
    });
  });

  it('allows a retry that is due', () => {
    const due = new Date(now.getTime() - MIN);
    expect(
      isCallable(contact({ status: 'retry', attempts: 1, nextAttemptAt: due }), ctx).callable,
    ).toBe(true);
  });

  it('refuses a finished contact and one being dialed', () => {
    expect(isCallable(contact({ status: 'done' }), ctx)).toMatchObject({ reason: 'closed' });
    expect(isCallable(contact({ status: 'dialing' }), ctx)).toMatchObject({
      reason: 'in_progress',
    });
  });
});

describe('contact outcomes', () => {
  const dialed = (attempts = 0) => startContactDial(contact({ attempts }));

  it('counts the attempt when the dial starts', () => {
    expect(dialed()).toMatchObject({ status: 'dialing', attempts: 1 });
    expect(() => startContactDial(contact({ status: 'done' }))).toThrow(OutboundError);
  });

  it.each<[ContactOutcome, number]>([
    ['no_answer', 120],
    ['busy', 15],
    ['machine', 240],
    ['abandoned', 60],
  ])('after %s the contact is retried %i minutes later', (outcome, minutes) => {
    const { contact: c, addToDnc } = applyContactOutcome(dialed(), outcome, now, campaign);
    expect(c.status).toBe('retry');
    expect(c.nextAttemptAt).toEqual(new Date(now.getTime() + minutes * MIN));
    expect(c.lastOutcome).toBe(outcome);
    expect(addToDnc).toBe(false);
  });

  it('after the last attempt fails the contact is exhausted', () => {
    const { contact: c } = applyContactOutcome(dialed(2), 'no_answer', now, campaign);
    expect(c).toMatchObject({ status: 'exhausted', attempts: 3, nextAttemptAt: null });
  });

  it('an answered call closes the contact', () => {
    expect(applyContactOutcome(dialed(), 'answered', now, campaign).contact.status).toBe('done');
  });

  it('a wrong number closes the contact as invalid', () => {
    expect(applyContactOutcome(dialed(), 'wrong_number', now, campaign).contact.status).toBe(
      'invalid',
    );
  });

  it('"do not call me" closes the contact and puts the number on the DNC list', () => {
    const effect = applyContactOutcome(dialed(), 'dnc_request', now, campaign);
    expect(effect.contact.status).toBe('dnc');
    expect(effect.addToDnc).toBe(true);
    expect(isCallable(effect.contact, ctx)).toMatchObject({ reason: 'dnc' });
  });

  it('refuses an outcome for a contact that is not being dialed, and an unknown outcome', () => {
    expect(() => applyContactOutcome(contact(), 'answered', now, campaign)).toThrow(
      /only to a dial in progress/,
    );
    expect(() => applyContactOutcome(dialed(), 'hung_up' as ContactOutcome, now, campaign)).toThrow(
      /unknown contact outcome/,
    );
  });
});
