import { LOOKUP_FIELDS } from '../lookups.js';
import type { CompiledNode, CompiledPrompt } from '../model.js';
import { BUILTIN_VARS } from '../variables.js';
import type { IssueList } from './issues.js';
import { resolveSlotPath } from './templates.js';

/** Every variable some node of the script can set, plus the built-in ones. */
export function knownVariables(nodes: readonly CompiledNode[]): Set<string> {
  const known = new Set(BUILTIN_VARS);
  for (const n of nodes) {
    if (n.kind === 'set_var') known.add(n.name);
    if (n.kind === 'collect') {
      if (n.sensitive) {
        known.add(`${n.into}.last4`);
        known.add(`${n.into}.length`);
      } else known.add(n.into);
    }
    if (n.kind === 'lookup') for (const f of LOOKUP_FIELDS[n.lookup]) known.add(`${n.into}.${f}`);
  }
  return known;
}

/**
 * Checks every variable a node or a prompt reads is one something can set, and fixes the value
 * part of each readback slot (`billing.dueDate.month` → variable `billing.dueDate`, part `month`).
 */
export function checkVariables(
  nodes: readonly CompiledNode[],
  prompts: Record<string, CompiledPrompt>,
  issues: IssueList,
): void {
  const known = knownVariables(nodes);
  const callbackIds = new Set(
    nodes.flatMap((n) =>
      n.kind === 'lookup' && n.lookup === 'callback_by_phone' ? [`${n.into}.id`] : [],
    ),
  );
  const need = (path: string, node: string, what: string): void => {
    if (!known.has(path))
      issues.add('unknown_variable', `${what} reads "${path}", which nothing sets`, node);
  };
  for (const n of nodes) {
    if (n.kind === 'lookup' && n.input !== null) need(n.input, n.id, 'input');
    if (n.kind === 'condition') need(n.when.path, n.id, 'when');
    if (n.kind === 'switch') need(n.on, n.id, 'on');
    if (n.kind === 'callback') need(n.number, n.id, 'number');
    if (n.kind === 'cancel_callback' && !callbackIds.has(n.callback)) {
      // Only an id the CRM found for the caller's own number: never one the caller typed.
      issues.add(
        'unknown_variable',
        `callback reads "${n.callback}", which is not the <into>.id of a callback_by_phone lookup`,
        n.id,
      );
    }
  }
  for (const p of Object.values(prompts)) {
    const reported = new Set<string>();
    for (const parts of Object.values(p.parts)) {
      for (const [i, part] of parts.entries()) {
        if (part.kind !== 'slot') continue;
        const resolved = resolveSlotPath(part.path, (name) => known.has(name));
        if (resolved === null) {
          if (reported.has(part.path)) continue;
          reported.add(part.path);
          issues.add(
            'unknown_variable',
            `slot {${part.path}} reads a variable nothing sets`,
            `prompt:${p.id}`,
          );
          continue;
        }
        parts[i] = { ...part, path: resolved.path, part: resolved.part };
      }
    }
  }
}
