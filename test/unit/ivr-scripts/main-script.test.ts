import { describe, expect, it } from 'vitest';
import { luhnValid } from '../../../ivr-scripts/validators.js';
import { Caller, TUESDAY_10AM, mainScript } from './driver.js';
import type { IvrState } from '../../../ivr-scripts/index.js';

const script = mainScript();

/** Chinese chosen at the greeting, now at the main menu. */
function atMainMenu(context: ConstructorParameters<typeof Caller>[1] = {}): Caller {
  const c = new Caller(script, context);
  c.answer('1');
  expect(c.state.node).toBe('main-menu');
  return c;
}

function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable: one check digit always fits');
}

const BALANCE = { found: true, balance: '1234.50', currency: 'CNY', dueDate: '2026-03-15' };

describe('default script: greeting and language', () => {
  it('greets with the combined bilingual prompt in Chinese first, barge-in allowed', () => {
    const c = new Caller(script);
    expect(c.last).toEqual([
      { type: 'ivr_step', nodeId: 'welcome', kind: 'language' },
      { type: 'play', id: 'call-1-p1', media: ['sound:cc/welcome'], lang: 'zh', bargeIn: true },
    ]);
  });

  it('pressing 1 after the greeting keeps Chinese and plays the main menu in zh', () => {
    const c = atMainMenu();
    expect(c.state.language).toBe('zh-CN');
    expect(c.lastOf('play')).toMatchObject({ media: ['sound:cc/main-menu'], lang: 'zh' });
    expect(c.path()).toEqual(['welcome', 'hours', 'vip-check', 'main-menu']);
  });

  it('pressing 2 during the greeting stops it and switches every later prompt to English', () => {
    const c = new Caller(script);
    const playing = c.lastOf('play').id;
    c.press('2');
    expect(c.last[0]).toEqual({ type: 'stop_playback', id: playing });
    expect(c.last).toContainEqual({ type: 'set_var', name: 'language', value: 'en' });
    expect(c.lastOf('play')).toMatchObject({ media: ['sound:cc/main-menu'], lang: 'en' });
    c.answer('0');
    c.finishPrompt();
    expect(c.lastOf('route_to_queue')).toEqual({
      type: 'route_to_queue',
      queueId: 'support',
      skills: { en: 2 },
      priority: 0,
      language: 'en',
    });
  });

  it('no answer to the greeting keeps the default language after one retry', () => {
    const c = new Caller(script);
    c.finishPrompt();
    expect(c.lastOf('start_timer').ms).toBe(4000);
    c.timeout();
    expect(c.media()).toEqual([['sound:cc/no-input', 'sound:cc/welcome']]);
    c.finishPrompt();
    c.timeout();
    expect(c.state.node).toBe('main-menu');
    expect(c.state.language).toBe('zh-CN');
  });
});

