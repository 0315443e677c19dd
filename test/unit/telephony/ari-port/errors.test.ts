import { describe, expect, it } from 'vitest';
import { AriError, classifyAriFailure } from '../../../../telephony/ari/errors.js';

describe('classifying what ari-client rejects with', () => {
  it("reads Asterisk's error bodies as the trace shows them", () => {
    expect(
      classifyAriFailure(new Error('{"message":"Channel not found"}'), 'channels.hangup'),
    ).toMatchObject({
      code: 'not-found',
      status: 404,
      message: 'channels.hangup: Channel not found',
    });
    expect(
      classifyAriFailure(new Error('{"error":"Allocation failed"}'), 'channels.originate'),
    ).toMatchObject({
      code: 'allocation-failed',
      status: 500,
    });
    expect(
      classifyAriFailure(new Error('{"message":"Channel not in Stasis application"}'), 'x').code,
    ).toBe('not-in-stasis');
    expect(classifyAriFailure(new Error('{"message":"Recording not in session"}'), 'x').code).toBe(
      'not-found',
    );
    expect(
      classifyAriFailure(
        new Error('{"message":"A recording with the same name already exists on the system"}'),
        'x',
      ).code,
    ).toBe('conflict');
    expect(
      classifyAriFailure(new Error('{"message":"Invalid reason for hangup provided"}'), 'x').code,
    ).toBe('invalid');
  });

  it('tells a network failure from an ARI answer, and keeps an AriError as it is', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8088'), {
      code: 'ECONNREFUSED',
    });
    expect(classifyAriFailure(refused, 'asterisk.ping').code).toBe('unavailable');
    const own = new AriError('not-connected', 'x');
    expect(classifyAriFailure(own, 'y')).toBe(own);
    expect(classifyAriFailure(new Error('something odd'), 'z')).toMatchObject({
      code: 'failed',
      message: 'z: something odd',
    });
  });
});
