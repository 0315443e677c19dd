/**
 * Simulated time. Every duration inside the simulator (prompt lengths, ring time, DTMF gaps,
 * recording length) is expressed in simulated milliseconds and goes through a Clock, so tests
 * can run the PBX faster than real time (`speed`) or step it by hand (`ManualClock`).
 */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Runs `fn` after `ms` simulated milliseconds. */
  setTimer(ms: number, fn: () => void): Timer;
}

/** Wall-clock time, optionally accelerated: with speed 10 a 3 s prompt takes 300 ms. */
export class RealClock implements Clock {
  private readonly origin = Date.now();

  constructor(private readonly speed = 1) {
    if (!(speed > 0) || !Number.isFinite(speed)) {
      throw new RangeError(`clock speed must be a positive number, got ${speed}`);
    }
  }

  now(): number {
    return Math.round(this.origin + (Date.now() - this.origin) * this.speed);
  }

  setTimer(ms: number, fn: () => void): Timer {
    const handle = setTimeout(fn, Math.max(0, ms) / this.speed);
    return { cancel: () => clearTimeout(handle) };
  }
}

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** Time moves only when `advance` is called; timers due at the same instant run in order. */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start = Date.UTC(2026, 10, 22, 22, 58, 8, 991)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const entry: Pending = {
      at: this.current + Math.max(0, ms),
      seq: this.seq++,
      fn,
      cancelled: false,
    };
    this.pending.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  }

  /** Moves time forward by `ms`, running every timer that falls due, including ones they set. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.pending
        .filter((p) => !p.cancelled && p.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = target;
    this.pending = this.pending.filter((p) => !p.cancelled);
  }
}
