/**
 * The call layer's time. Deadlines are stored as epoch ms of this clock and timers run on it, so
 * that tests and demos can run calls faster than real time in step with the PBX simulator.
 */
export interface CallClock {
  now(): number;
  /** Runs `fn` after `ms` of this clock's time; the handle cancels it. */
  setTimer(ms: number, fn: () => void): { cancel(): void };
}

export interface ScaledClockOptions {
  /** 1 is real time; 20 makes a 6 s IVR timeout last 300 ms. */
  speed?: number;
  /** What `now()` reads at creation (ms); defaults to the real time. */
  startAt?: number;
}

export function scaledClock(opts: ScaledClockOptions = {}): CallClock {
  const speed = opts.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new RangeError(`clock speed must be a positive number, got ${speed}`);
  }
  const realOrigin = Date.now();
  const origin = opts.startAt ?? realOrigin;
  return {
    now: () => Math.round(origin + (Date.now() - realOrigin) * speed),
    setTimer(ms, fn) {
      const handle = setTimeout(fn, Math.max(0, ms) / speed);
      return { cancel: () => clearTimeout(handle) };
    },
  };
}
