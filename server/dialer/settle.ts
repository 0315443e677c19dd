import type {
  CampaignAttemptRecord,
  CampaignOutcome,
  CampaignRecord,
} from '../../crm-core/index.js';
import { applyContactOutcome, dispositionAnswer } from '../../outbound/index.js';
import type { DialOutRecord } from '../../telephony/index.js';
import type { DialerDeps } from './ports.js';
import { outboundContact } from './screen.js';

/** Where an open attempt stands, as the pacing counts it. */
export type AttemptPhase =
  /** Claimed; its dial job has not originated yet. */
  | { phase: 'not_dialed'; sinceMs: number }
  /** Ringing, or answered and still in AMD: a line whose result is not known. */
  | { phase: 'ringing'; elapsedMs: number }
  /** A person answered and waits (within the connect deadline) for an agent. */
  | { phase: 'waiting' }
  /** An agent is being offered the call, talks or wraps up. */
  | { phase: 'with_agent' }
  | { phase: 'finished'; outcome: CampaignOutcome };

/** Q.850 causes that say the number itself is wrong: unallocated, invalid format. */
const WRONG_NUMBER_CAUSES = new Set([1, 28]);
/** An answered call that never became a call record this long is treated as lost (ms). */
const LOST_AFTER_MS = 10 * 60_000;
/** AMD() decides within a few seconds; an answered dial with no verdict after this is lost. */
const AMD_LOST_AFTER_MS = 60_000;
/** How long past the ring timeout a dial may still be reported as ringing. */
const OVERDUE_GRACE_MS = 5_000;

/** Ringing well past its ring timeout: its end may have happened while no server listened. */
function isOverdue(dial: DialOutRecord, campaign: CampaignRecord, now: number): boolean {
  if (dial.status !== 'originating' && dial.status !== 'ringing') return false;
  return now - dial.startedAt > campaign.dialTimeoutSeconds * 1000 + OVERDUE_GRACE_MS;
}

/** An agent's disposition of a campaign call that changes its outcome. */
export type AgentOutcome = 'wrong_number' | 'dnc_request';

/** The outcome of a dial that was not answered, from its status and Q.850 cause. */
export function outcomeOfFailure(dial: Pick<DialOutRecord, 'status' | 'cause'>): CampaignOutcome {
  switch (dial.status) {
    case 'busy':
    case 'congestion':
      return 'busy';
    case 'failed':
      return dial.cause !== null && WRONG_NUMBER_CAUSES.has(dial.cause)
        ? 'wrong_number'
        : 'no_answer';
    default:
      return 'no_answer';
  }
}

/**
 * Reads an open attempt's dial and call from the call layer and, when its result is known,
 * records it (attempt, contact, DNC list, interaction). Safe to run on any node, any number of
 * times: the attempt's outcome is written once.
 */
