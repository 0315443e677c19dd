import { ApiFailure } from './api.js';

/** A user's command to the server: busy while it runs, and the refusal's message to show. */
export class Action {
  busy = $state(false);
  error = $state<string | null>(null);
  /** The refusal itself (status, code, details), for a caller that explains it in its own words. */
  failure = $state<ApiFailure | null>(null);

  /** The command's answer, or null when it failed (the reason is in `error`). */
  async run<T>(fn: () => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.error = null;
    this.failure = null;
    try {
      return await fn();
    } catch (err) {
      this.failure = err instanceof ApiFailure ? err : null;
      this.error = err instanceof ApiFailure ? err.message : String(err);
      return null;
    } finally {
      this.busy = false;
    }
  }
}
