/**
 * The console gateway as `npm start` wires it: no ports given, so sessions, live state, agent
 * state changes, wrap-ups and recordings come from the real CRM (PostgreSQL), the ACD (Redis) and
 * the call layer on the PBX simulator. Everything here goes through sockets and HTTP, as a
 * console does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER, DEMO_PASSWORD } from '../../../crm-core/index.js';
import type { ScreenPop, WrapUpResult } from '../../../server/contracts/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import {
  connectWithSnapshot,
  nextEvent,
  type ConsoleClient,
} from '../../integration/gateway/support/client.js';
import { placeCall, until } from '../telephony/helpers.js';

let stack: Stack;
const sockets: ConsoleClient[] = [];

beforeAll(async () => {
  stack = await startStack('e2e_console_full', {
    server: { liveFeed: { intervalMs: 200, sampleMs: 200 } },
  });
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await stack?.stop();
});

async function login(username: string): Promise<{ token: string; userId: string }> {
  const res = await fetch(`${stack.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { token: string; user: { userId: string } };
  return { token: body.token, userId: body.user.userId };
}

async function connect(token: string) {
  const c = await connectWithSnapshot(stack.url, { token, reconnection: true });
  sockets.push(c.socket);
  return c;
}

/** The VIP demo customer calls, picks Chinese and is routed by the IVR to the vip queue. */
async function vipCalls(): Promise<string> {
  const callId = await placeCall(stack, DEMO_CUSTOMER.phone);
  stack.sim.control.pressKeys(callId, '1');
  await until(`${callId} to be queued`, async () => {
    const rec = await stack.server.telephony.service.call(callId);
    return rec && rec.state !== 'ivr' ? rec : null;
  });
  return callId;
}

