import type { AriLogger } from './logger.js';

/**
 * Handlers registered on the port. A handler that throws or rejects never reaches ari-client's
 * emitter (an exception there would crash the process): the error is logged and the next
 * handler still runs.
 */
export class SafeHandlers<T> {
  private readonly handlers = new Set<(value: T) => void | Promise<void>>();

  constructor(
    private readonly logger: AriLogger,
    private readonly what: string,
  ) {}

  add(handler: (value: T) => void | Promise<void>): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  emit(value: T, describe: () => object = () => ({})): void {
    for (const handler of [...this.handlers]) {
      try {
        const result = handler(value);
        if (result instanceof Promise) {
          result.catch((err: unknown) => this.report(err, describe));
        }
      } catch (err) {
        this.report(err, describe);
      }
    }
  }

  private report(err: unknown, describe: () => object): void {
    this.logger.error({ err, ...describe() }, `${this.what} handler failed`);
  }
}
