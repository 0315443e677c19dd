import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * With no REDIS_URL, a `redis-server` from the PATH runs as a child of this process with its
 * files under the data directory. It is stopped on shutdown.
 */
export interface EmbeddedRedis {
  readonly url: string;
  stop(): Promise<void>;
}

export class RedisNotFoundError extends Error {
  constructor() {
    super(
      'REDIS_URL is not set and no redis-server is on the PATH: install Redis ' +
        '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL',
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

async function waitForPing(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const { Socket } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((res) => {
      const sock = new Socket();
      sock.once('error', () => res(false));
      sock.connect(port, '127.0.0.1', () => {
        sock.write('PING\r\n');
        sock.once('data', (d) => {
          sock.destroy();
          res(d.toString().startsWith('+PONG'));
        });
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer within ${timeoutMs} ms`);
}

export async function startEmbeddedRedis(dataDir: string): Promise<EmbeddedRedis> {
  if (spawnSync('redis-server', ['--version']).error) throw new RedisNotFoundError();
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '60 1',
      '--daemonize',
      'no',
      '--logfile',
      'redis.log',
    ],
    { stdio: 'ignore' },
  );
  await waitForPing(port, child, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
      }),
  };
}
