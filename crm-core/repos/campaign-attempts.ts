import {
  CAMPAIGN_OUTCOMES,
  type CampaignAttemptRecord,
  type CampaignContactRecord,
  type CampaignContactStatus,
  type CampaignCounts,
  type CampaignOutcome,
} from '../campaign-types.js';
import type { CrmContext } from '../context.js';
import { toCampaignAttempt, toCampaignContact } from './campaign-mappers.js';
import { date, dateOrNull, num, type Row } from './rows.js';

/** Outcomes where a person picked up: the denominator of the abandon rate. */
export const LIVE_OUTCOMES: readonly CampaignOutcome[] = [
  'answered',
  'abandoned',
  'wrong_number',
  'dnc_request',
];
const CLOSED_STATUSES: readonly CampaignContactStatus[] = ['done', 'exhausted', 'invalid', 'dnc'];

export interface ContactAfterOutcome {
  status: CampaignContactStatus;
  nextAttemptAt: Date | null;
}

export interface FinishInput {
  outcome: CampaignOutcome;
  /** The contact as outbound's applyContactOutcome left it. */
  contact: ContactAfterOutcome;
  /** The person asked not to be called: the number goes on the DNC list in the same step. */
  addToDnc: boolean;
  agentId?: number | null;
}

export interface DialSample {
  startedAt: Date;
  answeredAt: Date | null;
  connectedAt: Date | null;
  endedAt: Date | null;
  outcome: CampaignOutcome;
}

/**
 * Each dial of a campaign contact. A dial starts by claiming the contact (a conditional update,
 * so two workers never dial the same contact) and ends once: the first outcome recorded wins,
 * a second report of the same call changes nothing.
 */
export class CampaignAttemptRepository {
  constructor(private readonly ctx: CrmContext) {}

  /**
   * Marks the contact dialing (attempt counted now, so a worker dying mid-call cannot redial it
   * for ever) and logs the attempt under `callId`. Null when another worker took it first, it
   * changed since it was read, or its number is on the DNC list.
   */
  async claim(
    contact: Pick<CampaignContactRecord, 'id' | 'attempts'>,
    callId: string,
  ): Promise<{ contact: CampaignContactRecord; attempt: CampaignAttemptRecord } | null> {
    const now = this.ctx.now();
    return this.ctx.knex.transaction(async (trx) => {
      const { rows } = await trx.raw<{ rows: Row[] }>(
        `update campaign_contacts c
            set status = 'dialing', attempts = attempts + 1, next_attempt_at = null, updated_at = ?
          where c.id = ? and c.attempts = ? and c.status in ('pending', 'retry')
            and not exists (select 1 from dnc_numbers d where d.phone = c.phone)
          returning c.*`,
        [now, contact.id, contact.attempts],
      );
      const row = rows[0];
      if (!row) return null;
      const claimed = toCampaignContact(row);
      const [a] = await trx('campaign_attempts')
        .insert({
          campaign_id: claimed.campaignId,
          contact_id: claimed.id,
          attempt: claimed.attempts,
          call_id: callId,
          phone: claimed.phone,
          started_at: now,
        })
        .returning<Row[]>('*');
      return { contact: claimed, attempt: toCampaignAttempt(a!) };
    });
  }

  async byCallId(callId: string): Promise<CampaignAttemptRecord | null> {
    const row = await this.ctx
      .knex('campaign_attempts')
      .where({ call_id: callId })
      .first<Row | undefined>();
    return row ? toCampaignAttempt(row) : null;
  }

  async markAnswered(callId: string, amdStatus: string | null): Promise<void> {
    await this.ctx
      .knex('campaign_attempts')
      .where({ call_id: callId })
      .whereNull('answered_at')
      .update({ answered_at: this.ctx.now(), amd_status: amdStatus });
  }

  async markConnected(callId: string, agentId: number | null): Promise<void> {
    await this.ctx
      .knex('campaign_attempts')
      .where({ call_id: callId })
      .whereNull('connected_at')
      .update({ connected_at: this.ctx.now(), agent_id: agentId });
  }

  /**
   * Records the outcome, moves the contact and, for a "do not call me", lists the number: one
   * transaction. False when the attempt already had an outcome (a repeated report).
   */
  async finish(callId: string, input: FinishInput): Promise<boolean> {
    const now = this.ctx.now();
    return this.ctx.knex.transaction(async (trx) => {
      const [a] = await trx('campaign_attempts')
        .where({ call_id: callId })
        .whereNull('outcome')
        .update({
          outcome: input.outcome,
          ended_at: now,
          ...(input.agentId !== undefined ? { agent_id: input.agentId } : {}),
        })
        .returning<Row[]>('*');
      if (!a) return false;
      const attempt = toCampaignAttempt(a);
      await trx('campaign_contacts').where({ id: attempt.contactId, status: 'dialing' }).update({
        status: input.contact.status,
        next_attempt_at: input.contact.nextAttemptAt,
        last_outcome: input.outcome,
        updated_at: now,
      });
      if (input.addToDnc) {
        await trx('dnc_numbers')
          .insert({
            phone: attempt.phone,
            source: 'agent',
            reason: 'asked not to be called',
            campaign_id: attempt.campaignId,
            added_by: attempt.agentId,
            created_at: now,
          })
          .onConflict('phone')
          .ignore();
        await trx('campaign_contacts')
          .where({ phone: attempt.phone })
          .whereIn('status', ['pending', 'retry'])
          .update({ status: 'dnc', next_attempt_at: null, updated_at: now });
      }
      return true;
    });
  }