describe('default script: main menu input handling', () => {
  it('0 routes to the support queue with the language skill after the hold prompt', () => {
    const c = atMainMenu();
    c.answer('0');
    expect(c.lastOf('play')).toMatchObject({ media: ['sound:cc/connect-agent'], bargeIn: false });
    expect(c.all('route_to_queue')).toHaveLength(0);
    c.finishPrompt();
    expect(c.last).toEqual([
      {
        type: 'route_to_queue',
        queueId: 'support',
        skills: { 'zh-CN': 2 },
        priority: 0,
        language: 'zh-CN',
      },
    ]);
    expect(c.state.ended).toBe('queued');
  });

  it('an invalid digit re-prompts with the apology twice, then falls back to the support queue', () => {
    const c = atMainMenu();
    c.answer('7');
    expect(c.media()).toEqual([['sound:cc/invalid-choice', 'sound:cc/main-menu']]);
    c.answer('8');
    expect(c.media()).toEqual([['sound:cc/invalid-choice', 'sound:cc/main-menu']]);
    c.answer('6');
    expect(c.path().at(-1)).toBe('agent-support');
    c.finishPrompt();
    expect(c.lastOf('route_to_queue').queueId).toBe('support');
  });

  it('no input times out with the no-input prompt, and after the retries goes to support', () => {
    const c = atMainMenu();
    c.finishPrompt();
    const timer = c.lastOf('start_timer');
    expect(timer.ms).toBe(6000);
    c.timeout();
    expect(c.media()).toEqual([['sound:cc/no-input', 'sound:cc/main-menu']]);
    c.finishPrompt();
    c.timeout();
    c.finishPrompt();
    c.timeout();
    expect(c.state.node).toBe('agent-support');
  });

  it('a digit while waiting cancels the pending timer', () => {
    const c = atMainMenu();
    c.finishPrompt();
    const timer = c.lastOf('start_timer').id;
    c.press('0');
    expect(c.last[0]).toEqual({ type: 'cancel_timer', id: timer });
  });

  it('a digit during the menu prompt stops it and counts as the choice (barge-in)', () => {
    const c = atMainMenu();
    const playing = c.lastOf('play').id;
    c.press('2');
    expect(c.last[0]).toEqual({ type: 'stop_playback', id: playing });
    expect(c.last).toContainEqual({
      type: 'ivr_step',
      nodeId: 'main-menu',
      kind: 'menu',
      input: '2',
    });
    expect(c.state.node).toBe('complaints-menu');
  });

  it('9 repeats the main menu', () => {
    const c = atMainMenu();
    c.answer('9');
    expect(c.state.node).toBe('main-menu');
    expect(c.media()).toEqual([['sound:cc/main-menu']]);
  });

  it('a stale timer or playback id from before a barge-in changes nothing', () => {
    const c = atMainMenu();
    const oldPlayback = c.lastOf('play').id;
    c.press('9');
    const before = JSON.stringify(c.state);
    expect(c.send({ type: 'prompt_finished', playbackId: oldPlayback })).toEqual([]);
    expect(c.send({ type: 'timeout', timerId: 'call-1-t999' })).toEqual([]);
    expect(JSON.stringify(c.state)).toBe(before);
  });
});

describe('default script: VIP and business hours', () => {
  it('a VIP caller skips the menu into the vip queue with a raised priority', () => {
    const c = new Caller(script, {
      customer: { vip: true, tier: 'vip', language: 'en', name: 'Li Wei' },
    });
    expect(c.lastOf('play').lang).toBe('en');
    c.answer('2');
    expect(c.path()).toEqual(['welcome', 'hours', 'vip-check', 'vip-priority', 'vip-queue']);
    c.finishPrompt();
    expect(c.lastOf('route_to_queue')).toEqual({
      type: 'route_to_queue',
      queueId: 'vip',
      skills: { en: 2 },
      priority: 10,
      language: 'en',
    });
  });

  it('on a public holiday the caller hears the closed message and can book a callback', () => {
    const c = new Caller(script, { now: Date.parse('2026-10-01T10:00:00+08:00') });
    c.answer('1');
    expect(c.state.node).toBe('closed');
    c.answer('1');
    expect(c.lastOf('lookup')).toMatchObject({
      kind: 'callback_by_phone',
      args: { phone: '+8613800138000' },
    });
    c.lookupResult({ found: false });
    expect(c.state.node).toBe('callback-offer');
    expect(c.media()).toEqual([
      ['sound:cc/callback-offer-1', 'digits:8613800138000', 'sound:cc/callback-offer-2'],
    ]);
    c.answer('1');
    expect(c.all('request_callback')).toEqual([
      { type: 'request_callback', number: '+8613800138000', queueId: 'support', language: 'zh-CN' },
    ]);
    c.finishPrompt();
    expect(c.last).toEqual([{ type: 'hangup', reason: 'callback_requested' }]);
  });

  it('closed at night with no answer says goodbye and hangs up without a callback', () => {
    const c = new Caller(script, { now: Date.parse('2026-03-03T21:30:00+08:00') });
    c.answer('1');
    expect(c.state.node).toBe('closed');
    c.finishPrompt();
    c.timeout();
    expect(c.media()).toEqual([['sound:cc/goodbye']]);
    c.finishPrompt();
    expect(c.last).toEqual([{ type: 'hangup', reason: 'ivr_goodbye' }]);
    expect(c.all('request_callback')).toEqual([]);
  });

  it('the clock moves with event times: a call reaching the hours check after 20:00 is closed', () => {
    const c = new Caller(script, { now: Date.parse('2026-03-03T19:59:50+08:00') });
    c.finishPrompt();
    c.send({ type: 'dtmf', digit: '1', now: Date.parse('2026-03-03T20:00:05+08:00') });
    expect(c.state.node).toBe('closed');
  });
});

