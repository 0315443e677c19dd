import { readFileSync } from 'node:fs';

/** The recorded exchange (test/fixtures/ari-trace), one entry per line, numbered from 1. */
export type TraceLine =
  | {
      line: number;
      t: number;
      kind: 'rest';
      method: string;
      url: string;
      status: number;
      resBody: unknown;
    }
  | { line: number; t: number; kind: 'event'; event: Record<string, unknown> }
  | { line: number; t: number; kind: 'ws-open' | 'ws-close' };

const FIXTURE = new URL('../fixtures/ari-trace/inbound-call.jsonl', import.meta.url);

export function loadTrace(): TraceLine[] {
  return readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => ({ ...(JSON.parse(l) as Omit<TraceLine, 'line'>), line: i + 1 }) as TraceLine);
}

export function traceLine(trace: TraceLine[], n: number): TraceLine {
  const l = trace[n - 1];
  if (!l || l.line !== n) throw new Error(`trace has no line ${n}`);
  return l;
}
