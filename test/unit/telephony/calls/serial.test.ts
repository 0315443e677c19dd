import { describe, expect, it } from 'vitest';
import { KeyedSerial } from '../../../../telephony/calls/serial.js';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('KeyedSerial', () => {
  it('runs the tasks of one call one at a time, in order', async () => {
    const s = new KeyedSerial(() => undefined);
    const log: string[] = [];
    void s.run('a', async () => {
      log.push('1 start');
      await tick(20);
      log.push('1 end');
    });
    void s.run('a', async () => {
      log.push('2 start');
      await tick();
      log.push('2 end');
    });
    await s.idle();
    expect(log).toEqual(['1 start', '1 end', '2 start', '2 end']);
    expect(s.size).toBe(0);
  });

  it('runs different calls side by side', async () => {
    const s = new KeyedSerial(() => undefined);
    const log: string[] = [];
    void s.run('a', async () => {
      await tick(20);
      log.push('a');
    });
    void s.run('b', async () => {
      await tick(1);
      log.push('b');
    });
    await s.idle();
    expect(log).toEqual(['b', 'a']);
  });

  it('a failing task reports its call and does not stop the tasks behind it or other calls', async () => {
    const failures: [string, unknown][] = [];
    const s = new KeyedSerial((key, err) => failures.push([key, err]));
    const log: string[] = [];
    void s.run('a', () => Promise.reject(new Error('boom')));
    void s.run('a', () => {
      log.push('a after');
      return Promise.resolve();
    });
    void s.run('b', () => {
      log.push('b');
      return Promise.resolve();
    });
    await s.idle();
    expect(log.sort()).toEqual(['a after', 'b']);
    expect(failures).toHaveLength(1);
    expect(failures[0]![0]).toBe('a');
    expect((failures[0]![1] as Error).message).toBe('boom');
  });
});