describe('default script: billing self-service', () => {
  it('looks up the balance by the caller number and reads back amount and due date', () => {
    const c = atMainMenu();
    c.answer('1');
    const lookup = c.lastOf('lookup');
    expect(lookup).toEqual({
      type: 'lookup',
      id: lookup.id,
      kind: 'balance_by_phone',
      args: { phone: '+8613800138000' },
    });
    expect(c.lastOf('start_timer').ms).toBe(5000);
    expect(c.media()).toEqual([['sound:cc/please-wait']]);
    const waitPrompt = c.lastOf('play').id;
    c.lookupResult(BALANCE);
    expect(c.last.slice(0, 2)).toEqual([
      { type: 'cancel_timer', id: expect.stringMatching(/^call-1-t/) as string },
      { type: 'stop_playback', id: waitPrompt },
    ]);
    expect(c.media()).toEqual([
      [
        'sound:cc/balance-1',
        'number:1234',
        'sound:cc/balance-2',
        'digits:50',
        'sound:cc/balance-3',
      ],
    ]);
    c.finishPrompt();
    expect(c.media()).toEqual([
      [
        'sound:cc/due-date-1',
        'digits:2026',
        'sound:cc/due-date-2',
        'number:3',
        'sound:cc/due-date-3',
        'number:15',
        'sound:cc/due-date-4',
      ],
    ]);
    c.finishPrompt();
    expect(c.state.node).toBe('billing-menu');
  });

  it('reads the date in English order: day, month, then the year as a number', () => {
    const c = new Caller(script);
    c.answer('2');
    c.answer('1');
    c.lookupResult({ found: true, balance: 88, dueDate: '2026-12-01' });
    expect(c.media()).toEqual([
      ['sound:cc/balance-1', 'number:88', 'sound:cc/balance-2', 'digits:00', 'sound:cc/balance-3'],
    ]);
    c.finishPrompt();
    expect(c.media()).toEqual([
      ['sound:cc/due-date-1', 'number:1', 'sound:cc/due-date-2', 'number:12', 'number:2026'],
    ]);
    expect(c.lastOf('play').lang).toBe('en');
  });

  it('without a due date it goes straight from the balance to the billing menu', () => {
    const c = atMainMenu();
    c.answer('1');
    c.lookupResult({ found: true, balance: '10.5', dueDate: null });
    c.finishPrompt();
    expect(c.state.node).toBe('billing-menu');
  });

  it('asks for the account number when the caller number is unknown to the CRM', () => {
    const c = atMainMenu();
    c.answer('1');
    c.lookupResult({ found: false });
    expect(c.state.node).toBe('account-collect');
    c.answer('88001234#');
    expect(c.all('ivr_step')).toContainEqual({
      type: 'ivr_step',
      nodeId: 'account-collect',
      kind: 'collect',
      input: '88001234',
    });
    expect(c.lastOf('lookup')).toMatchObject({
      kind: 'balance_by_account',
      args: { accountNumber: '88001234' },
    });
    c.lookupResult(BALANCE);
    expect(c.state.node).toBe('billing-balance');
    expect(c.media()[0]).toContain('number:1234');
  });

  it('an anonymous caller is asked for the account number without a phone lookup', () => {
    const c = atMainMenu({ callerNumber: null });
    c.answer('1');
    expect(c.all('lookup')).toEqual([]);
    expect(c.state.node).toBe('account-collect');
  });

  it('an unknown account number is announced and the caller goes to the billing queue', () => {
    const c = atMainMenu({ callerNumber: null });
    c.answer('1');
    c.answer('99999999#');
    c.lookupResult({ found: false });
    expect(c.media()).toEqual([['sound:cc/account-not-found']]);
    c.finishPrompt();
    expect(c.state.node).toBe('billing-queue');
  });

  it('a lookup error plays the apology and goes to the billing queue', () => {
    const c = atMainMenu();
    c.answer('1');
    c.lookupResult(undefined, 'crm unavailable');
    expect(c.media()).toEqual([['sound:cc/sorry-error']]);
    expect(c.lastOf('play').bargeIn).toBe(false);
    c.finishPrompt();
    expect(c.state.node).toBe('billing-queue');
    c.finishPrompt();
    expect(c.lastOf('route_to_queue')).toMatchObject({
      queueId: 'billing',
      skills: { billing: 2, 'zh-CN': 2 },
    });
  });

  it('a lookup that times out plays the apology; its late answer is ignored', () => {
    const c = atMainMenu();
    c.answer('1');
    const requestId = c.lastOf('lookup').id;
    c.timeout();
    expect(c.media()).toEqual([['sound:cc/sorry-error']]);
    expect(c.send({ type: 'lookup_result', requestId, data: BALANCE })).toEqual([]);
  });

  it('an answer of the wrong shape is treated as a failed lookup', () => {
    const c = atMainMenu();
    c.answer('1');
    c.lookupResult({ found: true, balance: 'lots' });
    expect(c.media()).toEqual([['sound:cc/sorry-error']]);
  });
});

