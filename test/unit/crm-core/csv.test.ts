import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../crm-core/index.js';

describe('toCsv', () => {
  it('writes a header and one line per row, with CRLF line ends', () => {
    expect(toCsv([{ a: 1, b: 'x' }], ['a', 'b'])).toBe('a,b\r\n1,x\r\n');
  });

  it('quotes commas, quotes and new lines and leaves empty cells for null', () => {
    const csv = toCsv([{ a: 'say "hi", then go', b: null, c: 'two\nlines' }], ['a', 'b', 'c']);
    expect(csv).toBe('a,b,c\r\n"say ""hi"", then go",,"two\nlines"\r\n');
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(toCsv([{ q: '=HYPERLINK("x")' }], ['q'])).toBe('q\r\n"\'=HYPERLINK(""x"")"\r\n');
    expect(toCsv([{ q: '-5' }, { q: -5 }], ['q'])).toBe("q\r\n'-5\r\n-5\r\n");
  });

  it('writes dates in ISO 8601', () => {
    expect(toCsv([{ t: new Date('2025-01-02T03:04:05Z') }], ['t'])).toBe(
      't\r\n2025-01-02T03:04:05.000Z\r\n',
    );
  });
});
