import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { IvrError, IvrInterpreter, compileIvrScript } from '../../../ivr-scripts/index.js';
import type { CompiledScript, IvrState } from '../../../ivr-scripts/index.js';
import { Caller } from './driver.js';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

function script(nodes: Record<string, unknown>[], start = nodes[0]!.id as string): CompiledScript {
  return compileIvrScript(
    stringify({
      id: 'rules',
      languages: ['zh-CN', 'en'],
      defaultLanguage: 'zh-CN',
      start,
      defaults: {
        fallback: 'agent',
        errorPrompt: 'sorry',
        invalidPrompt: 'bad',
        timeoutPrompt: 'none',
      },
      prompts: {
        ask: { sound: 'cc/ask', text: t('请输入', 'Enter') },
        info: { sound: 'cc/info', text: t('信息', 'Info') },
        bad: { sound: 'cc/bad', text: t('错误', 'Wrong') },
        none: { sound: 'cc/none', text: t('没有输入', 'Nothing') },
        sorry: { sound: 'cc/sorry', text: t('对不起', 'Sorry') },
        ...(JSON.stringify(nodes).includes('"into":"code"')
          ? { code: { sound: 'cc/code', text: t('代码{code:digits}', 'Code {code:digits}') } }
          : {}),
      },
      nodes: [...nodes, { id: 'agent', kind: 'queue', queueId: 'support' }],
    }),
    'rules.yaml',
  );
}

describe('collect rules', () => {
  const collect = (over: Record<string, unknown>) =>
    script([
      { id: 'c', kind: 'collect', prompt: 'ask', maxLength: 4, into: 'code', next: 'say', ...over },
      { id: 'say', kind: 'play', prompt: 'code', next: 'agent' },
    ]);

  it('completes by itself at maxLength without a terminator', () => {
    const c = new Caller(collect({}));
    c.answer('1234');
    expect(c.state.node).toBe('say');
    expect(c.media()).toEqual([['sound:cc/code-1', 'digits:1234']]);
  });

  it('an inter-digit timeout ends an entry that has reached minLength', () => {
    const c = new Caller(collect({ minLength: 2, interDigitTimeoutMs: 1500 }));
    c.answer('12');
    expect(c.lastOf('start_timer').ms).toBe(1500);
    c.timeout();
    expect(c.state.vars.code).toBe('12');
  });

  it('an inter-digit timeout before minLength counts as no input', () => {
    const c = new Caller(collect({ minLength: 3 }));
    c.answer('1');
    c.timeout();
    expect(c.media()).toEqual([['sound:cc/none', 'sound:cc/ask']]);
    expect(c.state.entry).toBeNull();
  });

  it('the terminator alone is an invalid entry', () => {
    const c = new Caller(collect({}));
    c.answer('#');
    expect(c.media()).toEqual([['sound:cc/bad', 'sound:cc/ask']]);
  });

  it('a pattern validator checks the whole entry', () => {
    const c = new Caller(collect({ validate: { pattern: '9\\d+' } }));
    c.answer('123#');
    expect(c.media()).toEqual([['sound:cc/bad', 'sound:cc/ask']]);
    c.answer('923#');
    expect(c.state.vars.code).toBe('923');
  });

  it('with terminator none, # is ignored and only length or timeout ends the entry', () => {
    const c = new Caller(collect({ terminator: 'none' }));
    c.answer('12#34');
    expect(c.state.vars.code).toBe('1234');
  });

  it('without barge-in, digits during the prompt are ignored', () => {
    const c = new Caller(collect({ bargeIn: false }));
    expect(c.press('12')).toEqual([]);
    c.answer('5678');
    expect(c.state.vars.code).toBe('5678');
  });
});