describe('default script: card payment', () => {
  // A Luhn-valid number with varied digits, so that a leak of any part of it is recognisable.
  const CARD = withCheckDigit('453914880343646');
  const LAST4 = CARD.slice(-4);

  function atCardEntry(): Caller {
    const c = atMainMenu();
    c.answer('1');
    c.lookupResult(BALANCE);
    c.finishPrompt();
    c.finishPrompt();
    c.answer('1');
    expect(c.state.node).toBe('card-collect');
    return c;
  }

  it('pauses recording, accepts a Luhn-valid card, resumes and connects to billing', () => {
    const c = atCardEntry();
    expect(c.last).toEqual([
      { type: 'cancel_timer', id: expect.any(String) as unknown as string },
      { type: 'ivr_step', nodeId: 'billing-menu', kind: 'menu', input: '1' },
      { type: 'ivr_step', nodeId: 'card-collect', kind: 'collect' },
      { type: 'pause_recording' },
      {
        type: 'play',
        id: expect.any(String) as unknown as string,
        media: ['sound:cc/card-number'],
        lang: 'zh',
        bargeIn: true,
      },
    ]);
    c.answer(`${CARD}#`);
    const types = c.log.map((x) => x.type);
    expect(types.indexOf('pause_recording')).toBeLessThan(types.indexOf('resume_recording'));
    expect(c.all('ivr_step')).toContainEqual({
      type: 'ivr_step',
      nodeId: 'card-collect',
      kind: 'collect',
      redacted: true,
    });
    expect(c.media()).toEqual([
      ['sound:cc/card-accepted-1', `digits:${LAST4}`, 'sound:cc/card-accepted-2'],
    ]);
    c.finishPrompt();
    c.finishPrompt();
    expect(c.lastOf('route_to_queue')).toMatchObject({ queueId: 'billing' });
  });

  it('never keeps the card number in any stored state or emitted command', () => {
    const c = atCardEntry();
    c.answer(`${CARD}#`);
    const windows = Array.from({ length: CARD.length - 5 }, (_, i) => CARD.slice(i, i + 6));
    const leaks = (text: string) => windows.filter((w) => text.includes(w));
    for (const json of c.stored) expect(leaks(json)).toEqual([]);
    expect(leaks(JSON.stringify(c.log))).toEqual([]);
    expect(c.state.vars).toMatchObject({ 'card.last4': LAST4, 'card.length': 16 });
  });

  it('a card failing Luhn is refused, recording stays paused, and after retries resumes on fallback', () => {
    const c = atCardEntry();
    c.answer(`${CARD.slice(0, -1)}${(Number(CARD.at(-1)) + 1) % 10}#`);
    expect(c.media()).toEqual([['sound:cc/card-invalid', 'sound:cc/card-number']]);
    expect(c.all('resume_recording')).toEqual([]);
    c.answer('4539148803436460#');
    c.answer('1234567890123#');
    expect(c.state.node).toBe('billing-queue');
    const tail = c.last.map((x) => x.type);
    expect(tail.indexOf('resume_recording')).toBeGreaterThanOrEqual(0);
    expect(c.state.recordingPaused).toBe(false);
  });

  it('a card number shorter than 13 digits is refused even if its check digit fits', () => {
    const c = atCardEntry();
    c.answer('4242424242#');
    expect(c.media()).toEqual([['sound:cc/card-invalid', 'sound:cc/card-number']]);
  });

  it('the interpreter tells the telephony layer when DTMF must not be logged', async () => {
    const { isCollectingSensitive } = await import('../../../ivr-scripts/index.js');
    const c = atCardEntry();
    expect(isCollectingSensitive(script, c.state)).toBe(true);
    c.answer(`${CARD}#`);
    expect(isCollectingSensitive(script, c.state)).toBe(false);
  });
});