  /**
   * Takes back a claim that was never dialed (its number went on the DNC list before the dial):
   * the attempt row goes and the contact's attempt is given back, with `status`. False when the
   * attempt has an outcome already or is unknown.
   */
  async withdraw(callId: string, status: 'dnc' | 'pending'): Promise<boolean> {
    const now = this.ctx.now();
    return this.ctx.knex.transaction(async (trx) => {
      const [a] = await trx('campaign_attempts')
        .where({ call_id: callId })
        .whereNull('outcome')
        .delete()
        .returning<Row[]>(['contact_id']);
      if (!a) return false;
      await trx('campaign_contacts')
        .where({ id: a.contact_id, status: 'dialing' })
        .update({
          status,
          attempts: trx.raw('attempts - 1'),
          next_attempt_at: null,
          updated_at: now,
        });
      return true;
    });
  }

  /** Attempts with no outcome yet (lines ringing, calls in progress). */
  async open(campaignId: number): Promise<CampaignAttemptRecord[]> {
    const rows = (await this.ctx
      .knex('campaign_attempts')
      .where({ campaign_id: campaignId })
      .whereNull('outcome')
      .orderBy('id')) as Row[];
    return rows.map(toCampaignAttempt);
  }

  /** The latest finished dials, newest first: the pacing models are built from them. */
  async recent(campaignId: number, limit: number): Promise<DialSample[]> {
    const rows = await this.ctx
      .knex('campaign_attempts')
      .where({ campaign_id: campaignId })
      .whereNotNull('outcome')
      .orderBy('id', 'desc')
      .limit(limit)
      .select<Row[]>('started_at', 'answered_at', 'connected_at', 'ended_at', 'outcome');
    return rows.map((r) => ({
      startedAt: date(r.started_at),
      answeredAt: dateOrNull(r.answered_at),
      connectedAt: dateOrNull(r.connected_at),
      endedAt: dateOrNull(r.ended_at),
      outcome: r.outcome as CampaignOutcome,
    }));
  }

  /** Everything the live statistics and the abandon cap are computed from. */
  async counts(campaignId: number, windowDays: number): Promise<CampaignCounts> {
    const since = new Date(this.ctx.now().getTime() - windowDays * 86_400_000);
    const [byOutcome, contacts, windowRow] = await Promise.all([
      this.ctx
        .knex('campaign_attempts')
        .where({ campaign_id: campaignId })
        .groupBy('outcome')
        .select('outcome')
        .count<Row[]>({ n: '*' }),
      this.ctx
        .knex('campaign_contacts')
        .where({ campaign_id: campaignId })
        .select(
          this.ctx.knex.raw('count(*) as total'),
          this.ctx.knex.raw('count(*) filter (where status in (?, ?, ?, ?)) as closed', [
            ...CLOSED_STATUSES,
          ]),
        )
        .first<Row>(),
      this.ctx
        .knex('campaign_attempts')
        .where({ campaign_id: campaignId })
        .where('started_at', '>=', since)
        .whereIn('outcome', LIVE_OUTCOMES)
        .select(
          this.ctx.knex.raw('count(*) as live'),
          this.ctx.knex.raw(`count(*) filter (where outcome = 'abandoned') as abandoned`),
        )
        .first<Row>(),
    ]);
    const outcomes = Object.fromEntries(CAMPAIGN_OUTCOMES.map((o) => [o, 0])) as Record<
      CampaignOutcome,
      number
    >;
    let open = 0;
    for (const r of byOutcome) {
      if (r.outcome === null) open = num(r.n);
      else outcomes[r.outcome as CampaignOutcome] = num(r.n);
    }
    return {
      outcomes,
      open,
      contactsTotal: num(contacts.total),
      contactsClosed: num(contacts.closed),
      window: { liveAnswers: num(windowRow.live), abandoned: num(windowRow.abandoned) },
    };
  }

  /** Talk time (connected to ended) of this campaign's calls since `since`, per agent. */
  async talkTimeSince(campaignId: number, since: Date): Promise<Map<number, number>> {
    const rows = await this.ctx
      .knex('campaign_attempts')
      .where({ campaign_id: campaignId })
      .whereNotNull('connected_at')
      .whereNotNull('agent_id')
      .where((w) => w.whereNull('ended_at').orWhere('ended_at', '>=', since))
      .select<Row[]>('agent_id', 'connected_at', 'ended_at');
    const now = this.ctx.now().getTime();
    const out = new Map<number, number>();
    for (const r of rows) {
      const from = Math.max(date(r.connected_at).getTime(), since.getTime());
      const to = r.ended_at ? date(r.ended_at).getTime() : now;
      const agent = num(r.agent_id);
      out.set(agent, (out.get(agent) ?? 0) + Math.max(0, to - from));
    }
    return out;
  }
}
