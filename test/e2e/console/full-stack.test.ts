/**
 * The console gateway inside the real server (server/runtime.ts) with the call layer and the PBX
 * simulator: a call placed on the simulator pops on the agent's socket, a reconnect restores it
 * from the call layer, and the agent hangs up through the gateway.
 *
 * Ports not yet wired to the ACD and the CRM (agent state, queue statistics, wrap-ups) refuse
 * here; the call path under test does not use them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePorts } from '../../../server/gateway/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { connectWithSnapshot, nextEvent } from '../../integration/gateway/support/client.js';
import { placeCall, toQueue } from '../telephony/helpers.js';

class NotWired extends Error {
  readonly code = 'not_wired';
}

let stack: Stack;

function ports(): ConsolePorts {
  const refuse = () => Promise.reject(new NotWired('not wired in this test'));
  return {
    sessions: { verify: (token) => stack.crm.sessions.verify(token) },
    state: {
      agentState: () => Promise.resolve(null),
      liveCall: (agentId) => stack.server.telephony.liveCall(agentId),
      queueStats: () => Promise.resolve([]),
      agents: () => Promise.resolve([]),
      queueHistory: () => Promise.resolve([]),
      directory: () => Promise.resolve({ queues: [], agents: [] }),
    },
    agents: { setState: refuse, forcePause: refuse, forceLogout: refuse },
    calls: {
      hangup: (a, c) => stack.server.telephony.controls.hangup(a, c),
      transfer: (a, c, t) => stack.server.telephony.controls.transfer(a, c, t),
      setRecording: (a, c, x) => stack.server.telephony.controls.setRecording(a, c, x),
    },
    supervisor: { monitor: (s, c, m) => stack.server.telephony.supervisor.monitor(s, c, m) },
    wrapUps: { submit: refuse, complaintSlaDueAt: refuse },
    recordings: { search: refuse },
  };
}

beforeAll(async () => {
  stack = await startStack('e2e_console_full', { server: { consolePorts: ports() } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('console gateway in the running server with the PBX simulator', () => {
  it('pops a simulated call on the agent’s socket, restores it after a drop, and hangs up', async () => {
    expect(stack.server.console).not.toBeNull();
    const agentId = await stack.loginAgent('agent1');
    const { token } = await stack.crm.sessions.create(Number(agentId));
    const { socket, snapshot } = await connectWithSnapshot(stack.url, {
      token,
      reconnection: true,
    });
    try {
      expect(snapshot.user.userId).toBe(agentId);
      expect(snapshot.call).toBeNull();

      const offered = nextEvent(socket, 'call:offered', () => true, 15_000);
      const connected = nextEvent(socket, 'call:connected', () => true, 15_000);
      const callId = await placeCall(stack, '+8613922220001');
      await toQueue(stack, callId);
      const pop = await offered;
      expect(pop.callId).toBe(callId);
      expect(pop.callerNumber).toBe('+8613922220001');
      expect((await connected).callId).toBe(callId);

      const again = nextEvent(socket, 'console:snapshot', () => true, 15_000);
      socket.io.engine.close();
      const restored = await again;
      expect(restored.call?.pop.callId).toBe(callId);
      expect(restored.call?.phase).toBe('connected');

      const ended = nextEvent(socket, 'call:ended', (e) => e.callId === callId, 15_000);
      const ack = await socket.emitWithAck('call:hangup', { callId });
      expect(ack).toEqual({ ok: true });
      expect((await ended).endedBy).toBe('agent');
    } finally {
      socket.disconnect();
    }
  });
});
