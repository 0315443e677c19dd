import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../crm-core/index.js';

describe('normalisePhone', () => {
  it('reads the common ways of writing a Chinese mobile number', () => {
    for (const typed of [
      '13800138000',
      '138 0013 8000',
      '+86 138-0013-8000',
      '008613800138000',
      '86 13800138000',
    ]) {
      expect(normalisePhone(typed, 'CN')).toBe('+8613800138000');
    }
  });

  it('reads a landline with its area code and a foreign number with its prefix', () => {
    expect(normalisePhone('(010) 6552 9988', 'CN')).toBe('+861065529988');
    expect(normalisePhone('+1 415 555 2671', 'CN')).toBe('+14155552671');
  });

  it('uses the given region for numbers without a country prefix', () => {
    expect(normalisePhone('(415) 555-2671', 'US')).toBe('+14155552671');
  });

  it('answers null for text, too few digits and an empty string', () => {
    expect(normalisePhone('anonymous', 'CN')).toBeNull();
    expect(normalisePhone('123', 'CN')).toBeNull();
    expect(normalisePhone('  ', 'CN')).toBeNull();
    expect(normalisePhone('1-800-FLOWERS', 'US')).toBeNull();
  });
});
