/** A fake contact center in Redis and N gateway nodes sharing it, for one test file. */
import type { ConsoleSnapshot, SessionUser } from '../../../../server/contracts/index.js';
import { createTestRedis, type TestRedis } from '../../../support/redis.js';
import { connectWithSnapshot, type ClientOptions, type ConsoleClient } from './client.js';
import { FakeCenter } from './fake-center.js';
import { startGatewayNode, type GatewayNode, type NodeOptions } from './node.js';

export interface TestCluster {
  center: FakeCenter;
  nodes: GatewayNode[];
  redis: TestRedis;
  /** Logs the user in and connects a console to node `node`; closed by `disconnectClients`. */
  connectAs(
    user: SessionUser,
    node?: number,
    opts?: ClientOptions,
  ): Promise<{ socket: ConsoleClient; snapshot: ConsoleSnapshot; token: string }>;
  disconnectClients(): void;
  close(): Promise<void>;
}

export async function startCluster(
  label: string,
  nodeCount: number,
  opts: Partial<Omit<NodeOptions, 'ports' | 'channelPrefix'>> = {},
): Promise<TestCluster> {
  const redis = createTestRedis(label);
  const center = new FakeCenter(redis.redis, redis.prefix);
  const nodes: GatewayNode[] = [];
  for (let i = 0; i < nodeCount; i++) {
    nodes.push(await startGatewayNode({ ...opts, ports: center, channelPrefix: redis.prefix }));
  }
  // The drivers publish through the first node; sockets may sit on any node.
  center.publishWith(nodes[0]!.gateway.publisher);
  const clients: ConsoleClient[] = [];
  const disconnectClients = () => {
    for (const c of clients.splice(0)) c.disconnect();
  };
  return {
    center,
    nodes,
    redis,
    async connectAs(user, node = 0, clientOpts = {}) {
      const token = await center.login(user);
      const { socket, snapshot } = await connectWithSnapshot(nodes[node]!.url, {
        token,
        ...clientOpts,
      });
      clients.push(socket);
      return { socket, snapshot, token };
    },
    disconnectClients,
    async close() {
      disconnectClients();
      for (const n of nodes) await n.close();
      await redis.drop();
    },
  };
}
