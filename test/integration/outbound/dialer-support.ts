import { afterAll, afterEach, beforeAll } from 'vitest';
import type { CampaignContactRecord } from '../../../crm-core/index.js';
import { isWithinCallingHours } from '../../../outbound/index.js';
import { startStack, type Stack } from '../../support/stack.js';
import { loginToken, logoutAll } from '../../e2e/telephony/helpers.js';

export interface AttemptRow {
  call_id: string;
  contact_id: string;
  phone: string;
  attempt: number;
  outcome: string | null;
  amd_status: string | null;
  agent_id: string | null;
}

/**
 * The whole server for a dialer test file (pacing every 150 ms, the PBX and call layer at 5×
 * time), the supervisor's session, and
 * after each test the agents it logged in logged out and the scripted phones cleared.
 */
export class DialerEnv {
  stack!: Stack;
  supervisor = '';
  private agents: string[] = [];

  constructor(label: string) {
    beforeAll(async () => {
      // 5× time: the 2 s connect deadline is 400 ms here, which a busy test machine still keeps.
      this.stack = await startStack(label, {
        speed: 5,
        server: { dialer: { tickMs: 150, syncMs: 200 } },
      });
      this.supervisor = await loginToken(this.stack, 'supervisor');
    });
    afterAll(async () => {
      await this.stack?.stop();
    });
    afterEach(async () => {
      await logoutAll(this.stack, this.agents);
      this.agents = [];
      for (const e of this.stack.sim.control.endpoints()) {
        this.stack.sim.control.clearEndpoint(e.name);
      }
    });
  }

  /** The REST API as the supervisor (or with `token`). */
  call(method: string, path: string, body?: unknown, token = this.supervisor) {
    return api(this.stack, method, path, { token, ...(body !== undefined ? { body } : {}) });
  }

  /** A campaign on the `support` queue with its contact list imported (the API's answers). */
  async campaign(
    def: Record<string, unknown>,
    csv: string,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the import report, read freely
  ): Promise<{ id: number; report: any }> {
    const c = await this.call('POST', '/campaigns', {
      queueId: 'support',
      callerId: '021 5555 0000',
      ...def,
    });
    if (c.status !== 201) throw new Error(`campaign not created: ${JSON.stringify(c.json)}`);
    const id = (c.json as { id: number }).id;
    const imported = await api(this.stack, 'POST', `/campaigns/${id}/contacts/import`, {
      token: this.supervisor,
      csv,
    });
    if (imported.status !== 200) throw new Error(`not imported: ${JSON.stringify(imported.json)}`);
    return { id, report: imported.json as unknown };
  }

  /** Logs CRM users into the ACD, ready; answers their agent ids. */
  async login(...usernames: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const u of usernames) ids.push(await this.stack.loginAgent(u));
    this.agents.push(...ids);
    return ids;
  }

  attempts(campaignId: number): Promise<AttemptRow[]> {
    return this.stack.crm
      .knex('campaign_attempts')
      .where({ campaign_id: campaignId })
      .orderBy('id')
      .select<AttemptRow[]>('*');
  }

  async contacts(campaignId: number): Promise<CampaignContactRecord[]> {
    return (await this.stack.crm.campaignContacts.list(campaignId, { limit: 200 })).items;
  }

  /** No contact waiting for a first dial or in a call. */
  async settled(campaignId: number): Promise<boolean> {
    return (await this.contacts(campaignId)).every(
      (c) => c.status !== 'pending' && c.status !== 'dialing',
    );
  }

  /** Customers hang up `afterMs` (real time) after an agent took their call. */
  customersHangUp(campaignId: number, afterMs = 100): () => void {
    return this.stack.server.telephony.onCallEvent((e) => {
      if (e.type === 'connected' && e.callId.startsWith(`cmp-${campaignId}-`)) {
        setTimeout(() => this.stack.sim.control.hangup(e.callId), afterMs);
      }
    });
  }
}

