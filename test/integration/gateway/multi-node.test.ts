import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentUser, queueStats, screenPop, supervisorUser } from './support/fixtures.js';
import { nextEvent } from './support/client.js';
import { startCluster, type TestCluster } from './support/cluster.js';

const A = 0;
const B = 1;
let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startCluster('gw_nodes', 2);
  await cluster.center.addAgent(agentUser('a1'), ['billing']);
  await cluster.center.addAgent(agentUser('a2'), ['billing']);
  await cluster.center.addQueue(queueStats('billing'));
  await cluster.center.addQueue(queueStats('sales'));
});
afterEach(() => cluster.disconnectClients());
afterAll(async () => {
  await cluster.close();
});

const connectAs = (node: number, user: ReturnType<typeof agentUser>) =>
  cluster.connectAs(user, node);

describe('two gateway nodes sharing Redis', () => {
  it('delivers a screen pop published on node A to the agent connected to node B', async () => {
    const { socket } = await connectAs(B, agentUser('a1'));
    const pop = nextEvent(socket, 'call:offered');
    await cluster.center.offer('a1', screenPop('call-ab-1'));
    expect(await pop).toMatchObject({
      callId: 'call-ab-1',
      customer: { name: '王小明', vip: true },
    });
    await cluster.center.endCall('a1');
    await cluster.center.agents.setState('a1', { state: 'available' });
  });

  it('delivers queue statistics to supervisors and queue members on both nodes', async () => {
    const sup = await connectAs(A, supervisorUser('s1'));
    const agent = await connectAs(B, agentUser('a2'));
    const toSup = nextEvent(sup.socket, 'queue:stats', (s) => s.waiting === 9);
    const toAgent = nextEvent(agent.socket, 'queue:stats', (s) => s.waiting === 9);
    await cluster.center.publishQueueStats(queueStats('billing', { waiting: 9 }));
    expect((await toSup).queueId).toBe('billing');
    expect((await toAgent).queueId).toBe('billing');
  });

  it('closes a logged-out user’s sockets on every node within a second', async () => {
    const onA = await connectAs(A, agentUser('a2'));
    const onB = await connectAs(B, agentUser('a2'));
    const ended = nextEvent(onB.socket, 'session:ended');
    const closed = [onA.socket, onB.socket].map(
      (s) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason))),
    );
    const started = Date.now();
    cluster.nodes[0]!.gateway.publisher.disconnectUser('a2', 'logged_out');
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await ended).toEqual({ reason: 'logged_out' });
  });

  it('moves an agent’s sockets on another node to the rooms of its new queues', async () => {
    const { socket } = await connectAs(B, agentUser('a1'));
    const view = await cluster.center.agentState('a1');
    cluster.nodes[0]!.gateway.publisher.agentState({ ...view!, queueIds: ['sales'] });
    await nextEvent(socket, 'agent:state', (v) => v.queueIds[0] === 'sales');

    const seen: string[] = [];
    socket.on('queue:stats', (s) => seen.push(s.queueId));
    const sales = nextEvent(socket, 'queue:stats', (s) => s.queueId === 'sales');
    // Published in this order through one Redis connection, so they arrive in this order.
    await cluster.center.publishQueueStats(queueStats('billing', { waiting: 1 }));
    await cluster.center.publishQueueStats(queueStats('sales', { waiting: 2 }));
    await sales;
    expect(seen).toEqual(['sales']);
  });
});
