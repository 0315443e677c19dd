import type { Condition } from '../model.js';

/**
 * The condition language is deliberately tiny: `path`, `!path`, `path == value`,
 * `path != value`. Anything richer belongs in the CRM or the routing rules.
 */
export function parseCondition(text: string): Condition | null {
  const m =
    /^\s*(!)?\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(?:(==|!=)\s*(\S(?:.*\S)?))?\s*$/.exec(
      text,
    );
  if (!m) return null;
  const [, bang, path, op, raw] = m;
  if (path === undefined) return null;
  if (op === undefined) return { op: 'truthy', path, negate: bang === '!' };
  if (bang === '!' || raw === undefined) return null;
  const value = raw.replace(/^(['"])(.*)\1$/, '$2');
  return { op: op === '==' ? 'eq' : 'ne', path, value };
}