describe('default script: complaints and callbacks', () => {
  it('reads back a complaint status by ticket number', () => {
    const c = atMainMenu();
    c.answer('2');
    c.answer('1');
    c.answer('20260041#');
    expect(c.lastOf('lookup')).toMatchObject({
      kind: 'complaint_by_ticket',
      args: { ticket: '20260041' },
    });
    c.lookupResult({ found: true, ticket: '20260041', status: 'in_progress' });
    expect(c.media()).toEqual([
      ['sound:cc/complaint-in-progress-1', 'digits:20260041', 'sound:cc/complaint-in-progress-2'],
    ]);
    c.finishPrompt();
    expect(c.state.node).toBe('complaint-after');
    c.answer('#');
    c.finishPrompt();
    expect(c.last).toEqual([{ type: 'hangup', reason: 'ivr_goodbye' }]);
  });

  it('a status the script does not know is read as needing an agent', () => {
    const c = atMainMenu();
    c.answer('2');
    c.answer('1');
    c.answer('20260041#');
    c.lookupResult({ found: true, ticket: '20260041', status: 'escalated' });
    expect(c.state.node).toBe('status-other');
    c.finishPrompt();
    expect(c.state.node).toBe('complaints-queue');
  });

  it('digits typed during the ticket prompt stop it and fill the entry (type-ahead)', () => {
    const c = atMainMenu();
    c.answer('2');
    c.answer('1');
    const prompt = c.lastOf('play').id;
    c.press('2026');
    expect(c.log).toContainEqual({ type: 'stop_playback', id: prompt });
    expect(c.state.entry).toEqual({ sensitive: false, digits: '2026' });
    expect(c.lastOf('start_timer').ms).toBe(4000);
    c.press('0041');
    expect(c.lastOf('lookup').args).toEqual({ ticket: '20260041' });
  });

  it('a mistyped ticket number fails its check digit and is asked again without a lookup', () => {
    const c = atMainMenu();
    c.answer('2');
    c.answer('1');
    c.answer('20260014');
    expect(c.all('lookup')).toEqual([]);
    expect(c.media()).toEqual([['sound:cc/invalid-choice', 'sound:cc/ticket-number']]);
  });

  it('an unknown ticket number is announced and the complaints menu offered again', () => {
    const c = atMainMenu();
    c.answer('2');
    c.answer('1');
    c.answer('12345671#');
    c.lookupResult({ found: false });
    expect(c.media()).toEqual([['sound:cc/ticket-not-found']]);
    c.finishPrompt();
    expect(c.state.node).toBe('complaints-menu');
  });

  it('2 in the complaints menu files a new complaint with the complaints queue', () => {
    const c = atMainMenu();
    c.answer('2');
    c.answer('2');
    c.finishPrompt();
    expect(c.lastOf('route_to_queue')).toEqual({
      type: 'route_to_queue',
      queueId: 'complaints',
      skills: { complaints: 2, 'zh-CN': 2 },
      priority: 0,
      language: 'zh-CN',
    });
  });

  it('3 offers a callback on the caller number or on a typed one', () => {
    const c = atMainMenu();
    c.answer('3');
    c.lookupResult({ found: false });
    c.answer('2');
    expect(c.state.node).toBe('callback-collect');
    c.answer('13912345678#');
    expect(c.lastOf('request_callback')).toEqual({
      type: 'request_callback',
      number: '13912345678',
      queueId: 'support',
      language: 'zh-CN',
    });
    expect(c.media()).toEqual([['sound:cc/callback-confirmed']]);
  });

  it('an anonymous caller asking for a callback is asked to type the number', () => {
    const c = atMainMenu({ callerNumber: null });
    c.answer('3');
    expect(c.all('lookup')).toEqual([]);
    expect(c.state.node).toBe('callback-collect');
  });
});

