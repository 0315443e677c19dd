import { z } from 'zod';
import { COMPLAINT_STATUSES } from '../workflow.js';
import { Cursor, Id, Limit, RequiredText, Text, listOf } from './common.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export const CategoryCode = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _');

export const ComplaintCreateInput = z.object({
  customerId: Id,
  category: CategoryCode,
  severity: z.enum(SEVERITIES).default('medium'),
  subject: RequiredText(200),
  description: Text(8000).default(''),
  assigneeId: Id.nullable().optional(),
  interactionId: Id.nullable().optional(),
});
export type ComplaintCreateInput = z.input<typeof ComplaintCreateInput>;

export const ComplaintUpdateInput = z
  .object({
    severity: z.enum(SEVERITIES),
    assigneeId: Id.nullable(),
    subject: RequiredText(200),
    description: Text(8000),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type ComplaintUpdateInput = z.input<typeof ComplaintUpdateInput>;

export const ComplaintTransitionInput = z.object({
  to: z.enum(COMPLAINT_STATUSES),
  resolution: RequiredText(4000).optional(),
  satisfaction: z.number().int().min(1).max(5).optional(),
  note: Text(1000).optional(),
});
export type ComplaintTransitionInput = z.input<typeof ComplaintTransitionInput>;

export const ComplaintListQuery = z.object({
  status: listOf(z.enum(COMPLAINT_STATUSES)).optional(),
  customerId: Id.optional(),
  assigneeId: Id.optional(),
  overdue: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .optional(),
  limit: Limit,
  cursor: Cursor,
});
export type ComplaintListQuery = z.input<typeof ComplaintListQuery>;

export const TicketNumberInput = z.string().regex(/^\d{8}$/, '8 digits');

export const CategoryInput = z.object({
  code: CategoryCode,
  nameZh: RequiredText(60),
  nameEn: RequiredText(60),
  slaHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
});
export type CategoryInput = z.input<typeof CategoryInput>;
