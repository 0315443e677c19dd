import { callbackJobId } from '../../../outbound/index.js';
import { jobId } from '../../jobs/index.js';

/**
 * Names of one callback's pieces. An attempt has one line id, `cbk-<callbackId>-<attempt>`,
 * used three ways: the callback's entry in the ACD (its place in the queue), the channel id of
 * the dial (telephony dials a channel id once), and the call id of the answered call and its
 * interaction row. One id per attempt is what makes a re-run dial a no-op.
 */
export const CALLBACK_QUEUE = 'callbacks';

const LINE = /^cbk-(\d+)-(\d+)$/;

export function lineId(callbackId: number, attempt: number): string {
  return `cbk-${callbackId}-${attempt}`;
}

export function parseLineId(id: string): { callbackId: number; attempt: number } | null {
  const m = LINE.exec(id);
  return m ? { callbackId: Number(m[1]), attempt: Number(m[2]) } : null;
}

/** `callback-<id>-attempt-<n>`: the attempt's turn (outbound's id, stable per attempt). */
export const attemptJobId = (callbackId: number, attempt: number): string =>
  callbackJobId(String(callbackId), attempt);

/** One dial job per ACD offer of the attempt (a lost offer is followed by a new one). */
export const dialJobId = (callbackId: number, attempt: number, offerAttempt: number): string =>
  jobId('callback', callbackId, 'dial', attempt, offerAttempt);

/** The attempt joining the ACD again after an exit (one per exit, hence the time). */
export const rejoinJobId = (callbackId: number, attempt: number, at: number): string =>
  jobId('callback', callbackId, 'rejoin', attempt, at);

export const expireJobId = (callbackId: number): string => jobId('callback', callbackId, 'expire');
