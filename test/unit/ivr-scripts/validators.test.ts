import { describe, expect, it } from 'vitest';
import {
  dammInterim,
  luhnAdd,
  luhnDone,
  luhnStart,
  luhnValid,
  validateEntry,
} from '../../../ivr-scripts/validators.js';

function incremental(digits: string): boolean {
  let p = luhnStart();
  for (const d of digits) p = luhnAdd(p, Number(d));
  return luhnDone(p);
}

describe('validators', () => {
  it('knows well-known test card numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('5555555555554444')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('checking Luhn digit by digit agrees with checking the whole number, for any length', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const length = 2 + (next() % 18);
      const digits = Array.from({ length }, () => String(next() % 10)).join('');
      expect(incremental(digits)).toBe(luhnValid(digits));
    }
  });

  it('computes Damm check digits like the published example (572 → 4)', () => {
    expect(dammInterim('572')).toBe(4);
    expect(dammInterim('5724')).toBe(0);
  });

  it('named validators: ticket, phone and account numbers', () => {
    expect(validateEntry({ kind: 'ticket' }, '20260041')).toBe(true);
    expect(validateEntry({ kind: 'ticket' }, '20260014')).toBe(false);
    expect(validateEntry({ kind: 'ticket' }, '20260042')).toBe(false);
    expect(validateEntry({ kind: 'ticket' }, '2026004')).toBe(false);
    expect(validateEntry({ kind: 'phone' }, '13912345678')).toBe(true);
    expect(validateEntry({ kind: 'phone' }, '1234567890123456')).toBe(false);
    expect(validateEntry({ kind: 'account' }, '123')).toBe(false);
    expect(validateEntry({ kind: 'pattern', source: '1|22' }, '122')).toBe(false);
  });
});
