import { z } from 'zod';
import { IvrError } from '../errors.js';
import type { IvrCallContext, IvrEvent } from './types.js';

const now = z.number().finite().nonnegative();

const context = z.strictObject({
  callId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'letters, digits, ".", "_", ":" or "-"'),
  callerNumber: z
    .string()
    .regex(/^\+?[0-9]{1,32}$/, 'digits with an optional leading +')
    .nullable(),
  customer: z
    .object({
      vip: z.boolean().optional(),
      tier: z.string().max(32).optional(),
      language: z.string().max(16).optional(),
      name: z.string().max(200).optional(),
    })
    .nullable(),
  now,
});

const event = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('prompt_finished'),
    playbackId: z.string().min(1),
    now: now.optional(),
  }),
  z.strictObject({
    type: z.literal('dtmf'),
    digit: z.string().regex(/^[0-9*#A-D]$/),
    now: now.optional(),
  }),
  z.strictObject({ type: z.literal('timeout'), timerId: z.string().min(1), now: now.optional() }),
  z.strictObject({
    type: z.literal('lookup_result'),
    requestId: z.string().min(1),
    data: z.unknown().optional(),
    error: z.string().optional(),
    now: now.optional(),
  }),
  z.strictObject({ type: z.literal('hangup'), now: now.optional() }),
]);

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

export function checkContext(input: unknown): IvrCallContext {
  const parsed = context.safeParse(input);
  if (!parsed.success)
    throw new IvrError('context_invalid', `IVR call context: ${describe(parsed.error)}`);
  return parsed.data;
}

export function checkEvent(input: unknown): IvrEvent {
  const parsed = event.safeParse(input);
  if (!parsed.success) throw new IvrError('event_invalid', `IVR event: ${describe(parsed.error)}`);
  return parsed.data;
}
