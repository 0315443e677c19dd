import { z } from 'zod';
import { Text } from './common.js';

export const StrategyUpdateInput = z
  .object({
    queuePriority: z.number().int().min(0).max(100),
    dedicatedGroup: Text(64).nullable(),
    complaintSlaFactor: z.number().min(0.05).max(10),
    callbackDeadlineMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60),
    recordingOptOut: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type StrategyUpdateInput = z.input<typeof StrategyUpdateInput>;
