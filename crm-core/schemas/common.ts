import { z } from 'zod';
import { CrmError } from '../errors.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export const TIERS = ['standard', 'gold', 'vip'] as const;
export const ROLES = ['agent', 'supervisor', 'admin'] as const;

export const Language = z.enum(LANGUAGES);
export const Tier = z.enum(TIERS);
export const Role = z.enum(ROLES);
export type Language = z.output<typeof Language>;
export type Tier = z.output<typeof Tier>;
export type Role = z.output<typeof Role>;
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A moment: a Date from code, or an ISO 8601 string with its offset from a client. */
export const Timestamp = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((v) => new Date(v));

/** Money travels as a decimal string so that no float ever touches it ("1234.50"). */
export const Money = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? v.toFixed(2) : v.trim()))
  .pipe(
    z
      .string()
      .regex(/^-?\d{1,12}(\.\d{1,2})?$/, 'a decimal amount with at most 2 decimals, e.g. "120.50"'),
  );

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY')
  .default('CNY');

export const IsoDate = z.iso.date();

export const TimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'an IANA time zone such as Asia/Shanghai' },
);

export const Limit = z.coerce.number().int().min(1).max(200).default(50);

/** Opaque page position: the id of the last row of the previous page. */
export const Cursor = z.coerce.number().int().positive().optional();

export const Text = (max: number) => z.string().trim().max(max);
export const RequiredText = (max: number) => z.string().trim().min(1).max(max);

/** A comma-separated list in a query string, or an array from code. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item).min(1),
  );
}

export interface IssueDetail {
  path: string;
  message: string;
}

export function issueDetails(error: z.ZodError): IssueDetail[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
}

/** Parses outside input, or throws `invalid_input` naming every field that is wrong. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const details = issueDetails(r.error);
    const first = details[0];
    throw new CrmError(
      'invalid_input',
      `invalid ${what}: ${first ? `${first.path}: ${first.message}` : 'rejected'}`,
      details,
    );
  }
  return r.data;
}
