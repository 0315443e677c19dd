import { z } from 'zod';

/**
 * Configuration comes only from the environment and is checked once at start-up. A bad value
 * stops the server with one line naming the variable and what is wrong with it.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.includes(new URL(v).protocol), {
      message: `must start with ${protocols.map((p) => p + '//').join(' or ')}`,
    });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  ARI_URL: url(['http:', 'https:']).optional(),
  ARI_USERNAME: z.string().min(1).default('contact-center'),
  ARI_PASSWORD: z.string().min(1).optional(),
  ARI_APP: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only')
    .default('contact-center'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 two-letter region such as CN or US')
    .default('CN'),
  CORS_ORIGINS: z.string().optional(),
  NODE_ENV: z.string().optional(),
});

export type Config = z.infer<typeof schema> & {
  /** True when ARI_URL is unset: the built-in PBX simulator stands in for Asterisk. */
  readonly useSimulator: boolean;
  readonly allowedOrigins: string[];
};

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in schema.shape && v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? 'invalid');
  }
  const c = parsed.data;
  if (c.ARI_URL && !c.ARI_PASSWORD) {
    throw new ConfigError('ARI_PASSWORD', 'is required when ARI_URL is set');
  }
  if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET', 'is required when NODE_ENV=production');
  }
  const allowedOrigins = (c.CORS_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { ...c, useSimulator: !c.ARI_URL, allowedOrigins };
}
