import { z } from 'zod';
import type { LookupKind } from './model.js';

/**
 * What the CRM answers for each self-service lookup, and the variables a lookup node fills
 * (`<into>.<field>`). The answer comes from outside the module, so it is checked here; an answer
 * that does not fit is handled like a failed lookup (apology, then the node's fallback).
 */
const notFound = z.object({ found: z.literal(false) });
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');

const balanceFound = z.object({
  found: z.literal(true),
  balance: z.union([
    z.number().finite(),
    z.string().regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'a decimal amount such as 1234.50'),
  ]),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  dueDate: isoDate.nullable().optional(),
});

const complaintFound = z.object({
  found: z.literal(true),
  ticket: z.string().regex(/^\d{1,20}$/),
  status: z.string().regex(/^[a-z_]{1,32}$/),
});

const SCHEMAS = {
  balance_by_phone: z.union([balanceFound, notFound]),
  balance_by_account: z.union([balanceFound, notFound]),
  complaint_by_ticket: z.union([complaintFound, notFound]),
} as const;

export type BalanceLookupData = z.infer<typeof balanceFound> | { found: false };
export type ComplaintLookupData = z.infer<typeof complaintFound> | { found: false };

/** The variables each lookup kind may set, relative to the node's `into`. */
export const LOOKUP_FIELDS: Record<LookupKind, readonly string[]> = {
  balance_by_phone: ['balance', 'currency', 'dueDate'],
  balance_by_account: ['balance', 'currency', 'dueDate'],
  complaint_by_ticket: ['ticket', 'status'],
};

/** Whether a lookup kind reads a variable (the typed account or ticket) or the caller's number. */
export const LOOKUP_NEEDS_INPUT: Record<LookupKind, boolean> = {
  balance_by_phone: false,
  balance_by_account: true,
  complaint_by_ticket: true,
};

export type LookupArgs =
  | { kind: 'balance_by_phone'; args: { phone: string } }
  | { kind: 'balance_by_account'; args: { accountNumber: string } }
  | { kind: 'complaint_by_ticket'; args: { ticket: string } };

export function lookupArgs(kind: LookupKind, value: string): LookupArgs {
  switch (kind) {
    case 'balance_by_phone':
      return { kind, args: { phone: value } };
    case 'balance_by_account':
      return { kind, args: { accountNumber: value } };
    case 'complaint_by_ticket':
      return { kind, args: { ticket: value } };
  }
}

/** Keeps an amount exact: a string stays as typed (padded to 2 decimals), a number is fixed. */
function normaliseAmount(value: number | string): string {
  if (typeof value === 'number') return value.toFixed(2);
  const [int, frac = ''] = value.split('.');
  return `${int}.${frac.padEnd(2, '0')}`;
}

export type LookupOutcome =
  | { ok: true; found: true; vars: Record<string, string> }
  | { ok: true; found: false }
  | { ok: false; reason: string };

export function readLookupData(kind: LookupKind, data: unknown): LookupOutcome {
  const parsed = SCHEMAS[kind].safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}` };
  }
  const d = parsed.data;
  if (!d.found) return { ok: true, found: false };
  const vars: Record<string, string> = {};
  if ('balance' in d) {
    vars.balance = normaliseAmount(d.balance);
    if (d.currency) vars.currency = d.currency;
    if (d.dueDate) vars.dueDate = d.dueDate;
  } else {
    vars.ticket = d.ticket;
    vars.status = d.status;
  }
  return { ok: true, found: true, vars };
}
