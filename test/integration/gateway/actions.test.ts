import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WrapUpSubmission } from '../../../server/contracts/index.js';
import { agentUser, queueStats, screenPop, supervisorUser } from './support/fixtures.js';
import { nextEvent, type ConsoleClient } from './support/client.js';
import { startCluster, type TestCluster } from './support/cluster.js';

let cluster: TestCluster;
let url: string;
let agent: ConsoleClient;
let sup: ConsoleClient;
let agentToken: string;
let callSeq = 0;
let callId = '';

beforeAll(async () => {
  cluster = await startCluster('gw_actions', 1);
  url = cluster.nodes[0]!.url;
  await cluster.center.addAgent(agentUser('a1'), ['billing']);
  await cluster.center.addAgent(agentUser('a2'), ['billing']);
  await cluster.center.addQueue(queueStats('billing'));
  ({ socket: agent, token: agentToken } = await cluster.connectAs(agentUser('a1')));
  ({ socket: sup } = await cluster.connectAs(supervisorUser('s1')));
});
beforeEach(async () => {
  // Every test starts with a1 on a fresh connected call.
  const cur = await cluster.center.agentState('a1');
  if (cur?.state === 'reserved' || cur?.state === 'on_call') await cluster.center.endCall('a1');
  await cluster.center.agents.setState('a1', { state: 'available' });
  callId = `call-act-${++callSeq}`;
  await cluster.center.offer('a1', screenPop(callId));
  await cluster.center.answer('a1');
});
afterAll(async () => {
  await cluster.close();
});

describe('acknowledged console commands', () => {
  it('answers a malformed payload with invalid_input naming the field', async () => {
    const ack = await agent.emitWithAck('agent:setState', {
      state: 'paused',
      reason: 'nap',
    } as never);
    expect(ack).toMatchObject({ ok: false, error: 'invalid_input' });
    expect(!ack.ok && ack.message).toMatch(/^reason: /);
  });

  it('ignores a claimed identity: a payload naming another agent is refused', async () => {
    const ack = await agent.emitWithAck('agent:setState', {
      state: 'available',
      agentId: 'a2',
    } as never);
    expect(ack).toMatchObject({ ok: false, error: 'invalid_input' });
    expect((await cluster.center.agentState('a2'))?.state).toBe('available');
  });

  it('refuses to hang up a call the agent is not on', async () => {
    const ack = await agent.emitWithAck('call:hangup', { callId: 'someone-elses-call' });
    expect(ack).toMatchObject({ ok: false, error: 'not_your_call' });
    expect(cluster.center.hangups).toEqual([]);
  });

  it('hangs up the agent’s call and puts the agent in wrap-up', async () => {
    const ended = nextEvent(agent, 'call:ended');
    const ack = await agent.emitWithAck('call:hangup', { callId });
    expect(ack).toEqual({ ok: true });
    expect(await ended).toMatchObject({ callId, endedBy: 'agent', missed: false });
    expect((await cluster.center.agentState('a1'))?.state).toBe('wrap_up');
  });

  it('transfers to a queue and refuses a transfer to oneself', async () => {
    const self = await agent.emitWithAck('call:transfer', {
      callId,
      target: { kind: 'agent', agentId: 'a1' },
    });
    expect(self).toMatchObject({ ok: false, error: 'invalid_input' });
    const ack = await agent.emitWithAck('call:transfer', {
      callId,
      target: { kind: 'queue', queueId: 'sales' },
    });
    expect(ack).toEqual({ ok: true });
    expect(cluster.center.transfers.at(-1)).toEqual({
      agentId: 'a1',
      callId,
      target: { kind: 'queue', queueId: 'sales' },
    });
  });

  it('pauses recording and tells the agent’s consoles', async () => {
    const pushed = nextEvent(agent, 'call:recording');
    const ack = await agent.emitWithAck('call:setRecording', { callId, action: 'pause' });
    expect(ack).toEqual({ ok: true, recording: 'paused' });
    expect(await pushed).toMatchObject({ callId, agentId: 'a1', state: 'paused' });
  });

  it('passes a port refusal through with its code', async () => {
    const ack = await agent.emitWithAck('agent:setState', { state: 'available' });
    expect(ack).toMatchObject({ ok: false, error: 'invalid_state' });
  });

  it('refuses supervisor commands from an agent', async () => {
    const ack = await agent.emitWithAck('supervisor:monitor', { callId, mode: 'listen' });
    expect(ack).toMatchObject({ ok: false, error: 'forbidden' });
    expect(cluster.center.monitors).toEqual([]);
  });

  it('lets a supervisor barge into a live call and force-pause the agent after it', async () => {
    const ack = await sup.emitWithAck('supervisor:monitor', { callId, mode: 'barge' });
    expect(ack).toMatchObject({ ok: true, monitorId: expect.any(String) as string });
    expect(cluster.center.monitors.at(-1)).toEqual({ supervisorId: 's1', callId, mode: 'barge' });

    const told = nextEvent(agent, 'notification', (n) => n.kind === 'forced_state');
    const pushed = nextEvent(agent, 'agent:state', (v) => v.afterCall !== null);
    const forced = await sup.emitWithAck('supervisor:agent', {
      agentId: 'a1',
      action: 'force_pause',
      reason: 'coaching',
    });
    expect(forced).toMatchObject({
      ok: true,
      agent: { state: 'on_call', afterCall: { state: 'paused', pauseReason: 'coaching' } },
    });
    expect((await pushed).afterCall).toEqual({ state: 'paused', pauseReason: 'coaching' });
    expect((await told).params).toEqual({
      by: 'Supervisor s1',
      state: 'paused',
      afterCall: 'yes',
    });
    await cluster.center.endCall('a1');
    expect(await cluster.center.agents.setState('a1', { state: 'available' })).toMatchObject({
      state: 'paused',
      pauseReason: 'coaching',
      afterCall: null,
    });
  });
});

