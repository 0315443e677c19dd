import type { DialOutRecord } from '../../telephony/index.js';
import type { DialerDeps, DialJob } from './ports.js';

/**
 * The dial job of one contact attempt (job id `dial-<campaign>-<contact>-<attempt>`). The
 * attempt was claimed in PostgreSQL before the job was added (the contact's attempt counted, the
 * DNC list checked in the same statement); the originate is keyed by the attempt's channel id,
 * so a job run twice (a worker died after dialling, a stalled job taken over) rings once.
 */
export async function runDialJob(
  deps: DialerDeps,
  job: DialJob,
): Promise<{ status: DialOutRecord['status'] | 'settled' | 'refused_dnc' }> {
  const { crm } = deps;
  const attempt = await crm.campaignAttempts.byCallId(job.channelId);
  // Settled already (e.g. found failed by a tick): nothing to dial.
  if (!attempt || attempt.outcome !== null) return { status: 'settled' };
  // Dialed already (this job ran before and died after the originate): the same record.
  const dialed = await deps.telephony.dialRecord(job.channelId);
  if (dialed) return { status: dialed.status };
  // The DNC list once more, just before the originate: the claim may be seconds old (retries).
  if (await crm.dnc.has(attempt.phone)) {
    await crm.campaignAttempts.withdraw(job.channelId, 'dnc');
    deps.logger.info({ campaignId: job.campaignId, contactId: job.contactId }, 'dnc: not dialed');
    return { status: 'refused_dnc' };
  }
  if (!deps.telephony.canDial()) {
    // Thrown before the dial is recorded: BullMQ runs the job again after its backoff.
    throw new Error('telephony is not connected to the PBX yet');
  }
  const campaign = await crm.campaigns.get(job.campaignId);
  const rec = await deps.telephony.dial({
    channelId: job.channelId,
    endpoint: deps.endpointTemplate.replace('{number}', attempt.phone),
    callerId: campaign.callerId,
    timeoutSeconds: campaign.dialTimeoutSeconds,
    purpose: {
      kind: 'outbound',
      campaignId: String(campaign.id),
      contactId: String(attempt.contactId),
      queueId: campaign.queueId,
      number: attempt.phone,
      amd: campaign.amd,
      connectWithinMs: campaign.maxConnectDelayMs,
      ...(job.agentId ? { agentId: job.agentId } : {}),
    },
  });
  return { status: rec.status };
}
