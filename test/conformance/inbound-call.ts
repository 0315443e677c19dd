import ari from 'ari-client';
import { ARI_ROUTES } from '../../telephony/simulator/ari/table.js';
import { TraceMatcher } from './matcher.js';
import { loadTrace, traceLine, type TraceLine } from './trace.js';

/**
 * The recorded inbound-call scenario, replayed with the real ari-client against a PBX (the
 * simulator, or an Asterisk when ARI_URL is set). Each step is one action from the trace — a
 * REST call exactly as recorded (ids mapped to this run's), or what the caller did — and the
 * trace lines of the events it causes. The runner checks every event and every reply against
 * the trace, field by field.
 *
 * Events on the `;2` half of the agent's Local channel come from its dialplan running on its
 * own; they are checked as their own sequence, not against the app's steps.
 */
export interface CallerSide {
  /** An inbound call to 1000@from-pstn from this caller; resolves once the call was placed. */
  placeCall(call: { from: string; name: string }): Promise<void>;
  /** The caller of the current call presses keys. */
  pressKeys(digits: string): Promise<void>;
  /** The caller of the current call hangs up. */
  hangUp(): Promise<void>;
  close(): Promise<void>;
}

export interface ScenarioTarget {
  url: string;
  username: string;
  password: string;
  app: string;
  caller: CallerSide;
  /** How much faster than real time the PBX runs; the trace's pauses shrink by it. */
  speed: number;
  /** How long to wait for an expected event (real ms). */
  eventTimeoutMs?: number;
}

type Step =
  | { do: 'call'; from: string; name: string; expect: number[] }
  | { do: 'dtmf'; digits: string; expect: number[] }
  | { do: 'caller-hangup'; expect: number[] }
  | { do: 'rest'; line: number; expect: number[] }
  | { do: 'ws-close'; line: number; expect: number[] }
  | { do: 'ws-open'; line: number; expect: number[] };

const LI_WEI = { from: '+8613800138000', name: 'Li Wei' };
const WANG_FANG = { from: '+8613900139000', name: 'Wang Fang' };

/** The trace, action by action, with the event lines each action causes. */
export const STEPS: Step[] = [
  { do: 'call', ...LI_WEI, expect: [2] },
  { do: 'rest', line: 4, expect: [3] },
  { do: 'rest', line: 6, expect: [5] },
  { do: 'rest', line: 7, expect: [8] },
  { do: 'dtmf', digits: '1', expect: [9] },
  { do: 'rest', line: 10, expect: [11] },
  { do: 'rest', line: 12, expect: [13] },
  { do: 'rest', line: 14, expect: [15] },
  { do: 'rest', line: 16, expect: [17, 18] },
  { do: 'rest', line: 19, expect: [] },
  { do: 'rest', line: 20, expect: [21] },
  { do: 'rest', line: 22, expect: [] },
  { do: 'rest', line: 23, expect: [24, 25, 26, 27, 28, 29, 30, 31, 32, 47] },
  { do: 'rest', line: 33, expect: [] },
  { do: 'rest', line: 35, expect: [34] },
  { do: 'rest', line: 40, expect: [36, 37, 38, 39, 41, 42, 48] },
  { do: 'rest', line: 44, expect: [43, 45, 46] },
  { do: 'rest', line: 49, expect: [] },
  { do: 'rest', line: 50, expect: [] },
  { do: 'rest', line: 51, expect: [52, 53, 54, 55, 56] },
  { do: 'rest', line: 58, expect: [57] },
  { do: 'rest', line: 59, expect: [60, 61] },
  { do: 'caller-hangup', expect: [62, 63, 64, 65] },
  { do: 'rest', line: 66, expect: [67, 68, 69, 71, 72, 73, 74, 75, 76] },
  { do: 'rest', line: 70, expect: [] },
  { do: 'rest', line: 77, expect: [78] },
  { do: 'rest', line: 79, expect: [] },
  { do: 'rest', line: 80, expect: [] },
  { do: 'rest', line: 81, expect: [] },
  { do: 'rest', line: 82, expect: [] },
  { do: 'rest', line: 83, expect: [] },
  { do: 'call', ...WANG_FANG, expect: [84] },
  { do: 'rest', line: 86, expect: [85] },
  { do: 'rest', line: 87, expect: [] },
  { do: 'rest', line: 90, expect: [88] },
  { do: 'ws-close', line: 89, expect: [] },
  { do: 'rest', line: 91, expect: [] },
  { do: 'ws-open', line: 92, expect: [] },
  { do: 'rest', line: 93, expect: [] },
  { do: 'rest', line: 94, expect: [] },
  { do: 'rest', line: 95, expect: [96, 97, 98] },
  { do: 'rest', line: 99, expect: [] },
];

