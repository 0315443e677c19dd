/**
 * The one error class of outbound/. `code` is stable for callers and tests; `status` is the HTTP
 * status the API edge answers with when the error comes from a request (bad campaign, bad file).
 */
export type OutboundErrorCode =
  | 'invalid_campaign'
  | 'invalid_callback'
  | 'invalid_policy'
  | 'invalid_time_zone'
  | 'invalid_calling_hours'
  | 'invalid_phone'
  | 'invalid_csv'
  | 'invalid_amd_status'
  | 'invalid_pacing_input'
  | 'illegal_transition';

const STATUS: Record<OutboundErrorCode, number> = {
  invalid_campaign: 400,
  invalid_callback: 400,
  invalid_policy: 400,
  invalid_time_zone: 400,
  invalid_calling_hours: 400,
  invalid_phone: 400,
  invalid_csv: 400,
  invalid_amd_status: 400,
  invalid_pacing_input: 400,
  illegal_transition: 409,
};

export class OutboundError extends Error {
  readonly status: number;

  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'OutboundError';
    this.status = STATUS[code];
  }
}
