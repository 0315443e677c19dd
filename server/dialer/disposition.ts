import type { DialerDeps } from './ports.js';
import type { AgentOutcome } from './settle.js';

/** How long an agent's disposition waits for its call to end (then the dialer reads it). */
const KEEP_MS = 24 * 3600_000;

/**
 * An agent's "wrong number" or "do not call me" for a campaign call (the console's wrap-up, or
 * the REST API). Kept until the dialer settles the call, which then records that outcome; the
 * number goes on the DNC list at once for a "do not call me", even if the call was settled
 * already. Answers false when the call is not a campaign call.
 */
export async function recordAgentOutcome(
  deps: DialerDeps,
  callId: string,
  outcome: AgentOutcome,
  agentId: number,
): Promise<boolean> {
  const attempt = await deps.crm.campaignAttempts.byCallId(callId);
  if (!attempt) return false;
  await deps.redis.set(deps.keys.disposition(callId), outcome, 'PX', KEEP_MS);
  if (outcome === 'dnc_request') {
    await deps.crm.dnc.add([attempt.phone], {
      source: 'agent',
      reason: 'asked not to be called',
      campaignId: attempt.campaignId,
      actorId: agentId,
    });
  }
  return true;
}
