import { describe, expect, it } from 'vitest';
import {
  createCallback,
  decideAbandonedOffer,
  parseAbandonedOfferConfig,
  parseCallbackPolicy,
  type AbandonedCall,
} from '../../../outbound/index.js';

const MIN = 60_000;
const hungUpAt = new Date('2024-06-03T03:00:00Z');
const config = parseAbandonedOfferConfig({ minWaitMs: 20_000, dedupeWindowMinutes: 30 });

function call(overrides: Partial<AbandonedCall> = {}): AbandonedCall {
  return {
    callId: '1717383600.42',
    callerNumber: '13800138000',
    queueId: 'support',
    waitedMs: 45_000,
    abandonedAt: hungUpAt,
    knownCustomer: true,
    customerTimezone: null,
    ...overrides,
  };
}

describe('automatic callback for a caller who hung up in the queue', () => {
  it('offers a callback valid for 4 hours from the hang-up, with an id derived from the call', () => {
    const d = decideAbandonedOffer(call(), [], config);
    expect(d.offer).toBe(true);
    if (!d.offer) return;
    expect(d.callback).toMatchObject({
      id: 'ab-1717383600_42',
      kind: 'abandoned',
      phone: '+8613800138000',
      timezone: 'Asia/Shanghai',
      queueId: 'support',
    });
    expect(d.callback.earliest).toEqual(hungUpAt);
    expect(d.callback.latest).toEqual(new Date(hungUpAt.getTime() + 4 * 60 * MIN));
    // The offer is a valid callback request as it stands.
    expect(createCallback(d.callback, hungUpAt, parseCallbackPolicy({})).job.jobId).toBe(
      'callback-ab-1717383600_42-attempt-1',
    );
  });

  it('gives the same callback id when the same hang-up is reported twice', () => {
    const a = decideAbandonedOffer(call(), [], config);
    const b = decideAbandonedOffer(call(), [], config);
    expect(a.offer && b.offer && a.callback.id === b.callback.id).toBe(true);
  });

  it('does not count a hang-up sooner than the minimum wait', () => {
    expect(decideAbandonedOffer(call({ waitedMs: 19_999 }), [], config)).toEqual({
      offer: false,
      reason: 'short_wait',
    });
  });

  it('does not offer to a withheld number or to one that cannot be dialed', () => {
    expect(decideAbandonedOffer(call({ callerNumber: null }), [], config)).toMatchObject({
      reason: 'no_caller_id',
    });
    expect(decideAbandonedOffer(call({ callerNumber: 'anonymous' }), [], config)).toMatchObject({
      reason: 'invalid_number',
    });
  });

  it('offers to unknown numbers unless only known numbers are configured', () => {
    expect(decideAbandonedOffer(call({ knownCustomer: false }), [], config).offer).toBe(true);
    const knownOnly = parseAbandonedOfferConfig({ onlyKnownNumbers: true });
    expect(decideAbandonedOffer(call({ knownCustomer: false }), [], knownOnly)).toMatchObject({
      reason: 'unknown_number',
    });
  });

  it('gives one callback to a caller who hangs up again within the de-duplication window', () => {
    const recent = [
      { phone: '+8613800138000', createdAt: new Date(hungUpAt.getTime() - 10 * MIN) },
    ];
    expect(decideAbandonedOffer(call(), recent, config)).toMatchObject({ reason: 'duplicate' });
  });

  it('offers again once the earlier callback is older than the window', () => {
    const recent = [
      { phone: '+8613800138000', createdAt: new Date(hungUpAt.getTime() - 31 * MIN) },
    ];
    expect(decideAbandonedOffer(call(), recent, config).offer).toBe(true);
  });

  it('matches duplicates on the normalised number, whatever way it was written', () => {
    const recent = [{ phone: '+8613800138000', createdAt: hungUpAt }];
    expect(
      decideAbandonedOffer(call({ callerNumber: '+86 138 0013 8000' }), recent, config),
    ).toMatchObject({
      reason: 'duplicate',
    });
  });

  it('uses the customer’s own zone when the CRM knows it', () => {
    const d = decideAbandonedOffer(call({ customerTimezone: 'Europe/London' }), [], config);
    expect(d.offer && d.callback.timezone).toBe('Europe/London');
  });

  it('offers nothing when switched off', () => {
    const off = parseAbandonedOfferConfig({ enabled: false });
    expect(decideAbandonedOffer(call(), [], off)).toEqual({ offer: false, reason: 'disabled' });
  });

  it('refuses a config with a bad default zone, naming the field', () => {
    expect(() => parseAbandonedOfferConfig({ defaultTimezone: 'Beijing' })).toThrow(
      /defaultTimezone/,
    );
  });
});
