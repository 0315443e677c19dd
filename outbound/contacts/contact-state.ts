import { OutboundError } from '../errors.js';
import type { RetryableOutcome } from '../campaigns/campaign.js';

/** What became of one dial of a campaign contact. */
export type ContactOutcome =
  'answered' | 'no_answer' | 'busy' | 'machine' | 'abandoned' | 'wrong_number' | 'dnc_request';

export const CONTACT_OUTCOMES: readonly ContactOutcome[] = [
  'answered',
  'no_answer',
  'busy',
  'machine',
  'abandoned',
  'wrong_number',
  'dnc_request',
];

/**
 * pending → dialing → (done | retry → dialing … | exhausted | invalid | dnc). The attempt is
 * counted when the dial starts, so a worker that dies mid-call cannot redial for ever.
 */
export type ContactStatus =
  'pending' | 'dialing' | 'retry' | 'done' | 'exhausted' | 'invalid' | 'dnc';

export interface CampaignContact {
  /** E.164. */
  phone: string;
  timezone: string;
  status: ContactStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastOutcome: ContactOutcome | null;
}

export interface RetryRules {
  maxAttempts: number;
  retryDelayMinutes: Record<RetryableOutcome, number>;
}

export function startContactDial(contact: CampaignContact): CampaignContact {
  if (contact.status !== 'pending' && contact.status !== 'retry') {
    throw new OutboundError(
      'illegal_transition',
      `contact ${contact.phone} is ${contact.status}; only a pending or retry contact is dialed`,
      { from: contact.status, to: 'dialing' },
    );
  }
  return { ...contact, status: 'dialing', attempts: contact.attempts + 1, nextAttemptAt: null };
}

const RETRYABLE: Record<ContactOutcome, RetryableOutcome | null> = {
  answered: null,
  no_answer: 'no_answer',
  busy: 'busy',
  machine: 'machine',
  abandoned: 'abandoned',
  wrong_number: null,
  dnc_request: null,
};

export interface OutcomeEffect {
  contact: CampaignContact;
  /** The person asked not to be called: the number goes on the DNC list, for every campaign. */
  addToDnc: boolean;
}

export function applyContactOutcome(
  contact: CampaignContact,
  outcome: ContactOutcome,
  now: Date,
  rules: RetryRules,
): OutcomeEffect {
  if (contact.status !== 'dialing') {
    throw new OutboundError(
      'illegal_transition',
      `contact ${contact.phone} is ${contact.status}; an outcome applies only to a dial in progress`,
      { from: contact.status, outcome },
    );
  }
  if (!CONTACT_OUTCOMES.includes(outcome)) {
    throw new OutboundError('invalid_pacing_input', `unknown contact outcome "${String(outcome)}"`);
  }
  const base = { ...contact, lastOutcome: outcome, nextAttemptAt: null };
  if (outcome === 'answered') return { contact: { ...base, status: 'done' }, addToDnc: false };
  if (outcome === 'wrong_number') {
    return { contact: { ...base, status: 'invalid' }, addToDnc: false };
  }
  if (outcome === 'dnc_request') return { contact: { ...base, status: 'dnc' }, addToDnc: true };
  const retryable = RETRYABLE[outcome];
  if (!retryable) throw new OutboundError('invalid_pacing_input', `unknown outcome ${outcome}`);
  if (contact.attempts >= rules.maxAttempts) {
    return { contact: { ...base, status: 'exhausted' }, addToDnc: false };
  }
  const at = new Date(now.getTime() + rules.retryDelayMinutes[retryable] * 60_000);
  return { contact: { ...base, status: 'retry', nextAttemptAt: at }, addToDnc: false };
}
