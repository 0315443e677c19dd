import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import { placeCall, simSleep, toQueue, until } from '../../e2e/telephony/helpers.js';

/** Automatic callbacks for callers who hang up while queued (enabled for this server). */
describe('callbacks offered for abandoned calls', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack('cb_abandoned', {
      server: {
        outbound: {
          callbacks: { ringSeconds: 4, abandoned: { enabled: true, minWaitMs: 20_000 } },
        },
      },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function abandon(from: string, waitMs: number): Promise<void> {
    const callId = await placeCall(stack, from);
    await toQueue(stack, callId);
    await simSleep(stack, waitMs);
    stack.sim.control.hangup(callId);
    await stack.waitFor('ended', (e) => e.callId === callId && e.abandoned);
  }

  it('a caller who waited long enough gets one callback, dialled once an agent is free', async () => {
    const number = '+8613922250001';
    await abandon(number, 25_000);
    const cb = await until('the abandoned-call callback', async () => {
      const list = await stack.crm.callbacks.list({ phone: number });
      return list.items[0];
    });
    expect(cb).toMatchObject({ origin: 'abandoned', queue: 'support', status: 'pending' });
    expect(cb.latest.getTime() - cb.earliest.getTime()).toBe(4 * 3600_000);
    expect(cb.notes).toMatch(/caller hung up after waiting/);

    // Hanging up again while the callback is live offers nothing more.
    await abandon(number, 25_000);
    await simSleep(stack, 2000);
    expect((await stack.crm.callbacks.list({ phone: number })).items).toHaveLength(1);

    const agentId = await stack.loginAgent('agent1');
    const offered = await stack.waitFor('offered', (e) => e.callId === `cbk-${cb.id}-1`);
    expect(offered).toMatchObject({ agentId, origin: { kind: 'callback' } });
    await until('the callback completed', async () =>
      (await stack.crm.callbacks.get(cb.id)).status === 'completed' ? true : null,
    );
    stack.sim.control.hangup(`cbk-${cb.id}-1`);
  });

  it('a caller who hung up at once gets none', async () => {
    const number = '+8613922250002';
    await abandon(number, 0);
    await simSleep(stack, 2000);
    expect((await stack.crm.callbacks.list({ phone: number })).items).toEqual([]);
  });
});