describe('default script: a booked callback kept or cancelled', () => {
  /** Booked for 4 March 14:00-16:30 Shanghai time (06:00-08:30 UTC). */
  const BOOKED = {
    found: true,
    id: 42,
    status: 'scheduled',
    earliest: '2026-03-04T06:00:00.000Z',
    latest: '2026-03-04T08:30:00.000Z',
    timezone: 'Asia/Shanghai',
  };

  function booked(context: ConstructorParameters<typeof Caller>[1] = {}): Caller {
    const c = atMainMenu(context);
    c.answer('3');
    expect(c.lastOf('lookup')).toMatchObject({
      kind: 'callback_by_phone',
      args: { phone: '+8613800138000' },
    });
    c.lookupResult(BOOKED);
    expect(c.state.node).toBe('callback-booked');
    return c;
  }

  it('reads back the window in Chinese, in the callback time zone', () => {
    const c = booked();
    expect(c.media()).toEqual([
      [
        'sound:cc/callback-booked-1',
        'number:3',
        'sound:cc/callback-booked-2',
        'number:4',
        'sound:cc/callback-booked-3',
        'number:14',
        'sound:cc/callback-booked-4',
        'number:0',
        'sound:cc/callback-booked-5',
        'number:3',
        'sound:cc/callback-booked-6',
        'number:4',
        'sound:cc/callback-booked-7',
        'number:16',
        'sound:cc/callback-booked-8',
        'number:30',
        'sound:cc/callback-booked-9',
      ],
    ]);
    expect(c.state.vars).toMatchObject({
      'booked.id': '42',
      'booked.from': '2026-03-04 14:00',
      'booked.until': '2026-03-04 16:30',
    });
  });

  it('reads it back in English with the minutes as digits, across midnight in New York', () => {
    const c = new Caller(script);
    c.press('2');
    c.answer('3');
    c.lookupResult({
      ...BOOKED,
      earliest: '2026-03-05T04:05:00Z',
      latest: '2026-03-05T06:00:00+01:00',
      timezone: 'America/New_York',
    });
    expect(c.lastOf('play')).toMatchObject({ lang: 'en' });
    expect(c.media()).toEqual([
      [
        'sound:cc/callback-booked-1',
        'number:23',
        'digits:05',
        'sound:cc/callback-booked-2',
        'number:4',
        'sound:cc/callback-booked-3',
        'number:3',
        'sound:cc/callback-booked-4',
        'number:0',
        'digits:00',
        'sound:cc/callback-booked-5',
        'number:5',
        'sound:cc/callback-booked-6',
        'number:3',
        'sound:cc/callback-booked-7',
      ],
    ]);
  });

  it('2 cancels it for the caller number, then says so and goodbye', () => {
    const c = booked();
    c.answer('2');
    expect(c.lastOf('lookup')).toMatchObject({
      kind: 'cancel_callback',
      args: { callbackId: '42', phone: '+8613800138000' },
    });
    expect(c.media()).toEqual([['sound:cc/please-wait']]);
    c.lookupResult({ found: true, status: 'cancelled' });
    expect(c.media()).toEqual([['sound:cc/callback-cancelled', 'sound:cc/goodbye']]);
    c.finishPrompt();
    expect(c.last).toEqual([{ type: 'hangup', reason: 'callback_cancelled' }]);
    expect(c.all('request_callback')).toEqual([]);
  });

  it('1 keeps it: no cancel is asked, the caller hears so and goodbye', () => {
    const c = booked();
    c.answer('1');
    expect(c.all('lookup')).toHaveLength(1);
    expect(c.media()).toEqual([['sound:cc/callback-kept', 'sound:cc/goodbye']]);
    c.finishPrompt();
    expect(c.last).toEqual([{ type: 'hangup', reason: 'callback_kept' }]);
  });

  it('no answer keeps it too', () => {
    const c = booked();
    for (let i = 0; i < 3; i++) {
      c.finishPrompt();
      c.timeout();
    }
    expect(c.state.node).toBe('callback-kept');
    expect(c.all('lookup')).toHaveLength(1);
  });

  it('a callback already being dialled cannot be cancelled: the caller is told, then goodbye', () => {
    const c = booked();
    c.answer('2');
    c.lookupResult({ found: false });
    expect(c.media()).toEqual([['sound:cc/callback-not-cancellable']]);
    c.finishPrompt();
    expect(c.state.node).toBe('goodbye');
  });

  it('a cancel that fails or answers nonsense: an apology, then an agent', () => {
    for (const answer of [
      (c: Caller) => c.lookupResult(undefined, 'CRM down'),
      (c: Caller) => c.lookupResult({ found: true, status: 'pending' }),
      (c: Caller) => c.timeout(),
    ]) {
      const c = booked();
      c.answer('2');
      answer(c);
      expect(c.media()).toEqual([['sound:cc/callback-cancel-failed']]);
      c.finishPrompt();
      expect(c.state.node).toBe('agent-support');
    }
  });

  it("a booking answer of the wrong shape: an apology, then today's offer of a callback", () => {
    for (const bad of [
      { ...BOOKED, timezone: 'Mars/Olympus' },
      { ...BOOKED, earliest: 'tomorrow' },
      { ...BOOKED, status: 'dialing' },
      { ...BOOKED, id: 'abc' },
    ]) {
      const c = atMainMenu();
      c.answer('3');
      c.lookupResult(bad);
      expect(c.media()).toEqual([['sound:cc/callback-check-failed']]);
      c.finishPrompt();
      expect(c.state.node).toBe('callback-offer');
    }
  });
});

