import type { LanguageTag } from '../languages.js';
import type { CompiledNode } from '../model.js';
import type { ScriptSource } from '../schema.js';
import type { IssueList } from './issues.js';
import { checkTextLanguages } from './texts.js';

const QUEUE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * The `queues` section: each queue's name in every language of the script (agents and supervisors
 * see the queue by that name in their own language). When the section is there, every queue the
 * script routes to must be named in it. Issues name the queue as `queue:<id>`.
 */
export function compileQueueNames(
  source: ScriptSource['queues'],
  languages: readonly LanguageTag[],
  nodes: readonly CompiledNode[],
  issues: IssueList,
): Record<string, Record<LanguageTag, string>> {
  const out: Record<string, Record<LanguageTag, string>> = {};
  if (source === undefined) return out;
  for (const [id, q] of Object.entries(source)) {
    const where = `queue:${id}`;
    if (!QUEUE_ID.test(id)) {
      issues.add('schema_invalid', `queue id "${id}" is not a valid id`, where);
      continue;
    }
    checkTextLanguages(q.name, languages, 'name', where, issues);
    const names = {} as Record<LanguageTag, string>;
    for (const lang of languages) {
      const name = q.name[lang]?.trim();
      if (name) names[lang] = name;
      else issues.add('unnamed_queue', `no ${lang} name`, where);
    }
    out[id] = names;
  }
  for (const n of nodes) {
    const queueId = n.kind === 'queue' || n.kind === 'callback' ? n.queueId : null;
    if (queueId !== null && !Object.hasOwn(source, queueId)) {
      issues.add(
        'unnamed_queue',
        `routes to queue "${queueId}", which the queues section does not name`,
        n.id,
      );
    }
  }
  return out;
}
