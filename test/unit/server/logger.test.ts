import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskCardNumbers } from '../../../server/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('logger redaction', () => {
  it('masks a Luhn-valid card number in a message, keeping the last four digits', () => {
    expect(maskCardNumbers('paid with 4111 1111 1111 1111 today')).toBe('paid with ****1111 today');
  });

  it('leaves phone numbers and other digit runs alone', () => {
    expect(maskCardNumbers('caller +8613800138000')).toBe('caller +8613800138000');
  });

  it('never writes passwords, tokens or card numbers in structured fields', () => {
    const { lines, logger } = capture();
    logger.info(
      { user: { password: 'hunter2', token: 'abc' }, note: 'card 4111-1111-1111-1111' },
      'login 5500 0000 0000 0004',
    );
    const out = lines.join('');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('abc"');
    expect(out).not.toContain('4111-1111-1111-1111');
    expect(out).not.toContain('5500 0000 0000 0004');
    expect(out).toContain('****1111');
  });
});
