import { nextCallingTime, type CallingHours, isWithinCallingHours } from '../time/calling-hours.js';
import type { CampaignContact } from './contact-state.js';
import type { DncList } from './dnc.js';

export type NotCallableReason =
  'dnc' | 'closed' | 'in_progress' | 'max_attempts' | 'retry_not_due' | 'outside_calling_hours';

export type Callability =
  | { callable: true }
  | {
      callable: false;
      reason: NotCallableReason;
      /** When the contact may become callable again without anything else changing. */
      retryAt: Date | null;
    };

export interface CallableContext {
  dnc: DncList;
  now: Date;
  hours: CallingHours;
  maxAttempts: number;
}

/**
 * The last check before a number is dialed. The DNC list is checked here, at dial time, and
 * not only at import: a number can be added after the list was loaded.
 */
export function isCallable(contact: CampaignContact, ctx: CallableContext): Callability {
  const no = (reason: NotCallableReason, retryAt: Date | null = null): Callability => ({
    callable: false,
    reason,
    retryAt,
  });
  if (contact.status === 'dnc' || ctx.dnc.has(contact.phone)) return no('dnc');
  if (contact.status === 'dialing') return no('in_progress');
  if (contact.status !== 'pending' && contact.status !== 'retry') return no('closed');
  if (contact.attempts >= ctx.maxAttempts) return no('max_attempts');
  if (contact.nextAttemptAt && ctx.now.getTime() < contact.nextAttemptAt.getTime()) {
    return no('retry_not_due', nextCallingTime(contact.nextAttemptAt, contact.timezone, ctx.hours));
  }
  if (!isWithinCallingHours(ctx.now, contact.timezone, ctx.hours)) {
    return no('outside_calling_hours', nextCallingTime(ctx.now, contact.timezone, ctx.hours));
  }
  return { callable: true };
}
