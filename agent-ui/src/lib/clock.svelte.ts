/** The current time as reactive state, ticking once a second while started. */
export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly read: () => number = Date.now) {
    this.now = read();
  }

  start(intervalMs = 1000): void {
    this.stop();
    this.#timer = setInterval(() => (this.now = this.read()), intervalMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Specs move time by hand. */
  set(ms: number): void {
    this.now = ms;
  }
}

/** Whole seconds from an ISO time to `now`, never negative. */
export function secondsSince(iso: string | null, now: number): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((now - t) / 1000));
}
