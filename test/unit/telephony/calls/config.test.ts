import { describe, expect, it } from 'vitest';
import { parseCallConfig } from '../../../../telephony/calls/config.js';

describe('call layer options', () => {
  it('has defaults for a small contact centre', () => {
    const c = parseCallConfig();
    expect(c).toMatchObject({
      scriptId: 'main',
      fallbackQueueId: 'support',
      onFailure: 'queue',
      lookupBudgetMs: 200,
      announceEveryMs: 30_000,
      callbackDigit: '*',
      whisperVip: 'sound:cc/whisper-vip',
      agentHangup: 'goodbye',
      record: true,
    });
    expect(c.sounds.apology).toBe('sound:cc/sorry-error');
  });

  it('keeps given values and fills the rest', () => {
    const c = parseCallConfig({ callbackDigit: '1', sounds: { goodbye: 'sound:cc/bye' } });
    expect(c.callbackDigit).toBe('1');
    expect(c.sounds.goodbye).toBe('sound:cc/bye');
    expect(c.sounds.apology).toBe('sound:cc/sorry-error');
  });

  it('names the option that is wrong', () => {
    expect(() => parseCallConfig({ callbackDigit: '12' })).toThrow(/callbackDigit: one DTMF digit/);
    expect(() => parseCallConfig({ whisperVip: 'cc/whisper' })).toThrow(/whisperVip/);
    expect(() => parseCallConfig({ lookupBudgetMs: 0 })).toThrow(/lookupBudgetMs/);
  });
});
