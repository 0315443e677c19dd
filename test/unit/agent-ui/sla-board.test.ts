import { describe, expect, it } from 'vitest';
import type { ConsoleNotification, OverdueComplaint } from '../../../agent-ui/src/lib/contracts.js';
import { SlaBoard } from '../../../agent-ui/src/lib/sla-board.svelte.js';
import { fakeApi } from './support/fake-api.js';

function overdue(id: number, level: number, dueAt: string, breached = true): OverdueComplaint {
  return {
    id,
    ticketNumber: String(10_000_000 + id),
    category: 'billing',
    severity: 'high',
    status: 'open',
    subject: `重复扣费 ${id}`,
    dueAt,
    escalationLevel: level,
    slaBreachedAt: breached ? dueAt : null,
  };
}

function alert(
  id: string,
  kind: ConsoleNotification['kind'] = 'complaint_sla_breached',
): ConsoleNotification {
  return { id, kind, severity: 'critical', at: '2026-12-07T01:00:00.000Z', params: {} };
}

describe('SlaBoard', () => {
  it('asks for open complaints past due and shows the most escalated first', async () => {
    const { api, requests } = fakeApi({
      'GET /api/v1/complaints': () => ({
        status: 200,
        body: {
          items: [
            overdue(1, 0, '2026-12-06T08:00:00.000Z', false),
            overdue(2, 2, '2026-12-06T09:00:00.000Z'),
            overdue(3, 2, '2026-12-06T07:00:00.000Z'),
          ],
          nextCursor: null,
        },
      }),
    });
    const board = new SlaBoard(api);
    await board.load();
    expect(board.items.map((c) => c.id)).toEqual([3, 2, 1]);
    expect(board.count).toBe(3);
    const url = new URL(requests[0]!.url, 'http://console.test');
    expect(url.searchParams.get('overdue')).toBe('true');
    expect(url.searchParams.get('status')).toBe('open,in_progress');
  });

  it('reads the list again once per new SLA alert, not for other notifications', async () => {
    let calls = 0;
    const { api } = fakeApi({
      'GET /api/v1/complaints': () => {
        calls++;
        return { status: 200, body: { items: [], nextCursor: null } };
      },
    });
    const board = new SlaBoard(api);
    board.notice([alert('a'), alert('x', 'forced_state')]);
    board.notice([alert('a')]);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(1);
    board.notice([alert('b', 'complaint_sla_warning'), alert('a')]);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toBe(2);
  });
});
