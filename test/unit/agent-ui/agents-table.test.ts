import { describe, expect, it } from 'vitest';
import { AgentsTable } from '../../../agent-ui/src/lib/agents-table.svelte.js';
import { Clock } from '../../../agent-ui/src/lib/clock.svelte.js';
import { FakeTransport, ok, refuse } from './support/fake-transport.js';
import { T0, agentView, at } from './support/fixtures.js';

function setup() {
  const transport = new FakeTransport();
  const clock = new Clock(() => T0 + 90_000);
  const table = new AgentsTable(transport, clock);
  table.replace([
    agentView({ agentId: 'a1', displayName: 'Zhang', state: 'available', since: at(0) }),
    agentView({ agentId: 'a2', displayName: 'Li', state: 'on_call', since: at(30) }),
    agentView({ agentId: 'a3', displayName: 'Wang', state: 'paused', since: at(60) }),
  ]);
  return { transport, table, clock };
}

describe('AgentsTable', () => {
  it('lists agents on calls first, with their time in state', () => {
    const { table } = setup();
    expect(table.rows.map((r) => [r.agentId, r.secondsInState])).toEqual([
      ['a2', 60],
      ['a1', 90],
      ['a3', 30],
    ]);
  });

  it('filters by name or id', () => {
    const { table } = setup();
    table.filter = 'wan';
    expect(table.rows.map((r) => r.agentId)).toEqual(['a3']);
  });

  it('force-pauses an agent and shows the state the server returned', async () => {
    const { table, transport } = setup();
    transport.respond('supervisor:agent', (input) =>
      ok({
        agent: agentView({
          agentId: input.agentId,
          displayName: 'Zhang',
          state: 'paused',
          pauseReason: input.action === 'force_pause' ? input.reason : null,
        }),
      }),
    );
    expect(await table.forcePause('a1', 'coaching')).toBe(true);
    expect(table.agents.a1?.state).toBe('paused');
    expect(transport.requests[0]?.input).toEqual({
      agentId: 'a1',
      action: 'force_pause',
      reason: 'coaching',
    });
  });

  it('reports a refused barge', async () => {
    const { table, transport } = setup();
    transport.respond('supervisor:monitor', () => refuse('not_found', 'call x is not live'));
    expect(await table.monitor('x', 'barge')).toBe(false);
    expect(table.message).toEqual({ ok: false, text: 'call x is not live' });
    expect(table.busy).toBeNull();
  });
});
