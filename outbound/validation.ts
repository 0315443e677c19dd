import type { z } from 'zod';
import { OutboundError, type OutboundErrorCode } from './errors.js';

export interface ValidationIssue {
  path: string;
  message: string;
}

/** Parses outside input with a zod schema; a failure names every bad field and why. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: OutboundErrorCode,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new OutboundError(code, `invalid ${what}: ${summary}`, { issues });
}
