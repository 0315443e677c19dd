import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  AcdStore,
  type AcdStoreOptions,
  type LuaScript,
  type RoutingEvent,
  type ScriptRunner,
} from '../../routing/index.js';

/**
 * routing/'s ScriptRunner over ioredis: EVALSHA with the script's SHA1, and EVAL once when Redis
 * answers NOSCRIPT (first use, or after a restart or SCRIPT FLUSH) — EVAL also caches it again.
 */
export class IoredisScriptRunner implements ScriptRunner {
  private readonly shas = new WeakMap<LuaScript, string>();

  constructor(private readonly redis: Redis) {}

  private sha(script: LuaScript): string {
    let sha = this.shas.get(script);
    if (!sha) {
      sha = createHash('sha1').update(script.source).digest('hex');
      this.shas.set(script, sha);
    }
    return sha;
  }

  async run(
    script: LuaScript,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    try {
      return await this.redis.evalsha(this.sha(script), keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return this.redis.eval(script.source, keys.length, ...keys, ...args);
    }
  }
}

/** The ACD store on a command connection (short commands only; no blocking calls share it). */
export function createAcdStore(redis: Redis, options: AcdStoreOptions): AcdStore {
  return new AcdStore(new IoredisScriptRunner(redis), options);
}

export interface AcdTicker {
  stop(): Promise<void>;
}

/**
 * Runs the ACD's timers (ring timeouts, wrap-up ends, reviews, overflow) every `intervalMs` on this
 * node. Every node may run one: the store's timer sets and compare-and-set scripts make a timer
 * fired on two nodes act once. Ticks never overlap on one node.
 */
export function startAcdTicker(
  acd: AcdStore,
  opts: {
    intervalMs?: number;
    onEvents: (events: RoutingEvent[]) => void;
    onError: (err: unknown) => void;
  },
): AcdTicker {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = acd
      .tick()
      .then((r) => {
        if (r.events.length) opts.onEvents(r.events);
        if (r.failures.length)
          opts.onError(new Error(`ACD tick: ${r.failures.length} item(s) failed`));
      })
      .catch(opts.onError)
      .finally(() => {
        running = null;
      });
  }, opts.intervalMs ?? 250);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
