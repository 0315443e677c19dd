import { z } from 'zod';
import { QueueName } from './callbacks.js';
import { Language, RequiredText, Role } from './common.js';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2 to 64 letters, digits, ".", "_" or "-"');

export const Password = z
  .string()
  .min(8, 'at least 8 characters')
  .max(256, 'at most 256 characters');

/** Where Asterisk rings the agent: a channel technology and resource. */
export const Endpoint = z
  .string()
  .trim()
  .regex(
    /^(PJSIP|SIP|IAX2)\/[A-Za-z0-9_.+-]+$|^Local\/[A-Za-z0-9_.+-]+@[A-Za-z0-9_.-]+$/,
    'a channel such as PJSIP/1001 or Local/1001@agents',
  );

export const Skill = z.object({
  skill: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, "_", "." and "-"'),
  proficiency: z.number().int().min(1).max(5),
});

const Skills = z
  .array(Skill)
  .max(50)
  .refine((list) => new Set(list.map((s) => s.skill)).size === list.length, 'each skill once');
const Queues = z
  .array(QueueName)
  .max(50)
  .refine((list) => new Set(list).size === list.length, 'each queue once');

export const UserCreateInput = z.object({
  username: Username,
  displayName: RequiredText(80),
  role: Role,
  language: Language.default('zh-CN'),
  password: Password,
  enabled: z.boolean().default(true),
  endpoint: Endpoint.nullable().optional(),
  skills: Skills.default([]),
  queues: Queues.default([]),
});
export type UserCreateInput = z.input<typeof UserCreateInput>;

export const UserUpdateInput = z
  .object({
    displayName: RequiredText(80),
    role: Role,
    language: Language,
    password: Password,
    enabled: z.boolean(),
    endpoint: Endpoint.nullable(),
    skills: Skills,
    queues: Queues,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UserUpdateInput = z.input<typeof UserUpdateInput>;

export const LoginInput = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.input<typeof LoginInput>;

export const UserListQuery = z.object({
  role: Role.optional(),
  enabled: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .optional(),
});
