/**
 * The one error class of crm-core. `code` is stable and machine-readable; `status` is the HTTP
 * status the API answers with, so the edge translates it without a lookup table.
 */
export type CrmErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'duplicate_candidates'
  | 'phone_taken'
  | 'account_taken'
  | 'username_taken'
  | 'illegal_transition'
  | 'callback_exists'
  | 'conflict';

const STATUS: Record<CrmErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  duplicate_candidates: 409,
  phone_taken: 409,
  account_taken: 409,
  username_taken: 409,
  illegal_transition: 409,
  callback_exists: 409,
  conflict: 409,
};

export class CrmError extends Error {
  readonly status: number;

  constructor(
    readonly code: CrmErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CrmError';
    this.status = STATUS[code];
  }
}

export function notFound(entity: string, id: string | number): CrmError {
  return new CrmError('not_found', `${entity} ${id} does not exist`, { entity, id });
}

/** PostgreSQL's unique_violation, with the constraint it hit. */
export function uniqueViolation(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string };
  return e && e.code === '23505' ? (e.constraint ?? '') : null;
}

/** PostgreSQL's foreign_key_violation, with the constraint it hit. */
export function foreignKeyViolation(err: unknown): string | null {
  const e = err as { code?: string; constraint?: string };
  return e && e.code === '23503' ? (e.constraint ?? '') : null;
}
