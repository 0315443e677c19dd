/**
 * Conversions from database values. The same row may come straight from pg (Date objects,
 * numeric as string) or from inside a json_agg (ISO strings, numbers), and the mappers accept
 * both so that there is one mapper per entity.
 */
export type Row = Record<string, unknown>;

export function date(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'string' || typeof v === 'number') return new Date(v);
  throw new TypeError(`expected a timestamp, got ${typeof v}`);
}

export function dateOrNull(v: unknown): Date | null {
  return v === null || v === undefined ? null : date(v);
}

export function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}

export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  throw new TypeError(`expected text, got ${v === null ? 'null' : typeof v}`);
}

export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : str(v);
}

/** A `date` column: pg gives a Date at local midnight unless told otherwise; keep YYYY-MM-DD. */
export function isoDateOrNull(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    const y = v.getFullYear();
    const m = String(v.getMonth() + 1).padStart(2, '0');
    const d = String(v.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return str(v).slice(0, 10);
}

export function jsonArray(v: unknown): unknown[] {
  if (Array.isArray(v)) return v as unknown[];
  if (typeof v === 'string') return JSON.parse(v) as unknown[];
  return [];
}
