import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  callbackJobId,
  cancelCallback,
  completeCallback,
  createCallback,
  expireIfWindowPassed,
  markConnected,
  markDialFailed,
  OutboundError,
  parseCallbackJobId,
  parseCallbackPolicy,
  releaseAgent,
  reserveAgent,
  retryDue,
  scheduleRetry,
  startDial,
  windowFromLocal,
  type Callback,
  type CallbackPolicy,
  type NewCallbackInput,
} from '../../../outbound/index.js';

const MIN = 60_000;
const t0 = new Date('2024-06-03T02:00:00Z'); // 10:00 in Shanghai
const plus = (ms: number, from = t0) => new Date(from.getTime() + ms);

const policy: CallbackPolicy = parseCallbackPolicy({});

function input(overrides: Partial<NewCallbackInput> = {}): NewCallbackInput {
  return {
    id: 'cb1',
    kind: 'scheduled',
    phone: '13800138000',
    timezone: 'Asia/Shanghai',
    queueId: 'sales',
    earliest: t0,
    latest: plus(8 * 60 * MIN),
    ...overrides,
  };
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof OutboundError ? err.code : 'not-an-outbound-error';
  }
  return undefined;
}

/** A callback dialed once that got the given result. */
function failedOnce(outcome: 'no_answer' | 'busy', cb?: Callback): Callback {
  const start = cb ?? createCallback(input(), t0, policy).callback;
  return markDialFailed(startDial(reserveAgent(start, 'agent-7', t0), t0), outcome, t0);
}

describe('creating a callback', () => {
  it('is pending, normalises the number and schedules attempt 1 at the window start', () => {
    const later = plus(30 * MIN);
    const { callback, job } = createCallback(input({ earliest: later }), t0, policy);
    expect(callback.state).toBe('pending');
    expect(callback.phone).toBe('+8613800138000');
    expect(callback.attempts).toBe(0);
    expect(callback.nextAttemptAt).toEqual(later);
    expect(job).toEqual({ jobId: 'callback-cb1-attempt-1', runAt: later });
  });

  it('starts now when the window is already open', () => {
    const { job } = createCallback(input({ earliest: plus(-MIN) }), t0, policy);
    expect(job.runAt).toEqual(t0);
  });

  it('with calling hours, a window opening at 07:00 local is first tried at 09:00 local', () => {
    const strict = parseCallbackPolicy({ callingHours: { start: '09:00', end: '21:00' } });
    const sevenInShanghai = new Date('2024-06-03T23:00:00Z');
    const { job } = createCallback(
      input({ earliest: sevenInShanghai, latest: plus(24 * 60 * MIN, sevenInShanghai) }),
      t0,
      strict,
    );
    expect(job.runAt.toISOString()).toBe('2024-06-04T01:00:00.000Z');
  });

  it('is refused when the window has already closed', () => {
    expect(
      code(() =>
        createCallback(input({ latest: plus(-MIN), earliest: plus(-60 * MIN) }), t0, policy),
      ),
    ).toBe('invalid_callback');
  });

  it('is refused when latest is not after earliest, naming the field', () => {
    try {
      createCallback(input({ latest: t0 }), t0, policy);
      expect.unreachable();
    } catch (err) {
      expect((err as OutboundError).code).toBe('invalid_callback');
      expect((err as OutboundError).message).toMatch(/latest: must be after earliest/);
    }
  });

  it('is refused for an unknown time zone and for a number that cannot be dialed', () => {
    expect(code(() => createCallback(input({ timezone: 'Asia/Nowhere' }), t0, policy))).toBe(
      'invalid_callback',
    );
    expect(code(() => createCallback(input({ phone: '12345' }), t0, policy))).toBe('invalid_phone');
  });

  it('is refused for an id that could not be a job id', () => {
    expect(code(() => createCallback(input({ id: 'a:b' }), t0, policy))).toBe('invalid_callback');
  });
});