describe('default script: life cycle', () => {
  it('a caller hanging up mid-menu ends the run and cancels the pending timer', () => {
    const c = atMainMenu();
    c.finishPrompt();
    const timer = c.lastOf('start_timer').id;
    c.send({ type: 'hangup' });
    expect(c.last).toEqual([{ type: 'cancel_timer', id: timer }]);
    expect(c.state.ended).toBe('caller_hangup');
    expect(c.send({ type: 'dtmf', digit: '1' })).toEqual([]);
  });

  it('a state stored before a restart continues with a freshly compiled script', async () => {
    const { IvrInterpreter } = await import('../../../ivr-scripts/index.js');
    const c = atMainMenu();
    const stored = JSON.stringify(c.state);
    const fresh = new IvrInterpreter(mainScript());
    const { state, commands } = fresh.step(JSON.parse(stored) as IvrState, {
      type: 'dtmf',
      digit: '0',
    });
    expect(state.node).toBe('agent-support');
    expect(commands.some((x) => x.type === 'play')).toBe(true);
  });

  it('every id handed out is unique within the call', () => {
    const c = atMainMenu();
    c.answer('7');
    c.answer('1');
    c.lookupResult(BALANCE);
    const ids = c.log.flatMap((x) =>
      'id' in x && x.type !== 'stop_playback' && x.type !== 'cancel_timer' ? [x.id] : [],
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(TUESDAY_10AM).toBeGreaterThan(0);
  });
});
