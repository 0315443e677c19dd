import { z } from 'zod';
import { validTimezone } from './compile/schedule.js';
import { localTime } from './interpreter/clock.js';
import type { LookupKind, RequestKind } from './model.js';

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

/** A live callback of the caller's number; its window is an instant pair in its own zone. */
const callbackFound = z.object({
  found: z.literal(true),
  id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]),
  status: z.enum(['pending', 'scheduled']),
  earliest: z.iso.datetime({ offset: true }),
  latest: z.iso.datetime({ offset: true }),
  timezone: z.string().refine(validTimezone, 'an IANA time zone such as Asia/Shanghai'),
});

/** The cancel's answer: cancelled (now or by an earlier try), or no longer live. */
const cancelDone = z.object({ found: z.literal(true), status: z.literal('cancelled') });

const SCHEMAS = {
  balance_by_phone: z.union([balanceFound, notFound]),
  balance_by_account: z.union([balanceFound, notFound]),
  complaint_by_ticket: z.union([complaintFound, notFound]),
  callback_by_phone: z.union([callbackFound, notFound]),
  cancel_callback: z.union([cancelDone, notFound]),
} as const;

export type BalanceLookupData = z.infer<typeof balanceFound> | { found: false };
export type ComplaintLookupData = z.infer<typeof complaintFound> | { found: false };
export type CallbackLookupData = z.input<typeof callbackFound> | { found: false };
export type CancelCallbackData = z.infer<typeof cancelDone> | { found: false };

/** The variables each lookup kind may set, relative to the node's `into`. */
export const LOOKUP_FIELDS: Record<LookupKind, readonly string[]> = {
  balance_by_phone: ['balance', 'currency', 'dueDate'],
  balance_by_account: ['balance', 'currency', 'dueDate'],
  complaint_by_ticket: ['ticket', 'status'],
  callback_by_phone: ['id', 'status', 'from', 'until', 'timezone'],
};

/** Whether a lookup kind reads a variable (the typed account or ticket) or the caller's number. */
export const LOOKUP_NEEDS_INPUT: Record<LookupKind, boolean> = {
  balance_by_phone: false,
  balance_by_account: true,
  complaint_by_ticket: true,
  callback_by_phone: false,
};

export type LookupArgs =
  | { kind: 'balance_by_phone'; args: { phone: string } }
  | { kind: 'balance_by_account'; args: { accountNumber: string } }
  | { kind: 'complaint_by_ticket'; args: { ticket: string } }
  | { kind: 'callback_by_phone'; args: { phone: string } }
  /** The phone lets the CRM refuse a callback that is not the caller's. */
  | { kind: 'cancel_callback'; args: { callbackId: string; phone: string } };

export function lookupArgs(kind: LookupKind, value: string): LookupArgs {
  switch (kind) {
    case 'balance_by_phone':
    case 'callback_by_phone':
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

/** An instant as the caller's clock reads it in `timeZone`: YYYY-MM-DD HH:MM. */
function wallClock(iso: string, timeZone: string): string {
  const t = localTime(Date.parse(iso), timeZone);
  const hh = String(Math.floor(t.minutes / 60)).padStart(2, '0');
  const mm = String(t.minutes % 60).padStart(2, '0');
  return `${t.date} ${hh}:${mm}`;
}

export type LookupOutcome =
  | { ok: true; found: true; vars: Record<string, string> }
  | { ok: true; found: false }
  | { ok: false; reason: string };

type Found<K extends RequestKind> = Extract<z.infer<(typeof SCHEMAS)[K]>, { found: true }>;

const VARS: { [K in RequestKind]: (d: Found<K>) => Record<string, string> } = {
  balance_by_phone: balanceVars,
  balance_by_account: balanceVars,
  complaint_by_ticket: (d) => ({ ticket: d.ticket, status: d.status }),
  callback_by_phone: (d) => ({
    id: String(d.id),
    status: d.status,
    from: wallClock(d.earliest, d.timezone),
    until: wallClock(d.latest, d.timezone),
    timezone: d.timezone,
  }),
  cancel_callback: (d) => ({ status: d.status }),
};

function balanceVars(d: z.infer<typeof balanceFound>): Record<string, string> {
  const vars: Record<string, string> = { balance: normaliseAmount(d.balance) };
  if (d.currency) vars.currency = d.currency;
  if (d.dueDate) vars.dueDate = d.dueDate;
  return vars;
}

export function readLookupData<K extends RequestKind>(kind: K, data: unknown): LookupOutcome {
  const parsed = SCHEMAS[kind].safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}` };
  }
  const d = parsed.data as z.infer<(typeof SCHEMAS)[K]>;
  if (!d.found) return { ok: true, found: false };
  return { ok: true, found: true, vars: VARS[kind](d as Found<K>) };
}
