/**
 * The call layer's one error class. `code` is stable (API answers and socket acks carry it);
 * `status` is the HTTP status it maps to where it reaches the API.
 */
export type CallErrorCode =
  | 'illegal_transition'
  | 'invalid_input'
  | 'not_found'
  | 'not_your_call'
  | 'invalid_state'
  | 'conflict'
  | 'ari_failed'
  | 'not_driving'
  | 'unavailable';

const STATUS: Record<CallErrorCode, number> = {
  illegal_transition: 409,
  invalid_input: 400,
  not_found: 404,
  not_your_call: 403,
  invalid_state: 409,
  conflict: 409,
  ari_failed: 502,
  not_driving: 503,
  unavailable: 503,
};

export class CallError extends Error {
  readonly status: number;

  constructor(
    readonly code: CallErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CallError';
    this.status = STATUS[code];
  }
}
