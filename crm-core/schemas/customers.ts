import { z } from 'zod';
import {
  Currency,
  Id,
  IsoDate,
  Language,
  Limit,
  Money,
  RequiredText,
  Text,
  Tier,
  TimeZone,
} from './common.js';

export const PHONE_LABELS = ['mobile', 'home', 'work', 'other'] as const;

export const PhoneInput = z.object({
  number: RequiredText(40),
  label: z.enum(PHONE_LABELS).default('mobile'),
});

export const AccountNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,32}$/, '4 to 32 letters, digits or "-"');

export const CustomerCreateInput = z.object({
  name: RequiredText(120),
  language: Language.default('zh-CN'),
  tier: Tier.default('standard'),
  vip: z.boolean().default(false),
  accountNumber: AccountNumber.optional(),
  preferredAgentId: Id.nullable().optional(),
  notes: Text(4000).default(''),
  timezone: TimeZone.default('Asia/Shanghai'),
  phones: z.array(PhoneInput).max(10).default([]),
  /** Create even when similar customers exist (never when a phone or account is taken). */
  force: z.boolean().default(false),
});
export type CustomerCreateInput = z.input<typeof CustomerCreateInput>;

export const CustomerUpdateInput = z
  .object({
    name: RequiredText(120),
    language: Language,
    tier: Tier,
    vip: z.boolean(),
    preferredAgentId: Id.nullable(),
    notes: Text(4000),
    timezone: TimeZone,
    /** Replaces the whole list of phones. */
    phones: z.array(PhoneInput).max(10),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type CustomerUpdateInput = z.input<typeof CustomerUpdateInput>;

export const CustomerSearchQuery = z
  .object({
    /** Anything a caller might give: a ticket, a phone number, an account number or a name. */
    q: RequiredText(120).optional(),
    phone: RequiredText(40).optional(),
    accountNumber: AccountNumber.optional(),
    name: RequiredText(120).optional(),
    limit: Limit,
  })
  .refine((q) => q.q ?? q.phone ?? q.accountNumber ?? q.name, {
    message: 'give q, phone, accountNumber or name',
  });
export type CustomerSearchQuery = z.input<typeof CustomerSearchQuery>;

export const MergeInput = z.object({
  /** The customer that disappears; its history moves to the target. */
  sourceId: Id,
});

export const AccountCreateInput = z.object({
  accountNumber: AccountNumber,
  balance: Money.default('0.00'),
  currency: Currency,
  dueDate: IsoDate.nullable().optional(),
});
export type AccountCreateInput = z.input<typeof AccountCreateInput>;

export const AccountUpdateInput = z
  .object({ balance: Money, dueDate: IsoDate.nullable(), currency: Currency })
  .partial();
export type AccountUpdateInput = z.input<typeof AccountUpdateInput>;

export const PaymentInput = z.object({
  amount: Money.refine((m) => !m.startsWith('-') && Number(m) > 0, 'must be more than 0'),
  at: z
    .union([z.date(), z.iso.datetime({ offset: true })])
    .transform((v) => new Date(v))
    .optional(),
});
export type PaymentInput = z.input<typeof PaymentInput>;

export const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type TimelineQuery = z.input<typeof TimelineQuery>;
