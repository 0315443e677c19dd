import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  IvrError,
  SHIPPED_SCRIPT_FILES,
  compileIvrScript,
  compileIvrScripts,
  loadIvrScripts,
  shippedScriptUrl,
} from '../../../ivr-scripts/index.js';
import type { IvrIssue } from '../../../ivr-scripts/index.js';

type Node = Record<string, unknown>;
interface Source {
  id: string;
  languages: string[];
  defaultLanguage: string;
  start: string;
  defaults?: Record<string, unknown>;
  prompts: Record<string, { sound?: string; text: Record<string, string>; combined?: boolean }>;
  queues?: Record<string, { name: Record<string, string> }>;
  nodes: Node[];
}

const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** A small valid script; each test breaks one thing in a copy of it. */
function base(): Source {
  return {
    id: 'tiny',
    languages: ['zh-CN', 'en'],
    defaultLanguage: 'zh-CN',
    start: 'menu',
    defaults: { fallback: 'agent', errorPrompt: 'sorry' },
    prompts: {
      menu: { sound: 'cc/menu', text: text('请按1', 'Press 1') },
      sorry: { sound: 'cc/sorry', text: text('对不起', 'Sorry') },
      bye: { sound: 'cc/bye', text: text('再见', 'Goodbye') },
      number: { sound: 'cc/number', text: text('请输入', 'Enter it') },
    },
    nodes: [
      { id: 'menu', kind: 'menu', prompt: 'menu', options: { 1: 'agent', 2: 'bye', 3: 'ask' } },
      { id: 'ask', kind: 'collect', prompt: 'number', maxLength: 8, into: 'acct', next: 'agent' },
      { id: 'agent', kind: 'queue', queueId: 'support' },
      { id: 'bye', kind: 'hangup', prompt: 'bye' },
    ],
  };
}

