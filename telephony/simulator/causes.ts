/**
 * Q.931 hangup causes as Asterisk names them (`cause_txt` in ChannelDestroyed), and the
 * `reason` values ARI's DELETE /channels/{id} accepts.
 */
export const CAUSE_TEXT: Readonly<Record<number, string>> = {
  0: 'Unknown',
  1: 'Unallocated (unassigned) number',
  3: 'No route to destination',
  16: 'Normal Clearing',
  17: 'User busy',
  18: 'No user responding',
  19: 'User alerting, no answer',
  20: 'Subscriber absent',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
  27: 'Destination out of order',
  28: 'Invalid number format (incomplete number)',
  31: 'Normal, unspecified',
  34: 'Circuit/channel congestion',
  38: 'Network out of order',
  58: 'Bearer capability not available',
  127: 'Interworking, unspecified',
};

export const HANGUP_REASONS: Readonly<Record<string, number>> = {
  normal: 16,
  busy: 17,
  congestion: 34,
  no_answer: 19,
  timeout: 18,
  rejected: 21,
  unallocated: 1,
  normal_unspecified: 31,
  number_incomplete: 28,
  codec_mismatch: 58,
  interworking: 127,
  failure: 38,
  answered_elsewhere: 26,
};

export const CAUSE = {
  normal: 16,
  busy: 17,
  noAnswer: 19,
  subscriberAbsent: 20,
  congestion: 34,
} as const;

/** Asterisk's soft-hangup flag for an explicit (API) hangup, reported as `cause` in ChannelHangupRequest. */
export const SOFT_HANGUP_EXPLICIT = 32;

export function causeText(cause: number): string {
  return CAUSE_TEXT[cause] ?? 'Unknown';
}

/** DIALSTATUS a failed dial reports for the cause the far end gave. */
export function dialStatusForCause(cause: number): string {
  if (cause === CAUSE.busy) return 'BUSY';
  if (cause === CAUSE.noAnswer || cause === 18) return 'NOANSWER';
  if (cause === CAUSE.congestion) return 'CONGESTION';
  return 'CHANUNAVAIL';
}
