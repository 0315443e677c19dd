/** The one error class of routing/: a string code, an HTTP status where it reaches the API, details. */
export type RoutingErrorCode =
  | 'invalid_input'
  | 'illegal_agent_transition'
  | 'unknown_queue'
  | 'unknown_agent'
  | 'unknown_call'
  | 'call_exists'
  | 'not_offered'
  | 'not_on_call'
  | 'conflict'
  | 'store_reply';

const STATUS: Record<RoutingErrorCode, number> = {
  invalid_input: 400,
  illegal_agent_transition: 409,
  unknown_queue: 404,
  unknown_agent: 404,
  unknown_call: 404,
  call_exists: 409,
  not_offered: 409,
  not_on_call: 409,
  conflict: 503,
  store_reply: 500,
};

export class RoutingError extends Error {
  readonly status: number;

  constructor(
    readonly code: RoutingErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RoutingError';
    this.status = STATUS[code];
  }
}
