import { OutboundError } from '../errors.js';

/**
 * Job ids are derived from (callback, attempt) so that a retried request or a re-run processor
 * schedules an attempt once: BullMQ ignores an add whose jobId already exists.
 *
 * The separator is "-", not ":": BullMQ 6 rejects a custom jobId containing ":" unless it has
 * exactly three colon-separated parts ("Custom Id cannot contain :"), which
 * "callback:<id>:attempt:<n>" does not.
 */
export const CALLBACK_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function callbackJobId(callbackId: string, attempt: number): string {
  if (!CALLBACK_ID.test(callbackId)) {
    throw new OutboundError(
      'invalid_callback',
      `callback id "${callbackId}" must be 1-64 letters, digits, "-" or "_"`,
    );
  }
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new OutboundError(
      'invalid_callback',
      `attempt must be a positive integer, not ${attempt}`,
    );
  }
  return `callback-${callbackId}-attempt-${attempt}`;
}

const JOB_ID = /^callback-([A-Za-z0-9_-]{1,64})-attempt-(\d+)$/;

export function parseCallbackJobId(jobId: string): { callbackId: string; attempt: number } | null {
  const m = JOB_ID.exec(jobId);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const attempt = Number(m[2]);
  return attempt >= 1 ? { callbackId: m[1], attempt } : null;
}
