import type { CampaignContactRecord, CampaignRecord } from '../../crm-core/index.js';
import { isCallable, type CampaignContact, type NotCallableReason } from '../../outbound/index.js';
import type { DialerDeps } from './ports.js';

export function outboundContact(c: CampaignContactRecord): CampaignContact {
  return {
    phone: c.phone,
    timezone: c.timezone,
    status: c.status,
    attempts: c.attempts,
    nextAttemptAt: c.nextAttemptAt,
    lastOutcome: c.lastOutcome,
  };
}

export interface Refusal {
  contactId: number;
  reason: NotCallableReason;
}

/**
 * The contacts due now that may be dialed now, oldest first, at most `want`. The last check
 * before a dial (outbound's isCallable): a number on the DNC list is closed, a contact outside
 * its calling hours (its own clock) is put off to the next opening, one at its maximum
 * attempts is closed. `skip` leaves out contacts held elsewhere (an agent's preview).
 */
export async function callableContacts(
  deps: Pick<DialerDeps, 'crm' | 'now'>,
  campaign: CampaignRecord,
  want: number,
  skip: (contactId: number) => Promise<boolean> = () => Promise.resolve(false),
): Promise<{ contacts: CampaignContactRecord[]; refused: Refusal[] }> {
  const { crm } = deps;
  const contacts: CampaignContactRecord[] = [];
  const refused: Refusal[] = [];
  if (want <= 0) return { contacts, refused };
  const due = await crm.campaignContacts.due(campaign.id, want * 2 + 10);
  const dnc = await crm.dnc.listed(due.map((c) => c.phone));
  const now = deps.now();
  for (const c of due) {
    if (contacts.length >= want) break;
    const verdict = isCallable(outboundContact(c), {
      dnc,
      now,
      hours: campaign.callingHours,
      maxAttempts: campaign.maxAttempts,
    });
    if (verdict.callable) {
      if (!(await skip(c.id))) contacts.push(c);
      continue;
    }
    refused.push({ contactId: c.id, reason: verdict.reason });
    if (verdict.reason === 'dnc') await crm.campaignContacts.close(c.id, 'dnc');
    else if (verdict.reason === 'max_attempts') await crm.campaignContacts.close(c.id, 'exhausted');
    else if (verdict.retryAt) await crm.campaignContacts.defer(c.id, verdict.retryAt);
  }
  return { contacts, refused };
}
