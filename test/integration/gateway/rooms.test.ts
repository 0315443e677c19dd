import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentUser, queueStats, screenPop, supervisorUser } from './support/fixtures.js';
import { nextEvent, recordEvents } from './support/client.js';
import { startCluster, type TestCluster } from './support/cluster.js';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startCluster('gw_rooms', 1);
  await cluster.center.addAgent(agentUser('a1'), ['billing']);
  await cluster.center.addAgent(agentUser('a2'), ['sales']);
  await cluster.center.addQueue(queueStats('billing'));
  await cluster.center.addQueue(queueStats('sales'));
});
afterEach(() => cluster.disconnectClients());
afterAll(async () => {
  await cluster.close();
});

const connectAs = (user: ReturnType<typeof agentUser>) => cluster.connectAs(user);

describe('what each role receives', () => {
  it('gives an agent its own queues only, and a supervisor every queue and agent', async () => {
    const agent = await connectAs(agentUser('a1'));
    expect(agent.snapshot.queues.map((q) => q.queueId)).toEqual(['billing']);
    expect(agent.snapshot.supervisor).toBeNull();

    const sup = await connectAs(supervisorUser('s1'));
    expect(sup.snapshot.queues.map((q) => q.queueId)).toEqual(['billing', 'sales']);
    expect(sup.snapshot.supervisor?.agents.map((a) => a.agentId)).toEqual(['a1', 'a2']);
  });

  it('never shows an agent another agent’s pop, state or queue, nor supervisor events', async () => {
    const a1 = await connectAs(agentUser('a1'));
    const a2 = await connectAs(agentUser('a2'));
    const sup = await connectAs(supervisorUser('s1'));
    const seenByA2 = recordEvents(a2.socket);

    const supSawState = nextEvent(sup.socket, 'agent:state', (v) => v.agentId === 'a1');
    const a1Pop = nextEvent(a1.socket, 'call:offered');
    await cluster.center.offer('a1', screenPop('call-r-1'));
    await cluster.center.publishQueueStats(queueStats('billing', { waiting: 5 }));
    cluster.nodes[0]!.gateway.publisher.agentsTable([]);
    cluster.nodes[0]!.gateway.publisher.notify(
      { supervisors: true },
      { id: 'n1', kind: 'complaint_sla_breached', severity: 'critical', at: '', params: {} },
    );
    // A last event to a2 itself: once it has arrived, everything published before it has too.
    const sentinel = nextEvent(a2.socket, 'notification', (n) => n.id === 'sentinel');
    cluster.nodes[0]!.gateway.publisher.notify(
      { agentId: 'a2' },
      { id: 'sentinel', kind: 'callback_due', severity: 'info', at: '', params: {} },
    );
    await sentinel;

    expect((await a1Pop).callId).toBe('call-r-1');
    expect((await supSawState).state).toBe('reserved');
    expect(seenByA2.map((e) => e.event)).toEqual(['notification']);
    await cluster.center.endCall('a1');
  });
});
