import { randomUUID } from 'node:crypto';
import { LIVE_OUTCOMES, type CampaignRecord } from '../../crm-core/index.js';
import {
  buildAnswerModel,
  buildHandleTimeModel,
  planDial,
  validatePacingInput,
  type PacingDecision,
} from '../../outbound/index.js';
import type { FloorStore } from './floor.js';
import { queueAgents } from './floor.js';
import { attemptChannelId } from './keys.js';
import type { DialerDeps } from './ports.js';
import { callableContacts, type Refusal } from './screen.js';
import { settleAttempt, type AttemptPhase } from './settle.js';

/** Results of the latest dials the models are built from. */
const MODEL_DIALS = 2000;
/** A claimed attempt whose dial job has not originated after this long gets its job again. */
const REDIAL_JOB_AFTER_MS = 5_000;

export interface PaceResult {
  campaignId: number;
  /** Another node runs this campaign's tick now. */
  skipped: boolean;
  settled: number;
  dialed: number;
  refused: Refusal[];
  decision: PacingDecision | null;
}

const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * One pacing tick of a campaign: settle the open attempts from the call layer, count the floor,
 * ask outbound's planDial how many lines to start, claim that many callable contacts and add
 * their dial jobs. A lock in Redis keeps ticks of one campaign from overlapping across nodes.
 * A paused or stopped campaign still has its calls in flight settled; it dials nothing.
 */
export async function paceCampaign(
  deps: DialerDeps,
  floors: FloorStore,
  campaignId: number,
  lockMs = 30_000,
): Promise<PaceResult> {
  const result: PaceResult = {
    campaignId,
    skipped: false,
    settled: 0,
    dialed: 0,
    refused: [],
    decision: null,
  };
  const lock = deps.keys.lock(campaignId);
  const token = randomUUID();
  if ((await deps.redis.set(lock, token, 'PX', lockMs, 'NX')) !== 'OK') {
    return { ...result, skipped: true };
  }
  try {
    const campaign = await deps.crm.campaigns.get(campaignId);
    const phases = await settleOpen(deps, campaign);
    result.settled = phases.filter((p) => p.phase === 'finished').length;
    if (campaign.state !== 'running') return result;
    await tick(deps, floors, campaign, phases, result);
    return result;
  } finally {
    await deps.redis.eval(UNLOCK, 1, lock, token);
  }
}

async function settleOpen(deps: DialerDeps, campaign: CampaignRecord): Promise<AttemptPhase[]> {
  const open = await deps.crm.campaignAttempts.open(campaign.id);
  const phases: AttemptPhase[] = [];
  for (const attempt of open) {
    try {
      const p = await settleAttempt(deps, campaign, attempt);
      if (p.phase === 'not_dialed' && p.sinceMs > REDIAL_JOB_AFTER_MS) {
        // The node that claimed it died before adding the job: the same job id, added again.
        await deps.addDialJob({
          campaignId: campaign.id,
          contactId: attempt.contactId,
          attempt: attempt.attempt,
          channelId: attempt.callId,
        });
      }
      phases.push(p);
    } catch (err) {
      deps.logger.error({ err, campaignId: campaign.id, callId: attempt.callId }, 'settle failed');
    }
  }
  return phases;
}

async function tick(
  deps: DialerDeps,
  floors: FloorStore,
  campaign: CampaignRecord,
  phases: readonly AttemptPhase[],
  result: PaceResult,
): Promise<void> {
  const { crm } = deps;
  const id = campaign.id;
  const agents = queueAgents(await deps.acd.snapshot(), campaign.queueId);
  const [counts, recent, available] = await Promise.all([
    crm.campaignAttempts.counts(id, campaign.abandonCap.windowDays),
    crm.campaignAttempts.recent(id, MODEL_DIALS),
    crm.campaignContacts.countDue(id),
  ]);
  const ringing = phases.flatMap((p) =>
    p.phase === 'ringing' ? [p.elapsedMs] : p.phase === 'not_dialed' ? [0] : [],
  );
  const ms = (a: Date | null, b: Date) => (a ? Math.max(0, a.getTime() - b.getTime()) : 0);
  const input = validatePacingInput({
    mode: campaign.mode,
    idleAgents: agents.idle.length,
    busyAgents: agents.busy.map(({ phase, elapsedMs }) => ({ phase, elapsedMs })),
    ringingElapsedMs: ringing,
    waitingAnswers: phases.filter((p) => p.phase === 'waiting').length,
    contactsAvailable: available,
    handleTimes: buildHandleTimeModel(
      recent.flatMap((r) => (r.connectedAt && r.endedAt ? [ms(r.endedAt, r.connectedAt)] : [])),
      [],
    ),
    answers: buildAnswerModel(
      recent.map((r) => ({
        afterMs: ms(r.answeredAt ?? r.endedAt, r.startedAt),
        live: LIVE_OUTCOMES.includes(r.outcome),
      })),
    ),
    windowLiveAnswers: counts.window.liveAnswers,
    windowAbandoned: counts.window.abandoned,
    abandonCap: campaign.abandonCap.maxRate,
    maxConnectDelayMs: campaign.maxConnectDelayMs,
    maxLinesPerAgent: campaign.maxLinesPerAgent,
  });
  const decision = planDial(input);
  result.decision = decision;
  if (decision.linesToDial > 0) {
    const held = (contactId: number) =>
      deps.redis.get(deps.keys.previewHeld(contactId)).then((v) => v !== null);
    const pick = await callableContacts(deps, campaign, decision.linesToDial, held);
    result.refused = pick.refused;
    for (const contact of pick.contacts) {
      const attempt = contact.attempts + 1;
      const channelId = attemptChannelId(id, contact.id, attempt);
      const claimed = await crm.campaignAttempts.claim(contact, channelId);
      if (!claimed) continue;
      await deps.addDialJob({ campaignId: id, contactId: contact.id, attempt, channelId });
      result.dialed++;
    }
  }
  await saveFloor(deps, floors, campaign, agents.onDuty, ringing.length + result.dialed, decision);
}

async function saveFloor(
  deps: DialerDeps,
  floors: FloorStore,
  campaign: CampaignRecord,
  onDuty: readonly string[],
  ringingLines: number,
  decision: PacingDecision,
): Promise<void> {
  const now = deps.now();
  const [onDutyMs, talkMs] = await Promise.all([
    floors.countOnDuty(campaign.id, onDuty, now.getTime()),
    deps.crm.campaignAttempts.talkTimeSince(campaign.id, campaign.startedAt ?? campaign.createdAt),
  ]);
  const ids = new Set([...onDutyMs.keys(), ...[...talkMs.keys()].map(String)]);
  await floors.save(campaign.id, {
    agentsOnDuty: onDuty.length,
    ringingLines,
    dialRatio: decision.dialRatio,
    agents: [...ids].map((a) => ({
      talkMs: talkMs.get(Number(a)) ?? 0,
      availableMs: onDutyMs.get(a) ?? 0,
    })),
    at: now.toISOString(),
  });
}
