import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Lifecycle } from './lifecycle.js';
import { startEmbeddedRedis } from './embedded-redis.js';

/**
 * Redis connections are never shared between roles: commands, pub/sub subscribers and BullMQ's
 * blocking workers each get their own connection from `connect()`.
 */
export interface RedisConnections {
  readonly url: string;
  readonly embedded: boolean;
  /** The shared command connection for short, non-blocking commands. */
  readonly commands: Redis;
  /** A new connection for a role that must not share (subscriber, blocking worker). */
  connect(role: string, options?: RedisOptions): Redis;
}

export async function openRedis(
  config: Config,
  logger: Logger,
  life: Lifecycle,
): Promise<RedisConnections> {
  let url = config.REDIS_URL;
  let embedded = false;
  if (!url) {
    const dir = join(config.DATA_DIR, 'redis');
    const r = await startEmbeddedRedis(dir);
    life.onStop('embedded-redis', () => r.stop());
    url = r.url;
    embedded = true;
    logger.info({ dataDir: dir }, 'REDIS_URL not set: started a redis-server child process');
  }
  const opened: Redis[] = [];
  const connect = (role: string, options: RedisOptions = {}): Redis => {
    const conn = new Redis(url, { connectionName: `cc-${role}`, lazyConnect: false, ...options });
    conn.on('error', (err: Error) =>
      logger.warn({ err: err.message, role }, 'redis connection error'),
    );
    opened.push(conn);
    return conn;
  };
  const commands = connect('commands');
  // Registered before the embedded server's stop so that connections close first.
  life.onStop('redis-connections', async () => {
    await Promise.all(opened.map((c) => c.quit().catch(() => c.disconnect())));
  });
  return { url, embedded, commands, connect };
}
