import type { Logger } from '../logger.js';

/**
 * Things started at boot are stopped in reverse order at shutdown: HTTP stops taking work first,
 * the databases go last. A stop that fails is logged and the rest still run.
 */
export class Lifecycle {
  private readonly stops: { name: string; stop: () => Promise<void> | void }[] = [];

  constructor(private readonly logger: Logger) {}

  onStop(name: string, stop: () => Promise<void> | void): void {
    this.stops.push({ name, stop });
  }

  async stopAll(timeoutMs = 10_000): Promise<void> {
    for (const { name, stop } of this.stops.splice(0).reverse()) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(stop),
          new Promise<never>((_, rej) => {
            timer = setTimeout(
              () => rej(new Error(`did not stop within ${timeoutMs} ms`)),
              timeoutMs,
            );
          }),
        ]);
        this.logger.debug({ component: name }, 'stopped');
      } catch (err) {
        this.logger.error({ err, component: name }, 'stop failed');
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
