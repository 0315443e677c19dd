import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import {
  logoutAll,
  agentLeg,
  ariGet,
  ariPost,
  ariTime,
  callerHangsUp,
  heard,
  interactionOf,
  placeCall,
  toQueue,
  until,
  untilHeard,
} from './helpers.js';

describe('queue, agent offer and hang-ups over the PBX simulator', () => {
  let stack: Stack;
  const loggedIn = new Set<string>();

  beforeAll(async () => {
    stack = await startStack('tel_queue');
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(async () => {
    await logoutAll(stack, loggedIn);
    loggedIn.clear();
    for (const e of stack.sim.control.endpoints()) stack.sim.control.clearEndpoint(e.name);
  });

  async function login(username: string): Promise<string> {
    const id = await stack.loginAgent(username);
    loggedIn.add(id);
    return id;
  }

  it('queue and connect: the pop precedes the ring, then caller and agent share a mixing bridge', async () => {
    const agentId = await login('agent1');
    const callId = await placeCall(stack, '+8613922220001');
    await toQueue(stack, callId);
    const offered = await stack.waitFor('offered', (e) => e.callId === callId);
    expect(offered.agentId).toBe(agentId);
    expect(offered.queueId).toBe('support');
    const connected = await stack.waitFor('connected', (e) => e.callId === callId);
    expect(connected.recording).toBe('recording');
    const leg = await agentLeg(stack, callId);
    const legChannel = (await ariGet(stack, `/channels/${leg}`)) as {
      creationtime: string;
      name: string;
    };
    expect(legChannel.name).toMatch(/^PJSIP\/1001-/);
    // The pop went out before the agent's phone was dialled.
    expect(ariTime(legChannel.creationtime)).toBeGreaterThanOrEqual(offered.at);
    const legState = stack.sim.control.state().channels.find((c) => c.id === leg)!;
    expect(legState.stasis?.args).toEqual(['agent', callId]);
    const bridge = await until('the mixing bridge', () =>
      stack.sim.control
        .state()
        .bridges.find((b) => b.types.includes('mixing') && b.channels.includes(callId)),
    );
    expect([...bridge.channels].sort()).toEqual([callId, leg].sort());
    // The caller left the queue's holding bridge, which stays, with its music, for the next caller.
    const hold = stack.sim.control.state().bridges.find((b) => b.id === 'hold-q-support');
    expect(hold).toMatchObject({ types: ['holding'], moh: 'default' });
    expect(hold?.channels).not.toContain(callId);
    const row = await interactionOf(stack, callId, (r) => r.answeredAt !== null);
    expect(String(row.agentId)).toBe(agentId);
    expect(row.queue).toBe('support');
    const live = await stack.server.telephony.liveCall(agentId);
    expect(live?.phase).toBe('connected');
    expect(live?.pop.callerNumber).toBe('+8613922220001');
    await callerHangsUp(stack, callId);
  });

  it('a VIP caller: the agent hears the whisper before being bridged', async () => {
    const agentId = await login('agent4');
    const callId = await placeCall(stack, '+8613800138000');
    stack.sim.control.pressKeys(callId, '1');
    const offered = await stack.waitFor('offered', (e) => e.callId === callId);
    expect(offered).toMatchObject({ agentId, queueId: 'vip' });
    expect(offered.caller).toMatchObject({ vip: true, name: '李伟' });
    await stack.waitFor('connected', (e) => e.callId === callId);
    const leg = await agentLeg(stack, callId);
    const agentHeard = heard(stack, leg);
    expect(agentHeard[0]).toBe('sound:cc/whisper-vip');
    // The caller never heard the whisper.
    expect(heard(stack, callId)).not.toContain('sound:cc/whisper-vip');
    await callerHangsUp(stack, callId);
  });

  it('no answer: the ring timeout offers the caller to the next agent, keeping their place', async () => {
    stack.sim.control.setEndpoint('PJSIP/1001', { answer: 'no-answer' });
    const first = await login('agent1');
    const second = await login('agent2');
    const callId = await placeCall(stack, '+8613922220002');
    await toQueue(stack, callId);
    const failed = await stack.waitFor('offer_failed', (e) => e.callId === callId);
    expect(failed).toMatchObject({ agentId: first, why: 'no_answer' });
    const connected = await stack.waitFor('connected', (e) => e.callId === callId);
    expect(connected.agentId).toBe(second);
    const offers = stack.events.filter((e) => e.type === 'offered' && e.callId === callId);
    expect(offers.map((o) => (o.type === 'offered' ? [o.agentId, o.attempt] : []))).toEqual([
      [first, 1],
      [second, 2],
    ]);
    // The caller waited in the same holding bridge with music until the second agent.
    expect(heard(stack, callId).filter((m) => m === 'moh:default')).toHaveLength(1);
    await callerHangsUp(stack, callId);
  });

  it('busy: a busy agent phone is reported and the call goes to the next agent', async () => {
    stack.sim.control.setEndpoint('PJSIP/1001', { answer: 'busy' });
    const first = await login('agent1');
    const second = await login('agent2');
    const callId = await placeCall(stack, '+8613922220003');
    await toQueue(stack, callId);
    const failed = await stack.waitFor('offer_failed', (e) => e.callId === callId);
    expect(failed).toMatchObject({ agentId: first, why: 'busy' });
    const connected = await stack.waitFor('connected', (e) => e.callId === callId);
    expect(connected.agentId).toBe(second);
    await callerHangsUp(stack, callId);
  });

  it('transfer to another queue: the first agent wraps up, the caller waits and reaches the next agent', async () => {
    const first = await login('agent1');
    const callId = await placeCall(stack, '+8613922220004');
    await toQueue(stack, callId);
    await stack.waitFor('connected', (e) => e.callId === callId && e.agentId === first);
    const second = await login('agent3');
    await stack.server.telephony.service.transfer(first, callId, {
      kind: 'queue',
      queueId: 'complaints',
    });
    const ended = await stack.waitFor('ended', (e) => e.callId === callId && e.agentId === first);
    expect(ended.endedBy).toBe('transfer');
    const next = await stack.waitFor(
      'connected',
      (e) => e.callId === callId && e.agentId === second,
    );
    expect(next.agentId).toBe(second);
    const rec = await stack.server.telephony.service.call(callId);
    expect(rec?.queue?.queueId).toBe('complaints');
    await expect(
      stack.server.telephony.service.transfer(first, callId, { kind: 'queue', queueId: 'support' }),
    ).rejects.toMatchObject({ code: 'not_your_call' });
    await callerHangsUp(stack, callId);
    // One file a bridge; the row keeps both, in order, with their lengths.
    const row = await interactionOf(
      stack,
      callId,
      (r) =>
        r.endedAt !== null &&
        (r.recording?.segments.length ?? 0) === 2 &&
        r.recording!.segments.every((s) => s.durationSeconds !== null),
    );
    expect(row.recording?.name).toBe(callId);
    expect(row.recording?.segments.map((s) => s.name)).toEqual([
      callId,
      expect.stringMatching(new RegExp(`^${callId.replace(/\./g, '\\.')}-\\d+$`)),
    ]);
    const stored = stack.sim.control.state().recordings.stored.map((r) => r.name);
    for (const s of row.recording!.segments) expect(stored).toContain(s.name);
  });

  it('caller hangs up in the IVR: the call ends, not abandoned', async () => {
    const callId = await placeCall(stack, '+8613922220010');
    await untilHeard(stack, callId, 'sound:cc/welcome');
    await callerHangsUp(stack, callId);
    const ended = await stack.waitFor('ended', (e) => e.callId === callId);
    expect(ended).toMatchObject({ endedBy: 'caller', abandoned: false, agentId: null });
    const row = await interactionOf(stack, callId, (r) => r.endedAt !== null);
    expect(row.abandoned).toBe(false);
    expect(row.queuedAt).toBeNull();
  });

  it("caller hangs up while queued: abandoned, out of the ACD, out of the queue's holding bridge", async () => {
    const callId = await placeCall(stack, '+8613922220011');
    await toQueue(stack, callId);
    await callerHangsUp(stack, callId);
    const ended = await stack.waitFor('ended', (e) => e.callId === callId);
    expect(ended).toMatchObject({ endedBy: 'caller', abandoned: true });
    const row = await interactionOf(stack, callId, (r) => r.endedAt !== null);
    expect(row.abandoned).toBe(true);
    expect(row.waitSeconds).not.toBeNull();
    const snapshot = await stack.server.telephony.acd.snapshot();
    expect(JSON.stringify(snapshot)).not.toContain(callId);
    // Only the queues' holding bridges are left, waiting for the next callers.
    await until('no bridge with the caller', () =>
      stack.sim.control
        .state()
        .bridges.every((b) => b.id.startsWith('hold-q-') && !b.channels.includes(callId))
        ? true
        : null,
    );
  });

  it('caller hangs up while the agent phone rings: the agent leg is hung up, a missed call', async () => {
    stack.sim.control.setEndpoint('PJSIP/1001', { answer: 'no-answer' });
    const agentId = await login('agent1');
    const callId = await placeCall(stack, '+8613922220012');
    await toQueue(stack, callId);
    await stack.waitFor('offered', (e) => e.callId === callId);
    const leg = await agentLeg(stack, callId);
    await callerHangsUp(stack, callId);
    const ended = await stack.waitFor('ended', (e) => e.callId === callId);
    expect(ended).toMatchObject({ agentId, missed: true, abandoned: true });
    await until('the agent leg to be hung up', () =>
      stack.sim.control.state().channels.every((c) => c.id !== leg) ? true : null,
    );
    const row = await interactionOf(stack, callId, (r) => r.endedAt !== null);
    expect(row.abandoned).toBe(true);
  });

  it('caller hangs up while connected: agent leg hung up, agent to wrap-up, row finalised', async () => {
    const agentId = await login('agent1');
    const callId = await placeCall(stack, '+8613922220013');
    await toQueue(stack, callId);
    await stack.waitFor('connected', (e) => e.callId === callId);
    const leg = await agentLeg(stack, callId);
    await new Promise((r) => setTimeout(r, 200));
    stack.sim.control.hangup(callId);
    const ended = await stack.waitFor('ended', (e) => e.callId === callId && e.wrapUpSeconds > 0);
    expect(ended).toMatchObject({ agentId, endedBy: 'caller', missed: false, abandoned: false });
    expect(ended.talkSeconds).toBeGreaterThanOrEqual(3);
    await until('the agent leg to be hung up', () =>
      stack.sim.control.state().channels.every((c) => c.id !== leg) ? true : null,
    );
    const live = await stack.server.telephony.liveCall(agentId);
    expect(live?.phase).toBe('wrap_up');
    const row = await interactionOf(stack, callId, (r) => r.talkSeconds !== null);
    expect(row.talkSeconds).toBeGreaterThanOrEqual(3);
    expect(row.abandoned).toBe(false);
    expect(row.endedAt).not.toBeNull();
  });

  it('the agent hangs up first: the caller hears goodbye and is hung up', async () => {
    const agentId = await login('agent1');
    const callId = await placeCall(stack, '+8613922220014');
    await toQueue(stack, callId);
    await stack.waitFor('connected', (e) => e.callId === callId);
    await stack.server.telephony.service.hangup(agentId, callId);
    const ended = await stack.waitFor('ended', (e) => e.callId === callId);
    expect(ended).toMatchObject({ agentId, endedBy: 'agent' });
    await untilHeard(stack, callId, 'sound:cc/goodbye');
    await until('the caller to be hung up', () =>
      stack.sim.control.state().channels.every((c) => c.id !== callId) ? true : null,
    );
  });

  it('a key while queued leaves the line for a callback that keeps the place', async () => {
    const callId = await placeCall(stack, '+8613922220015');
    await toQueue(stack, callId);
    stack.sim.control.pressKeys(callId, '*');
    await untilHeard(stack, callId, 'sound:cc/callback-confirmed');
    const ended = await stack.waitFor('ended', (e) => e.callId === callId);
    expect(ended).toMatchObject({ endedBy: 'callback', abandoned: false });
    const callbacks = await stack.crm.callbacks.list({});
    const mine = callbacks.items.find((c) => c.phone === '+8613922220015');
    expect(mine).toMatchObject({ queue: 'support', status: 'pending' });
    const place = JSON.parse(
      (await stack.redis.redis.get(`${stack.redis.prefix}tel:place:${mine!.id}`))!,
    ) as { queueId: string; enqueuedAt: number };
    expect(place.queueId).toBe('support');
    // The outbound workers dial the callback; answered, it waits in the place the caller left.
    const res = await ariPost(
      stack,
      `/channels?endpoint=${encodeURIComponent('PJSIP/+8613922220015@pstn')}&app=contact-center&appArgs=callback,${mine!.id}`,
    );
    const leg = (res as { id: string }).id;
    const arrived = await stack.waitFor('arrived', (e) => e.callId === leg);
    expect(arrived.origin).toEqual({ kind: 'callback', callbackId: String(mine!.id) });
    await stack.waitFor('queued', (e) => e.callId === leg);
    const rec = await stack.server.telephony.service.call(leg);
    expect(rec?.queue).toMatchObject({ queueId: 'support', enqueuedAt: place.enqueuedAt });
    expect(rec?.callerNumber).toBe('+8613922220015');
    stack.sim.control.hangup(leg);
    await stack.waitFor('ended', (e) => e.callId === leg);
  });

  it('while queued the caller hears their position and the estimated wait', async () => {
    const callId = await placeCall(stack, '+8613922220016');
    await toQueue(stack, callId);
    await untilHeard(stack, callId, 'sound:cc/queue-position');
    await untilHeard(stack, callId, 'sound:cc/queue-callback-offer');
    const media = heard(stack, callId);
    const at = media.indexOf('sound:cc/queue-position');
    expect(media[at + 1]).toBe('number:1');
    await callerHangsUp(stack, callId);
  });
});
