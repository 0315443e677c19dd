import type { Redis } from 'ioredis';
import type { AcdStore } from '../../routing/index.js';
import type { QueueStatsView } from '../contracts/index.js';
import type { TelephonyService } from '../../telephony/index.js';
import type { ConsolePublisher } from '../gateway/index.js';
import type { Logger } from '../logger.js';
import { agentViewWithCall, queueView, type AcdAgent } from './console-views.js';
import type { QueueNames } from './queue-names.js';

const HOUR_MS = 3_600_000;

/**
 * Queue statistics samples in a Redis sorted set (score: wall-clock ms), so that every node and a
 * restarted one draw the same wallboard chart. Samples older than an hour are trimmed.
 */
export class QueueHistory {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  async add(views: readonly QueueStatsView[], at = Date.now()): Promise<void> {
    if (!views.length) return;
    const args = views.flatMap((v) => [at, JSON.stringify(v)]);
    await this.redis
      .multi()
      .zadd(this.key, ...args)
      .zremrangebyscore(this.key, '-inf', at - HOUR_MS)
      .exec();
  }

  async since(since: Date): Promise<QueueStatsView[]> {
    const raw = await this.redis.zrangebyscore(this.key, since.getTime(), '+inf');
    return raw.map((r) => JSON.parse(r) as QueueStatsView);
  }
}

export interface LiveFeedDeps {
  acd: AcdStore;
  calls: Pick<TelephonyService, 'liveCall'>;
  publisher: ConsolePublisher;
  history: QueueHistory;
  queueNames: QueueNames;
  /** Only one node publishes: the one driving the PBX (the others' consoles get it via Redis). */
  isLeader(): boolean;
  logger: Logger;
  /** How often the ACD is read (ms); changes reach consoles within this. Default 500. */
  intervalMs?: number;
  /** How often a chart sample is stored (ms). Default 10 s. */
  sampleMs?: number;
}

export interface LiveFeed {
  /** One read-and-publish round (also what the timer runs). */
  poll(): Promise<void>;
  /**
   * Runs a round now rather than at the next tick (a call was offered, answered or ended), so
   * that the agent's state and the wallboard follow the call at once. Rounds never overlap: a
   * nudge during a round runs one more after it.
   */
  nudge(): void;
  stop(): Promise<void>;
}

const queueKey = ({ at: _at, ...rest }: QueueStatsView) => JSON.stringify(rest);
const agentKey = (a: AcdAgent) =>
  JSON.stringify([a.state, a.reason, a.since, a.callId, a.queues, a.afterCall]);

/**
 * Live `queue:stats` and `agent:state` from the ACD, which changes them in Lua scripts and tells
 * no one: the leader node reads the wallboard and the agents every `intervalMs` and publishes what
 * changed (a waiting caller's longest wait changes every second, so a busy queue goes out every
 * second), and stores a chart sample every `sampleMs`. Call events nudge it for a round at once.
 */
export function startLiveFeed(deps: LiveFeedDeps): LiveFeed {
  const sent = new Map<string, string>();
  const sentAgents = new Map<string, string>();
  let lastSample = 0;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function round(): Promise<void> {
    const snap = await deps.acd.snapshot();
    const board = await deps.acd.wallboard(snap.queues.map((q) => q.id));
    const views = board.queues.map((q) => queueView(q, deps.queueNames));
    for (const v of views) {
      const k = queueKey(v);
      if (sent.get(v.queueId) === k) continue;
      sent.set(v.queueId, k);
      deps.publisher.queueStats(v);
    }
    for (const a of snap.agents) {
      const k = agentKey(a);
      if (sentAgents.get(a.id) === k) continue;
      sentAgents.set(a.id, k);
      deps.publisher.agentState(await agentViewWithCall(a, deps.calls));
    }
    const now = Date.now();
    if (now - lastSample >= (deps.sampleMs ?? 10_000)) {
      lastSample = now;
      await deps.history.add(views, now);
    }
  }

  async function poll(): Promise<void> {
    if (stopped) return;
    if (!deps.isLeader()) {
      // Another node publishes; start from scratch if this one takes over.
      sent.clear();
      sentAgents.clear();
      return;
    }
    await round();
  }

  let again = false;
  function runRound(): void {
    if (running) {
      again = true;
      return;
    }
    running = poll()
      .catch((err: unknown) => deps.logger.warn({ err }, 'console live feed round failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          runRound();
        }
      });
  }

  const timer = setInterval(() => {
    if (!running) runRound();
  }, deps.intervalMs ?? 500);

  return {
    poll,
    nudge: runRound,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
