import {
  AriClientPort,
  startPbxSimulator,
  type AriEvent,
  type AriEventOf,
  type AriLogger,
  type AriPort,
  type PbxSimulatorOptions,
} from '../../../telephony/index.js';

/** A logger that keeps what it was told, so tests can assert on warnings and errors. */
export function memoryLogger() {
  const lines: { level: string; msg: string; obj: object }[] = [];
  const at =
    (level: string) =>
    (obj: object, msg: string): void => {
      lines.push({ level, msg, obj });
    };
  const logger: AriLogger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

/** Collects a port's events and waits for the ones a test expects. */
export class EventLog {
  readonly events: AriEvent[] = [];

  constructor(port: AriPort) {
    port.onEvent((e) => {
      this.events.push(e);
    });
  }

  async waitFor<T extends AriEvent>(
    match: (e: AriEvent) => e is T,
    timeoutMs?: number,
    from?: number,
  ): Promise<T>;
  async waitFor(
    match: (e: AriEvent) => boolean,
    timeoutMs?: number,
    from?: number,
  ): Promise<AriEvent>;
  async waitFor(match: (e: AriEvent) => boolean, timeoutMs = 5000, from = 0): Promise<AriEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.events.slice(from).find(match);
      if (hit) return hit;
      if (Date.now() > deadline) {
        throw new Error(`event not seen; got ${this.events.map((e) => e.type).join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  types(from = 0): string[] {
    return this.events.slice(from).map((e) => e.type);
  }
}

export async function until(
  check: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A simulator and an ARI port connected to it as "contact-center", with the port's events collected. */
export async function simulatorWithPort(options: PbxSimulatorOptions) {
  const sim = await startPbxSimulator(options);
  const port = new AriClientPort({
    url: sim.url,
    username: options.username ?? 'asterisk',
    password: options.password ?? 'asterisk',
    app: 'contact-center',
    logger: memoryLogger().logger,
  });
  const events = new EventLog(port);
  const up = new Promise<void>((resolve) => port.onConnected(() => resolve()));
  port.start();
  await up;
  return {
    sim,
    port,
    events,
    stop: async () => {
      await port.stop();
      await sim.stop();
    },
  };
}

/** An event type guard, optionally narrowed further by a test on the typed event. */
export const is =
  <T extends AriEvent['type']>(type: T, test: (e: AriEventOf<T>) => boolean = () => true) =>
  (e: AriEvent): e is AriEventOf<T> =>
    e.type === type && test(e as AriEventOf<T>);