describe('callback state machine', () => {
  it('goes pending → reserved_agent → dialing → connected → completed, counting one attempt', () => {
    let cb = createCallback(input(), t0, policy).callback;
    cb = reserveAgent(cb, 'agent-7', plus(1000));
    expect(cb.state).toBe('reserved_agent');
    expect(cb.agentId).toBe('agent-7');
    cb = startDial(cb, plus(2000));
    expect(cb.state).toBe('dialing');
    expect(cb.attempts).toBe(1);
    cb = markConnected(cb, plus(9000));
    expect(cb.state).toBe('connected');
    cb = completeCallback(cb, plus(300_000));
    expect(cb.state).toBe('completed');
    expect(cb.updatedAt).toEqual(plus(300_000));
  });

  it('refuses to dial a customer before an agent is reserved', () => {
    const cb = createCallback(input(), t0, policy).callback;
    expect(code(() => startDial(cb, t0))).toBe('illegal_transition');
  });

  it('gives the place back without using an attempt when the reserved agent is lost', () => {
    const reserved = reserveAgent(createCallback(input(), t0, policy).callback, 'agent-7', t0);
    const back = releaseAgent(reserved, plus(1000));
    expect(back.state).toBe('pending');
    expect(back.agentId).toBeNull();
    expect(back.attempts).toBe(0);
  });

  it('refuses every move out of completed, expired and cancelled', () => {
    const cb = createCallback(input(), t0, policy).callback;
    const cancelled = cancelCallback(cb, 'customer called in', t0);
    expect(cancelled.closedReason).toBe('customer called in');
    expect(code(() => reserveAgent(cancelled, 'agent-7', t0))).toBe('illegal_transition');
    const done = completeCallback(markConnected(startDial(reserveAgent(cb, 'a', t0), t0), t0), t0);
    expect(code(() => cancelCallback(done, 'late', t0))).toBe('illegal_transition');
  });

  it('refuses to cancel a dial in progress and to mark a pending callback connected', () => {
    const dialing = startDial(
      reserveAgent(createCallback(input(), t0, policy).callback, 'a', t0),
      t0,
    );
    expect(code(() => cancelCallback(dialing, 'x', t0))).toBe('illegal_transition');
    expect(code(() => markConnected(createCallback(input(), t0, policy).callback, t0))).toBe(
      'illegal_transition',
    );
  });

  it('releases the agent when the dial fails', () => {
    const failed = failedOnce('busy');
    expect(failed.state).toBe('busy');
    expect(failed.agentId).toBeNull();
  });
});

describe('retries, backoff and expiry', () => {
  it('after no answer on attempt 1, attempt 2 is due 15 minutes later with its own job id', () => {
    const { callback, job } = scheduleRetry(failedOnce('no_answer'), t0, policy);
    expect(callback.state).toBe('retry_scheduled');
    expect(callback.nextAttemptAt).toEqual(plus(15 * MIN));
    expect(job).toEqual({ jobId: 'callback-cb1-attempt-2', runAt: plus(15 * MIN) });
  });

  it('after busy the delay is the busy one (5 minutes)', () => {
    const { job } = scheduleRetry(failedOnce('busy'), t0, policy);
    expect(job?.runAt).toEqual(plus(5 * MIN));
  });

  it('doubles the delay for the next failure', () => {
    const retry = scheduleRetry(failedOnce('no_answer'), t0, policy).callback;
    const second = failedOnce('no_answer', retryDue(retry, plus(15 * MIN)));
    expect(second.attempts).toBe(2);
    const { job } = scheduleRetry(second, plus(16 * MIN), policy);
    expect(job).toEqual({ jobId: 'callback-cb1-attempt-3', runAt: plus(46 * MIN) });
  });

  it('computes capped exponential delays per outcome', () => {
    const b = { initialDelayMs: 5 * MIN, multiplier: 2, maxDelayMs: 30 * MIN };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(b, n) / MIN)).toEqual([5, 10, 20, 30, 30]);
  });

  it('scheduling the same retry twice yields the same job id, so it is queued once', () => {
    const failed = failedOnce('no_answer');
    expect(scheduleRetry(failed, t0, policy).job?.jobId).toBe(
      scheduleRetry(failed, t0, policy).job?.jobId,
    );
  });

  it('expires with max_attempts once the attempts are used up', () => {
    const once = parseCallbackPolicy({ maxAttempts: 1 });
    const { callback, job } = scheduleRetry(failedOnce('busy'), t0, once);
    expect(job).toBeNull();
    expect(callback.state).toBe('expired');
    expect(callback.closedReason).toBe('max_attempts');
  });

  it('expires with window_passed when the next try would fall after the window', () => {
    const cb = createCallback(input({ latest: plus(10 * MIN) }), t0, policy).callback;
    const { callback, job } = scheduleRetry(failedOnce('no_answer', cb), t0, policy);
    expect(job).toBeNull();
    expect(callback.closedReason).toBe('window_passed');
  });

  it('pushes a retry that falls at night to the next opening, inside the window', () => {
    const strict = parseCallbackPolicy({ callingHours: { start: '09:00', end: '21:00' } });
    const evening = new Date('2024-06-03T12:50:00Z'); // 20:50 in Shanghai
    const cb = createCallback(input({ latest: plus(48 * 60 * MIN) }), evening, strict).callback;
    const { job } = scheduleRetry(failedOnce('no_answer', cb), evening, strict);
    expect(job?.runAt.toISOString()).toBe('2024-06-04T01:00:00.000Z');
  });

  it('refuses to retry before the scheduled time, and a callback that did not fail', () => {
    const retry = scheduleRetry(failedOnce('no_answer'), t0, policy).callback;
    expect(code(() => retryDue(retry, plus(MIN)))).toBe('illegal_transition');
    expect(retryDue(retry, plus(15 * MIN)).state).toBe('pending');
    expect(
      code(() => scheduleRetry(createCallback(input(), t0, policy).callback, t0, policy)),
    ).toBe('illegal_transition');
  });

  it('expires a waiting callback whose window has closed and leaves an open one alone', () => {
    const cb = createCallback(input({ latest: plus(60 * MIN) }), t0, policy).callback;
    expect(expireIfWindowPassed(cb, plus(30 * MIN))).toBe(cb);
    const expired = expireIfWindowPassed(cb, plus(61 * MIN));
    expect(expired.state).toBe('expired');
    expect(expired.closedReason).toBe('window_passed');
  });
});