describe('wrap-up over REST', () => {
  const post = (path: string, body: unknown, token = agentToken) =>
    fetch(`${url}/api/v1/console/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const wrapUp = (over: Partial<WrapUpSubmission> = {}): WrapUpSubmission => ({
    callId,
    disposition: 'follow_up',
    notes: 'Customer disputes the April bill',
    complaint: { mode: 'create', category: 'billing', severity: 'high', summary: 'Double charge' },
    callback: {
      windowStart: new Date(Date.now() + 3_600_000).toISOString(),
      windowEnd: new Date(Date.now() + 7_200_000).toISOString(),
      phone: null,
      note: null,
    },
    next: { state: 'available' },
    ...over,
  });

  it('saves the wrap-up once, returns the complaint’s SLA due time and frees the agent', async () => {
    await cluster.center.endCall('a1');
    const first = await post('wrapup', wrapUp());
    expect(first.status).toBe(200);
    const body = (await first.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      complaint: { ticket: expect.any(String) as string },
      callback: { id: expect.any(String) as string },
      agent: { state: 'available' },
    });
    const due = Date.parse((body.complaint as { slaDueAt: string }).slaDueAt);
    expect(due - Date.now()).toBeGreaterThan(23 * 3_600_000);

    const again = await post('wrapup', wrapUp());
    expect(await again.json()).toMatchObject({ interactionId: body.interactionId });
    expect(cluster.center.submissions.filter((s) => s.wrapUp.callId === callId)).toHaveLength(1);
  });

  it('answers 400 naming the field when the disposition is missing or the window is reversed', async () => {
    const res = await post('wrapup', { ...wrapUp(), disposition: undefined });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_input', message: /disposition/ });

    const reversed = wrapUp({
      callback: {
        windowStart: new Date(Date.now() + 7_200_000).toISOString(),
        windowEnd: new Date(Date.now() + 3_600_000).toISOString(),
        phone: null,
        note: null,
      },
    });
    const res2 = await post('wrapup', reversed);
    expect(await res2.json()).toMatchObject({ message: /callback.windowEnd/ });
  });

  it('refuses a wrap-up for a call another agent handled', async () => {
    await cluster.center.addAgent(agentUser('a3'), ['billing']);
    const res = await post('wrapup', wrapUp(), await cluster.center.login(agentUser('a3')));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'not_your_call' });
  });

  it('previews a complaint’s SLA due time', async () => {
    const res = await fetch(
      `${url}/api/v1/console/complaint-sla?category=billing&severity=critical`,
      { headers: { authorization: `Bearer ${agentToken}` } },
    );
    const { slaDueAt } = (await res.json()) as { slaDueAt: string };
    expect(Date.parse(slaDueAt) - Date.now()).toBeGreaterThan(3.9 * 3_600_000);
    expect(Date.parse(slaDueAt) - Date.now()).toBeLessThan(4.1 * 3_600_000);
  });
});

describe('recordings search over REST', () => {
  const get = (query: string, token: string) =>
    fetch(`${url}/api/v1/console/recordings?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString();

  it('lists a supervisor the recordings of the interval matching the words, newest first', async () => {
    const base = {
      callId: 'c',
      durationSeconds: 60,
      agentName: 'Zhang Wei',
      customerName: '王小明',
      queueName: 'Billing',
      audioUrl: '/api/v1/recordings/x.wav',
    };
    await cluster.center.addRecording({
      ...base,
      id: 'r1',
      callerNumber: '+861',
      startedAt: day(-2),
    });
    await cluster.center.addRecording({
      ...base,
      id: 'r2',
      callerNumber: '+862',
      startedAt: day(-1),
    });
    await cluster.center.addRecording({
      ...base,
      id: 'r3',
      callerNumber: '+863',
      customerName: 'Chen',
      startedAt: day(-1),
    });
    const sup = await cluster.center.login(supervisorUser('s9'));
    const q = new URLSearchParams({ from: day(-3), to: day(0), q: '王' }).toString();
    const res = await get(q, sup);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string }[] };
    expect(body.items.map((r) => r.id)).toEqual(['r2', 'r1']);
  });

  it('refuses agents and reversed intervals', async () => {
    const q = new URLSearchParams({ from: day(-1), to: day(0) }).toString();
    expect((await get(q, agentToken)).status).toBe(403);
    const sup = await cluster.center.login(supervisorUser('s9'));
    const reversed = await get(new URLSearchParams({ from: day(0), to: day(-1) }).toString(), sup);
    expect(reversed.status).toBe(400);
    expect(await reversed.json()).toMatchObject({ error: 'invalid_input', message: /^to: / });
  });
});
