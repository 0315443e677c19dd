import { describe, expect, it } from 'vitest';
import { jobId } from '../../../server/jobs/index.js';

describe('jobId', () => {
  it('joins parts with dashes, the same parts giving the same id', () => {
    expect(jobId('callback', 42, 'attempt', 1)).toBe('callback-42-attempt-1');
    expect(jobId('callback', 42)).toBe(jobId('callback', '42'));
  });

  it("refuses ':' (BullMQ's own separator) and empty parts", () => {
    expect(() => jobId('sla', 'a:b')).toThrow(/contains ':'/);
    expect(() => jobId('sla', '')).toThrow(/empty/);
    expect(() => jobId()).toThrow(/at least one/);
  });
});
