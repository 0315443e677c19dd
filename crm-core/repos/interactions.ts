import type { z } from 'zod';
import type { CrmContext, Db } from '../context.js';
import { CrmError, foreignKeyViolation, notFound } from '../errors.js';
import { CallId, InteractionPatch, NoteInput, parseInput } from '../schemas/index.js';
import type { Interaction } from '../types.js';
import { toInteraction } from './mappers.js';
import { escapeLike } from './like.js';
import { date, numOrNull, str, strOrNull, type Row } from './rows.js';

type Patch = z.output<typeof InteractionPatch>;

const COLUMNS: Record<Exclude<keyof Patch, 'recording'>, string> = {
  kind: 'kind',
  direction: 'direction',
  customerId: 'customer_id',
  callerNumber: 'caller_number',
  agentId: 'agent_id',
  queue: 'queue',
  ivrPath: 'ivr_path',
  arrivedAt: 'arrived_at',
  queuedAt: 'queued_at',
  offeredAt: 'offered_at',
  answeredAt: 'answered_at',
  endedAt: 'ended_at',
  waitSeconds: 'wait_seconds',
  talkSeconds: 'talk_seconds',
  wrapupSeconds: 'wrapup_seconds',
  disposition: 'disposition',
  notes: 'notes',
  abandoned: 'abandoned',
};

const JSON_COLUMNS = new Set(['ivr_path', 'recording_pauses', 'recording_segments']);

/** The columns a patch sets, with JSON columns as plain values. */
function patchColumns(p: Patch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(COLUMNS)) {
    const v = p[key as keyof typeof COLUMNS];
    if (v !== undefined) out[col] = v;
  }
  if (p.recording !== undefined) {
    out.recording_name = p.recording?.name ?? null;
    out.recording_duration_seconds = p.recording?.durationSeconds ?? null;
    out.recording_pauses = p.recording ? p.recording.pauses : null;
    out.recording_segments = p.recording?.segments ?? null;
  }
  return out;
}

/** For a bound parameter: pg would send a JS array as a PostgreSQL array, not as JSON. */
function asParameters(cols: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(cols)) {
    out[k] = JSON_COLUMNS.has(k) && v !== null ? JSON.stringify(v) : v;
  }
  return out;
}

const BATCH = 500;

/** A recorded call, for the supervisors' recordings search. */
export interface RecordedCall {
  callId: string;
  arrivedAt: Date;
  queue: string | null;
  callerNumber: string | null;
  recordingName: string;
  durationSeconds: number;
  customerName: string | null;
  agentName: string | null;
}

export interface CallPatch {
  callId: string;
  patch: InteractionPatch;
}

/**
 * Every contact with a customer. Calls are written by call id, idempotently: the first write
 * inserts, every later or retried write updates the same row (INSERT ... ON CONFLICT).
 */
export class InteractionRepository {
  constructor(private readonly ctx: CrmContext) {}

  async upsertByCallId(callId: string, patch: InteractionPatch): Promise<Interaction> {
    const id = parseInput(CallId, callId, 'call id');
    const cols = asParameters(patchColumns(parseInput(InteractionPatch, patch, 'interaction')));
    const now = this.ctx.now();
    const rows = (await this.withReferenceErrors(() =>
      this.ctx
        .knex('interactions')
        .insert({ arrived_at: now, ...cols, call_id: id, created_at: now, updated_at: now })
        .onConflict('call_id')
        .merge([...Object.keys(cols), 'updated_at'])
        .returning('*'),
    )) as Row[];
    return toInteraction(rows[0]!);
  }

