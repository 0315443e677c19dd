import { Redis, type RedisOptions } from 'ioredis';
import { TEST_REDIS_URL, uniqueName } from './env.js';

/** A Redis connection and a key prefix of this test file's own; `drop()` deletes its keys. */
export interface TestRedis {
  redis: Redis;
  prefix: string;
  /** Another connection (closed by `drop()`), e.g. a BullMQ worker's. */
  connect(options?: RedisOptions): Redis;
  drop(): Promise<void>;
}

export function createTestRedis(label: string, url = TEST_REDIS_URL): TestRedis {
  const prefix = `${uniqueName(label)}:`;
  const extra: Redis[] = [];
  const redis = new Redis(url);
  return {
    redis,
    prefix,
    connect(options = {}) {
      const c = new Redis(url, options);
      extra.push(c);
      return c;
    },
    async drop() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
      await Promise.all([redis, ...extra].map((c) => c.quit()));
    },
  };
}
