import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCrm,
  migrateLatest,
  type CampaignDefinition,
  type Crm,
} from '../../../crm-core/index.js';
import { backends, HOUR, TestClock, type OpenBackend } from './support/backends.js';

const definition: CampaignDefinition = {
  name: '续费提醒 renewal',
  queueId: 'outbound',
  mode: 'progressive',
  callingHours: { start: '09:00', end: '21:00' },
  maxAttempts: 2,
  retryDelayMinutes: { no_answer: 120, busy: 15, machine: 240, abandoned: 60 },
  callerId: '+862155550000',
  jurisdiction: 'default',
  abandonCap: { maxRate: 0.03, windowDays: 30 },
  defaultTimezone: 'Asia/Shanghai',
  amd: true,
  maxConnectDelayMs: 2000,
  dialTimeoutSeconds: 25,
  maxLinesPerAgent: 6,
};

const contact = (phone: string, line: number, extra: Record<string, unknown> = {}) => ({
  phone,
  name: null,
  timezone: 'Asia/Shanghai',
  account: null,
  data: {},
  line,
  ...extra,
});

describe.each(backends)('campaigns on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await backend.open('crm_campaigns');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, { now: clock.now });
  });
  afterAll(() => db.close());

  it('stores a definition and moves the state only from the states the caller allows', async () => {
    const c = await crm.campaigns.create(definition);
    expect(c).toMatchObject({ ...definition, state: 'draft', startedAt: null });
    const running = await crm.campaigns.move(c.id, ['draft', 'paused'], 'running');
    expect(running.state).toBe('running');
    expect(running.startedAt?.getTime()).toBe(clock.now().getTime());
    await expect(crm.campaigns.move(c.id, ['draft'], 'running')).rejects.toMatchObject({
      code: 'illegal_transition',
      status: 409,
      details: { from: 'running', to: 'running' },
    });
    await expect(crm.campaigns.update(c.id, definition, ['draft', 'paused'])).rejects.toMatchObject(
      { code: 'illegal_transition' },
    );
    expect(await crm.campaigns.runningIds()).toContain(c.id);
    await crm.campaigns.move(c.id, ['running'], 'paused');
    const edited = await crm.campaigns.update(c.id, { ...definition, maxAttempts: 5 }, ['paused']);
    expect(edited.maxAttempts).toBe(5);
    const stopped = await crm.campaigns.move(c.id, ['running', 'paused'], 'stopped');
    expect(stopped.stoppedAt).not.toBeNull();
    const page = await crm.campaigns.list({ state: 'stopped' });
    expect(page.items.map((x) => x.id)).toEqual([c.id]);
    await expect(crm.campaigns.get(999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('merges a re-imported number into its row and keeps Chinese names', async () => {
    const c = await crm.campaigns.create(definition);
    const first = await crm.campaignContacts.import(c.id, [
      contact('+8613800000001', 2, { name: '王芳', data: { city: '上海' } }),
      contact('+8613800000002', 3),
    ]);
    expect(first).toEqual({ inserted: 2, mergedIntoExisting: 0 });
    const again = await crm.campaignContacts.import(c.id, [
      contact('+8613800000002', 2, { name: '李雷', account: 'A-2', data: { plan: 'gold' } }),
      contact('+8613800000001', 3, { name: 'Other', data: { city: '北京', plan: 'x' } }),
    ]);
    expect(again).toEqual({ inserted: 0, mergedIntoExisting: 2 });
    const { items } = await crm.campaignContacts.list(c.id);
    expect(items.map((x) => [x.phone, x.name, x.account, x.data])).toEqual([
      ['+8613800000001', '王芳', '', { city: '上海', plan: 'x' }],
      ['+8613800000002', '李雷', 'A-2', { plan: 'gold' }],
    ]);
    await expect(crm.campaignContacts.import(999_999, [])).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('claims a contact once, records one outcome per call, and retries when due', async () => {
    const c = await crm.campaigns.create(definition);
    await crm.campaignContacts.import(c.id, [contact('+8613800000011', 2)]);
    const [due] = await crm.campaignContacts.due(c.id, 10);
    if (!due) throw new Error('no contact due');
    const [a, b] = await Promise.all([
      crm.campaignAttempts.claim(due, 'call-a'),
      crm.campaignAttempts.claim(due, 'call-b'),
    ]);
    const won = a ?? b;
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(won?.contact).toMatchObject({ status: 'dialing', attempts: 1 });
    const callId = won!.attempt.callId;
    expect(await crm.campaignContacts.due(c.id, 10)).toEqual([]);
    await crm.campaignAttempts.markAnswered(callId, 'MACHINE');
    const retryAt = new Date(clock.now().getTime() + 4 * HOUR);
    const finish = {
      outcome: 'machine' as const,
      contact: { status: 'retry' as const, nextAttemptAt: retryAt },
      addToDnc: false,
    };
    expect(await crm.campaignAttempts.finish(callId, finish)).toBe(true);
    expect(await crm.campaignAttempts.finish(callId, finish)).toBe(false);
    expect(await crm.campaignContacts.due(c.id, 10)).toEqual([]);
    expect(await crm.campaignContacts.countDue(c.id)).toBe(0);
    clock.advance(4 * HOUR);
    const [again] = await crm.campaignContacts.due(c.id, 10);
    expect(again).toMatchObject({ status: 'retry', attempts: 1, lastOutcome: 'machine' });
    const counts = await crm.campaignAttempts.counts(c.id, 30);
    expect(counts.outcomes.machine).toBe(1);
    expect(counts).toMatchObject({ open: 0, contactsTotal: 1, contactsClosed: 0 });
    expect(counts.window).toEqual({ liveAnswers: 0, abandoned: 0 });
    const samples = await crm.campaignAttempts.recent(c.id, 10);
    expect(samples).toEqual([expect.objectContaining({ outcome: 'machine' })]);
  });

  it('lists a number that asks not to be called and never hands it out again', async () => {
    const c = await crm.campaigns.create(definition);
    const other = await crm.campaigns.create(definition);
    await crm.campaignContacts.import(c.id, [contact('+8613800000021', 2)]);
    await crm.campaignContacts.import(other.id, [contact('+8613800000021', 2)]);
    const [due] = await crm.campaignContacts.due(c.id, 1);
    const claimed = await crm.campaignAttempts.claim(due!, 'call-dnc');
    await crm.campaignAttempts.markConnected('call-dnc', null);
    await crm.campaignAttempts.finish('call-dnc', {
      outcome: 'dnc_request',
      contact: { status: 'dnc', nextAttemptAt: null },
      addToDnc: true,
    });
    expect(claimed).not.toBeNull();
    expect(await crm.dnc.has('+8613800000021')).toBe(true);
    expect(await crm.campaignContacts.due(other.id, 10)).toEqual([]);
    const { items } = await crm.campaignContacts.list(other.id);
    expect(items[0]?.status).toBe('dnc');
    const counts = await crm.campaignAttempts.counts(c.id, 30);
    expect(counts.window).toEqual({ liveAnswers: 1, abandoned: 0 });
    expect(counts.contactsClosed).toBe(1);
  });

  it('withdraws a claim never dialed: the attempt goes, the contact gets its attempt back', async () => {
    const c = await crm.campaigns.create(definition);
    await crm.campaignContacts.import(c.id, [contact('+8613800000031', 2)]);
    const [due] = await crm.campaignContacts.due(c.id, 1);
    await crm.campaignAttempts.claim(due!, 'call-withdrawn');
    expect(await crm.campaignAttempts.withdraw('call-withdrawn', 'dnc')).toBe(true);
    expect(await crm.campaignAttempts.withdraw('call-withdrawn', 'dnc')).toBe(false);
    expect(await crm.campaignAttempts.byCallId('call-withdrawn')).toBeNull();
    const { items } = await crm.campaignContacts.list(c.id);
    expect(items[0]).toMatchObject({ status: 'dnc', attempts: 0 });
    // A settled attempt stays.
    await crm.campaignContacts.import(c.id, [contact('+8613800000032', 3)]);
    const [next] = await crm.campaignContacts.due(c.id, 1);
    await crm.campaignAttempts.claim(next!, 'call-settled');
    await crm.campaignAttempts.finish('call-settled', {
      outcome: 'busy',
      contact: { status: 'retry', nextAttemptAt: null },
      addToDnc: false,
    });
    expect(await crm.campaignAttempts.withdraw('call-settled', 'pending')).toBe(false);
    expect((await crm.campaignAttempts.byCallId('call-settled'))?.outcome).toBe('busy');
  });

  it('keeps the DNC list: adds once, checks in bulk, pages, removes', async () => {
    const r = await crm.dnc.add(['+8613900000001', '+8613900000002'], { source: 'import' });
    expect(r).toEqual({ added: 2, alreadyListed: 0 });
    expect(await crm.dnc.add(['+8613900000001'], { source: 'api' })).toEqual({
      added: 0,
      alreadyListed: 1,
    });
    const listed = await crm.dnc.listed(['+8613900000001', '+8613900000009']);
    expect([...listed]).toEqual(['+8613900000001']);
    const page = await crm.dnc.list({ prefix: '+86139', limit: 1 });
    expect(page.items.map((e) => e.phone)).toEqual(['+8613900000001']);
    const next = await crm.dnc.list({ prefix: '86139', after: page.nextCursor });
    expect(next.items.map((e) => e.phone)).toEqual(['+8613900000002']);
    await crm.dnc.remove('+8613900000002');
    await expect(crm.dnc.remove('+8613900000002')).rejects.toMatchObject({ code: 'not_found' });
    await expect(crm.dnc.list({ prefix: 'abc' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