describe('type-ahead', () => {
  it('digits typed during a barge-in announcement skip it and feed the next menu', () => {
    const s = script([
      { id: 'intro', kind: 'play', prompt: 'info', next: 'm' },
      { id: 'm', kind: 'menu', prompt: 'ask', options: { 1: 'agent' } },
    ]);
    const c = new Caller(s);
    c.press('1');
    expect(c.last.map((x) => x.type)).toEqual([
      'stop_playback',
      'ivr_step',
      'ivr_step',
      'ivr_step',
      'route_to_queue',
    ]);
    expect(c.last[2]).toEqual({ type: 'ivr_step', nodeId: 'm', kind: 'menu', input: '1' });
    expect(c.path()).toEqual(['intro', 'm', 'agent']);
  });

  it('digits during a lookup are dropped', () => {
    const s = script([
      { id: 'c', kind: 'collect', prompt: 'ask', maxLength: 4, into: 'code', next: 'find' },
      {
        id: 'find',
        kind: 'lookup',
        lookup: 'complaint_by_ticket',
        input: 'code',
        into: 'x',
        found: 'agent',
        notFound: 'agent',
      },
    ]);
    const c = new Caller(s);
    c.answer('1234');
    expect(c.state.wait.on).toBe('lookup');
    expect(c.press('5')).toEqual([]);
  });
});

describe('flow nodes', () => {
  it('set_var, set_skill, set_priority and switch shape the route', () => {
    const s = script([
      { id: 'v', kind: 'set_var', name: 'segment', value: 'gold', next: 'k' },
      { id: 'k', kind: 'set_skill', skill: 'mandarin', level: 3, next: 'p' },
      { id: 'p', kind: 'set_priority', priority: 4, next: 'sw' },
      {
        id: 'sw',
        kind: 'switch',
        on: 'segment',
        cases: { gold: 'q', silver: 'agent' },
        default: 'agent',
      },
      {
        id: 'q',
        kind: 'queue',
        queueId: 'gold',
        skills: { mandarin: 2, sales: 1 },
        languageSkill: 3,
        priority: 2,
      },
    ]);
    const c = new Caller(s);
    expect(c.log).toContainEqual({ type: 'set_var', name: 'segment', value: 'gold' });
    expect(c.lastOf('route_to_queue')).toEqual({
      type: 'route_to_queue',
      queueId: 'gold',
      skills: { mandarin: 3, sales: 1, 'zh-CN': 3 },
      priority: 4,
      language: 'zh-CN',
    });
  });

  it('conditions compare values and negate', () => {
    const s = script([
      { id: 'c1', kind: 'condition', when: 'customer.tier == gold', then: 'c2', else: 'agent' },
      { id: 'c2', kind: 'condition', when: '!customer.vip', then: 'bye', else: 'agent' },
      { id: 'bye', kind: 'hangup', reason: 'tested' },
    ]);
    expect(new Caller(s, { customer: { tier: 'gold' } }).lastOf('hangup').reason).toBe('tested');
    expect(new Caller(s, { customer: { tier: 'gold', vip: true } }).all('hangup')).toEqual([]);
    expect(new Caller(s, { customer: null }).all('hangup')).toEqual([]);
  });

  it('transfer goes to a dialplan extension after its announcement', () => {
    const s = script([
      { id: 'vip', kind: 'condition', when: 'customer.vip', then: 'agent', else: 'x' },
      {
        id: 'x',
        kind: 'transfer',
        target: { context: 'operators', extension: '100' },
        prompt: 'info',
      },
    ]);
    const c = new Caller(s);
    expect(c.all('transfer')).toEqual([]);
    c.finishPrompt();
    expect(c.last).toEqual([
      { type: 'transfer', target: { kind: 'extension', context: 'operators', extension: '100' } },
    ]);
    expect(c.state.ended).toBe('transferred');
  });

  it('a callback without a dialable number takes its fallback', () => {
    const s = script([{ id: 'cb', kind: 'callback', fallback: 'agent' }]);
    const c = new Caller(s, { callerNumber: null });
    expect(c.all('request_callback')).toEqual([]);
    expect(c.lastOf('route_to_queue').queueId).toBe('support');
  });

  it("a callback's cancel sends the id its lookup found with the caller number; a late answer is ignored", () => {
    const s = script([
      {
        id: 'find',
        kind: 'lookup',
        lookup: 'callback_by_phone',
        into: 'cb',
        found: 'cancel',
        notFound: 'agent',
      },
      {
        id: 'cancel',
        kind: 'cancel_callback',
        callback: 'cb.id',
        timeoutMs: 800,
        cancelled: 'bye',
        notFound: 'agent',
      },
      { id: 'bye', kind: 'hangup', prompt: 'info' },
    ]);
    const c = new Caller(s, { callerNumber: '+8613900001111' });
    c.lookupResult({
      found: true,
      id: '7',
      status: 'pending',
      earliest: '2026-03-04T06:00:00Z',
      latest: '2026-03-04T08:00:00Z',
      timezone: 'Asia/Shanghai',
    });
    expect(c.lastOf('lookup')).toMatchObject({
      kind: 'cancel_callback',
      args: { callbackId: '7', phone: '+8613900001111' },
    });
    expect(c.lastOf('start_timer').ms).toBe(800);
    const asked = c.state.wait;
    c.timeout();
    expect(c.media()).toEqual([['sound:cc/sorry']]);
    if (asked.on !== 'lookup') throw new Error('the cancel did not wait for its answer');
    c.send({
      type: 'lookup_result',
      requestId: asked.requestId,
      data: { found: true, status: 'cancelled' },
    });
    expect(c.last).toEqual([]);
    c.finishPrompt();
    expect(c.state.node).toBe('agent');

    const anonymous = new Caller(s, { callerNumber: null });
    expect(anonymous.all('lookup')).toEqual([]);
    expect(anonymous.state.node).toBe('agent');
  });

  it('a language node can be skipped for a customer whose language the CRM knows', () => {
    const s = script([
      {
        id: 'l',
        kind: 'language',
        prompt: 'ask',
        options: { 1: 'zh-CN', 2: 'en' },
        skipIfKnown: true,
        next: 'i',
      },
      { id: 'i', kind: 'play', prompt: 'info', next: 'agent' },
    ]);
    const c = new Caller(s, { customer: { language: 'en' } });
    expect(c.media(c.log)).toEqual([['sound:cc/info']]);
    expect(c.lastOf('play').lang).toBe('en');
    expect(new Caller(s, { customer: { language: 'fr' } }).state.node).toBe('l');
  });

  it('business hours follow the node time zone across a DST change', () => {
    const s = script([
      {
        id: 'h',
        kind: 'hours',
        timezone: 'America/New_York',
        weekly: { sun: ['09:00-17:00'] },
        open: 'agent',
        closed: 'bye',
      },
      { id: 'bye', kind: 'hangup' },
    ]);
    // 2026-03-08 is the Sunday US clocks go forward: 09:30 local is 13:30 UTC (EDT).
    expect(new Caller(s, { now: Date.parse('2026-03-08T13:30:00Z') }).state.ended).toBe('queued');
    expect(new Caller(s, { now: Date.parse('2026-03-08T12:30:00Z') }).state.ended).toBe(
      'ivr_hangup',
    );
  });
});

