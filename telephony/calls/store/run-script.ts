import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Script } from './lua.js';

const shas = new WeakMap<Script, string>();

export function shaOf(script: Script): string {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script.source).digest('hex');
    shas.set(script, sha);
  }
  return sha;
}

/** EVALSHA, falling back to EVAL once when Redis does not have the script cached (NOSCRIPT). */
export async function runScript(
  redis: Redis,
  script: Script,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(shaOf(script), keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
    return redis.eval(script.source, keys.length, ...keys, ...args);
  }
}
