import { z } from 'zod';
import { Cursor, Id, Limit, Text, Timestamp } from './common.js';

export const ReportQuery = z
  .object({
    from: Timestamp,
    to: Timestamp,
    /** Answered within this many seconds counts towards the service level. */
    threshold: z.coerce.number().int().min(1).max(3600).default(20),
  })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 366 * 24 * 3600 * 1000, {
    message: 'at most one year',
    path: ['to'],
  });
export type ReportQuery = z.input<typeof ReportQuery>;

export const AuditRecordInput = z.object({
  actorId: Id.nullable().optional(),
  action: z.string().regex(/^[a-z][a-z_.]{1,63}$/, 'dotted lower-case words, e.g. customer.update'),
  entity: z.string().regex(/^[a-z][a-z_]{1,39}$/, 'lower-case entity name'),
  entityId: z
    .union([z.string().max(64), z.number()])
    .nullable()
    .optional(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditRecordInput = z.input<typeof AuditRecordInput>;

export const AuditListQuery = z.object({
  entity: Text(40).optional(),
  entityId: Text(64).optional(),
  actorId: Id.optional(),
  action: Text(64).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  limit: Limit,
  cursor: Cursor,
});
export type AuditListQuery = z.input<typeof AuditListQuery>;