describe('interpreter input checks', () => {
  const s = script([{ id: 'm', kind: 'menu', prompt: 'ask', options: { 1: 'agent' } }]);
  const it1 = new IvrInterpreter(s);
  const started = () =>
    it1.start({ callId: 'c-9', callerNumber: null, customer: null, now: 0 }).state;

  it('refuses a context with a bad caller number, naming the field', () => {
    expect(() => it1.start({ callId: 'c', callerNumber: '12ab', customer: null, now: 0 })).toThrow(
      /callerNumber/,
    );
  });

  it('refuses an event with a digit that is not DTMF', () => {
    try {
      it1.step(started(), { type: 'dtmf', digit: '12' });
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'event_invalid' });
    }
  });

  it('refuses a state of another script or at a node the script no longer has', () => {
    const state = started();
    expect(() => it1.step({ ...state, scriptId: 'other' }, { type: 'hangup' })).toThrow(IvrError);
    const gone: IvrState = { ...state, node: 'removed-node' };
    expect(() => it1.step(gone, { type: 'hangup' })).toThrow(/no longer has/);
  });

  it('does not change the state it is given', () => {
    const state = started();
    const before = JSON.stringify(state);
    it1.step(state, { type: 'dtmf', digit: '1' });
    expect(JSON.stringify(state)).toBe(before);
  });
});