describe('console on the real server (CRM, ACD, call layer, PBX simulator)', () => {
  let agent: { token: string; userId: string };
  let socket: ConsoleClient;
  let sup: ConsoleClient;
  let callId: string;
  let pop: ScreenPop;

  it('knows the CRM’s agents as logged out and logs one in to the ACD on “available”', async () => {
    agent = await login('agent4');
    const a = await connect(agent.token);
    socket = a.socket;
    expect(a.snapshot.agent).toMatchObject({ agentId: agent.userId, state: 'logged_out' });
    expect(a.snapshot.agent?.queueIds.sort()).toEqual(['billing', 'vip']);

    const supervisor = await login('supervisor');
    const s = await connect(supervisor.token);
    sup = s.socket;
    expect(s.snapshot.supervisor?.agents.map((x) => x.agentId)).toContain(agent.userId);
    expect(s.snapshot.queues.map((q) => q.queueId)).toEqual(
      expect.arrayContaining(['support', 'billing', 'complaints', 'vip']),
    );

    const refused = await socket.emitWithAck('agent:setState', {
      state: 'paused',
      reason: 'lunch',
    });
    expect(refused).toMatchObject({ ok: true, agent: { state: 'paused', pauseReason: 'lunch' } });
    const ack = await socket.emitWithAck('agent:setState', { state: 'available' });
    expect(ack).toMatchObject({ ok: true, agent: { state: 'available' } });
    const acd = await stack.server.telephony.acd.snapshot();
    expect(acd.agents.find((x) => x.id === agent.userId)?.state).toBe('available');
  });

  it('pops the VIP demo customer’s CRM record and shows the call to supervisors', async () => {
    const offered = nextEvent(socket, 'call:offered', () => true, 15_000);
    const connected = nextEvent(socket, 'call:connected', () => true, 15_000);
    const stats = nextEvent(
      sup,
      'queue:stats',
      (q) => q.queueId === 'vip' && q.offered > 0,
      15_000,
    );
    callId = await vipCalls();
    pop = await offered;
    expect(pop.callId).toBe(callId);
    expect(pop.queueId).toBe('vip');
    expect(pop.customer).toMatchObject({ name: DEMO_CUSTOMER.name, tier: 'vip', vip: true });
    expect(pop.account?.balance).toEqual({ amount: '1280.50', currency: 'CNY' });
    expect(pop.openComplaints.length).toBeGreaterThan(0);
    await connected;
    expect((await stats).offered).toBeGreaterThan(0);
    const onCall = await nextEvent(
      sup,
      'agent:state',
      (a) => a.agentId === agent.userId && a.state === 'on_call',
      15_000,
    );
    expect(onCall.call).toMatchObject({ callId, customerName: DEMO_CUSTOMER.name });
  });

  it('refuses the agent’s pause during the call; a supervisor’s waits for the end of the call', async () => {
    const ack = await socket.emitWithAck('agent:setState', { state: 'paused', reason: 'break' });
    expect(ack).toMatchObject({ ok: false, error: 'invalid_state' });
    const told = nextEvent(socket, 'notification', (n) => n.kind === 'forced_state', 15_000);
    const forced = await sup.emitWithAck('supervisor:agent', {
      agentId: agent.userId,
      action: 'force_pause',
      reason: 'coaching',
    });
    expect(forced).toMatchObject({
      ok: true,
      agent: { state: 'on_call', afterCall: { state: 'paused', pauseReason: 'coaching' } },
    });
    expect((await told).params).toMatchObject({ state: 'paused', afterCall: 'yes' });
    const acd = await stack.server.telephony.acd.snapshot();
    expect(acd.agents.find((x) => x.id === agent.userId)).toMatchObject({
      state: 'on_call',
      callId,
      afterCall: { state: 'paused', reason: 'coaching' },
    });
  });

  it('restores the pop after a dropped socket, then hangs up into wrap-up', async () => {
    const again = nextEvent(socket, 'console:snapshot', () => true, 15_000);
    socket.io.engine.close();
    const restored = await again;
    expect(restored.call?.pop.callId).toBe(callId);
    expect(restored.call?.pop.customer?.name).toBe(DEMO_CUSTOMER.name);
    expect(restored.call?.phase).toBe('connected');

    const ended = nextEvent(socket, 'call:ended', (e) => e.callId === callId, 15_000);
    expect(await socket.emitWithAck('call:hangup', { callId })).toEqual({ ok: true });
    expect((await ended).endedBy).toBe('agent');
  });

  it('writes the wrap-up to the CRM once, with a complaint due by the VIP’s SLA, then pauses', async () => {
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${agent.token}`,
    };
    const sla = await fetch(
      `${stack.url}/api/v1/console/complaint-sla?category=billing&severity=high&callId=${callId}`,
      { headers },
    );
    const { slaDueAt } = (await sla.json()) as { slaDueAt: string };
    const windowStart = new Date(Date.now() + 3_600_000).toISOString();
    const windowEnd = new Date(Date.now() + 7_200_000).toISOString();
    const body = JSON.stringify({
      callId,
      disposition: 'escalated',
      notes: '客户投诉重复扣费',
      complaint: { mode: 'create', category: 'billing', severity: 'high', summary: '重复扣费' },
      callback: { windowStart, windowEnd, phone: null, note: '回电说明处理结果' },
      next: { state: 'available' },
    });
    const post = () =>
      fetch(`${stack.url}/api/v1/console/wrapup`, { method: 'POST', headers, body });
    const first = await post();
    expect(first.status).toBe(200);
    const saved = (await first.json()) as WrapUpResult;
    // The supervisor's pause ordered during the call wins over the agent's "available".
    expect(saved.agent).toMatchObject({
      state: 'paused',
      pauseReason: 'coaching',
      afterCall: null,
    });
    const again = (await (await post()).json()) as WrapUpResult;
    expect(again.complaint).toEqual(saved.complaint);
    expect(again.callback).toEqual(saved.callback);

    const rows = await stack.db
      .knex('complaints')
      .where({ interaction_id: Number(saved.interactionId) })
      .select<{ ticket_number: string; due_at: Date; category: string }[]>('*');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: 'billing', severity: 'high', subject: '重复扣费' });
    expect(rows[0]!.ticket_number).toBe(saved.complaint?.ticket);
    // The SLA preview and the complaint agree (same rule, a few ms apart).
    expect(Math.abs(rows[0]!.due_at.getTime() - Date.parse(slaDueAt))).toBeLessThan(60_000);
    const interaction = await stack.crm.interactions.findByCallId(callId);
    expect(interaction).toMatchObject({ disposition: 'escalated', notes: '客户投诉重复扣费' });
    const callbacks = await stack.db.knex('callbacks').where({ interaction_id: interaction!.id });
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ origin: 'agent', phone: DEMO_CUSTOMER.phone });
    // Both are in the background jobs: the callback's first attempt and the complaint's timers.
    const cbId = Number((callbacks[0] as { id: string }).id);
    expect(
      await stack.server.jobs.queue('callbacks').getJob(`callback-${cbId}-attempt-1`),
    ).toBeTruthy();
    const complaintId = Number(saved.complaint?.id);
    const due = rows[0]!.due_at.getTime();
    const slaJobs = stack.server.jobs.queue('complaint-sla');
    expect(await slaJobs.getJob(`complaint-${complaintId}-breach-${due}`)).toBeTruthy();
  });

  it('lists the call’s recording for supervisors and plays it with an audit entry', async () => {
    const supervisor = await login('supervisor');
    const headers = { authorization: `Bearer ${supervisor.token}` };
    const from = new Date(stack.clock.now() - 3_600_000).toISOString();
    const to = new Date(stack.clock.now() + 3_600_000).toISOString();
    const item = await until('the recording to be listed', async () => {
      const res = await fetch(
        `${stack.url}/api/v1/console/recordings?from=${from}&to=${to}&q=${encodeURIComponent(DEMO_CUSTOMER.name)}`,
        { headers },
      );
      const body = (await res.json()) as { items: { callId: string; audioUrl: string }[] };
      return body.items.find((i) => i.callId === callId);
    });
    expect(item).toMatchObject({ customerName: DEMO_CUSTOMER.name, agentName: '陈晓' });
    const audio = await fetch(`${stack.url}${item.audioUrl}`, { headers });
    expect(audio.status).toBe(200);
    await audio.arrayBuffer();
    const audit = await stack.crm.audit.list({ action: 'recording.listen' });
    expect(audit.items.map((a) => a.actorId)).toContain(Number(supervisor.userId));
  });

  it('gives a reconnecting supervisor the stored samples of the last hour', async () => {
    const supervisor = await login('supervisor');
    const { snapshot } = await connect(supervisor.token);
    const vip = snapshot.supervisor?.history.filter((h) => h.queueId === 'vip') ?? [];
    expect(vip.some((h) => h.answered > 0)).toBe(true);
  });

  it('closes the user’s sockets at logout', async () => {
    const ended = nextEvent(socket, 'session:ended', () => true, 1_000);
    const res = await fetch(`${stack.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(res.status).toBe(204);
    expect(await ended).toEqual({ reason: 'logged_out' });
    await until('the socket to close', () => !socket.connected, 1_000);
  });

  it('closes a disabled user’s sockets when an administrator disables the account', async () => {
    const other = await login('agent3');
    const { socket: s3 } = await connect(other.token);
    const admin = await login('admin');
    const ended = nextEvent(s3, 'session:ended', () => true, 1_000);
    const res = await fetch(`${stack.url}/api/v1/users/${other.userId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ enabled: false }),
    });
    expect(res.status).toBe(200);
    expect(await ended).toEqual({ reason: 'disabled' });
    await until('the socket to close', () => !s3.connected, 1_000);
  });
});
