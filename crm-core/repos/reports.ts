import type { CrmContext } from '../context.js';
import { toCsv } from '../csv.js';
import { ReportQuery, parseInput } from '../schemas/index.js';
import type { StatsRow } from '../types.js';
import { numOrNull, num, str, type Row } from './rows.js';

/**
 * Historical statistics from interactions, for calls that arrived in [from, to).
 * - offered: calls that reached the queue (or were offered to the agent);
 * - answered / abandoned: as recorded;
 * - service level: answered within `threshold` seconds of waiting, over offered;
 * - ASA: mean wait of answered calls; AHT: mean talk + wrap-up of answered calls.
 * A missing wait or talk time is worked out from the call's timestamps.
 */
const WAIT = `coalesce(wait_seconds,
  extract(epoch from (answered_at - coalesce(queued_at, arrived_at))))`;
const HANDLE = `coalesce(talk_seconds, extract(epoch from (ended_at - answered_at)), 0)
  + coalesce(wrapup_seconds, 0)`;

function statsSql(groupBy: 'queue' | 'agent_id', offeredWhen: string): string {
  return `
    select ${groupBy}::text as key,
           count(*) as offered,
           count(*) filter (where answered_at is not null) as answered,
           count(*) filter (where abandoned) as abandoned,
           count(*) filter (where answered_at is not null and ${WAIT} <= ?) as within,
           avg(${WAIT}) filter (where answered_at is not null) as asa,
           avg(${HANDLE}) filter (where answered_at is not null) as aht
      from interactions
     where arrived_at >= ? and arrived_at < ? and ${groupBy} is not null and ${offeredWhen}
       and kind <> 'note'
     group by ${groupBy}
     order by ${groupBy}`;
}

const round = (v: number | null, digits: number) =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

function toStats(r: Row): StatsRow {
  const offered = num(r.offered);
  const within = num(r.within);
  return {
    key: str(r.key),
    offered,
    answered: num(r.answered),
    abandoned: num(r.abandoned),
    answeredWithinThreshold: within,
    serviceLevel: offered ? round(within / offered, 4) : null,
    asa: round(numOrNull(r.asa), 1),
    aht: round(numOrNull(r.aht), 1),
  };
}

export const STATS_COLUMNS = [
  'key',
  'offered',
  'answered',
  'abandoned',
  'answeredWithinThreshold',
  'serviceLevel',
  'asa',
  'aht',
] as const satisfies readonly (keyof StatsRow)[];

export class ReportRepository {
  constructor(private readonly ctx: CrmContext) {}

  async queues(query: unknown): Promise<StatsRow[]> {
    const q = parseInput(ReportQuery, query, 'report query');
    const { rows } = await this.ctx.knex.raw<{ rows: Row[] }>(
      statsSql('queue', '(queued_at is not null or abandoned or answered_at is not null)'),
      [q.threshold, q.from, q.to],
    );
    return rows.map(toStats);
  }

  async agents(query: unknown): Promise<StatsRow[]> {
    const q = parseInput(ReportQuery, query, 'report query');
    const { rows } = await this.ctx.knex.raw<{ rows: Row[] }>(
      statsSql('agent_id', '(offered_at is not null or answered_at is not null)'),
      [q.threshold, q.from, q.to],
    );
    return rows.map(toStats);
  }

  toCsv(rows: readonly StatsRow[]): string {
    return toCsv(rows, STATS_COLUMNS);
  }
}
