import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentUser, queueStats, screenPop } from './support/fixtures.js';
import { nextEvent, type ConsoleClient } from './support/client.js';
import { startCluster, type TestCluster } from './support/cluster.js';

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await startCluster('gw_reconnect', 2);
  await cluster.center.addAgent(agentUser('a1'), ['billing']);
  await cluster.center.addQueue(queueStats('billing', { waiting: 4 }));
});
afterEach(() => cluster.disconnectClients());
afterAll(async () => {
  await cluster.close();
});

/** Cuts the transport the way a dropped network does; the client then reconnects by itself. */
function dropNetwork(socket: ConsoleClient): void {
  socket.io.engine.close();
}

describe('state pushed again after a reconnect', () => {
  it('restores the screen pop that was offered while the socket was down', async () => {
    const { socket, snapshot } = await cluster.connectAs(agentUser('a1'), 1, {
      reconnection: true,
    });
    expect(snapshot.call).toBeNull();
    expect(snapshot.queues[0]?.waiting).toBe(4);

    const disconnected = new Promise((r) => socket.once('disconnect', r));
    dropNetwork(socket);
    await disconnected;
    // Offered while no socket of the agent is connected: the event itself is lost.
    const again = nextEvent(socket, 'console:snapshot');
    await cluster.center.offer('a1', screenPop('call-rc-1'));

    const restored = await again;
    expect(restored.call?.phase).toBe('ringing');
    expect(restored.call?.pop).toMatchObject({
      callId: 'call-rc-1',
      callerNumber: '+8613800138000',
    });
    expect(restored.agent?.state).toBe('reserved');
  });

  it('restores a connected call with its recording state and, after it ends, the wrap-up', async () => {
    const { socket, snapshot } = await cluster.connectAs(agentUser('a1'), 0, {
      reconnection: true,
    });
    expect(snapshot.call?.pop.callId).toBe('call-rc-1');
    await cluster.center.answer('a1');
    await cluster.center.calls.setRecording('a1', 'call-rc-1', 'pause');

    let again = nextEvent(socket, 'console:snapshot');
    dropNetwork(socket);
    const connected = await again;
    expect(connected.call).toMatchObject({ phase: 'connected', recording: 'paused' });

    await cluster.center.endCall('a1', 'caller', 90);
    again = nextEvent(socket, 'console:snapshot');
    dropNetwork(socket);
    const wrapUp = await again;
    expect(wrapUp.call).toMatchObject({ phase: 'wrap_up', wrapUpSeconds: 90 });
    expect(wrapUp.agent?.state).toBe('wrap_up');
  });

  it('answers console:resync with a fresh snapshot without reconnecting', async () => {
    const { socket } = await cluster.connectAs(agentUser('a1'));
    await cluster.center.agents.setState('a1', { state: 'paused', reason: 'lunch' });
    const ack = await socket.emitWithAck('console:resync', {});
    expect(ack.ok && ack.snapshot.agent).toMatchObject({ state: 'paused', pauseReason: 'lunch' });
    expect(ack.ok && ack.snapshot.call).toBeNull();
  });
});