export interface StepReport {
  step: string;
  events: string[];
}

interface AriClientLike {
  on(event: string, fn: (...args: unknown[]) => void): void;
  start(app: string): Promise<void>;
  stop(): void;
  [resource: string]: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Channels that never entered Stasis for the app: Local `;2` halves running their own dialplan. */
function subjectName(e: Record<string, unknown>): string | undefined {
  const ch = (e.channel ?? e.peer) as { name?: string } | undefined;
  return ch?.name;
}

export class ScenarioFailure extends Error {}

export async function runInboundCallScenario(target: ScenarioTarget): Promise<StepReport[]> {
  const trace = loadTrace();
  checkCoverage(trace);
  const matcher = new TraceMatcher();
  const timeout = target.eventTimeoutMs ?? 5000;
  const client = (await ari.connect(target.url, target.username, target.password)) as AriClientLike;
  const received: Record<string, unknown>[] = [];
  client.on('*', (event) => received.push(event as Record<string, unknown>));
  let connectedCount = 0;
  client.on('WebSocketConnected', () => connectedCount++);
  await client.start(target.app);

  const traceStasisNames = new Set(
    trace.flatMap((l) =>
      l.kind === 'event' && l.event.type === 'StasisStart' ? [subjectName(l.event)!] : [],
    ),
  );
  const actualStasisNames = new Set<string>();
  const isFloatingTrace = (e: Record<string, unknown>) => {
    const n = subjectName(e);
    return !!n && n.endsWith(';2') && !traceStasisNames.has(n) && e.type !== 'Dial';
  };
  const isFloatingActual = (e: Record<string, unknown>) => {
    const n = subjectName(e);
    if (e.type === 'StasisStart' && n) actualStasisNames.add(n);
    return !!n && n.endsWith(';2') && !actualStasisNames.has(n) && e.type !== 'Dial';
  };

  const runBridges = new Set<string>();
  const runRecordings = new Set<string>();
  for (const s of STEPS) {
    if (s.do !== 'rest') continue;
    const l = traceLine(trace, s.line);
    if (l.kind !== 'rest') continue;
    const u = new URL(l.url, 'http://trace');
    if (l.method === 'POST' && u.pathname === '/ari/bridges')
      runBridges.add(u.searchParams.get('bridgeId') ?? '');
    if (u.pathname.endsWith('/record')) runRecordings.add(u.searchParams.get('name') ?? '');
  }

  const expectedMain: Record<string, unknown>[] = [];
  const expectedFloating: Record<string, unknown>[] = [];
  let consumed = 0;
  const reports: StepReport[] = [];
  let lastT = traceLine(trace, 1).t;

  try {
    for (const step of STEPS) {
      const stepT =
        step.do === 'rest' || step.do === 'ws-close' || step.do === 'ws-open'
          ? traceLine(trace, step.line).t
          : traceLine(trace, step.expect[0]!).t;
      const gap = stepT - lastT;
      // Keep the trace's pauses where they matter (the recording's length, a prompt still playing).
      if (gap >= 250) await sleep(gap / target.speed);
      lastT = stepT;
      const label = step.do === 'rest' ? `line ${step.line}` : `${step.do}`;
      const events = step.expect.map((n) => {
        const l = traceLine(trace, n);
        if (l.kind !== 'event') throw new ScenarioFailure(`line ${n} is not an event`);
        return l.event;
      });
      for (const e of events) (isFloatingTrace(e) ? expectedFloating : expectedMain).push(e);

      switch (step.do) {
        case 'call':
          await target.caller.placeCall({ from: step.from, name: step.name });
          break;
        case 'dtmf':
          await target.caller.pressKeys(step.digits);
          break;
        case 'caller-hangup':
          await target.caller.hangUp();
          break;
        case 'ws-close':
          client.stop();
          await sleep(100);
          break;
        case 'ws-open': {
          const before = connectedCount;
          await client.start(target.app);
          const deadline = Date.now() + timeout;
          while (connectedCount === before && Date.now() < deadline) await sleep(10);
          break;
        }
        case 'rest':
          await replayRest(client, target, matcher, traceLine(trace, step.line), {
            runBridges,
            runRecordings,
          });
          break;
      }

      const main = () => received.filter((e) => !isFloatingActual(e));
      const deadline = Date.now() + timeout;
      while (main().length < expectedMain.length && Date.now() < deadline) await sleep(5);
      const got = main();
      const fresh = got.slice(consumed, expectedMain.length);
      const want = expectedMain.slice(consumed);
      if (fresh.length < want.length) {
        throw new ScenarioFailure(
          `${label}: expected events ${want.map((e) => e.type).join(', ')}; got ${fresh.map((e) => e.type).join(', ') || 'none'}`,
        );
      }
      const diffs: string[] = [];
      want.forEach((w, i) =>
        matcher.compare(w, fresh[i], diffs, `${label} event ${i} (${String(w.type)})`),
      );
      if (diffs.length) throw new ScenarioFailure(diffs.slice(0, 8).join('\n'));
      consumed = expectedMain.length;
      reports.push({ step: label, events: fresh.map((e) => String(e.type)) });
    }

    await sleep(300);
    const main = received.filter((e) => !isFloatingActual(e));
    if (main.length > expectedMain.length) {
      throw new ScenarioFailure(
        `unexpected events at the end: ${main
          .slice(expectedMain.length)
          .map((e) => e.type)
          .join(', ')}`,
      );
    }
    const floating = received.filter((e) => isFloatingActual(e));
    const diffs: string[] = [];
    if (floating.length !== expectedFloating.length) {
      diffs.push(
        `Local ;2 events: expected ${expectedFloating.map((e) => e.type).join(', ')}; got ${floating.map((e) => e.type).join(', ')}`,
      );
    } else
      expectedFloating.forEach((w, i) =>
        matcher.compare(w, floating[i], diffs, `;2 event ${i} (${String(w.type)})`),
      );
    if (diffs.length) throw new ScenarioFailure(diffs.slice(0, 8).join('\n'));
    reports.push({ step: 'Local ;2 half', events: floating.map((e) => String(e.type)) });
    return reports;
  } finally {
    client.stop();
    await target.caller.close();
  }
}

/** Every event line of the trace belongs to exactly one step. */
function checkCoverage(trace: TraceLine[]): void {
  const claimed = STEPS.flatMap((s) => s.expect);
  const events = trace.filter((l) => l.kind === 'event').map((l) => l.line);
  const missing = events.filter((n) => !claimed.includes(n));
  const twice = claimed.filter((n, i) => claimed.indexOf(n) !== i);
  if (missing.length || twice.length) {
    throw new ScenarioFailure(
      `steps do not cover the trace: missing ${missing.join(',')} twice ${twice.join(',')}`,
    );
  }
}

/** The operation (resource and nickname) the simulator's route table gives this method and path. */
function findRoute(method: string, path: string) {
  const hits = ARI_ROUTES.flatMap((route) => {
    if (route.method !== method) return [];
    const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const m = new RegExp('^' + route.path.replace(/\{\w+\}/g, '([^/]+)') + '$').exec(path);
    if (!m) return [];
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
    return [{ route, params, literals: route.path.split('/').length - names.length }];
  });
  return hits.sort((a, b) => b.literals - a.literals)[0];
}

function plain(value: unknown): unknown {
  if (value === undefined || value === '') return '';
  return JSON.parse(
    JSON.stringify(value, (k, v: unknown) => (k === '_client' ? undefined : v)),
  ) as unknown;
}

/** The trace's request, with this run's ids, through ari-client's generated operation. */
async function replayRest(
  client: AriClientLike,
  target: ScenarioTarget,
  matcher: TraceMatcher,
  line: TraceLine,
  run: { runBridges: Set<string>; runRecordings: Set<string> },
): Promise<void> {
  if (line.kind !== 'rest') throw new ScenarioFailure(`line ${line.line} is not a REST call`);
  const url = new URL(line.url, 'http://trace');
  const path = url.pathname.slice('/ari'.length);
  const found = findRoute(line.method, path);
  if (!found)
    throw new ScenarioFailure(`line ${line.line}: no ARI operation for ${line.method} ${path}`);
  const { route, params } = found;
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) args[k] = matcher.mapped(v);
  for (const [k, v] of url.searchParams) args[k] = matcher.mapped(v);
  const op = (client[route.resource] as Record<string, (a: unknown) => Promise<unknown>>)[
    route.nickname
  ];
  if (!op)
    throw new ScenarioFailure(
      `line ${line.line}: ari-client has no ${route.resource}.${route.nickname}`,
    );
  const where = `line ${line.line} ${line.method} ${path}`;
  const diffs: string[] = [];
  if (line.status >= 400) {
    const err = await op(args).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(err instanceof Error))
      throw new ScenarioFailure(`${where}: expected ${line.status}, the call succeeded`);
    matcher.compare(line.resBody, JSON.parse(err.message) as unknown, diffs, `${where} error body`);
    // ari-client hides the status; ask once more over plain HTTP for it (these calls change nothing).
    const raw = new URL(target.url);
    raw.pathname = `/ari${matcher.mapped(path)}`;
    for (const [k, v] of url.searchParams) raw.searchParams.set(k, matcher.mapped(v));
    const res = await fetch(raw, {
      method: line.method,
      headers: {
        authorization: `Basic ${Buffer.from(`${target.username}:${target.password}`).toString('base64')}`,
      },
    });
    if (res.status !== line.status)
      diffs.push(`${where}: status ${res.status}, trace ${line.status}`);
    matcher.compare(line.resBody, await res.json(), diffs, `${where} body`);
  } else {
    let result: unknown;
    try {
      result = plain(await op(args));
    } catch (e) {
      throw new ScenarioFailure(
        `${where}: expected ${line.status}, failed with ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    compareReply(matcher, line, result, diffs, where, run);
  }
  if (diffs.length) throw new ScenarioFailure(diffs.slice(0, 8).join('\n'));
}

function compareReply(
  matcher: TraceMatcher,
  line: Extract<TraceLine, { kind: 'rest' }>,
  result: unknown,
  diffs: string[],
  where: string,
  run: { runBridges: Set<string>; runRecordings: Set<string> },
): void {
  const expected = line.resBody;
  const url = new URL(line.url, 'http://trace');
  if (url.pathname === '/ari/recordings/stored') {
    // Recordings left by earlier runs are listed too: compare this run's only.
    const mine = (list: unknown) =>
      (list as { name: string }[]).filter((r) => run.runRecordings.has(r.name));
    matcher.compare(mine(expected), mine(result), diffs, `${where} body`);
    return;
  }
  if (url.pathname.startsWith('/ari/applications/')) {
    const e = expected as { bridge_ids: string[] };
    const a = result as { bridge_ids?: string[] };
    const onlyRun = (ids: string[] = []) => ids.filter((id) => run.runBridges.has(id));
    matcher.compare(
      { ...e, bridge_ids: onlyRun(e.bridge_ids) },
      { ...a, bridge_ids: onlyRun(a.bridge_ids) },
      diffs,
      `${where} body`,
    );
    return;
  }
  if (line.method === 'GET' && url.pathname === '/ari/channels') {
    const actual = result as { name: string }[];
    for (const e of expected as { name: string; dialplan: { app_data: string } }[]) {
      const a = actual.find((c) => c.name === matcher.mapped(e.name));
      if (!a) {
        diffs.push(`${where}: no channel ${matcher.mapped(e.name)} (trace ${e.name})`);
        continue;
      }
      // The caller's half of the trace's call sat in the recording harness's own app.
      const harness = e.dialplan.app_data === 'customer-sim';
      const pick = (c: object) =>
        harness
          ? Object.fromEntries(
              Object.entries(c).filter(([k]) => ['id', 'name', 'state', 'caller'].includes(k)),
            )
          : c;
      matcher.compare(pick(e), pick(a), diffs, `${where} ${e.name}`);
    }
    return;
  }
  matcher.compare(expected, result, diffs, `${where} body`);
}
