import { describe, expect, it } from 'vitest';
import { JournalAudit, type JournalEntry } from '../../../routing/index.js';

const e = (
  id: number,
  event: 'reserve' | 'free',
  agentId: string,
  callId: string,
): JournalEntry => ({
  id: `1-${id}`,
  event,
  agentId,
  callId,
  at: id,
});

describe('reservation journal audit', () => {
  it('accepts agents holding one call at a time', () => {
    const audit = new JournalAudit();
    [
      e(1, 'reserve', 'a', 'c1'),
      e(2, 'free', 'a', 'c1'),
      e(3, 'reserve', 'a', 'c2'),
      e(4, 'reserve', 'b', 'c1'),
    ].forEach((x) => audit.add(x));
    expect(audit.verdict).toEqual({ reservations: 3, releases: 1, violations: [] });
  });

  it('reports an agent reserved for a second call and a call offered to a second agent', () => {
    const audit = new JournalAudit();
    [e(1, 'reserve', 'a', 'c1'), e(2, 'reserve', 'a', 'c2'), e(3, 'reserve', 'b', 'c2')].forEach(
      (x) => audit.add(x),
    );
    expect(audit.verdict.violations).toEqual([
      '1-2: agent a reserved for c2 while holding c1',
      '1-3: call c2 offered to b while held by a',
    ]);
  });

  it('reports a release of a call the agent did not hold', () => {
    const audit = new JournalAudit();
    audit.add(e(1, 'free', 'a', 'c9'));
    expect(audit.verdict.violations).toEqual(['1-1: agent a released c9 without holding it']);
  });
});
