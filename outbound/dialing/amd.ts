import { OutboundError } from '../errors.js';

/** Values of AMDSTATUS as set by Asterisk's AMD() dialplan application. */
export type AmdStatus = 'HUMAN' | 'MACHINE' | 'NOTSURE' | 'HANGUP';

const STATUSES: readonly string[] = ['HUMAN', 'MACHINE', 'NOTSURE', 'HANGUP'];

export type AnswerDisposition =
  /** A person (or probably one): hand the call to an agent within the connect deadline. */
  | { connect: true }
  /** Not put through to an agent; the outcome is recorded for the contact. */
  | { connect: false; outcome: 'machine' | 'abandoned' };

/**
 * What to do with an answered dial once the dialplan has run AMD(). A machine is dispositioned,
 * never connected: it would take an agent for a recording. NOTSURE is treated as a person,
 * because dropping a person is an abandoned call and costs more than an agent hearing a
 * greeting. HANGUP means the called party hung up while the detector was listening: they heard
 * silence from us, which is counted as an abandoned live answer so the measured rate stays
 * honest. With AMD off (no status) every answer is a person.
 */
export function dispositionAnswer(amdStatus: string | null | undefined): AnswerDisposition {
  if (amdStatus === null || amdStatus === undefined || amdStatus === '') return { connect: true };
  const status = amdStatus.trim().toUpperCase();
  if (!STATUSES.includes(status)) {
    throw new OutboundError(
      'invalid_amd_status',
      `AMDSTATUS "${amdStatus}" is not one of ${STATUSES.join(', ')}`,
    );
  }
  if (status === 'MACHINE') return { connect: false, outcome: 'machine' };
  if (status === 'HANGUP') return { connect: false, outcome: 'abandoned' };
  return { connect: true };
}

/** Whether this answer counts in the abandon-rate denominator (calls answered by a person). */
export function isLiveAnswer(amdStatus: string | null | undefined): boolean {
  const d = dispositionAnswer(amdStatus);
  return d.connect || d.outcome === 'abandoned';
}
