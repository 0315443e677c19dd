import { describe, expect, it } from 'vitest';
import { dammCheckDigit, isValidTicketNumber, newTicketNumber } from '../../../crm-core/ticket.js';

describe('ticket numbers', () => {
  it('computes the Damm check digit of the textbook example', () => {
    // 572 → check digit 4 (the example in Damm's paper and on Wikipedia).
    expect(dammCheckDigit('572')).toBe(4);
    expect(dammCheckDigit('5724')).toBe(0);
  });

  it('makes 8-digit numbers that pass their own check and never start with 0', () => {
    for (let i = 0; i < 200; i++) {
      const t = newTicketNumber();
      expect(t).toMatch(/^[1-9]\d{7}$/);
      expect(isValidTicketNumber(t)).toBe(true);
    }
  });

  it('catches every single wrong digit and every swap of neighbours', () => {
    const t = newTicketNumber(() => 4_815_162);
    for (let pos = 0; pos < 8; pos++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === t[pos]) continue;
        expect(isValidTicketNumber(t.slice(0, pos) + String(d) + t.slice(pos + 1))).toBe(false);
      }
    }
    for (let pos = 0; pos < 7; pos++) {
      if (t[pos] === t[pos + 1]) continue;
      const swapped = t.slice(0, pos) + t[pos + 1]! + t[pos]! + t.slice(pos + 2);
      expect(isValidTicketNumber(swapped)).toBe(false);
    }
  });

  it('refuses anything that is not 8 digits', () => {
    expect(isValidTicketNumber('1234567')).toBe(false);
    expect(isValidTicketNumber('12345678a')).toBe(false);
    expect(isValidTicketNumber('')).toBe(false);
  });
});
