import { z } from 'zod';
import { RoutingError } from '../errors.js';
import {
  QUEUE_EXITS,
  STRATEGIES,
  type AgentProfile,
  type CallInput,
  type QueueConfig,
} from './types.js';

/**
 * Ids end up inside Redis key names and space-separated lists in Lua, so they are restricted to
 * characters that need no escaping anywhere.
 */
const id = z.string().regex(/^[A-Za-z0-9_.@+-]{1,80}$/, 'use 1-80 letters, digits or _.@+-');
const seconds = z.number().finite().nonnegative();
const proficiency = z.number().int().min(1).max(5);
const skillName = z.string().min(1).max(64);

const requirement = z.object({ skill: skillName, min: proficiency });
const requirements = z.array(requirement).max(20);
const relaxation = z
  .array(z.object({ afterSeconds: seconds, requirements }))
  .max(10)
  .refine(
    (steps) => steps.every((s, i) => i === 0 || s.afterSeconds > (steps[i - 1]?.afterSeconds ?? 0)),
    'relaxation steps must have increasing afterSeconds',
  );
const exit = z.enum(QUEUE_EXITS);
const priorityValue = z.number().finite().min(-1000).max(1000);

const queueSchema = z.object({
  id,
  name: z.string().min(1).max(120).optional(),
  strategy: z.enum(STRATEGIES).default('longest-idle'),
  ringTimeoutSeconds: z.number().finite().min(1).max(600).default(20),
  wrapUpSeconds: seconds.max(3600).default(10),
  maxWaitSeconds: seconds.min(1).nullable().default(null),
  maxWaitExit: exit.default('callback'),
  maxQueueLength: z.number().int().min(1).nullable().default(null),
  serviceLevelSeconds: seconds.min(1).default(20),
  requirements: requirements.default([]),
  relaxation: relaxation.default([]),
  priority: z
    .object({
      tiers: z.record(z.string().min(1).max(40), priorityValue).default({}),
      vipBonus: priorityValue.default(10),
      agingSecondsPerLevel: seconds.default(60),
    })
    .default({ tiers: {}, vipBonus: 10, agingSecondsPerLevel: 60 }),
  vip: z
    .object({ agentGroup: z.string().min(1).max(64), overflowAfterSeconds: seconds })
    .nullable()
    .default(null),
  stickiness: z
    .object({ lastServedWithinSeconds: seconds, holdSeconds: seconds })
    .nullable()
    .default(null),
  overflow: z
    .object({
      afterSeconds: seconds.min(1).nullable().default(null),
      whenNoQualifiedAgents: z.boolean().default(false),
      target: z.union([z.object({ queueId: id }), z.object({ exit })]),
    })
    .nullable()
    .default(null),
  declineCooldownSeconds: seconds.max(3600).default(30),
  defaultHandleSeconds: z.number().finite().min(1).default(180),
});

const agentSchema = z.object({
  id,
  name: z.string().min(1).max(120).optional(),
  skills: z.record(skillName, proficiency).default({}),
  groups: z.array(z.string().min(1).max(64)).max(20).default([]),
  queues: z
    .array(z.object({ queueId: id, rank: z.number().int().min(0).max(1_000_000).default(1) }))
    .max(200)
    .refine(
      (qs) => new Set(qs.map((q) => q.queueId)).size === qs.length,
      'a queue is listed twice',
    ),
});

const callSchema = z.object({
  id,
  queueId: id,
  enqueuedAt: z.number().int().nonnegative().optional(),
  tier: z.string().min(1).max(40).optional(),
  vip: z.boolean().optional(),
  priority: priorityValue.optional(),
  requirements: requirements.optional(),
  relaxation: relaxation.optional(),
  preferredAgentId: id.optional(),
  lastAgentId: id.optional(),
  lastServedAt: z.number().int().nonnegative().optional(),
  customerId: z.string().min(1).max(80).optional(),
});

function parse<T>(schema: z.ZodType<T>, what: string, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  const first = problems[0];
  throw new RoutingError(
    'invalid_input',
    `invalid ${what}: ${first ? `${first.path}: ${first.message}` : 'rejected'}`,
    { problems },
  );
}

export type QueueConfigInput = z.input<typeof queueSchema>;
export type AgentProfileInput = z.input<typeof agentSchema>;

/** Validates a queue definition and fills the defaults (longest-idle, 20 s ring, 20 s SL...). */
export function parseQueueConfig(input: unknown): QueueConfig {
  const q = parse(queueSchema, 'queue config', input);
  if (q.overflow && 'queueId' in q.overflow.target && q.overflow.target.queueId === q.id) {
    throw new RoutingError(
      'invalid_input',
      `invalid queue config: queue ${q.id} overflows to itself`,
    );
  }
  return { ...q, name: q.name ?? q.id };
}

export function parseAgentProfile(input: unknown): AgentProfile {
  const a = parse(agentSchema, 'agent profile', input);
  return { ...a, name: a.name ?? a.id };
}

export function parseCallInput(input: unknown): CallInput {
  return parse<CallInput>(callSchema, 'call', input);
}

export function parseId(input: unknown, what: string): string {
  return parse(id, what, input);
}
