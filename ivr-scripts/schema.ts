import { z } from 'zod';

/**
 * The source format of a script file (YAML or JSON), checked before any cross-reference rule.
 * Objects are strict so that a misspelt key (`nxt:`) is an error rather than a silent default.
 */
const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'an id is 1-64 letters, digits, "_", "-" or "."');
const target = id;
const varName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/,
    'a variable is dot-separated names, e.g. billing.account',
  );
const promptRef = z.union([id, z.array(id).min(1)]);
const ms = z.number().int().min(100).max(600_000);
const retries = z.number().int().min(0).max(10);
const level = z.number().int().min(1).max(5);

const inputCommon = {
  prompt: promptRef,
  bargeIn: z.boolean().optional(),
  timeoutMs: ms.optional(),
  retries: retries.optional(),
  invalidPrompt: promptRef.optional(),
  timeoutPrompt: promptRef.optional(),
};

const base = { id, description: z.string().optional() };

export const playSource = z.strictObject({
  ...base,
  kind: z.literal('play'),
  prompt: promptRef,
  bargeIn: z.boolean().optional(),
  next: target,
});

export const menuSource = z.strictObject({
  ...base,
  kind: z.literal('menu'),
  ...inputCommon,
  options: z.record(z.string(), target),
  fallback: target.optional(),
});

export const collectSource = z.strictObject({
  ...base,
  kind: z.literal('collect'),
  ...inputCommon,
  interDigitTimeoutMs: ms.optional(),
  minLength: z.number().int().min(1).max(64).optional(),
  maxLength: z.number().int().min(1).max(64),
  terminator: z.enum(['#', '*', 'none']).optional(),
  validate: z.union([z.string(), z.strictObject({ pattern: z.string() })]).optional(),
  into: varName,
  sensitive: z.boolean().optional(),
  pauseRecording: z.boolean().optional(),
  next: target,
  fallback: target.optional(),
});

export const languageSource = z.strictObject({
  ...base,
  kind: z.literal('language'),
  ...inputCommon,
  options: z.record(z.string(), z.string()),
  skipIfKnown: z.boolean().optional(),
  next: target,
  fallback: target.optional(),
});

const holiday = z.union([z.string(), z.strictObject({ date: z.string(), name: z.string() })]);
const dayRanges = z.array(z.string());

export const hoursSource = z.strictObject({
  ...base,
  kind: z.literal('hours'),
  timezone: z.string(),
  weekly: z.strictObject({
    mon: dayRanges.optional(),
    tue: dayRanges.optional(),
    wed: dayRanges.optional(),
    thu: dayRanges.optional(),
    fri: dayRanges.optional(),
    sat: dayRanges.optional(),
    sun: dayRanges.optional(),
  }),
  holidays: z.array(holiday).optional(),
  open: target,
  closed: target,
});

export const LOOKUP_KINDS = [
  'balance_by_phone',
  'balance_by_account',
  'complaint_by_ticket',
  'callback_by_phone',
] as const;

export const lookupSource = z.strictObject({
  ...base,
  kind: z.literal('lookup'),
  lookup: z.enum(LOOKUP_KINDS),
  input: varName.optional(),
  into: varName,
  waitPrompt: promptRef.optional(),
  timeoutMs: ms.optional(),
  errorPrompt: promptRef.optional(),
  found: target,
  notFound: target,
  fallback: target.optional(),
});

/** Cancels the caller's own callback, found first by a `callback_by_phone` lookup. */
export const cancelCallbackSource = z.strictObject({
  ...base,
  kind: z.literal('cancel_callback'),
  callback: varName,
  waitPrompt: promptRef.optional(),
  timeoutMs: ms.optional(),
  errorPrompt: promptRef.optional(),
  cancelled: target,
  notFound: target,
  fallback: target.optional(),
});

export const conditionSource = z.strictObject({
  ...base,
  kind: z.literal('condition'),
  when: z.string(),
  then: target,
  else: target,
});

