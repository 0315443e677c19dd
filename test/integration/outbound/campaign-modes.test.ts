/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access --
   The tests read fields of JSON answers freely; a wrong shape fails the expectation. */
import { describe, expect, it } from 'vitest';
import { loginToken, until } from '../../e2e/telephony/helpers.js';
import { bound, DialerEnv, dialledNumbers, seedHistory, zonesNow } from './dialer-support.js';

/**
 * Preview and predictive modes, an agent's "do not call me", and a server restart mid-campaign,
 * on the whole server (PostgreSQL, Redis, BullMQ, the PBX simulator at 5× time).
 */
describe('campaign modes', () => {
  const env = new DialerEnv('campaign_modes');
  const { call, login, attempts, contacts, settled } = bound(env);
  /** A campaign dialing `phones`, all in a zone inside calling hours now. */
  async function campaign(def: Record<string, unknown>, phones: string[]) {
    const { open } = zonesNow();
    const csv = ['phone,timezone', ...phones.map((p) => `${p},${open}`)].join('\n');
    const { id, report } = await env.campaign(def, csv);
    expect(report.imported).toBe(phones.length);
    return id;
  }

  it('preview: the agent gets a record, skips one, dials the next and gets that call', async () => {
    const id = await campaign({ name: 'preview', mode: 'preview' }, [
      '+8613911160001',
      '+8613911160002',
    ]);
    const [agentId] = await login('agent1');
    const token = await loginToken(env.stack, 'agent1');
    expect((await call('POST', `/campaigns/${id}/preview/next`, undefined, token)).status).toBe(
      409,
    );
    await call('POST', `/campaigns/${id}/start`);
    // Running in preview mode, the pacing dials nothing by itself.
    await new Promise((r) => setTimeout(r, 500));
    expect(await attempts(id)).toEqual([]);
    const first = await call('POST', `/campaigns/${id}/preview/next`, undefined, token);
    expect(first.json.contact).toMatchObject({ phone: '+8613911160001', status: 'pending' });
    // Asked again, the same record: it is held for this agent.
    const again = await call('POST', `/campaigns/${id}/preview/next`, undefined, token);
    expect(again.json.contact.id).toBe(first.json.contact.id);
    const skip = await call(
      'POST',
      `/campaigns/${id}/preview/skip`,
      { contactId: first.json.contact.id },
      token,
    );
    expect(skip.status).toBe(204);
    const second = await call('POST', `/campaigns/${id}/preview/next`, undefined, token);
    expect(second.json.contact.phone).toBe('+8613911160002');
    const notMine = await call(
      'POST',
      `/campaigns/${id}/preview/dial`,
      { contactId: first.json.contact.id },
      token,
    );
    expect(notMine.status).toBe(409);
    const dial = await call(
      'POST',
      `/campaigns/${id}/preview/dial`,
      { contactId: second.json.contact.id },
      token,
    );
    expect(dial.status).toBe(200);
    const offered = await env.stack.waitFor('offered', (e) => e.callId === dial.json.callId);
    expect(offered.agentId).toBe(agentId);
    expect(offered.origin).toMatchObject({ kind: 'outbound', campaignId: String(id) });
    const skipped = (await contacts(id)).find((c) => c.id === first.json.contact.id)!;
    expect(skipped.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    await env.stack.waitFor('connected', (e) => e.callId === dial.json.callId);
    env.stack.sim.control.hangup(dial.json.callId as string);
    await until(
      'the answered outcome',
      async () => (await attempts(id))[0]?.outcome === 'answered',
    );
    await call('POST', `/campaigns/${id}/stop`);
  });

  it('an agent’s "do not call me" puts the number on the DNC list for every campaign', async () => {
    const phone = '+8613911170001';
    const other = await campaign({ name: 'other', mode: 'progressive' }, [phone]);
    const id = await campaign({ name: 'dnc', mode: 'progressive' }, [phone]);
    await login('agent2');
    const token = await loginToken(env.stack, 'agent2');
    await call('POST', `/campaigns/${id}/start`);
    const a = await until('the dial', async () => (await attempts(id))[0]);
    await env.stack.waitFor('connected', (e) => e.callId === a.call_id);
    const said = await call(
      'POST',
      `/campaigns/calls/${a.call_id}/outcome`,
      { outcome: 'dnc_request' },
      token,
    );
    expect(said.status).toBe(204);
    expect((await call('GET', `/dnc/${encodeURIComponent(phone)}`)).json.listed).toBe(true);
    env.stack.sim.control.hangup(a.call_id);
    await until('the dnc outcome', async () => (await attempts(id))[0]?.outcome === 'dnc_request');
    expect((await contacts(id))[0]?.status).toBe('dnc');
    expect((await contacts(other))[0]?.status).toBe('dnc');
    const unknown = await call(
      'POST',
      '/campaigns/calls/not-a-campaign-call/outcome',
      { outcome: 'wrong_number' },
      token,
    );
    expect(unknown.status).toBe(404);
    await call('POST', `/campaigns/${id}/stop`);
  });

  it('predictive: dials ahead of the free agents and stays under its abandon cap', async () => {
    // 40 contacts: 30% people, 20% machines, 15% busy, the rest ring out after 5 s.
    const phones = Array.from(
      { length: 40 },
      (_, i) => `+86139111800${String(i).padStart(2, '0')}`,
    );
    phones.forEach((p, i) => {
      const name = `PJSIP/${p}@pstn`;
      const k = i % 20;
      if (k < 6)
        env.stack.sim.control.setEndpoint(name, { answer: 'answer', delayMs: 1000 + k * 500 });
      else if (k < 10)
        env.stack.sim.control.setEndpoint(name, { answer: 'answer', amd: 'MACHINE' });
      else if (k < 13) env.stack.sim.control.setEndpoint(name, { answer: 'busy', delayMs: 800 });
      else env.stack.sim.control.setEndpoint(name, { answer: 'no-answer' });
    });
    const id = await campaign(
      { name: 'predictive', mode: 'predictive', dialTimeoutSeconds: 5, maxAttempts: 1 },
      phones,
    );
    // Earlier days of this campaign: enough results for the pacing models (100 and more).
    await seedHistory(env.stack, id, 150);
    await login('agent1', 'agent2', 'agent3');
    const stop = env.customersHangUp(id);
    try {
      await call('POST', `/campaigns/${id}/start`);
      // The floor as each pacing tick left it: lines ringing against agents on duty.
      let most = 0;
      await until(
        'every contact settled',
        async () => {
          const f = (await call('GET', `/campaigns/${id}/stats`)).json;
          if (f.agentsOnDuty === 3) most = Math.max(most, f.ringingLines as number);
          return settled(id);
        },
        75_000,
      );
      // Progressive never rings more lines than free agents; the models (30% live answers
      // over 150 earlier dials) let predictive ring more than the three agents there are.
      expect(most).toBeGreaterThan(3);
    } finally {
      stop();
    }
    const rows = (await attempts(id)).filter((a) => phones.includes(a.phone));
    expect(rows).toHaveLength(40);
    expect(new Set(dialledNumbers(env.stack).filter((n) => phones.includes(n))).size).toBe(40);
    const stats = await call('GET', `/campaigns/${id}/stats`);
    expect(stats.json.windowAbandonedPercent).toBeLessThanOrEqual(
      stats.json.abandonCapPercent as number,
    );
    expect(stats.json.contactsRemaining).toBe(0);
    await call('POST', `/campaigns/${id}/stop`);
  }, 90_000);

  it('a server restart mid-campaign neither loses a contact nor dials an attempt twice', async () => {
    const phones = Array.from({ length: 8 }, (_, i) => `+861391119000${i}`);
    for (const p of phones) {
      env.stack.sim.control.setEndpoint(`PJSIP/${p}@pstn`, { answer: 'no-answer' });
    }
    const id = await campaign(
      { name: 'restart', mode: 'progressive', dialTimeoutSeconds: 5, maxAttempts: 1 },
      phones,
    );
    await login('agent1', 'agent2', 'agent3');
    await call('POST', `/campaigns/${id}/start`);
    await until('lines ringing', async () => (await attempts(id)).length >= 2);
    // The agents stay logged in: their state is in Redis.
    await env.stack.restartServer();
    await until('every contact settled', () => settled(id), 45_000);
    const rows = await attempts(id);
    expect(rows.map((r) => r.phone).sort()).toEqual(phones);
    expect(rows.every((r) => r.outcome === 'no_answer')).toBe(true);
    const byChannel = new Map<string, number>();
    for (const o of env.stack.sim.control.originated()) {
      byChannel.set(o.channelId, (byChannel.get(o.channelId) ?? 0) + 1);
    }
    for (const r of rows) expect(byChannel.get(r.call_id)).toBe(1);
    await call('POST', `/campaigns/${id}/stop`);
  });

  it('lists the dialer’s routes in the server’s OpenAPI document', async () => {
    const doc = await call('GET', '/openapi.json');
    expect(Object.keys(doc.json.paths as Record<string, unknown>)).toEqual(
      expect.arrayContaining([
        '/campaigns/{id}/preview/next',
        '/campaigns/{id}/preview/dial',
        '/campaigns/{id}/preview/skip',
        '/campaigns/calls/{callId}/outcome',
        '/campaigns/{id}/stats',
      ]),
    );
  });
});
