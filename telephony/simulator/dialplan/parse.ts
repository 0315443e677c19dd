/**
 * A small reader for the subset of extensions.conf the sample configuration uses, so the
 * simulator runs the same dialplan as a real Asterisk given telephony/asterisk/extensions.conf.
 * Supported: `[context]`, `exten => pattern,priority[(label)],App(args)`, `same => n,...`,
 * `include => context`, `;` comments. Priorities may be numbers or `n`.
 */
export interface DialplanStep {
  priority: number;
  label?: string;
  app: string;
  data: string;
}

export interface Extension {
  pattern: string;
  steps: DialplanStep[];
}

export interface DialplanContext {
  extensions: Extension[];
  includes: string[];
}

export type Dialplan = Map<string, DialplanContext>;

export class DialplanSyntaxError extends Error {
  constructor(line: number, message: string) {
    super(`extensions.conf line ${line}: ${message}`);
    this.name = 'DialplanSyntaxError';
  }
}

export function parseDialplan(text: string): Dialplan {
  const plan: Dialplan = new Map();
  let context: DialplanContext | undefined;
  let last: Extension | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const line = stripComment(raw).trim();
    if (line === '') return;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      const name = header[1]!.trim();
      context = plan.get(name) ?? { extensions: [], includes: [] };
      plan.set(name, context);
      last = undefined;
      return;
    }
    const kv = /^(\w+)\s*=>?\s*(.*)$/.exec(line);
    if (!kv) throw new DialplanSyntaxError(lineNo, `cannot read "${line}"`);
    const key = kv[1]!.toLowerCase();
    const value = kv[2]!.trim();
    if (!context) {
      // [general] / [globals] settings before any context are not dialplan.
      return;
    }
    if (key === 'include') {
      context.includes.push(value);
      return;
    }
    if (key !== 'exten' && key !== 'same') return;
    let pattern: string;
    let rest: string;
    if (key === 'exten') {
      const comma = value.indexOf(',');
      if (comma < 0) throw new DialplanSyntaxError(lineNo, 'exten needs pattern,priority,App()');
      pattern = value.slice(0, comma).trim();
      rest = value.slice(comma + 1);
    } else {
      if (!last) throw new DialplanSyntaxError(lineNo, '"same =>" before any "exten =>"');
      pattern = last.pattern;
      rest = value;
    }
    const step =
      /^\s*([0-9]+|n|hint)(?:\(([^)]*)\))?\s*,\s*([A-Za-z0-9_]+)\s*(?:\((.*)\))?\s*$/.exec(rest);
    if (!step)
      throw new DialplanSyntaxError(lineNo, `cannot read priority and application in "${rest}"`);
    if (step[1] === 'hint') return;
    let ext = context.extensions.find((e) => e.pattern === pattern);
    if (!ext) {
      ext = { pattern, steps: [] };
      context.extensions.push(ext);
    }
    const previous = ext.steps[ext.steps.length - 1]?.priority ?? 0;
    const priority = step[1] === 'n' ? previous + 1 : Number(step[1]);
    if (step[1] === 'n' && ext.steps.length === 0) {
      throw new DialplanSyntaxError(lineNo, 'priority "n" needs a priority before it');
    }
    ext.steps.push({
      priority,
      ...(step[2] ? { label: step[2] } : {}),
      app: step[3]!,
      data: step[4] ?? '',
    });
    ext.steps.sort((a, b) => a.priority - b.priority);
    last = ext;
  });
  return plan;
}

function stripComment(line: string): string {
  // `;` starts a comment unless escaped as `\;`.
  const m = /(^|[^\\]);/.exec(line);
  return m ? line.slice(0, m.index + m[1]!.length) : line;
}

/** Asterisk pattern syntax: X, Z, N, [a-b], `.` (one or more), `!` (zero or more). */
export function patternMatches(pattern: string, exten: string): boolean {
  if (!pattern.startsWith('_')) return pattern === exten;
  let re = '^';
  const p = pattern.slice(1);
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === 'X' || c === 'x') re += '[0-9]';
    else if (c === 'Z' || c === 'z') re += '[1-9]';
    else if (c === 'N' || c === 'n') re += '[2-9]';
    else if (c === '.') re += '.+';
    else if (c === '!') re += '.*';
    else if (c === '[') {
      const end = p.indexOf(']', i);
      if (end < 0) return false;
      re += `[${p.slice(i + 1, end).replace(/[\\^]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(re + '$').test(exten);
}

/** The extension Asterisk would run: an exact match first, then patterns, then includes. */
export function findExtension(
  plan: Dialplan,
  context: string,
  exten: string,
  seen = new Set<string>(),
): Extension | undefined {
  const ctx = plan.get(context);
  if (!ctx || seen.has(context)) return undefined;
  seen.add(context);
  return (
    ctx.extensions.find((e) => e.pattern === exten) ??
    ctx.extensions.find((e) => patternMatches(e.pattern, exten)) ??
    ctx.includes.map((inc) => findExtension(plan, inc, exten, seen)).find((e) => e !== undefined)
  );
}

/** Splits application data on commas outside parentheses, as Asterisk's argument parser does. */
export function splitArgs(data: string): string[] {
  if (data === '') return [];
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of data) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((s) => s.trim());
}