export const switchSource = z.strictObject({
  ...base,
  kind: z.literal('switch'),
  on: varName,
  cases: z.record(z.string(), target),
  default: target,
});

export const setVarSource = z.strictObject({
  ...base,
  kind: z.literal('set_var'),
  name: varName,
  value: z.union([z.string(), z.number(), z.boolean()]),
  next: target,
});

export const setPrioritySource = z.strictObject({
  ...base,
  kind: z.literal('set_priority'),
  priority: z.number().int().min(0).max(100),
  next: target,
});

export const setSkillSource = z.strictObject({
  ...base,
  kind: z.literal('set_skill'),
  skill: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'a skill is a short name'),
  level,
  next: target,
});

export const queueSource = z.strictObject({
  ...base,
  kind: z.literal('queue'),
  queueId: id,
  skills: z.record(z.string(), level).optional(),
  languageSkill: level.optional(),
  priority: z.number().int().min(0).max(100).optional(),
  prompt: promptRef.optional(),
});

export const callbackSource = z.strictObject({
  ...base,
  kind: z.literal('callback'),
  number: varName.optional(),
  queueId: id.optional(),
  prompt: promptRef.optional(),
  fallback: target,
});

export const transferSource = z.strictObject({
  ...base,
  kind: z.literal('transfer'),
  target: z.union([
    z.strictObject({
      endpoint: z.string().regex(/^[A-Za-z0-9]+\/[^\s,]+$/, 'an endpoint is Tech/resource'),
    }),
    z.strictObject({
      extension: z.string().regex(/^[0-9A-Za-z*#+_-]+$/),
      context: z.string().regex(/^[A-Za-z0-9_-]+$/),
    }),
  ]),
  prompt: promptRef.optional(),
});

export const hangupSource = z.strictObject({
  ...base,
  kind: z.literal('hangup'),
  prompt: promptRef.optional(),
  reason: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
});

export const nodeSource = z.discriminatedUnion('kind', [
  playSource,
  menuSource,
  collectSource,
  languageSource,
  hoursSource,
  lookupSource,
  cancelCallbackSource,
  conditionSource,
  switchSource,
  setVarSource,
  setPrioritySource,
  setSkillSource,
  queueSource,
  callbackSource,
  transferSource,
  hangupSource,
]);

export const promptSource = z.strictObject({
  sound: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/,
      'a sound is a lower-case path such as cc/main-menu',
    )
    .optional(),
  /** One recording holding every language's text, for the bilingual greeting. */
  combined: z.boolean().optional(),
  text: z.record(z.string(), z.string()),
});

/** A queue's name as agents and supervisors see it, in each of the script's languages. */
export const queueNameSource = z.strictObject({
  name: z.record(z.string(), z.string()),
});

export const scriptSource = z.strictObject({
  id,
  version: z.union([z.number(), z.string()]).optional(),
  description: z.string().optional(),
  languages: z.array(z.string()).min(1),
  defaultLanguage: z.string(),
  start: target,
  defaults: z
    .strictObject({
      timeoutMs: ms.optional(),
      interDigitTimeoutMs: ms.optional(),
      retries: retries.optional(),
      invalidPrompt: promptRef.optional(),
      timeoutPrompt: promptRef.optional(),
      errorPrompt: promptRef.optional(),
      fallback: target.optional(),
      lookupTimeoutMs: ms.optional(),
    })
    .optional(),
  prompts: z.record(z.string(), promptSource),
  /** Names of the queues (by queue id); when present, every queue the script routes to is named. */
  queues: z.record(z.string(), queueNameSource).optional(),
  nodes: z.array(nodeSource).min(1),
});

export type ScriptSource = z.infer<typeof scriptSource>;
export type NodeSource = z.infer<typeof nodeSource>;
export type PromptSource = z.infer<typeof promptSource>;
