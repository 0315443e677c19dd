import { describe, expect, it } from 'vitest';
import { nameKey, nameSimilarity, nameSkeleton } from '../../../crm-core/names.js';

describe('name keys for duplicate detection', () => {
  it('ignores case, width, punctuation and word order in Latin names', () => {
    expect(nameKey('Smith, JOHN')).toBe('john smith');
    expect(nameKey('ｊｏｈｎ　smith')).toBe('john smith');
    expect(nameKey('John  Smith.')).toBe(nameKey('smith john'));
  });

  it('keeps Chinese names as written, without spaces', () => {
    expect(nameKey('李 伟')).toBe('李伟');
    expect(nameSkeleton('李伟')).toBe('李伟');
    expect(nameKey('李伟')).not.toBe(nameKey('伟李'));
  });

  it('gives the same skeleton to common spelling slips', () => {
    expect(nameSkeleton('Jon Smyth')).toBe(nameSkeleton('John Smith'));
    expect(nameSkeleton('Mohammed Ali')).toBe(nameSkeleton('Muhammad Aly'));
    expect(nameSkeleton('Anna Lee')).not.toBe(nameSkeleton('John Smith'));
  });

  it('scores 1 for the same name, high for a slip and low for another name', () => {
    expect(nameSimilarity('Li Wei', 'wei li')).toBe(1);
    expect(nameSimilarity('Jon Smith', 'John Smith')).toBeGreaterThan(0.7);
    expect(nameSimilarity('John Smith', 'Mary Jones')).toBeLessThan(0.3);
    expect(nameSimilarity('王伟', '王伟')).toBe(1);
  });
});
