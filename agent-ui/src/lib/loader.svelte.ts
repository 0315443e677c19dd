import { ApiFailure } from './api.js';

/**
 * One remote value: loading flag, error and the latest answer. A slower earlier request never
 * overwrites the answer to a later one.
 */
export class Loader<T> {
  value = $state<T | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #seq = 0;

  async run(fetcher: () => Promise<T>): Promise<T | null> {
    const seq = ++this.#seq;
    this.loading = true;
    this.error = null;
    try {
      const v = await fetcher();
      if (seq === this.#seq) this.value = v;
      return v;
    } catch (err) {
      if (seq === this.#seq) this.error = err instanceof ApiFailure ? err.message : String(err);
      return null;
    } finally {
      if (seq === this.#seq) this.loading = false;
    }
  }

  reset(): void {
    this.#seq++;
    this.value = null;
    this.error = null;
    this.loading = false;
  }
}
