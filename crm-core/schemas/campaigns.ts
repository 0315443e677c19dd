import { z } from 'zod';
import { CAMPAIGN_CONTACT_STATUSES, CAMPAIGN_STATES } from '../campaign-types.js';
import { Cursor, Limit, Text, listOf } from './common.js';

export const CampaignListQuery = z.object({
  state: listOf(z.enum(CAMPAIGN_STATES)).optional(),
  limit: Limit,
  cursor: Cursor,
});
export type CampaignListQuery = z.input<typeof CampaignListQuery>;

export const CampaignContactListQuery = z.object({
  status: listOf(z.enum(CAMPAIGN_CONTACT_STATUSES)).optional(),
  limit: Limit,
  cursor: Cursor,
});
export type CampaignContactListQuery = z.input<typeof CampaignContactListQuery>;

export const DncListQuery = z.object({
  /** Numbers starting with this (E.164 digits, "+86138"). */
  prefix: z
    .string()
    .trim()
    .regex(/^\+?\d{1,15}$/, 'digits, optionally after "+"')
    .optional(),
  limit: Limit,
  /** The last phone of the previous page. */
  after: z.string().trim().max(20).optional(),
});
export type DncListQuery = z.input<typeof DncListQuery>;

export const DncReason = Text(500).default('');
