import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Callback, type Crm } from '../../../crm-core/index.js';
import { createLogger } from '../../../server/logger.js';
import { createCrmChangeFeed } from '../../../server/wiring/crm-changes.js';
import { crmSelfService } from '../../../server/wiring/telephony-ports.js';
import type { SelfService } from '../../../telephony/index.js';
import { backends, HOUR, TestClock, type OpenBackend } from './support/backends.js';

/**
 * The IVR's callback requests as the server answers them from the CRM: the caller's live
 * callback, and its cancel by the customer (audit without an actor, the change feed told once).
 */
describe.each(backends)('the IVR finds and cancels a caller’s callback on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  let self: SelfService;
  const cancelled: Callback[] = [];
  const clock = new TestClock();

  beforeAll(async () => {
    db = await backend.open('crm_cb_self_service');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { now: clock.now });
    const changes = createCrmChangeFeed(createLogger('silent'));
    changes.subscribe({ callbackCancelled: (cb) => void cancelled.push(cb) });
    self = crmSelfService(crm, changes);
  });
  afterAll(() => db.close());

  const book = (phone: string, queue: string, inHours: number) =>
    crm.callbacks.create({
      phone,
      origin: 'agent',
      queue,
      earliest: new Date(clock.now().getTime() + inHours * HOUR),
      latest: new Date(clock.now().getTime() + (inHours + 2) * HOUR),
      timezone: 'Europe/London',
    });

  it('answers the live callback whose window opens first, whatever the number’s spelling', async () => {
    const later = await book('13055550001', 'billing', 5);
    const first = await book('13055550001', 'support', 1);
    const found = await self.callbackByPhone('+86 130-5555-0001');
    expect(found).toEqual({
      found: true,
      id: first.id,
      status: 'pending',
      earliest: first.earliest.toISOString(),
      latest: first.latest.toISOString(),
      timezone: 'Europe/London',
    });
    // One being dialled can no longer be cancelled: the next one is offered instead.
    await crm.callbacks.startDial(first.id);
    expect(await self.callbackByPhone('13055550001')).toMatchObject({ id: later.id });
    expect(await self.callbackByPhone('13055550009')).toEqual({ found: false });
    expect(await self.callbackByPhone('not a number')).toEqual({ found: false });
  });

  it('cancels the caller’s own callback once, with an audit entry naming the customer and the call', async () => {
    const cb = await book('13055550002', 'support', 3);
    const request = { callbackId: String(cb.id), phone: '+8613055550002', callId: 'call-7' };
    expect(await self.cancelCallback(request)).toEqual({ found: true, status: 'cancelled' });
    const after = await crm.callbacks.get(cb.id);
    expect(after.status).toBe('cancelled');
    expect(after.notes).toContain('cancelled by the customer in the IVR (call call-7)');
    await expect.poll(() => cancelled.map((c) => c.id)).toEqual([cb.id]);

    // Asked again (a restarted node repeats the request): the same answer, nothing twice.
    expect(await self.cancelCallback(request)).toEqual({ found: true, status: 'cancelled' });
    const audit = await crm.audit.list({ entity: 'callback', entityId: String(cb.id) });
    expect(audit.items).toEqual([
      expect.objectContaining({
        action: 'callback.cancel',
        actorId: null,
        details: { by: 'customer', via: 'ivr', callId: 'call-7' },
      }),
    ]);
    expect(cancelled.map((c) => c.id)).toEqual([cb.id]);
  });

  it('leaves alone a callback of another number, one being dialled, and one that does not exist', async () => {
    const other = await book('13055550003', 'support', 3);
    const dialing = await book('13055550004', 'support', 3);
    await crm.callbacks.startDial(dialing.id);
    const ask = (id: number, phone: string) =>
      self.cancelCallback({ callbackId: String(id), phone, callId: 'call-8' });
    expect(await ask(other.id, '+8613055550004')).toEqual({ found: false });
    expect(await ask(dialing.id, '+8613055550004')).toEqual({ found: false });
    expect(await ask(999_999, '+8613055550004')).toEqual({ found: false });
    expect((await crm.callbacks.get(other.id)).status).toBe('pending');
    expect((await crm.callbacks.get(dialing.id)).status).toBe('dialing');
    expect(cancelled.map((c) => c.id)).not.toContain(other.id);
  });
});