  /**
   * Many calls' patches in few statements (the batch path for busy trunks and imports).
   * Patches for the same call are applied in order; answers how many rows were written.
   */
  async upsertMany(items: readonly CallPatch[]): Promise<number> {
    const merged = new Map<string, Patch>();
    items.forEach((item, i) => {
      const id = parseInput(CallId, item.callId, `call id at ${i}`);
      const p = parseInput(InteractionPatch, item.patch, `interaction at ${i}`);
      merged.set(id, { ...merged.get(id), ...p });
    });
    // Rows of one INSERT must share their column list: group by the columns each patch sets.
    const groups = new Map<string, Record<string, unknown>[]>();
    const now = this.ctx.now();
    for (const [callId, p] of merged) {
      const cols = patchColumns(p);
      const key = Object.keys(cols).sort().join(',');
      const list = groups.get(key) ?? [];
      list.push({ arrived_at: now, ...cols, call_id: callId, created_at: now, updated_at: now });
      groups.set(key, list);
    }
    let written = 0;
    for (const [key, rows] of groups) {
      const patchCols = key ? key.split(',') : [];
      const insertCols = [
        ...new Set([...patchCols, 'arrived_at', 'call_id', 'created_at', 'updated_at']),
      ];
      const updates = [...patchCols, 'updated_at'].map((c) => `${c} = excluded.${c}`).join(', ');
      // The whole batch travels as one JSON parameter and is unpacked by the server: about
      // twice the rows per second of a multi-row VALUES list with a parameter per cell.
      const sql = `insert into interactions (${insertCols.join(', ')})
        select ${insertCols.join(', ')} from json_populate_recordset(null::interactions, ?::json)
        on conflict (call_id) do update set ${updates}`;
      for (let i = 0; i < rows.length; i += BATCH) {
        const chunk = rows.slice(i, i + BATCH);
        await this.withReferenceErrors(() => this.ctx.knex.raw(sql, [JSON.stringify(chunk)]));
        written += chunk.length;
      }
    }
    return written;
  }

  /** A note an agent writes on a customer's file, outside any call. */
  async createNote(input: unknown): Promise<Interaction> {
    const n = parseInput(NoteInput, input, 'note');
    const now = this.ctx.now();
    const rows = (await this.withReferenceErrors(() =>
      this.ctx
        .knex('interactions')
        .insert({
          kind: 'note',
          direction: 'internal',
          customer_id: n.customerId,
          agent_id: n.agentId ?? null,
          notes: n.notes,
          arrived_at: now,
          created_at: now,
          updated_at: now,
        })
        .returning('*'),
    )) as Row[];
    return toInteraction(rows[0]!);
  }

  async get(id: number, db: Db = this.ctx.knex): Promise<Interaction> {
    const row = await db('interactions').where({ id }).first<Row | undefined>();
    if (!row) throw notFound('interaction', id);
    return toInteraction(row);
  }

  async findByCallId(callId: string): Promise<Interaction | null> {
    const row = await this.ctx
      .knex('interactions')
      .where({ call_id: callId })
      .first<Row | undefined>();
    return row ? toInteraction(row) : null;
  }

  /**
   * Calls with a recording that arrived in [from, to), newest first; `q` matches the caller's
   * number, the customer's or the agent's name.
   */
  async searchRecordings(query: {
    from: Date;
    to: Date;
    q: string | null;
    limit: number;
  }): Promise<RecordedCall[]> {
    const b = this.ctx
      .knex('interactions as i')
      .leftJoin('customers as c', 'c.id', 'i.customer_id')
      .leftJoin('users as u', 'u.id', 'i.agent_id')
      .whereNotNull('i.recording_name')
      .whereNotNull('i.call_id')
      .where('i.arrived_at', '>=', query.from)
      .where('i.arrived_at', '<', query.to)
      .orderBy('i.arrived_at', 'desc')
      .limit(Math.max(1, Math.min(1000, Math.floor(query.limit))))
      .select(
        'i.call_id',
        'i.arrived_at',
        'i.queue',
        'i.caller_number',
        'i.recording_name',
        'i.recording_duration_seconds',
        'i.talk_seconds',
        'c.name as customer_name',
        'u.display_name as agent_name',
      );
    const q = query.q?.trim();
    if (q) {
      const like = `%${escapeLike(q)}%`;
      void b.where((w) => {
        void w
          .where('i.caller_number', 'ilike', like)
          .orWhere('c.name', 'ilike', like)
          .orWhere('u.display_name', 'ilike', like);
      });
    }
    const rows = (await b) as Row[];
    return rows.map((r) => ({
      callId: str(r.call_id),
      arrivedAt: date(r.arrived_at),
      queue: strOrNull(r.queue),
      callerNumber: strOrNull(r.caller_number),
      recordingName: str(r.recording_name),
      durationSeconds: numOrNull(r.recording_duration_seconds) ?? numOrNull(r.talk_seconds) ?? 0,
      customerName: strOrNull(r.customer_name),
      agentName: strOrNull(r.agent_name),
    }));
  }

  private async withReferenceErrors<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const fk = foreignKeyViolation(err);
      if (fk !== null) {
        const field = fk.includes('agent') ? 'agentId' : 'customerId';
        throw new CrmError('invalid_input', `${field}: no such ${field.slice(0, -2)}`, [
          { path: field, message: 'does not exist' },
        ]);
      }
      throw err;
    }
  }
}
