/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access --
   The tests read fields of JSON answers freely; a wrong shape fails the expectation. */
import { describe, expect, it } from 'vitest';
import { heard, until } from '../../e2e/telephony/helpers.js';
import { bound, DialerEnv, dialledNumbers, zonesNow } from './dialer-support.js';

/**
 * The campaign dialer on the whole server: real PostgreSQL and Redis, BullMQ pacing ticks and
 * dial jobs, the call layer over the PBX simulator at 5× time.
 */
describe('campaign dialer', () => {
  const env = new DialerEnv('campaign_dialer');
  const { campaign, call, login, attempts, contacts } = bound(env);

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
    await env.stack.waitFor('offered', (e) => e.callerNumber === '+8613911130003');
    // Several more ticks: nothing else is dialed.
    await new Promise((r) => setTimeout(r, 800));
    expect(dialledNumbers(env.stack).filter((n) => n.startsWith('+86139111300'))).toEqual([
      '+8613911130003',
    ]);
    const byName = Object.fromEntries((await contacts(id)).map((c) => [c.name, c]));
    expect(byName.listed?.status).toBe('dnc');
    expect(byName.asleep).toMatchObject({ status: 'pending', attempts: 0 });
    // Put off to the next opening on the contact's own clock.
    expect(byName.asleep!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(byName.awake?.attempts).toBe(1);
    // Stopped with a call in progress: its tick runs on until the call is settled, then goes.
    const pacing = env.stack.server.jobs.queue('campaign-pacing');
    const ticking = async () =>
      (await pacing.getJobSchedulers(0, -1)).some((j) => j.key === `pace-${id}`);
    expect(await ticking()).toBe(true);
    await call('POST', `/campaigns/${id}/stop`);
    const callId = (await attempts(id))[0]!.call_id;
    await new Promise((r) => setTimeout(r, 500));
    expect(await ticking()).toBe(true);
    env.stack.sim.control.hangup(callId);
    await until('the call settled', async () => (await attempts(id))[0]?.outcome === 'answered');
    await until('the tick gone', async () => !(await ticking()));
  });

  it('a number listed while its dial waits for the PBX is not dialed; the attempt is given back', async () => {
    const { open } = zonesNow();
    const phone = '+8613911135001';
    const { id } = await campaign(
      { name: 'late dnc', mode: 'progressive' },
      `phone,timezone\n${phone},${open}`,
    );
    await login('agent1');
    // The ARI connection away for 2 s: dial jobs wait and run again.
    env.stack.sim.control.dropWebSocket({ refuseMs: 2000 });
    await until('ARI down', () => !env.stack.server.telephony.status().connected);
    await call('POST', `/campaigns/${id}/start`);
    await until('the claim', async () => (await attempts(id)).length === 1);
    expect((await call('POST', '/dnc', { phone, reason: 'customer asked' })).status).toBe(201);
    await until('the claim given back', async () => (await attempts(id)).length === 0);
    expect((await contacts(id))[0]).toMatchObject({ status: 'dnc', attempts: 0 });
    await until('ARI back', () => env.stack.server.telephony.status().connected, 15_000);
    expect(dialledNumbers(env.stack)).not.toContain(phone);
    await call('POST', `/campaigns/${id}/stop`);
  });

  it('progressive: one line per free agent; answered calls reach an agent with the campaign screen pop', async () => {
    const { open } = zonesNow();
    const numbers = ['+8613911140001', '+8613911140002', '+8613911140003'];
    env.stack.sim.control.setEndpoint('PJSIP/+8613911140004@pstn', {
      answer: 'answer',
      amd: 'MACHINE',
    });
    env.stack.sim.control.setEndpoint('PJSIP/+8613911140005@pstn', {
      answer: 'busy',
      delayMs: 200,
    });
    const csv = [
      'name,phone,timezone',
      ...[...numbers, '+8613911140004', '+8613911140005'].map((n, i) => `c${i + 1},${n},${open}`),
    ].join('\n');
    const { id } = await campaign({ name: 'progressive', mode: 'progressive' }, csv);
    await login('agent1', 'agent2');
    await call('POST', `/campaigns/${id}/start`);
    let most = 0;
    const offStop = env.customersHangUp(id);
    try {
      await until(
        'every contact settled',
        async () => {
          most = Math.max(
            most,
            (await call('GET', `/campaigns/${id}/stats`)).json.ringingLines as number,
          );
          return env.settled(id);
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
      const offered = await env.stack.waitFor('offered', (e) => e.callId === r.call_id);
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
    // AMD's verdict kept with each answered attempt; the busy line was never answered.
    expect(Object.fromEntries(rows.map((a) => [a.phone, a.amd_status]))).toEqual({
      '+8613911140001': 'HUMAN',
      '+8613911140002': 'HUMAN',
      '+8613911140003': 'HUMAN',
      '+8613911140004': 'MACHINE',
      '+8613911140005': null,
    });
    expect(env.stack.events.some((e) => e.type === 'offered' && e.callId === machine.call_id)).toBe(
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
    const row = await env.stack.crm.interactions.findByCallId(machine.call_id);
    expect(row?.disposition).toBe('campaign_machine');
    await call('POST', `/campaigns/${id}/stop`);
  }, 60_000);

  it('a live answer no agent can take within 2 s hears the identification message and counts as abandoned', async () => {
    const { open } = zonesNow();
    env.stack.sim.control.setEndpoint('PJSIP/+8613911150001@pstn', {
      answer: 'answer',
      delayMs: 3000,
    });
    const { id } = await campaign(
      { name: 'late', mode: 'progressive' },
      `phone,timezone\n+8613911150001,${open}`,
    );
    const [agentId] = await login('agent3');
    await call('POST', `/campaigns/${id}/start`);
    const a = await until('the dial', async () => (await attempts(id))[0]);
    // The only agent goes on a break while the customer's phone rings.
    await env.stack.server.telephony.acd.pauseAgent(agentId!, 'break');
    await env.stack.waitFor('ended', (e) => e.callId === a.call_id);
    expect(heard(env.stack, a.call_id)).toContain('sound:cc/campaign-identification');
    await until(
      'the abandoned outcome',
      async () => (await attempts(id))[0]?.outcome === 'abandoned',
    );
    const stats = await call('GET', `/campaigns/${id}/stats`);
    expect(stats.json).toMatchObject({ answered: 1, abandoned: 1, abandonedPercent: 100 });
    await call('POST', `/campaigns/${id}/stop`);
  });
});
