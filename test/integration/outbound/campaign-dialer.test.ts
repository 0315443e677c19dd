/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access --
   The tests read fields of JSON answers freely; a wrong shape fails the expectation. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import { heard, logoutAll, loginToken, until } from '../../e2e/telephony/helpers.js';
import { api, dialledNumbers, zonesNow } from './dialer-support.js';

/**
 * The campaign dialer on the whole server: real PostgreSQL and Redis, BullMQ pacing ticks and
 * dial jobs, the call layer over the PBX simulator (20× time: a 2 s connect deadline is 100 ms).
 */
interface AttemptRow {
  call_id: string;
  contact_id: string;
  phone: string;
  attempt: number;
  outcome: string | null;
  agent_id: string | null;
}

describe('campaign dialer', () => {
  let stack: Stack;
  let supervisor: string;
  let agents: string[] = [];

  beforeAll(async () => {
    stack = await startStack('campaign_dialer', {
      server: { dialer: { tickMs: 150, syncMs: 200 } },
    });
    supervisor = await loginToken(stack, 'supervisor');
  });
  afterAll(async () => {
    await stack?.stop();
  });
  afterEach(async () => {
    await logoutAll(stack, agents);
    agents = [];
    for (const e of stack.sim.control.endpoints()) stack.sim.control.clearEndpoint(e.name);
  });

  const call = (method: string, path: string, body?: unknown) =>
    api(stack, method, path, { token: supervisor, ...(body !== undefined ? { body } : {}) });

  async function campaign(def: Record<string, unknown>, csv: string) {
    const c = await call('POST', '/campaigns', {
      queueId: 'support',
      callerId: '021 5555 0000',
      ...def,
    });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    const imported = await api(stack, 'POST', `/campaigns/${c.json.id}/contacts/import`, {
      token: supervisor,
      csv,
    });
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
    return { id: c.json.id as number, report: imported.json };
  }
  const contacts = async (id: number) =>
    (await stack.crm.campaignContacts.list(id, { limit: 200 })).items;
  const attempts = (id: number) =>
    stack.crm
      .knex('campaign_attempts')
      .where({ campaign_id: id })
      .orderBy('id')
      .select<AttemptRow[]>('*');
  async function login(...usernames: string[]) {
    for (const u of usernames) agents.push(await stack.loginAgent(u));
  }

  it('imports a list with bad rows: good rows kept, bad rows reported with line and reason', async () => {
    const { open } = zonesNow();
    const csv = [
      '姓名,电话,时区,备注',
      `张三,13911120001,${open},VIP`,
      '李四,12345,,',
      `王五,+86 139 1112 0003,Mars/Olympus,`,
      `"赵六",139-1112-0004,${open},"多行
备注"`,
      `张三（重复）,+8613911120001,${open},`,
    ].join('\n');
    const { id, report } = await campaign({ name: '导入', mode: 'progressive' }, csv);
    expect(report.imported).toBe(2);
    expect(report.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/number/i) },
      { line: 4, reason: expect.stringMatching(/zone/i) },
    ]);
    expect(report.mergedInFile).toEqual([
      expect.objectContaining({ phone: '+8613911120001', keptLine: 2, mergedLines: [7] }),
    ]);
    const list = await contacts(id);
    expect(list.map((c) => [c.name, c.phone])).toEqual([
      ['张三', '+8613911120001'],
      ['赵六', '+8613911120004'],
    ]);
  });

  it('never dials a DNC number nor a contact outside its calling hours; dials the rest', async () => {
    const { open, closed } = zonesNow();
    const csv = [
      'name,phone,timezone',
      `listed,+8613911130001,${open}`,
      `asleep,+8613911130002,${closed}`,
      `awake,+8613911130003,${open}`,
    ].join('\n');
    const { id } = await campaign({ name: 'refusals', mode: 'progressive' }, csv);
    // Listed after the import: only the dial-time check can stop it.
    const dnc = await call('POST', '/dnc', { phone: '+8613911130001', reason: 'customer asked' });
    expect(dnc.status).toBe(201);
    await login('agent1');
    expect((await call('POST', `/campaigns/${id}/start`)).status).toBe(200);
    await stack.waitFor('offered', (e) => e.callerNumber === '+8613911130003');
    // Several more ticks: nothing else is dialed.
    await new Promise((r) => setTimeout(r, 800));
    expect(dialledNumbers(stack).filter((n) => n.startsWith('+86139111300'))).toEqual([
      '+8613911130003',
    ]);
    const byName = Object.fromEntries((await contacts(id)).map((c) => [c.name, c]));
    expect(byName.listed?.status).toBe('dnc');
    expect(byName.asleep).toMatchObject({ status: 'pending', attempts: 0 });
    // Put off to the next opening on the contact's own clock.
    expect(byName.asleep!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(byName.awake?.attempts).toBe(1);
    await call('POST', `/campaigns/${id}/stop`);
    stack.sim.control.hangup((await attempts(id))[0]!.call_id);
  });

  it('progressive: one line per free agent; answered calls reach an agent with the campaign screen pop', async () => {
    const { open } = zonesNow();
    const numbers = ['+8613911140001', '+8613911140002', '+8613911140003'];
    stack.sim.control.setEndpoint('PJSIP/+8613911140004@pstn', {
      answer: 'answer',
      amd: 'MACHINE',
    });
    stack.sim.control.setEndpoint('PJSIP/+8613911140005@pstn', { answer: 'busy', delayMs: 200 });
    const csv = [
      'name,phone,timezone',
      ...[...numbers, '+8613911140004', '+8613911140005'].map((n, i) => `c${i + 1},${n},${open}`),
    ].join('\n');
    const { id } = await campaign({ name: 'progressive', mode: 'progressive' }, csv);
    await login('agent1', 'agent2');
    await call('POST', `/campaigns/${id}/start`);
    let most = 0;
    // Customers hang up a moment after talking to an agent.
    const offStop = stack.server.telephony.onCallEvent((e) => {
      if (e.type === 'connected' && e.callId.startsWith(`cmp-${id}-`)) {
        setTimeout(() => stack.sim.control.hangup(e.callId), 100);
      }
    });
    try {
      await until(
        'every contact settled',
        async () => {
          most = Math.max(
            most,
            (await call('GET', `/campaigns/${id}/stats`)).json.ringingLines as number,
          );
          return (await contacts(id)).every(
            (c) => c.status !== 'pending' && c.status !== 'dialing',
          );
        },
        30_000,
      );
    } finally {
      offStop();
    }
    // Lines ringing as each pacing tick left them: never more than the two agents.
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
    const rows = await attempts(id);
    const outcome = Object.fromEntries(rows.map((a) => [a.phone, a.outcome]));
    expect(outcome).toEqual({
      '+8613911140001': 'answered',
      '+8613911140002': 'answered',
      '+8613911140003': 'answered',
      '+8613911140004': 'machine',
      '+8613911140005': 'busy',
    });
    for (const r of rows.filter((a) => a.outcome === 'answered')) {
      const offered = await stack.waitFor('offered', (e) => e.callId === r.call_id);
      expect(offered.origin).toEqual({
        kind: 'outbound',
        campaignId: String(id),
        contactId: String(r.contact_id),
      });
      // 'answered', not 'abandoned': an agent was offered it before the 2 s connect deadline.
      expect(r.agent_id).not.toBeNull();
    }
    // The machine was dispositioned, never put through.
    const machine = rows.find((a) => a.outcome === 'machine')!;
    expect(stack.events.some((e) => e.type === 'offered' && e.callId === machine.call_id)).toBe(
      false,
    );
    const stats = await call('GET', `/campaigns/${id}/stats`);
    expect(stats.json).toMatchObject({
      dialed: 5,
      answered: 3,
      machines: 1,
      abandoned: 0,
      contactsRemaining: 2,
    });
    expect(stats.json.occupancyPercent).toBeGreaterThan(0);
    const row = await stack.crm.interactions.findByCallId(machine.call_id);
    expect(row?.disposition).toBe('campaign_machine');
    await call('POST', `/campaigns/${id}/stop`);
  });

  it('a live answer no agent can take within 2 s hears the identification message and counts as abandoned', async () => {
    const { open } = zonesNow();
    stack.sim.control.setEndpoint('PJSIP/+8613911150001@pstn', { answer: 'answer', delayMs: 3000 });
    const { id } = await campaign(
      { name: 'late', mode: 'progressive' },
      `phone,timezone\n+8613911150001,${open}`,
    );
    await login('agent3');
    await call('POST', `/campaigns/${id}/start`);
    const a = await until('the dial', async () => (await attempts(id))[0]);
    // The only agent goes on a break while the customer's phone rings.
    await stack.server.telephony.acd.pauseAgent(agents[0]!, 'break');
    await stack.waitFor('ended', (e) => e.callId === a.call_id);
    expect(heard(stack, a.call_id)).toContain('sound:cc/campaign-identification');
    await until(
      'the abandoned outcome',
      async () => (await attempts(id))[0]?.outcome === 'abandoned',
    );
    const stats = await call('GET', `/campaigns/${id}/stats`);
    expect(stats.json).toMatchObject({ answered: 1, abandoned: 1, abandonedPercent: 100 });
    await call('POST', `/campaigns/${id}/stop`);
  });
});
