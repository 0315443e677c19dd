/**
 * The server of the browser tests: the gateway, the console routes and the built console, with
 * the fake contact center standing in for the ACD, telephony and CRM.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestRedis, type TestRedis } from '../../../support/redis.js';
import { FakeCenter } from '../../../integration/gateway/support/fake-center.js';
import { startGatewayNode, type GatewayNode } from '../../../integration/gateway/support/node.js';
import { CRM_DATA } from './data.js';
import { fakeCrm, type FakeCrm } from './fake-crm.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const UI = join(ROOT, 'agent-ui');
const DIST = join(UI, 'dist');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

/** Builds the console when its sources are newer than the last build. */
export function ensureConsoleBuilt(): void {
  const built = join(DIST, 'index.html');
  const sources = Math.max(
    newestMtime(join(UI, 'src')),
    newestMtime(join(UI, 'index.html')),
    newestMtime(join(UI, 'vite.config.ts')),
    newestMtime(join(ROOT, 'server', 'contracts')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'agent-ui/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
}

export interface ConsoleTestServer {
  url: string;
  center: FakeCenter;
  crm: FakeCrm;
  node: GatewayNode;
  /** Closes every console's transport the way a network failure does (they reconnect). */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startConsoleTestServer(label: string): Promise<ConsoleTestServer> {
  ensureConsoleBuilt();
  const redis: TestRedis = createTestRedis(label);
  const center = new FakeCenter(redis.redis, redis.prefix);
  const crm = fakeCrm(center, CRM_DATA);
  const node = await startGatewayNode({
    ports: center,
    channelPrefix: redis.prefix,
    extraRouters: [crm.router],
    staticDir: DIST,
  });
  center.publishWith(node.gateway.publisher);
  crm.onLogout = (userId) => node.gateway.publisher.disconnectUser(userId, 'logged_out');
  return {
    url: node.url,
    center,
    crm,
    node,
    dropConnections() {
      for (const socket of node.gateway.io.of('/').sockets.values()) socket.conn.close();
    },
    async close() {
      await node.close();
      await redis.drop();
    },
  };
}
