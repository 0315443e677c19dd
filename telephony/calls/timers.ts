import type { CallClock } from './clock.js';

/**
 * The in-process side of call timers. Deadlines live in the call record (Redis); this only arms
 * a local timer for each so that it fires here. After a restart the timers are armed again from
 * the stored deadlines; a timer that fires for a deadline the record no longer has is ignored by
 * the handler.
 */
export class TimerWheel {
  private readonly armed = new Map<string, { cancel(): void }>();

  constructor(
    private readonly clock: CallClock,
    private readonly onFire: (callId: string, timerId: string) => void,
  ) {}

  private static key(callId: string, timerId: string): string {
    return `${callId}\u0000${timerId}`;
  }

  arm(callId: string, timerId: string, deadline: number): void {
    const key = TimerWheel.key(callId, timerId);
    this.armed.get(key)?.cancel();
    const handle = this.clock.setTimer(deadline - this.clock.now(), () => {
      this.armed.delete(key);
      this.onFire(callId, timerId);
    });
    this.armed.set(key, handle);
  }

  cancel(callId: string, timerId: string): void {
    const key = TimerWheel.key(callId, timerId);
    this.armed.get(key)?.cancel();
    this.armed.delete(key);
  }

  /** Arms every timer of a call (adoption) from its stored deadlines. */
  armAll(callId: string, timers: Record<string, number>): void {
    for (const [timerId, deadline] of Object.entries(timers)) this.arm(callId, timerId, deadline);
  }

  cancelAll(): void {
    for (const h of this.armed.values()) h.cancel();
    this.armed.clear();
  }

  get size(): number {
    return this.armed.size;
  }
}
