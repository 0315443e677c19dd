import { describe, expect, it } from 'vitest';
import { Calls } from '../../../../telephony/calls/calls.js';
import type { CallEvent } from '../../../../telephony/calls/events.js';
import type { InteractionWriter } from '../../../../telephony/calls/interaction-writer.js';
import type { CallLogger } from '../../../../telephony/calls/log.js';
import type { CallRecord } from '../../../../telephony/calls/model.js';
import type {
  CallStore,
  IndexChanges,
  Versioned,
} from '../../../../telephony/calls/store/call-store.js';
import type { TimerWheel } from '../../../../telephony/calls/timers.js';
import { record } from './fixtures.js';

/** A faithful in-memory stand-in for the Redis store: compare-and-set on a version. */
class MemoryStore {
  readonly data = new Map<string, Versioned>();
  commits = 0;
  /** Simulates another writer slipping in before the next commit. */
  interfere: ((v: Versioned) => void) | null = null;

  read(id: string): Promise<Versioned | null> {
    const v = this.data.get(id);
    return Promise.resolve(v ? structuredClone(v) : null);
  }
  commit(expected: number, rec: CallRecord, _ix: IndexChanges): Promise<number | null> {
    const cur = this.data.get(rec.id);
    if (this.interfere && cur) {
      const f = this.interfere;
      this.interfere = null;
      f(cur);
    }
    const now = this.data.get(rec.id);
    if ((now?.v ?? 0) !== expected) return Promise.resolve(null);
    this.commits++;
    const v = expected + 1;
    this.data.set(rec.id, { v, rec: structuredClone(rec) });
    return Promise.resolve(v);
  }
  link() {
    return Promise.resolve(null);
  }
}

const silent: CallLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

function setup() {
  const store = new MemoryStore();
  const armed: string[] = [];
  const events: CallEvent[] = [];
  const written: unknown[] = [];
  const timers = {
    arm: (_c: string, id: string) => armed.push(`arm ${id}`),
    cancel: (_c: string, id: string) => armed.push(`cancel ${id}`),
  } as unknown as TimerWheel;
  const writer = {
    write: (_c: string, p: unknown) => written.push(p),
  } as unknown as InteractionWriter;
  const calls = new Calls(
    store as unknown as CallStore,
    timers,
    writer,
    { emit: (e) => events.push(e) },
    silent,
  );
  return { store, calls, armed, events, written };
}

describe('Calls.update', () => {
  it('commits, then arms timers, writes the row, emits events and runs effects, in that order', async () => {
    const { calls, store, armed, events, written } = setup();
    await calls.create(record('ivr'));
    const order: string[] = [];
    await calls.update('1795388288.20', (d) => {
      d.move('queued');
      d.setTimer('announce', 5);
      d.interaction({ queue: 'support' });
      d.emit({
        type: 'queued',
        callId: d.id,
        at: 1,
        queueId: 'support',
        position: 1,
        estimatedWaitSeconds: null,
      });
      d.effect(() => {
        order.push(`effect sees v${store.data.get('1795388288.20')!.v}`);
        return Promise.resolve();
      });
    });
    expect(order).toEqual(['effect sees v2']);
    expect(armed).toEqual(['arm announce']);
    expect(written).toEqual([{ queue: 'support' }]);
    expect(events.map((e) => e.type)).toEqual(['queued']);
  });

  it('prepares the change again on the fresh record when another writer got there first', async () => {
    const { calls, store } = setup();
    await calls.create(record('queued'));
    store.interfere = (cur) => {
      store.data.set(cur.rec.id, { v: cur.v + 1, rec: { ...cur.rec, failures: 5 } });
    };
    let runs = 0;
    const after = await calls.update('1795388288.20', (d) => {
      runs++;
      d.rec.seq += 1;
    });
    expect(runs).toBe(2);
    expect(after).toMatchObject({ failures: 5, seq: 1 });
    expect(store.data.get('1795388288.20')!.v).toBe(3);
  });

  it('an illegal transition writes nothing and runs no effect', async () => {
    const { calls, store } = setup();
    await calls.create(record('ivr'));
    let ran = false;
    await expect(
      calls.update('1795388288.20', (d) => {
        d.effect(() => {
          ran = true;
          return Promise.resolve();
        });
        d.move('connected');
      }),
    ).rejects.toMatchObject({ code: 'illegal_transition' });
    expect(ran).toBe(false);
    expect(store.data.get('1795388288.20')!.v).toBe(1);
  });

  it('a mutation that declines (returns false) writes nothing', async () => {
    const { calls, store } = setup();
    await calls.create(record('ivr'));
    expect(await calls.update('1795388288.20', () => false)).toBeNull();
    expect(store.commits).toBe(1);
  });

  it('creating a call twice (a replayed StasisStart) keeps the first', async () => {
    const { calls } = setup();
    expect(await calls.create(record('ivr'))).not.toBeNull();
    expect(await calls.create(record('ivr', { failures: 3 }))).toBeNull();
    expect((await calls.get('1795388288.20'))?.failures).toBe(0);
  });

  it('an eager change starts its effects before the commit is answered, and only once on a retry', async () => {
    const { calls, store } = setup();
    await calls.create(record('ivr'));
    const seen: number[] = [];
    store.interfere = (cur) => {
      store.data.set(cur.rec.id, { v: cur.v + 1, rec: cur.rec });
    };
    await calls.update('1795388288.20', (d) => {
      d.eager = true;
      d.effect(() => {
        seen.push(store.data.get('1795388288.20')!.v);
        return Promise.resolve();
      });
    });
    // First attempt: ran before its commit (v1 stored); the retry after the lost race waited
    // for its own commit (v3).
    expect(seen).toEqual([1, 3]);
  });

  it('a replayed StasisStart of a call this process holds does not run its effects early', async () => {
    const { calls } = setup();
    await calls.create(record('ivr'));
    let ran = false;
    const again = await calls.create(record('ivr'), (d) => {
      d.eager = true;
      d.effect(() => {
        ran = true;
        return Promise.resolve();
      });
    });
    expect(again).toBeNull();
    expect(ran).toBe(false);
  });

  it('an overlapping effect lets the next one start at once, and its failure still fails the change', async () => {
    const { calls } = setup();
    await calls.create(record('ivr'));
    const order: string[] = [];
    let finishStop: () => void = () => undefined;
    const done = calls.update('1795388288.20', (d) => {
      d.effect(
        () =>
          new Promise<void>((resolve) => {
            order.push('stop sent');
            finishStop = () => {
              order.push('stop answered');
              resolve();
            };
          }),
        { overlap: true },
      );
      d.effect(() => {
        order.push('play sent');
        return Promise.resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['stop sent', 'play sent']);
    finishStop();
    await done;
    expect(order).toEqual(['stop sent', 'play sent', 'stop answered']);

    await expect(
      calls.update('1795388288.20', (d) => {
        d.effect(() => Promise.reject(new Error('stop refused')), { overlap: true });
        d.effect(() => Promise.resolve());
      }),
    ).rejects.toThrow('stop refused');
  });
});
