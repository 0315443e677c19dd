import { describe, expect, it } from 'vitest';
import { Clock } from '../../../agent-ui/src/lib/clock.svelte.js';
import { ConsoleApp } from '../../../agent-ui/src/lib/console-app.svelte.js';
import { ApiClient } from '../../../agent-ui/src/lib/api.js';
import { ConsoleSession } from '../../../agent-ui/src/lib/console-session.svelte.js';
import { FakeTransport, MemoryStorage, ok } from './support/fake-transport.js';
import { T0, agentView, at, pop, snapshot, stats, supervisor } from './support/fixtures.js';

function setup() {
  const transport = new FakeTransport();
  const clock = new Clock(() => T0);
  const app = new ConsoleApp({
    transport,
    api: new ApiClient(() => Promise.reject(new Error('no network in unit specs'))),
    storage: new MemoryStorage(),
    clock,
  });
  return { transport, app, clock };
}

describe('ConsoleSession', () => {
  it('holds events back until the snapshot and replays them on top of it', () => {
    const { transport, app } = setup();
    transport.connect();
    transport.emit('call:offered', pop('c1'));
    transport.emit('call:connected', {
      callId: 'c1',
      agentId: 'a1',
      connectedAt: at(5),
      recording: 'recording',
    });
    expect(app.call.phase).toBe('idle');
    expect(app.session.synced).toBe(false);

    // The snapshot was read before the offer: it knows nothing of the call.
    transport.emit('console:snapshot', snapshot());
    expect(app.session.synced).toBe(true);
    expect(app.call.phase).toBe('connected');
    expect(app.call.pop?.callId).toBe('c1');
    expect(app.call.recording).toBe('recording');
  });

  it('restores the screen pop from the snapshot after a dropped connection', () => {
    const { transport, app } = setup();
    transport.connect();
    transport.emit('console:snapshot', snapshot());
    transport.drop();
    expect(app.session.status).toBe('offline');

    transport.connect();
    transport.emit(
      'console:snapshot',
      snapshot({
        agent: agentView({ state: 'reserved' }),
        call: {
          pop: pop('c9'),
          phase: 'ringing',
          connectedAt: null,
          endedAt: null,
          wrapUpSeconds: null,
          recording: 'off',
        },
      }),
    );
    expect(app.session.status).toBe('online');
    expect(app.call.phase).toBe('ringing');
    expect(app.call.pop?.customer?.name).toBe('王小明');
    expect(app.agent.state).toBe('reserved');
  });

  it('drops a pop the server no longer has after a reconnect', () => {
    const { transport, app } = setup();
    transport.connect();
    transport.emit('console:snapshot', snapshot());
    transport.emit('call:offered', pop('c1'));
    transport.drop();
    transport.connect();
    transport.emit('console:snapshot', snapshot());
    expect(app.call.phase).toBe('idle');
    expect(app.call.pop).toBeNull();
  });

  it('shows an agent only its own state, and a supervisor every agent', () => {
    const agent = setup();
    agent.transport.connect();
    agent.transport.emit('console:snapshot', snapshot());
    agent.transport.emit('agent:state', agentView({ agentId: 'a2', state: 'paused' }));
    expect(agent.app.agent.state).toBe('available');
    expect(Object.keys(agent.app.agentsTable.agents)).toEqual([]);

    const sup = setup();
    sup.transport.connect();
    sup.transport.emit(
      'console:snapshot',
      snapshot({
        user: supervisor,
        agent: null,
        supervisor: { agents: [agentView()], history: [] },
      }),
    );
    sup.transport.emit(
      'agent:state',
      agentView({ agentId: 'a2', displayName: 'Li', state: 'paused' }),
    );
    expect(Object.keys(sup.app.agentsTable.agents).sort()).toEqual(['a1', 'a2']);
    expect(sup.app.agentsTable.agents.a2?.state).toBe('paused');
  });

  it('feeds queue statistics to the wallboard and notifications to the list', () => {
    const { transport, app } = setup();
    transport.connect();
    transport.emit('console:snapshot', snapshot());
    transport.emit('queue:stats', stats('billing', 10, { waiting: 12 }));
    transport.emit('notification', {
      id: 'n1',
      kind: 'complaint_sla_warning',
      severity: 'warning',
      at: at(10),
      params: { ticket: 'T-1' },
    });
    expect(app.wallboard.queues.billing?.waiting).toBe(12);
    expect(app.notifications.items.map((n) => n.id)).toEqual(['n1']);
  });

  it('ends the session when the server says so', () => {
    const { transport, app } = setup();
    transport.connect();
    transport.emit('session:ended', { reason: 'logged_out' });
    expect(app.session.status).toBe('ended');
    expect(app.session.endReason).toBe('logged_out');
  });

  it('asks for a snapshot itself when none arrives after connecting', async () => {
    const transport = new FakeTransport();
    const waiting: (() => void)[] = [];
    const app = setup().app;
    const session = new ConsoleSession(
      transport,
      {
        agent: app.agent,
        call: app.call,
        wallboard: app.wallboard,
        agentsTable: app.agentsTable,
        notifications: app.notifications,
      },
      { setTimeout: (fn) => waiting.push(fn), clearTimeout: () => undefined },
    );
    transport.respond('console:resync', () =>
      ok({
        snapshot: snapshot({ agent: agentView({ state: 'paused', pauseReason: 'lunch' }) }),
      }),
    );
    transport.connect();
    expect(session.synced).toBe(false);
    waiting.forEach((f) => f());
    await Promise.resolve();
    expect(transport.requests.map((r) => r.event)).toEqual(['console:resync']);
    expect(session.synced).toBe(true);
    expect(app.agent.view?.pauseReason).toBe('lunch');
  });
});
