import type { CrmContext } from '../context.js';
import { notFound } from '../errors.js';
import {
  KnowledgeCreateInput,
  KnowledgeSearchQuery,
  KnowledgeUpdateInput,
  parseInput,
} from '../schemas/index.js';
import type { KnowledgeEntry, Language } from '../types.js';
import { escapeLike } from './like.js';
import { toKnowledge } from './mappers.js';
import type { Row } from './rows.js';

/** Standard answers and call scripts. Search is ILIKE, which runs the same on PGlite. */
export class KnowledgeRepository {
  constructor(private readonly ctx: CrmContext) {}

  async create(input: unknown, actorId: number | null = null): Promise<KnowledgeEntry> {
    const k = parseInput(KnowledgeCreateInput, input, 'knowledge entry');
    const now = this.ctx.now();
    const rows = await this.ctx
      .knex('knowledge_entries')
      .insert({
        kind: k.kind,
        category: k.category,
        language: k.language,
        title: k.title,
        body: k.body,
        tags: JSON.stringify(k.tags),
        enabled: k.enabled,
        updated_by: actorId,
        created_at: now,
        updated_at: now,
      })
      .returning<Row[]>('*');
    return toKnowledge(rows[0]!);
  }

  async update(id: number, input: unknown, actorId: number | null = null) {
    const k = parseInput(KnowledgeUpdateInput, input, 'knowledge entry update');
    const patch: Record<string, unknown> = { updated_at: this.ctx.now(), updated_by: actorId };
    for (const key of ['kind', 'category', 'language', 'title', 'body', 'enabled'] as const) {
      if (k[key] !== undefined) patch[key] = k[key];
    }
    if (k.tags !== undefined) patch.tags = JSON.stringify(k.tags);
    const rows = await this.ctx
      .knex('knowledge_entries')
      .where({ id })
      .update(patch)
      .returning<Row[]>('*');
    if (!rows[0]) throw notFound('knowledge entry', id);
    return toKnowledge(rows[0]);
  }

  async remove(id: number): Promise<void> {
    const n = await this.ctx.knex('knowledge_entries').where({ id }).delete();
    if (n === 0) throw notFound('knowledge entry', id);
  }

  async get(id: number): Promise<KnowledgeEntry> {
    const row = await this.ctx.knex('knowledge_entries').where({ id }).first<Row | undefined>();
    if (!row) throw notFound('knowledge entry', id);
    return toKnowledge(row);
  }

  /** Enabled entries matching the words of `q` in title, body or tags (all words must match). */
  async search(query: unknown = {}): Promise<KnowledgeEntry[]> {
    const q = parseInput(KnowledgeSearchQuery, query, 'knowledge search');
    const b = this.ctx
      .knex('knowledge_entries')
      .where({ enabled: true })
      .orderBy([{ column: 'category' }, { column: 'kind' }, { column: 'id' }])
      .limit(q.limit);
    if (q.category) b.where('category', q.category);
    if (q.language) b.where('language', q.language);
    if (q.kind) b.where('kind', q.kind);
    for (const word of (q.q ?? '').split(/\s+/).filter(Boolean)) {
      const p = `%${escapeLike(word)}%`;
      b.where((w) => {
        w.whereILike('title', p).orWhereILike('body', p).orWhereRaw('tags::text ilike ?', [p]);
      });
    }
    const rows = (await b) as Row[];
    return rows.map(toKnowledge);
  }

  /** What the agent sees for a call of this category: scripts first, then answers. */
  async forCall(category: string, language: Language): Promise<KnowledgeEntry[]> {
    const entries = await this.search({ category, language, limit: 50 });
    return entries.sort((a, b) => (a.kind === b.kind ? a.id - b.id : a.kind === 'script' ? -1 : 1));
  }
}
