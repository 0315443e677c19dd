import { INSTANT_KINDS, TERMINAL_KINDS, targetsOf } from '../model.js';
import type { CompiledNode } from '../model.js';
import type { IssueList } from './issues.js';

/** Strongly connected components that contain a cycle (Tarjan), in a stable order. */
function cycles(ids: readonly string[], edges: (id: string) => readonly string[]): string[][] {
  const inSet = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges(v)) {
      if (!inSet.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || edges(v).includes(v)) out.push(scc.reverse());
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return out;
}

/**
 * Whole-script checks once every target is known to exist: every node reachable from the start,
 * every reachable node with some way out to a terminal node, and no cycle that could spin within
 * one event because none of its nodes ever waits for the caller.
 */
export function checkGraph(
  start: string,
  nodes: Readonly<Record<string, CompiledNode>>,
  issues: IssueList,
): void {
  const edges = (id: string): string[] => {
    const n = nodes[id];
    return n ? targetsOf(n) : [];
  };
  const reachable = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const t of edges(queue.shift()!)) {
      if (!reachable.has(t) && nodes[t]) {
        reachable.add(t);
        queue.push(t);
      }
    }
  }
  for (const id of Object.keys(nodes)) {
    if (!reachable.has(id))
      issues.add('unreachable_node', `no path from the start node ${start}`, id);
  }

  const incoming = new Map<string, string[]>();
  for (const id of reachable) {
    for (const t of edges(id)) incoming.set(t, [...(incoming.get(t) ?? []), id]);
  }
  const exits = new Set([...reachable].filter((id) => TERMINAL_KINDS.has(nodes[id]!.kind)));
  const back = [...exits];
  while (back.length > 0) {
    for (const from of incoming.get(back.pop()!) ?? []) {
      if (!exits.has(from)) {
        exits.add(from);
        back.push(from);
      }
    }
  }
  const trapped = [...reachable].filter((id) => !exits.has(id));
  for (const loop of cycles(trapped, edges)) {
    issues.add(
      'loop_without_exit',
      `nodes ${loop.join(' → ')} form a loop with no path out to a queue, callback, transfer or hangup`,
      loop[0],
    );
  }

  const instant = Object.keys(nodes).filter((id) => INSTANT_KINDS.has(nodes[id]!.kind));
  for (const loop of cycles(instant, edges)) {
    issues.add(
      'loop_without_input',
      `nodes ${loop.join(' → ')} form a loop in which nothing plays or waits for the caller`,
      loop[0],
    );
  }
}