export async function settleAttempt(
  deps: DialerDeps,
  campaign: CampaignRecord,
  attempt: CampaignAttemptRecord,
): Promise<AttemptPhase> {
  const { crm, telephony } = deps;
  const callId = attempt.callId;
  let dial = await telephony.dialRecord(callId);
  if (dial && isOverdue(dial, campaign, deps.telephonyNow())) {
    dial = await telephony.dialOutcome(callId, 0);
  }
  if (!dial) {
    return { phase: 'not_dialed', sinceMs: deps.now().getTime() - attempt.startedAt.getTime() };
  }
  if (dial.status === 'originating' || dial.status === 'ringing') {
    return { phase: 'ringing', elapsedMs: Math.max(0, deps.telephonyNow() - dial.startedAt) };
  }
  if (dial.status !== 'answered') {
    return finish(deps, campaign, attempt, outcomeOfFailure(dial), dial);
  }
  const answeredFor = deps.telephonyNow() - (dial.endedAt ?? dial.startedAt);
  const amdPending = campaign.amd && dial.amd === undefined;
  // Answered; the dialplan's AMD is still listening. No verdict for long: the person hung up
  // while it listened (AMD's HANGUP), which counts as an abandoned live answer.
  if (amdPending && answeredFor <= AMD_LOST_AFTER_MS) {
    return { phase: 'ringing', elapsedMs: deps.telephonyNow() - dial.startedAt };
  }
  if (attempt.answeredAt === null) {
    await crm.campaignAttempts.markAnswered(callId, dial.amd ?? null);
  }
  if (amdPending) return finish(deps, campaign, attempt, 'abandoned', dial);
  const verdict = dispositionAnswer(dial.amd ?? null);
  if (!verdict.connect) return finish(deps, campaign, attempt, verdict.outcome, dial);
  const rec = await telephony.call(callId);
  if (!rec) {
    if (answeredFor > LOST_AFTER_MS) return finish(deps, campaign, attempt, 'abandoned', dial);
    return { phase: 'waiting' };
  }
  const agentId = rec.agent?.agentId ?? rec.lastAgentId;
  if (rec.agent && attempt.connectedAt === null) {
    await crm.campaignAttempts.markConnected(callId, Number(rec.agent.agentId));
  }
  switch (rec.state) {
    case 'ivr':
    case 'queued':
      return { phase: 'waiting' };
    case 'offering':
    case 'connected':
    case 'wrap_up':
      return { phase: 'with_agent' };
    case 'ended': {
      if (rec.times.answeredAt === null) return finish(deps, campaign, attempt, 'abandoned', dial);
      const said = await agentOutcome(deps, callId);
      return finish(deps, campaign, attempt, said ?? 'answered', dial, agentId);
    }
  }
}

/** "wrong number" / "do not call me" from the agent: the dialer's port, or the wrap-up. */
async function agentOutcome(deps: DialerDeps, callId: string): Promise<AgentOutcome | null> {
  const said = await deps.redis.get(deps.keys.disposition(callId));
  if (said === 'wrong_number' || said === 'dnc_request') return said;
  const row = await deps.crm.interactions.findByCallId(callId);
  if (row?.disposition === 'wrong_number') return 'wrong_number';
  if (row?.disposition === 'do_not_call' || row?.disposition === 'dnc_request') {
    return 'dnc_request';
  }
  return null;
}

async function finish(
  deps: DialerDeps,
  campaign: CampaignRecord,
  attempt: CampaignAttemptRecord,
  outcome: CampaignOutcome,
  dial: DialOutRecord,
  agentId: string | null = null,
): Promise<AttemptPhase> {
  const { crm } = deps;
  const contact = await crm.campaignContacts.get(attempt.contactId);
  const now = deps.now();
  // A contact closed meanwhile (its number went on the DNC list) keeps its state.
  const effect =
    contact.status === 'dialing'
      ? applyContactOutcome(outboundContact(contact), outcome, now, campaign)
      : { contact: outboundContact(contact), addToDnc: outcome === 'dnc_request' };
  const first = await crm.campaignAttempts.finish(attempt.callId, {
    outcome,
    contact: { status: effect.contact.status, nextAttemptAt: effect.contact.nextAttemptAt },
    addToDnc: effect.addToDnc,
    ...(agentId ? { agentId: Number(agentId) } : {}),
  });
  if (first) {
    const answered = dial.status === 'answered';
    // Calls that reached the app have their row from the call layer; the others get one here.
    await crm.interactions.upsertByCallId(attempt.callId, {
      ...(answered
        ? {}
        : {
            kind: 'campaign_call',
            direction: 'outbound',
            callerNumber: attempt.phone,
            arrivedAt: attempt.startedAt,
            endedAt: now,
          }),
      ...(outcome === 'answered' ? {} : { disposition: `campaign_${outcome}` }),
      ...(outcome === 'abandoned' ? { abandoned: true } : {}),
    });
    deps.logger.info(
      { campaignId: campaign.id, contactId: attempt.contactId, attempt: attempt.attempt, outcome },
      'campaign dial settled',
    );
  }
  return { phase: 'finished', outcome };
}
