import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import {
  apiCall,
  heard,
  ivrNodes,
  loginToken,
  placeCall,
  resetFloor,
  toQueue,
  until,
  untilHeard,
} from './helpers.js';

/**
 * A customer keeps or cancels their own callback from the IVR (main menu 3): the whole server
 * with PostgreSQL, Redis, the callback jobs on BullMQ and the PBX simulator as their phone.
 */
describe('IVR: a caller with a booked callback keeps or cancels it', () => {
  let stack: Stack;
  let token: string;
  const loggedIn = new Set<string>();

  beforeAll(async () => {
    stack = await startStack('ivr_cb_cancel');
    token = await loginToken(stack, 'supervisor');
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(() => resetFloor(stack, loggedIn));

  const jobs = () => stack.server.jobs.queue('callbacks');
  const attemptJob = (id: number) => jobs().getJob(`callback-${id}-attempt-1`);
  const inAcd = async (id: string) =>
    (await stack.server.telephony.acd.snapshot()).calls.some((c) => c.id === id);

  /** A callback booked through the API for 6 May 2030, 14:30-16:00 Shanghai time. */
  async function bookCallback(phone: string): Promise<number> {
    const created = await apiCall(stack, token, 'POST', '/callbacks', {
      phone,
      origin: 'agent',
      queue: 'support',
      earliest: '2030-05-06T06:30:00Z',
      latest: '2030-05-06T08:00:00Z',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const job = await until('the delayed attempt job', () => attemptJob(id));
    expect(await job.getState()).toBe('delayed');
    return id;
  }

  /** Calls in, chooses Chinese, then 3 at the main menu. */
  async function callAndPress3(phone: string): Promise<string> {
    const callId = await placeCall(stack, phone);
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/main-menu');
    stack.sim.control.pressKeys(callId, '3');
    return callId;
  }

  it('presses 3, hears the booked window, presses 2: cancelled in the CRM with an audit entry, its job gone', async () => {
    const phone = '+8613922240001';
    const id = await bookCallback(phone);
    const callId = await callAndPress3(phone);
    await untilHeard(stack, callId, 'sound:cc/callback-booked-9');
    const media = heard(stack, callId);
    const booked = media.slice(media.indexOf('sound:cc/callback-booked-1'));
    expect(booked).toEqual([
      'sound:cc/callback-booked-1',
      'number:5',
      'sound:cc/callback-booked-2',
      'number:6',
      'sound:cc/callback-booked-3',
      'number:14',
      'sound:cc/callback-booked-4',
      'number:30',
      'sound:cc/callback-booked-5',
      'number:5',
      'sound:cc/callback-booked-6',
      'number:6',
      'sound:cc/callback-booked-7',
      'number:16',
      'sound:cc/callback-booked-8',
      'number:0',
      'sound:cc/callback-booked-9',
    ]);

    stack.sim.control.pressKeys(callId, '2');
    await untilHeard(stack, callId, 'sound:cc/callback-cancelled');
    const ended = await stack.waitFor('ended', (e) => e.callId === callId);
    expect(ended.abandoned).toBe(false);
    expect(ivrNodes(stack, callId)).toEqual(
      expect.arrayContaining(['callback-lookup', 'callback-booked', 'callback-cancel']),
    );

    const cb = await stack.crm.callbacks.get(id);
    expect(cb.status).toBe('cancelled');
    expect(cb.notes).toContain(`cancelled by the customer in the IVR (call ${callId})`);
    const audit = await stack.crm.audit.list({ entity: 'callback', entityId: String(id) });
    expect(audit.items).toContainEqual(
      expect.objectContaining({
        action: 'callback.cancel',
        actorId: null,
        details: { by: 'customer', via: 'ivr', callId },
      }),
    );
    await until('the attempt job to be removed', async () =>
      (await attemptJob(id)) ? null : true,
    );
  });

  it('presses 1 to keep it: the callback and its job stay, the caller hears so and goodbye', async () => {
    const phone = '+8613922240002';
    const id = await bookCallback(phone);
    const callId = await callAndPress3(phone);
    await untilHeard(stack, callId, 'sound:cc/callback-booked-9');
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/goodbye');
    await stack.waitFor('ended', (e) => e.callId === callId);
    expect(heard(stack, callId)).toContain('sound:cc/callback-kept');
    expect(ivrNodes(stack, callId)).not.toContain('callback-cancel');
    expect(['pending', 'scheduled']).toContain((await stack.crm.callbacks.get(id)).status);
    expect(await (await attemptJob(id))?.getState()).toBe('delayed');
    await apiCall(stack, token, 'POST', `/callbacks/${id}/cancel`, {});
  });

  it('without a booked callback, 3 goes on to today’s offer of a callback on the caller number', async () => {
    const phone = '+8613922240003';
    const callId = await callAndPress3(phone);
    await untilHeard(stack, callId, 'sound:cc/callback-offer-2');
    const media = heard(stack, callId);
    expect(media).toContain('digits:8613922240003');
    expect(media.some((m) => m.startsWith('sound:cc/callback-booked'))).toBe(false);
    expect(ivrNodes(stack, callId)).toContain('callback-lookup');
    // Booking one still works: 1 confirms the caller number.
    stack.sim.control.pressKeys(callId, '1');
    await untilHeard(stack, callId, 'sound:cc/callback-confirmed');
    await stack.waitFor('ended', (e) => e.callId === callId);
    const cb = await until('the new callback', async () => {
      const page = await stack.crm.callbacks.list({ phone, status: ['pending', 'scheduled'] });
      return page.items[0];
    });
    expect(cb.origin).toBe('ivr');
    await apiCall(stack, token, 'POST', `/callbacks/${cb.id}/cancel`, {});
  });

  it('a callback that keeps a queue place (*) can be cancelled by calling in again: its ACD entry goes', async () => {
    const phone = '+8613922240004';
    const first = await placeCall(stack, phone);
    await toQueue(stack, first);
    stack.sim.control.pressKeys(first, '*');
    await untilHeard(stack, first, 'sound:cc/callback-confirm-keys');
    stack.sim.control.pressKeys(first, '1');
    await untilHeard(stack, first, 'sound:cc/callback-confirmed');
    await stack.waitFor('ended', (e) => e.callId === first);
    const cb = (await stack.crm.callbacks.list({ phone })).items[0]!;
    const line = `cbk-${cb.id}-1`;
    await until('the kept place in the ACD', () => inAcd(line));

    const again = await callAndPress3(phone);
    await untilHeard(stack, again, 'sound:cc/callback-booked-9');
    stack.sim.control.pressKeys(again, '2');
    await untilHeard(stack, again, 'sound:cc/callback-cancelled');
    await stack.waitFor('ended', (e) => e.callId === again);
    await until('the callback cancelled', async () =>
      (await stack.crm.callbacks.get(cb.id)).status === 'cancelled' ? true : null,
    );
    await until('its ACD entry to go', async () => ((await inAcd(line)) ? null : true));
    expect(await attemptJob(cb.id)).toBeUndefined();
  });
});
