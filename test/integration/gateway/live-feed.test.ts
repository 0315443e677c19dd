/**
 * The console's live feed on the real ACD store (Redis) and a gateway node: queue statistics and
 * agent states reach a supervisor's socket when they change and only then, only the leader
 * publishes, and chart samples are kept in Redis for an hour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';
import { QueueHistory, startLiveFeed, type LiveFeed } from '../../../server/wiring/console-live.js';
import { createAcdStore } from '../../../server/wiring/routing.js';
import type { AcdStore } from '../../../routing/index.js';
import { createTestRedis, type TestRedis } from '../../support/redis.js';
import { connectWithSnapshot, recordEvents, type ConsoleClient } from './support/client.js';
import { FakeCenter } from './support/fake-center.js';
import { supervisorUser } from './support/fixtures.js';
import { startGatewayNode, type GatewayNode } from './support/node.js';

let redis: TestRedis;
let acd: AcdStore;
let node: GatewayNode;
let feed: LiveFeed;
let history: QueueHistory;
let socket: ConsoleClient;
let leader = true;

beforeAll(async () => {
  redis = createTestRedis('gw_live_feed');
  acd = createAcdStore(redis.redis, { prefix: `${redis.prefix}acd:` });
  await acd.upsertQueue({ id: 'billing', name: '账单' });
  // Sessions only: the feed under test reads the ACD itself.
  const center = new FakeCenter(redis.redis, redis.prefix);
  node = await startGatewayNode({ ports: center, channelPrefix: redis.prefix });
  center.publishWith(node.gateway.publisher);
  history = new QueueHistory(redis.redis, `${redis.prefix}history`);
  feed = startLiveFeed({
    acd,
    calls: { liveCall: () => Promise.resolve(null) },
    publisher: node.gateway.publisher,
    history,
    queueNames: (id): Record<string, string> =>
      id === 'billing' ? { 'zh-CN': '账单服务', en: 'Billing' } : {},
    isLeader: () => leader,
    logger: createLogger('silent'),
    // Rounds are run by the test.
    intervalMs: 3_600_000,
    sampleMs: 0,
  });
  const token = await center.login(supervisorUser('sup-1'));
  ({ socket } = await connectWithSnapshot(node.url, { token }));
});

afterAll(async () => {
  socket?.disconnect();
  await feed?.stop();
  await node?.close();
  await redis?.drop();
});

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('console live feed', () => {
  it('publishes queue statistics and agent states that changed, once', async () => {
    const seen = recordEvents(socket);
    await acd.loginAgent({ id: 'a1', name: 'Agent 1', queues: [{ queueId: 'billing' }] });
    await feed.poll();
    await settle();
    expect(seen.filter((e) => e.event === 'queue:stats')).toMatchObject([
      {
        arg: {
          queueId: 'billing',
          name: '账单',
          names: { 'zh-CN': '账单服务', en: 'Billing' },
          waiting: 0,
          agents: { available: 1 },
        },
      },
    ]);
    expect(seen.filter((e) => e.event === 'agent:state')).toMatchObject([
      { arg: { agentId: 'a1', state: 'available', queueIds: ['billing'] } },
    ]);

    seen.length = 0;
    await feed.poll();
    await settle();
    expect(seen).toEqual([]);

    await acd.pauseAgent('a1', 'lunch');
    await acd.enqueue({ id: 'c1', queueId: 'billing' });
    await feed.poll();
    await settle();
    expect(seen.filter((e) => e.event === 'queue:stats')).toMatchObject([
      { arg: { waiting: 1, agents: { available: 0, paused: 1 } } },
    ]);
    expect(seen.filter((e) => e.event === 'agent:state')).toMatchObject([
      { arg: { agentId: 'a1', state: 'paused', pauseReason: 'lunch' } },
    ]);
  });

  it('stays quiet on a node that does not lead', async () => {
    const seen = recordEvents(socket);
    leader = false;
    await acd.setAgentAvailable('a1');
    await feed.poll();
    await settle();
    expect(seen).toEqual([]);
    leader = true;
  });

  it('runs a round at once when nudged', async () => {
    const seen = recordEvents(socket);
    await acd.pauseAgent('a1', 'meeting');
    feed.nudge();
    feed.nudge();
    await settle();
    expect(seen.filter((e) => e.event === 'agent:state')).toMatchObject([
      { arg: { agentId: 'a1', state: 'paused', pauseReason: 'meeting' } },
    ]);
  });

  it('keeps chart samples of the last hour in Redis', async () => {
    const samples = await history.since(new Date(Date.now() - 60_000));
    expect(samples.map((s) => s.queueId)).toContain('billing');
    expect(samples.some((s) => s.waiting === 1)).toBe(true);
    const now = Date.now();
    await history.add(samples.slice(0, 1), now + 2 * 3_600_000);
    expect(await history.since(new Date(0))).toHaveLength(1);
  });
});
