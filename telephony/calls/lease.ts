import type { Redis } from 'ioredis';
import type { CallLogger } from './log.js';
import { ACQUIRE_LEASE, RELEASE_LEASE } from './store/lua.js';
import { runScript } from './store/run-script.js';

export interface LeaseOptions {
  nodeId: string;
  key: string;
  /** How long a lease lasts without renewal; a dead node's lease lapses after this. */
  ttlMs: number;
  /** Renewal (and, on standby, retry) period; well under ttlMs. */
  renewEveryMs: number;
  onAcquired(): void;
  onLost(): void;
}

/**
 * One node drives telephony at a time. The holder renews a Redis key with a TTL; standby nodes try
 * to take it at the same period and win once the holder stops renewing (it died or lost Redis).
 * A holder that cannot renew in time gives up driving before its lease can have lapsed.
 */
export class Lease {
  private timer: NodeJS.Timeout | undefined;
  private held = false;
  private heldUntil = 0;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly opts: LeaseOptions,
    private readonly logger: CallLogger,
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.opts.renewEveryMs);
  }

  private async tick(): Promise<void> {
    const startedAt = Date.now();
    try {
      const got =
        Number(
          await runScript(
            this.redis,
            ACQUIRE_LEASE,
            [this.opts.key],
            [this.opts.nodeId, this.opts.ttlMs],
          ),
        ) === 1;
      if (this.stopped) return;
      if (got) {
        this.heldUntil = startedAt + this.opts.ttlMs;
        if (!this.held) {
          this.held = true;
          this.logger.info({ nodeId: this.opts.nodeId }, 'telephony lease acquired: driving calls');
          this.opts.onAcquired();
        }
      } else if (this.held) {
        this.lose('another node holds the lease');
      }
    } catch (err) {
      this.logger.warn({ err }, 'telephony lease renewal failed');
      if (this.held && Date.now() >= this.heldUntil - this.opts.renewEveryMs) {
        this.lose('could not renew in time');
      }
    } finally {
      this.schedule();
    }
  }

  private lose(why: string): void {
    this.held = false;
    this.logger.warn({ nodeId: this.opts.nodeId, why }, 'telephony lease lost: standing by');
    this.opts.onLost();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.held) {
      this.held = false;
      try {
        await runScript(this.redis, RELEASE_LEASE, [this.opts.key], [this.opts.nodeId]);
      } catch (err) {
        this.logger.warn({ err }, 'could not release the telephony lease; it lapses on its own');
      }
    }
  }
}