function node(src: Source, id: string): Node {
  const n = src.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id} in the base script`);
  return n;
}

function issuesOf(source: string, file = 'tiny.yaml'): IvrIssue[] {
  try {
    compileIvrScript(source, file);
  } catch (err) {
    expect(err).toBeInstanceOf(IvrError);
    const e = err as IvrError;
    expect(e.code).toBe('script_invalid');
    expect(e.message).toContain(file);
    return [...e.issues];
  }
  throw new Error('the script compiled, but a problem was expected');
}

function broken(change: (src: Source) => void): IvrIssue[] {
  const src = base();
  change(src);
  return issuesOf(stringify(src));
}

describe('compileIvrScript accepts', () => {
  it('the small base script, with defaults applied', () => {
    const script = compileIvrScript(stringify(base()), 'tiny.yaml');
    expect(script.nodes.menu).toMatchObject({
      kind: 'menu',
      fallback: 'agent',
      retries: 2,
      timeoutMs: 5000,
    });
    expect(script.nodes.ask).toMatchObject({
      terminator: '#',
      minLength: 1,
      validator: { kind: 'none' },
    });
  });

  it('the same script written as JSON', () => {
    const script = compileIvrScript(JSON.stringify(base()), 'tiny.json');
    expect(script.id).toBe('tiny');
  });

  it('the shipped default script, through a loader that is handed a readFile callback', async () => {
    const read: string[] = [];
    const set = await loadIvrScripts(SHIPPED_SCRIPT_FILES, (f) => {
      read.push(f);
      return readFileSync(shippedScriptUrl(f), 'utf8');
    });
    expect(read).toEqual(['main.yaml']);
    expect(set.ids()).toEqual(['main']);
    const main = set.get('main');
    expect(main.languages).toEqual(['zh-CN', 'en']);
    expect(Object.keys(main.nodes).length).toBeGreaterThan(30);
    expect(() => set.get('nope')).toThrow(/no IVR script "nope"/);
    expect(set.queueNames().get('vip')).toEqual({ 'zh-CN': 'VIP 专线', en: 'VIP line' });
    expect([...set.queueNames().keys()].sort()).toEqual([
      'billing',
      'complaints',
      'support',
      'vip',
    ]);
  });

  it('queue names in every language of the script', () => {
    const src = base();
    src.queues = { support: { name: text('客户服务', 'Customer service') } };
    expect(compileIvrScript(stringify(src), 'tiny.yaml').queueNames).toEqual({
      support: { 'zh-CN': '客户服务', en: 'Customer service' },
    });
    expect(compileIvrScript(stringify(base()), 'tiny.yaml').queueNames).toEqual({});
  });
});

describe('compileIvrScript rejects queue names', () => {
  it('missing a language, in an unknown language, or missing for a queue the script routes to', () => {
    const issues = broken((s) => {
      s.queues = { support: { name: { 'zh-CN': '客户服务', fr: 'Service' } }, other: { name: {} } };
      s.nodes.push({ id: 'billing', kind: 'queue', queueId: 'billing' });
      node(s, 'menu').options = { 1: 'agent', 2: 'bye', 3: 'ask', 4: 'billing' };
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          node: 'queue:support',
          code: 'unnamed_queue',
          reason: 'no en name',
        }),
        expect.objectContaining({ node: 'queue:support', code: 'schema_invalid' }),
        expect.objectContaining({ node: 'queue:other', code: 'unnamed_queue' }),
        expect.objectContaining({
          node: 'billing',
          code: 'unnamed_queue',
          reason: 'routes to queue "billing", which the queues section does not name',
        }),
      ]),
    );
    expect(issues).toHaveLength(5);
  });
});

describe('compileIvrScript rejects, naming the file, the node and the reason', () => {
  it('YAML that does not parse, with the line', () => {
    const issues = issuesOf('id: tiny\nnodes: [\n  - {id: a', 'bad.yaml');
    expect(issues[0]).toMatchObject({ file: 'bad.yaml', code: 'parse_error' });
    expect(issues[0]?.reason).toMatch(/line \d+/);
  });

  it('JSON that does not parse', () => {
    expect(issuesOf('{"id": ', 'bad.json')[0]).toMatchObject({
      file: 'bad.json',
      code: 'parse_error',
    });
  });

  it('a misspelt key in a node', () => {
    const issues = broken((s) => {
      const n = node(s, 'ask');
      n.nxt = n.next;
      delete n.next;
    });
    expect(issues).toContainEqual(expect.objectContaining({ node: 'ask', code: 'schema_invalid' }));
    expect(issues.map((i) => i.reason).join()).toMatch(/nxt|next/);
  });

  it('an unknown node kind', () => {
    const issues = broken((s) => (node(s, 'bye').kind = 'teleport'));
    expect(issues[0]).toMatchObject({ node: 'bye', code: 'schema_invalid' });
  });

  it('duplicate node ids', () => {
    const issues = broken((s) => s.nodes.push({ id: 'bye', kind: 'hangup' }));
    expect(issues).toEqual([
      {
        file: 'tiny.yaml',
        node: 'bye',
        code: 'duplicate_node',
        reason: expect.stringContaining('bye') as string,
      },
    ]);
  });

  it('an unknown target', () => {
    const issues = broken(
      (s) => ((node(s, 'menu').options as Record<string, string>)['4'] = 'nowhere'),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        node: 'menu',
        code: 'unknown_target',
        reason: expect.stringContaining('nowhere') as string,
      }),
    ]);
  });

  it('a start that is not a node', () => {
    expect(broken((s) => (s.start = 'begin'))).toContainEqual(
      expect.objectContaining({ code: 'unknown_start' }),
    );
  });

  it('a menu with no fallback and no default fallback', () => {
    const issues = broken((s) => delete s.defaults?.fallback);
    expect(issues).toContainEqual(
      expect.objectContaining({
        node: 'menu',
        code: 'unknown_target',
        reason: expect.stringContaining('fallback') as string,
      }),
    );
  });

  it('an unreachable node', () => {
    const issues = broken((s) => s.nodes.push({ id: 'orphan', kind: 'hangup' }));
    expect(issues).toEqual([expect.objectContaining({ node: 'orphan', code: 'unreachable_node' })]);
  });

  it('a prompt that does not exist', () => {
    const issues = broken((s) => (node(s, 'bye').prompt = 'farewell'));
    expect(issues).toEqual([
      expect.objectContaining({
        node: 'bye',
        code: 'unknown_prompt',
        reason: expect.stringContaining('farewell') as string,
      }),
    ]);
  });

  it('a prompt text missing for one of the languages', () => {
    const issues = broken((s) => delete s.prompts.bye!.text.en);
    expect(issues).toEqual([
      expect.objectContaining({ node: 'prompt:bye', code: 'missing_prompt', reason: 'no en text' }),
    ]);
  });

  it('a prompt without a sound name', () => {
    const issues = broken((s) => delete s.prompts.bye!.sound);
    expect(issues).toContainEqual(
      expect.objectContaining({ node: 'prompt:bye', code: 'missing_prompt' }),
    );
  });

  it('a prompt text in a language the script does not declare', () => {
    const issues = broken((s) => (s.prompts.bye!.text.fr = 'Au revoir'));
    expect(issues).toContainEqual(
      expect.objectContaining({ node: 'prompt:bye', code: 'schema_invalid' }),
    );
  });

  it('an unsupported language', () => {
    const issues = broken((s) => s.languages.push('de'));
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'schema_invalid',
        reason: expect.stringContaining('"de"') as string,
      }),
    );
  });

  it('a lookup without an apology prompt anywhere', () => {
    const issues = broken((s) => {
      delete s.defaults?.errorPrompt;
      node(s, 'ask').next = 'find';
      s.nodes.push({
        id: 'find',
        kind: 'lookup',
        lookup: 'balance_by_account',
        input: 'acct',
        into: 'b',
        found: 'agent',
        notFound: 'agent',
      });
    });
    expect(issues).toEqual([expect.objectContaining({ node: 'find', code: 'missing_prompt' })]);
  });

  it('a readback slot that is malformed', () => {
    const issues = broken((s) => (s.prompts.bye!.text.en = 'Your number {acct}'));
    expect(issues).toEqual([expect.objectContaining({ node: 'prompt:bye', code: 'bad_template' })]);
  });

  it('a readback slot on a variable nothing sets', () => {
    const issues = broken((s) => (s.prompts.bye!.text.en = 'Your number {account:digits}'));
    expect(issues).toEqual([
      expect.objectContaining({
        node: 'prompt:bye',
        code: 'unknown_variable',
        reason: expect.stringContaining('account') as string,
      }),
    ]);
  });

  it('a condition on a variable nothing sets', () => {
    const issues = broken((s) => {
      (node(s, 'menu').options as Record<string, string>)['4'] = 'check';
      s.nodes.push({
        id: 'check',
        kind: 'condition',
        when: 'customer.vipp',
        then: 'agent',
        else: 'bye',
      });
    });
    expect(issues).toEqual([expect.objectContaining({ node: 'check', code: 'unknown_variable' })]);
  });

  it('a condition that is not in the condition language', () => {
    const issues = broken((s) => {
      (node(s, 'menu').options as Record<string, string>)['4'] = 'check';
      s.nodes.push({
        id: 'check',
        kind: 'condition',
        when: 'customer.vip && x',
        then: 'agent',
        else: 'bye',
      });
    });
    expect(issues).toEqual([expect.objectContaining({ node: 'check', code: 'schema_invalid' })]);
  });

  it('a loop of menus with no way out to a terminal node', () => {
    const issues = broken((s) => {
      (node(s, 'menu').options as Record<string, string>)['4'] = 'a';
      s.nodes.push(
        { id: 'a', kind: 'menu', prompt: 'menu', options: { 1: 'b' }, fallback: 'b' },
        { id: 'b', kind: 'play', prompt: 'menu', next: 'a' },
      );
    });
    expect(issues).toEqual([
      expect.objectContaining({
        node: 'a',
        code: 'loop_without_exit',
        reason: expect.stringMatching(/a → b/) as string,
      }),
    ]);
  });

  it('a loop of instant nodes that never waits for the caller', () => {
    const issues = broken((s) => {
      (node(s, 'menu').options as Record<string, string>)['4'] = 'x';
      s.nodes.push(
        { id: 'x', kind: 'set_var', name: 'n', value: 1, next: 'y' },
        { id: 'y', kind: 'condition', when: 'customer.vip', then: 'agent', else: 'x' },
      );
    });
    expect(issues).toEqual([expect.objectContaining({ node: 'x', code: 'loop_without_input' })]);
  });

  it('a digit map key that is not one DTMF key', () => {
    const issues = broken(
      (s) => ((node(s, 'menu').options as Record<string, string>)['10'] = 'agent'),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        node: 'menu',
        code: 'bad_digit_map',
        reason: expect.stringContaining('"10"') as string,
      }),
    ]);
  });

  it('an empty digit map', () => {
    const issues = broken((s) => (node(s, 'menu').options = {}));
    expect(issues).toContainEqual(expect.objectContaining({ node: 'menu', code: 'bad_digit_map' }));
  });

  it('a language option for a language the script does not have', () => {
    const issues = broken((s) => {
      s.start = 'lang';
      s.nodes.push({
        id: 'lang',
        kind: 'language',
        prompt: 'menu',
        options: { 1: 'zh-CN', 2: 'ja' },
        next: 'menu',
      });
    });
    expect(issues).toEqual([expect.objectContaining({ node: 'lang', code: 'bad_digit_map' })]);
  });

  it('an unknown named validator', () => {
    const issues = broken((s) => (node(s, 'ask').validate = 'iban'));
    expect(issues).toEqual([expect.objectContaining({ node: 'ask', code: 'bad_validator' })]);
  });

  it('a sensitive entry validated by a pattern (the digits are never kept to match it)', () => {
    const issues = broken((s) =>
      Object.assign(node(s, 'ask'), { sensitive: true, validate: { pattern: '\\d+' } }),
    );
    expect(issues).toEqual([expect.objectContaining({ node: 'ask', code: 'bad_validator' })]);
  });

  it('a validation pattern that is not a regular expression', () => {
    const issues = broken((s) => (node(s, 'ask').validate = { pattern: '([0-9' }));
    expect(issues).toEqual([expect.objectContaining({ node: 'ask', code: 'bad_pattern' })]);
  });

  it('a minimum length above the maximum', () => {
    const issues = broken((s) => (node(s, 'ask').minLength = 9));
    expect(issues).toEqual([expect.objectContaining({ node: 'ask', code: 'bad_lengths' })]);
  });

  it('business hours with a bad range, a bad holiday and an unknown time zone', () => {
    const hours = (over: Node) => (s: Source) => {
      s.start = 'hours';
      s.nodes.push({
        id: 'hours',
        kind: 'hours',
        timezone: 'Asia/Shanghai',
        weekly: { mon: ['09:00-18:00'] },
        open: 'menu',
        closed: 'bye',
        ...over,
      });
    };
    expect(broken(hours({ weekly: { mon: ['18:00-09:00'] } }))).toEqual([
      expect.objectContaining({ node: 'hours', code: 'bad_schedule' }),
    ]);
    expect(broken(hours({ holidays: ['2026-02-30'] }))).toEqual([
      expect.objectContaining({
        node: 'hours',
        code: 'bad_schedule',
        reason: expect.stringContaining('2026-02-30') as string,
      }),
    ]);
    expect(broken(hours({ timezone: 'Mars/Olympus' }))).toEqual([
      expect.objectContaining({ node: 'hours', code: 'bad_timezone' }),
    ]);
  });

  it('every problem of a file at once', () => {
    const issues = broken((s) => {
      s.nodes.push({ id: 'bye', kind: 'hangup' });
      node(s, 'ask').validate = 'iban';
      delete s.prompts.menu!.text['zh-CN'];
    });
    expect(issues.map((i) => i.code).sort()).toEqual([
      'bad_validator',
      'duplicate_node',
      'missing_prompt',
    ]);
  });

  it('two files declaring the same script id', () => {
    const source = stringify(base());
    expect(() =>
      compileIvrScripts([
        { fileName: 'a.yaml', text: source },
        { fileName: 'b.yaml', text: source },
      ]),
    ).toThrow(/b\.yaml: duplicate_script: script id "tiny" is also used by a\.yaml/);
  });
});

describe('a booked callback: the callback_by_phone lookup and the cancel_callback node', () => {
  /** The base script with menu option 4: find the caller's callback, read it back, cancel it. */
  function withCancel(change: (src: Source, cancel: Node, find: Node) => void = () => {}): Source {
    const src = base();
    (node(src, 'menu').options as Record<string, string>)['4'] = 'find';
    src.prompts.booked = {
      sound: 'cc/booked',
      text: text(
        '{cb.from.month:number}月{cb.from.day:number}日{cb.from.hour:number}点{cb.from.minute:number}分',
        'At {cb.from.hour:number} {cb.from.minute:digits} on day {cb.from.day:number}',
      ),
    };
    const find: Node = {
      id: 'find',
      kind: 'lookup',
      lookup: 'callback_by_phone',
      into: 'cb',
      found: 'say',
      notFound: 'agent',
    };
    const cancel: Node = {
      id: 'cancel',
      kind: 'cancel_callback',
      callback: 'cb.id',
      cancelled: 'bye',
      notFound: 'bye',
    };
    src.nodes.push(find, { id: 'say', kind: 'play', prompt: 'booked', next: 'cancel' }, cancel);
    change(src, cancel, find);
    return src;
  }

  it('compiles, with the defaults applied and the time parts of the window slots resolved', () => {
    const script = compileIvrScript(stringify(withCancel()), 'tiny.yaml');
    expect(script.nodes.cancel).toEqual({
      id: 'cancel',
      kind: 'cancel_callback',
      callback: 'cb.id',
      waitPrompts: [],
      timeoutMs: 5000,
      errorPrompts: ['sorry'],
      cancelled: 'bye',
      notFound: 'bye',
      fallback: 'agent',
    });
    expect(script.prompts.booked?.parts.en).toContainEqual({
      kind: 'slot',
      path: 'cb.from',
      part: 'minute',
      say: 'digits',
    });
  });

  it('rejects a cancel of an id the caller typed rather than one the lookup found', () => {
    const issues = issuesOf(stringify(withCancel((_, cancel) => (cancel.callback = 'acct'))));
    expect(issues).toEqual([
      expect.objectContaining({
        node: 'cancel',
        code: 'unknown_variable',
        reason: expect.stringContaining('callback_by_phone') as string,
      }),
    ]);
  });

  it('rejects a cancel of a variable no callback_by_phone lookup fills (another lookup kind)', () => {
    const issues = issuesOf(stringify(withCancel((_, cancel) => (cancel.callback = 'cb.status'))));
    expect(issues).toEqual([expect.objectContaining({ node: 'cancel', code: 'unknown_variable' })]);
  });

  it('rejects a cancel with no apology prompt anywhere', () => {
    const issues = issuesOf(stringify(withCancel((s) => delete s.defaults?.errorPrompt)));
    expect(issues).toContainEqual(
      expect.objectContaining({ node: 'cancel', code: 'missing_prompt' }),
    );
  });

  it('rejects a cancel without its cancelled target, or going nowhere', () => {
    expect(issuesOf(stringify(withCancel((_, cancel) => delete cancel.cancelled)))).toEqual([
      expect.objectContaining({ node: 'cancel', code: 'schema_invalid' }),
    ]);
    expect(issuesOf(stringify(withCancel((_, cancel) => (cancel.notFound = 'nowhere'))))).toEqual([
      expect.objectContaining({ node: 'cancel', code: 'unknown_target' }),
    ]);
  });

  it('rejects a callback_by_phone lookup given an input (it reads the caller number)', () => {
    const issues = issuesOf(stringify(withCancel((_, __, find) => (find.input = 'acct'))));
    expect(issues).toContainEqual(
      expect.objectContaining({
        node: 'find',
        code: 'schema_invalid',
        reason: expect.stringContaining("caller's number") as string,
      }),
    );
  });

  it('rejects a time part of a slot on a variable the lookup does not fill', () => {
    const issues = issuesOf(
      stringify(withCancel((s) => (s.prompts.booked!.text.en = 'At {cb.start.hour:number}'))),
    );
    expect(issues).toEqual([
      expect.objectContaining({ node: 'prompt:booked', code: 'unknown_variable' }),
    ]);
  });
});
