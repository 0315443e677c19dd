import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import {
  apiCall,
  heard,
  loginToken,
  resetFloor,
  placeCall,
  toQueue,
  until,
  untilHeard,
} from '../../e2e/telephony/helpers.js';

/**
 * Callbacks on BullMQ with the whole server: real PostgreSQL, Redis and BullMQ, the PBX
 * simulator for the customers' and agents' phones (speed 20: a 4 s ring lasts 200 ms).
 */
describe('callbacks: place-keeping, scheduled, retried, cancelled, expired', () => {
  let stack: Stack;
  let token: string;
  const loggedIn = new Set<string>();

  beforeAll(async () => {
    stack = await startStack('cb_jobs', {
      server: {
        outbound: {
          callbacks: {
            ringSeconds: 4,
            agentRingSeconds: 20,
            policy: {
              retry: {
                no_answer: { initialDelayMs: 300, multiplier: 2, maxDelayMs: 1000 },
                busy: { initialDelayMs: 300, multiplier: 2, maxDelayMs: 1000 },
              },
            },
          },
        },
      },
    });
    token = await loginToken(stack, 'supervisor');
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => resetFloor(stack, loggedIn));

  const login = (username: string) =>
    stack.loginAgent(username).then((id) => (loggedIn.add(id), id));

  const api = (method: string, path: string, body?: unknown) =>
    apiCall(stack, token, method, path, body);

  const dialsTo = (number: string) =>
    stack.sim.control.originated().filter((o) => o.endpoint === `PJSIP/${number}@pstn`);

  const callbackOf = (id: number) => stack.crm.callbacks.get(id);

  /** Whether the ACD holds an entry whose id starts with `prefix`. */
  const inAcd = async (prefix: string) =>
    (await stack.server.telephony.acd.snapshot()).calls.some((c) => c.id.startsWith(prefix));

  it('place-keeping: the caller keeps their place, an agent is reserved, then the customer is dialled and connected as a callback', async () => {
    const first = await placeCall(stack, '+8613922230001');
    await toQueue(stack, first);
    const second = await placeCall(stack, '+8613922230002');
    await toQueue(stack, second);
    const placeBefore = await stack.server.telephony.service.call(first);

    // The callback key; the caller's number is read back, they type another (2, digits, #),
    // hear it read back and confirm it (1).
    stack.sim.control.pressKeys(first, '*');
    await untilHeard(stack, first, 'sound:cc/callback-confirm-keys');
    expect(heard(stack, first)).toContain('digits:8613922230001');
    stack.sim.control.pressKeys(first, '2');
    await untilHeard(stack, first, 'sound:cc/callback-enter-number');
    stack.sim.control.pressKeys(first, '13922230009#');
    await untilHeard(stack, first, 'sound:cc/callback-confirm-keys', 2);
    expect(heard(stack, first)).toContain('digits:13922230009');
    stack.sim.control.pressKeys(first, '1');
    await untilHeard(stack, first, 'sound:cc/callback-confirmed');
    const left = await stack.waitFor('ended', (e) => e.callId === first);
    expect(left).toMatchObject({ endedBy: 'callback', abandoned: false });
    const cb = (await stack.crm.callbacks.list({ phone: '+8613922230009' })).items[0]!;
    const line = `cbk-${cb.id}-1`;
    // Hung up, still first in line: the callback's ACD entry took the caller's wait start.
    const position = await until('the callback in the ACD', () =>
      stack.server.telephony.acd.position(line),
    );
    expect(position).toBe(1);
    expect(await stack.server.telephony.acd.position(second)).toBe(2);
    expect(dialsTo('+8613922230009')).toHaveLength(0);

    // An agent logs in: the ACD reserves them for the callback (first in line), then it dials.
    const agentId = await login('agent1');
    const offered = await stack.waitFor('offered', (e) => e.callId === line);
    expect(offered).toMatchObject({
      agentId,
      origin: { kind: 'callback', callbackId: String(cb.id) },
      callerNumber: '+8613922230009',
    });
    expect(offered.waitSeconds).toBeGreaterThanOrEqual(
      Math.floor((offered.at - placeBefore!.queue!.enqueuedAt) / 1000),
    );
    const dials = dialsTo('+8613922230009');
    expect(dials).toHaveLength(1);
    expect(dials[0]!.channelId).toBe(line);
    await stack.waitFor('connected', (e) => e.callId === line);
    // The second caller is still waiting: the agent went to the callback.
    expect((await stack.server.telephony.service.call(second))?.state).toBe('queued');

    const done = await until('the attempt recorded', async () => {
      const c = await callbackOf(cb.id);
      return c.status === 'completed' ? c : null;
    });
    expect(done.attemptLog).toMatchObject([
      { outcome: 'answered', callId: line, agentId: Number(agentId) },
    ]);
    const row = await until('the interaction row', async () => {
      const r = await stack.crm.interactions.findByCallId(line);
      return r?.answeredAt ? r : null;
    });
    expect(row).toMatchObject({ kind: 'callback', direction: 'outbound', queue: 'support' });
    expect(String(row.agentId)).toBe(agentId);
    stack.sim.control.hangup(line);
    await stack.waitFor('ended', (e) => e.callId === line);
    stack.sim.control.hangup(second);
  });

  it('scheduled through the API: scheduled once, retried after no answer, then answered', async () => {
    const number = '+8613922230003';
    stack.sim.control.setEndpoint(`PJSIP/${number}@pstn`, { answer: 'no-answer' });
    const agentId = await login('agent2');
    const request = { phone: number, origin: 'agent', queue: 'support', maxAttempts: 3 };
    const created = await api('POST', '/callbacks', request);
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    // The same request again: the live callback is not duplicated.
    const again = await api('POST', '/callbacks', request);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('callback_exists');

    const retried = await until('attempt 1 to fail and a retry to be scheduled', async () => {
      const c = await callbackOf(id);
      return c.attempts === 1 && c.status === 'scheduled' ? c : null;
    });
    expect(retried.attemptLog).toMatchObject([{ outcome: 'no_answer', callId: `cbk-${id}-1` }]);
    const firstRow = await stack.crm.interactions.findByCallId(`cbk-${id}-1`);
    expect(firstRow).toMatchObject({
      kind: 'callback',
      direction: 'outbound',
      disposition: 'callback_no_answer',
      callerNumber: number,
    });
    // The reserved agent was given back when nobody answered.
    stack.sim.control.clearEndpoint(`PJSIP/${number}@pstn`);
    const offered = await stack.waitFor('offered', (e) => e.callId === `cbk-${id}-2`);
    expect(offered.agentId).toBe(agentId);
    const done = await until('attempt 2 answered', async () => {
      const c = await callbackOf(id);
      return c.status === 'completed' ? c : null;
    });
    expect(done.attemptLog.map((a) => a.outcome)).toEqual(['no_answer', 'answered']);
    expect(dialsTo(number).map((d) => d.channelId)).toEqual([`cbk-${id}-1`, `cbk-${id}-2`]);
    stack.sim.control.hangup(`cbk-${id}-2`);
    await stack.waitFor('ended', (e) => e.callId === `cbk-${id}-2`);
  });

  it('busy on every attempt: dialled max attempts times, then failed', async () => {
    const number = '+8613922230004';
    stack.sim.control.setEndpoint(`PJSIP/${number}@pstn`, { answer: 'busy', delayMs: 100 });
    await login('agent3');
    const created = await api('POST', '/callbacks', {
      phone: number,
      origin: 'agent',
      queue: 'support',
      maxAttempts: 2,
    });
    const id = created.body.id as number;
    const failed = await until('the callback to fail', async () => {
      const c = await callbackOf(id);
      return c.status === 'failed' ? c : null;
    });
    expect(failed.attemptLog.map((a) => a.outcome)).toEqual(['busy', 'busy']);
    expect(dialsTo(number)).toHaveLength(2);
    expect(await inAcd(`cbk-${id}-`)).toBe(false);
  });

  it('cancel removes the pending job and the callback never rings', async () => {
    const number = '+8613922230005';
    const earliest = new Date(Date.now() + 3600_000);
    const created = await api('POST', '/callbacks', {
      phone: number,
      origin: 'agent',
      queue: 'support',
      earliest: earliest.toISOString(),
      latest: new Date(earliest.getTime() + 3600_000).toISOString(),
    });
    const id = created.body.id as number;
    const queue = stack.server.jobs.queue('callbacks');
    const job = await until('the delayed attempt job', () =>
      queue.getJob(`callback-${id}-attempt-1`),
    );
    expect(await job.getState()).toBe('delayed');
    const cancelled = await api('POST', `/callbacks/${id}/cancel`, {
      reason: 'customer called in',
    });
    expect(cancelled.body.status).toBe('cancelled');
    await until('the job to be removed', async () =>
      (await queue.getJob(`callback-${id}-attempt-1`)) ? null : true,
    );
    expect(dialsTo(number)).toHaveLength(0);
  });

  it("promised in a wrap-up: the customer's zone, the agent's window, scheduled for its start", async () => {
    const agent = (await stack.crm.users.findByUsername('agent1'))!;
    const created = await stack.crm.customers.create({
      name: '王芳',
      timezone: 'America/New_York',
      phones: [{ number: '+12125550123' }],
      force: true,
    });
    if (created.status !== 'created') throw new Error('customer not created');
    const customer = created.customer;
    const start = new Date(Date.now() + 2 * 3600_000);
    const cb = await stack.server.outbound.callbacks.fromWrapUp(
      agent.id,
      { callerNumber: '+12125550123', queueId: 'support', customerId: customer.id },
      {
        windowStart: start.toISOString(),
        windowEnd: new Date(start.getTime() + 3600_000).toISOString(),
        phone: null,
        note: 'call about the refund',
      },
    );
    expect(cb).toMatchObject({
      origin: 'agent',
      phone: '+12125550123',
      timezone: 'America/New_York',
      createdBy: agent.id,
      status: 'pending',
    });
    const job = await stack.server.jobs.queue('callbacks').getJob(`callback-${cb.id}-attempt-1`);
    expect(await job?.getState()).toBe('delayed');
    expect(job!.timestamp + job!.delay).toBeGreaterThanOrEqual(start.getTime());
    await api('POST', `/callbacks/${cb.id}/cancel`, {});
  });

  it('sent out of the queue by the ACD (maximum wait), the callback joins again later', async () => {
    await stack.server.telephony.acd.upsertQueue({ id: 'cbq', maxWaitSeconds: 2 });
    const created = await api('POST', '/callbacks', {
      phone: '+8613922230007',
      origin: 'agent',
      queue: 'cbq',
    });
    const id = created.body.id as number;
    const queue = stack.server.jobs.queue('callbacks');
    const rejoin = await until('the rejoin job', async () =>
      (await queue.getJobs(['delayed'])).find((j) => j.id?.startsWith(`callback-${id}-rejoin-1-`)),
    );
    expect(rejoin.data).toEqual({ kind: 'attempt', callbackId: id, attempt: 1 });
    expect(await inAcd(`cbk-${id}-`)).toBe(false);
    expect((await callbackOf(id)).status).toBe('pending');
    await api('POST', `/callbacks/${id}/cancel`, {});
  });

  it('a callback nobody could take expires at the end of its window and leaves the ACD', async () => {
    const number = '+8613922230006';
    const created = await api('POST', '/callbacks', {
      phone: number,
      origin: 'agent',
      queue: 'support',
      earliest: new Date().toISOString(),
      latest: new Date(Date.now() + 1500).toISOString(),
    });
    const id = created.body.id as number;
    await until('the callback waiting in the ACD', () => inAcd(`cbk-${id}-1`));
    const expired = await until('the callback to expire', async () => {
      const c = await callbackOf(id);
      return c.status === 'expired' ? c : null;
    });
    expect(expired.attempts).toBe(0);
    await until('its ACD entry to go', async () => ((await inAcd(`cbk-${id}-`)) ? null : true));
    expect(dialsTo(number)).toHaveLength(0);
  });
});
