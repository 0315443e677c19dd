/**
 * The ACD's only door to Redis. routing/ holds no client: the server passes an implementation
 * (server/wiring/routing.ts runs scripts with EVALSHA and falls back to EVAL on NOSCRIPT). Every
 * state change and every read of the store is one script, so this is the whole port.
 */
export interface LuaScript {
  /** A stable name, for logs and errors. */
  readonly name: string;
  /** The full Lua source; its first lines name the KEYS and ARGV it takes. */
  readonly source: string;
}

export interface ScriptRunner {
  /** Runs `script` atomically with these KEYS and ARGV and returns Redis's reply. */
  run(
    script: LuaScript,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown>;
}
