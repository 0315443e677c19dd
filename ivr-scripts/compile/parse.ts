import { parseDocument } from 'yaml';
import type { IssueList } from './issues.js';

/** Reads YAML (or JSON, by the file's extension) into plain data; syntax errors carry a line. */
export function parseSource(text: string, issues: IssueList): unknown {
  if (/\.json$/i.test(issues.file)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      issues.add('parse_error', (err as Error).message);
      return undefined;
    }
  }
  // prettyErrors is what fills in line positions; its message carries a source excerpt we drop.
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const at = e.linePos?.[0];
      const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      issues.add('parse_error', at ? `line ${at.line}, column ${at.col}: ${message}` : message);
    }
    return undefined;
  }
  return doc.toJS({ maxAliasCount: 100 }) as unknown;
}
