import { scriptInvalid } from '../errors.js';
import { isLanguageTag } from '../languages.js';
import type { LanguageTag } from '../languages.js';
import { targetsOf } from '../model.js';
import type { CompiledNode, CompiledScript } from '../model.js';
import { scriptSource } from '../schema.js';
import type { ScriptSource } from '../schema.js';
import { checkGraph } from './graph.js';
import { IssueList } from './issues.js';
import { compileNode, promptRefsOf, resolveDefaults } from './nodes.js';
import { parseSource } from './parse.js';
import { compilePrompts } from './prompts.js';
import { compileQueueNames } from './queues.js';
import { checkVariables } from './variables.js';

function checkSchema(data: unknown, issues: IssueList): ScriptSource | null {
  const parsed = scriptSource.safeParse(data);
  if (parsed.success) return parsed.data;
  const nodes = (data as { nodes?: unknown } | null)?.nodes;
  for (const issue of parsed.error.issues) {
    const [head, index, ...rest] = issue.path;
    let node: string | undefined;
    let path = issue.path.join('.');
    if (head === 'nodes' && typeof index === 'number' && Array.isArray(nodes)) {
      const raw = (nodes[index] as { id?: unknown } | undefined)?.id;
      node = typeof raw === 'string' ? raw : `nodes[${index}]`;
      path = rest.join('.');
    } else if (head === 'prompts' && typeof index === 'string') {
      node = `prompt:${index}`;
      path = rest.join('.');
    }
    issues.add('schema_invalid', path === '' ? issue.message : `${path}: ${issue.message}`, node);
  }
  return null;
}

function checkLanguages(src: ScriptSource, issues: IssueList): LanguageTag[] {
  const langs: LanguageTag[] = [];
  for (const lang of src.languages) {
    if (isLanguageTag(lang)) langs.push(lang);
    else issues.add('schema_invalid', `language "${lang}" is not supported (zh-CN, en)`);
  }
  if (!(src.languages as readonly string[]).includes(src.defaultLanguage)) {
    issues.add('schema_invalid', `defaultLanguage "${src.defaultLanguage}" is not in languages`);
  }
  return langs;
}

/**
 * Compiles one script file's text. Pure: the caller reads the file. Throws `IvrError`
 * `script_invalid` listing every problem with the file, the node and the reason.
 */
export function compileIvrScript(sourceText: string, fileName: string): CompiledScript {
  const issues = new IssueList(fileName);
  const data = parseSource(sourceText, issues);
  const src = issues.empty ? checkSchema(data, issues) : null;
  if (src === null) throw scriptInvalid(issues.items);

  const languages = checkLanguages(src, issues);
  const prompts = compilePrompts(src.prompts, languages, issues);
  const defaults = resolveDefaults(src.defaults);

  const nodes: Record<string, CompiledNode> = {};
  for (const n of src.nodes) {
    if (Object.hasOwn(nodes, n.id)) {
      issues.add('duplicate_node', `node id "${n.id}" is used by more than one node`, n.id);
      continue;
    }
    const compiled = compileNode(n, defaults, languages, issues);
    if (compiled) nodes[n.id] = compiled;
  }
  const ids = new Set(src.nodes.map((n) => n.id));
  if (!ids.has(src.start)) {
    issues.add('unknown_start', `start "${src.start}" is not a node`);
  }
  const all = Object.values(nodes);
  for (const n of all) {
    for (const t of targetsOf(n)) {
      if (t !== '' && !ids.has(t)) {
        issues.add('unknown_target', `goes to "${t}", which is not a node`, n.id);
      }
    }
    for (const p of promptRefsOf(n)) {
      if (!Object.hasOwn(src.prompts, p))
        issues.add('unknown_prompt', `plays "${p}", which is not a prompt`, n.id);
    }
  }
  const queueNames = compileQueueNames(src.queues, languages, all, issues);
  checkVariables(all, prompts, issues);
  // Graph checks on a partly broken script would mostly repeat the problems above.
  if (issues.empty) checkGraph(src.start, nodes, issues);
  if (!issues.empty) throw scriptInvalid(issues.items);

  return {
    id: src.id,
    fileName,
    languages,
    defaultLanguage: src.defaultLanguage as LanguageTag,
    start: src.start,
    prompts,
    nodes,
    queueNames,
  };
}