/** A JSON or CSV call on the stack's REST API with a session token. */
export async function api(
  stack: Stack,
  method: string,
  path: string,
  opts: { token: string; body?: unknown; csv?: string },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read freely
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token}` };
  let body: string | undefined;
  if (opts.csv !== undefined) {
    headers['content-type'] = 'text/csv; charset=utf-8';
    body = opts.csv;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(`${stack.url}/api/v1${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'Asia/Tokyo',
  'America/Los_Angeles',
  'Pacific/Honolulu',
  'Asia/Kolkata',
  'Pacific/Auckland',
  'America/Sao_Paulo',
  'Asia/Dubai',
];

/**
 * Zones where the wall clock is now (and for the next 15 minutes) inside, and outside, 09:00-21:00:
 * the dialer checks calling hours on the real clock, in each contact's own zone.
 */
export function zonesNow(): { open: string; closed: string } {
  const now = new Date();
  const later = new Date(now.getTime() + 15 * 60_000);
  const hours = { start: '09:00', end: '21:00' };
  const all = (z: string, inside: boolean) =>
    [now, later].every((t) => isWithinCallingHours(t, z, hours) === inside);
  const open = ZONES.find((z) => all(z, true));
  const closed = ZONES.find((z) => all(z, false));
  if (!open || !closed) throw new Error('no zone pair for the calling-hours test');
  return { open, closed };
}

/** Numbers the PBX simulator was asked to dial (from its originate log). */
export function dialledNumbers(stack: Stack): string[] {
  return stack.sim.control
    .originated()
    .filter((o) => o.channelId.startsWith('cmp-'))
    .map((o) => /^PJSIP\/(\+\d+)@pstn$/.exec(o.endpoint)?.[1] ?? o.endpoint);
}

/**
 * Earlier results of a campaign, as rows in PostgreSQL: `n` closed contacts with one finished
 * dial each (30% answered with 60 s talk, 20% machines, 15% busy, the rest no answer), started
 * over the last few hours. The pacing's models need 100 results before they predict.
 */
export async function seedHistory(stack: Stack, campaignId: number, n: number): Promise<void> {
  const knex = stack.crm.knex;
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const k = i % 20;
    const outcome = k < 6 ? 'answered' : k < 10 ? 'machine' : k < 13 ? 'busy' : 'no_answer';
    const startedAt = new Date(now - (n - i) * 60_000);
    const at = (ms: number) => new Date(startedAt.getTime() + ms);
    const phone = `+86139122${String(i).padStart(5, '0')}`;
    const [contact] = await knex('campaign_contacts')
      .insert({
        campaign_id: campaignId,
        phone,
        timezone: 'Asia/Shanghai',
        status: outcome === 'answered' ? 'done' : 'exhausted',
        attempts: 1,
        last_outcome: outcome,
        created_at: startedAt,
        updated_at: startedAt,
      })
      .returning<{ id: string }[]>('id');
    const answered = outcome === 'answered' || outcome === 'machine';
    await knex('campaign_attempts').insert({
      campaign_id: campaignId,
      contact_id: contact!.id,
      attempt: 1,
      call_id: `hist-${campaignId}-${i}`,
      phone,
      started_at: startedAt,
      answered_at: answered ? at(4000 + k * 300) : null,
      connected_at: outcome === 'answered' ? at(5000 + k * 300) : null,
      ended_at: at(outcome === 'answered' ? 65_000 : outcome === 'no_answer' ? 25_000 : 6000),
      outcome,
    });
  }
}

/** The environment's helpers as plain functions, for tests that call them often. */
export function bound(env: DialerEnv) {
  return {
    campaign: env.campaign.bind(env),
    call: env.call.bind(env),
    login: env.login.bind(env),
    attempts: env.attempts.bind(env),
    contacts: env.contacts.bind(env),
    settled: env.settled.bind(env),
  };
}
