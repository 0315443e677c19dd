import type { Knex } from 'knex';
import type { CrmContext } from '../context.js';
import { CrmError } from '../errors.js';
import { TimelineQuery, parseInput } from '../schemas/index.js';
import type { Page, TimelineItem } from '../types.js';
import { toCallback, toComplaint, toInteraction } from './mappers.js';
import { date, num, str, type Row } from './rows.js';

/**
 * A customer's interactions, complaints and callbacks, newest first, in pages. The cursor is
 * the (time, type, id) of the last item shown, so a page never repeats or skips an item even
 * when new ones arrive in between. The time stays PostgreSQL's own text (microseconds).
 */
type Position = [at: string, type: string, id: number];

function encode(p: Position): string {
  return Buffer.from(JSON.stringify(p)).toString('base64url');
}

function decode(cursor: string): Position {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(p) &&
      p.length === 3 &&
      typeof p[0] === 'string' &&
      typeof p[1] === 'string' &&
      Number.isSafeInteger(p[2])
    ) {
      return p as Position;
    }
  } catch {
    // fall through
  }
  throw new CrmError('invalid_input', 'cursor: not a cursor this server gave', [
    { path: 'cursor', message: 'not a cursor this server gave' },
  ]);
}

const PARTS = [
  { type: 'interaction', table: 'interactions', at: 'arrived_at', map: toInteraction },
  { type: 'complaint', table: 'complaints', at: 'created_at', map: toComplaint },
  { type: 'callback', table: 'callbacks', at: 'created_at', map: toCallback },
] as const;

export async function customerTimeline(
  ctx: CrmContext,
  customerId: number,
  query: unknown,
): Promise<Page<TimelineItem>> {
  const q = parseInput(TimelineQuery, query, 'timeline query');
  const after = q.cursor ? decode(q.cursor) : null;
  const args: Knex.RawBinding[] = [];
  const selects = PARTS.map((p) => {
    args.push(customerId);
    let where = `customer_id = ?`;
    if (after) {
      where += ` and (${p.at}, '${p.type}'::text, id) < (?::timestamptz, ?::text, ?::bigint)`;
      args.push(...after);
    }
    return `(select '${p.type}'::text as type, id, ${p.at} as at, ${p.at}::text as at_text,
                    to_json(t) as item
               from ${p.table} t where ${where}
              order by ${p.at} desc, id desc limit ${q.limit + 1})`;
  });
  const { rows } = await ctx.knex.raw<{ rows: Row[] }>(
    `select * from (${selects.join(' union all ')}) u
      order by at desc, type desc, id desc limit ${q.limit + 1}`,
    args,
  );
  const page = rows.slice(0, q.limit);
  const items: TimelineItem[] = page.map((r) => {
    const part = PARTS.find((p) => p.type === r.type)!;
    const item = part.map(r.item as Row);
    return { type: part.type, id: num(r.id), at: date(r.at), item };
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor:
      rows.length > q.limit && last
        ? encode([str(last.at_text), str(last.type), num(last.id)])
        : null,
  };
}