describe('callback policy and job ids', () => {
  it('fills defaults: 3 attempts, 15 min no-answer and 5 min busy backoff, no calling hours', () => {
    expect(policy.maxAttempts).toBe(3);
    expect(policy.retry.no_answer.initialDelayMs).toBe(15 * MIN);
    expect(policy.retry.busy.initialDelayMs).toBe(5 * MIN);
    expect(policy.callingHours).toBeNull();
  });

  it('refuses a ceiling below the first delay, naming the field', () => {
    expect(() =>
      parseCallbackPolicy({ retry: { busy: { initialDelayMs: 10 * MIN, maxDelayMs: MIN } } }),
    ).toThrow(/retry\.busy\.maxDelayMs/);
  });

  it('builds and parses job ids without ":" (BullMQ refuses it in custom ids)', () => {
    const id = callbackJobId('3f2c-11', 4);
    expect(id).toBe('callback-3f2c-11-attempt-4');
    expect(id).not.toContain(':');
    expect(parseCallbackJobId(id)).toEqual({ callbackId: '3f2c-11', attempt: 4 });
    expect(parseCallbackJobId('something-else')).toBeNull();
    expect(() => callbackJobId('x', 0)).toThrow(OutboundError);
  });
});

describe('windows stated on the customer’s clock', () => {
  it('turns "14:00-16:00 on 4 June" in Shanghai into 06:00-08:00 UTC', () => {
    const w = windowFromLocal({ date: '2024-06-04', from: '14:00', to: '16:00' }, 'Asia/Shanghai');
    expect(w.earliest.toISOString()).toBe('2024-06-04T06:00:00.000Z');
    expect(w.latest.toISOString()).toBe('2024-06-04T08:00:00.000Z');
  });

  it('gives a different instant for the same words in New York', () => {
    const w = windowFromLocal(
      { date: '2024-06-04', from: '14:00', to: '16:00' },
      'America/New_York',
    );
    expect(w.earliest.toISOString()).toBe('2024-06-04T18:00:00.000Z');
  });

  it('refuses a date that does not exist and a window that ends before it starts', () => {
    expect(() =>
      windowFromLocal({ date: '2024-02-30', from: '10:00', to: '11:00' }, 'Asia/Shanghai'),
    ).toThrow(/does not exist/);
    expect(() =>
      windowFromLocal({ date: '2024-02-03', from: '16:00', to: '14:00' }, 'Asia/Shanghai'),
    ).toThrow(/must end after it starts/);
  });
});
