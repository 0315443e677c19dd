import { describe, expect, it } from 'vitest';
import { SafeHandlers } from '../../../../telephony/ari/dispatch.js';

function logger() {
  const errors: { obj: object; msg: string }[] = [];
  return {
    errors,
    log: {
      debug() {},
      info() {},
      warn() {},
      error: (obj: object, msg: string) => void errors.push({ obj, msg }),
    },
  };
}

describe('event handlers behind the port', () => {
  it('never lets a throwing or rejecting handler escape, logs it, and still runs the others', async () => {
    const l = logger();
    const h = new SafeHandlers<string>(l.log, 'ARI event');
    const seen: string[] = [];
    h.add(() => {
      throw new Error('sync');
    });
    h.add(() => Promise.reject(new Error('async')));
    h.add((v) => void seen.push(v));
    expect(() => h.emit('StasisStart', () => ({ eventType: 'StasisStart' }))).not.toThrow();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['StasisStart']);
    expect(l.errors.map((e) => e.msg)).toEqual([
      'ARI event handler failed',
      'ARI event handler failed',
    ]);
    expect(l.errors[0]!.obj).toMatchObject({ eventType: 'StasisStart' });
  });

  it('stops calling a handler once it is removed', () => {
    const h = new SafeHandlers<number>(logger().log, 'x');
    const seen: number[] = [];
    const off = h.add((v) => void seen.push(v));
    h.emit(1);
    off();
    h.emit(2);
    expect(seen).toEqual([1]);
  });
});
