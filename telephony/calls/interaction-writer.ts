import type { CallLogger } from './log.js';
import type { InteractionPatch, InteractionSink } from './ports.js';

/**
 * Writes each call's interaction row in order, off the call's path: a slow or failed database
 * write never holds up the caller. A failed write is retried a few times; since the last patch
 * of a call carries every field, a lost intermediate patch does not lose data.
 */
export class InteractionWriter {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly sink: InteractionSink,
    private readonly logger: CallLogger,
    private readonly retries = 3,
    private readonly backoffMs = 200,
  ) {}

  write(callId: string, patch: InteractionPatch): void {
    const prev = this.chains.get(callId) ?? Promise.resolve();
    const next = prev.then(() => this.attempt(callId, patch));
    this.chains.set(callId, next);
    void next.then(() => {
      if (this.chains.get(callId) === next) this.chains.delete(callId);
    });
  }

  private async attempt(callId: string, patch: InteractionPatch): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        await this.sink.upsert(callId, patch);
        return;
      } catch (err) {
        if (i >= this.retries) {
          this.logger.error({ err, callId }, 'could not write the interaction row');
          return;
        }
        await new Promise((r) => setTimeout(r, this.backoffMs * 2 ** i));
      }
    }
  }

  /** Resolves when every write queued so far has finished (shutdown, tests). */
  async flush(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }
}
