import type { Redis } from 'ioredis';
import type { CallKeys } from '../keys.js';
import type { CallRecord, ChannelLink } from '../model.js';
import { COMMIT_CALL } from './lua.js';
import { runScript, shaOf } from './run-script.js';

interface PendingCommit {
  args: (string | number)[];
  resolve: (reply: unknown) => void;
  reject: (err: unknown) => void;
}

export interface Versioned {
  rec: CallRecord;
  /** The version in Redis; every commit adds one. */
  v: number;
  /** The record as stored (JSON), when known: a cheap source of private copies. */
  json?: string;
}

/** Index changes written in the same atomic step as a record. */
export interface IndexChanges {
  link: [channelId: string, link: ChannelLink][];
  unlink: string[];
  agent: [agentId: string, callId: string][];
  /** Removed only while they still point at this call. */
  unagent: string[];
  /** Channel links kept only for the ended call's remaining time in Redis. */
  expire: string[];
}

export function noIndexChanges(): IndexChanges {
  return { link: [], unlink: [], agent: [], unagent: [], expire: [] };
}

function isEmpty(ix: IndexChanges): boolean {
  return (
    !ix.link.length &&
    !ix.unlink.length &&
    !ix.agent.length &&
    !ix.unagent.length &&
    !ix.expire.length
  );
}

function parse(v: string | null, data: string | null): Versioned | null {
  if (v === null || data === null) return null;
  return { v: Number(v), rec: JSON.parse(data) as CallRecord, json: data };
}

/**
 * Calls in Redis: one hash per call, written only by compare-and-set on its version (COMMIT_CALL),
 * so that two writers (a restarted node and an old one, or two events) never lose an update.
 */
export class CallStore {
  /** Commits asked for during this turn of the event loop, sent together (see commit). */
  private batch: PendingCommit[] = [];

  constructor(
    private readonly redis: Redis,
    readonly keys: CallKeys,
    /** How long an ended call stays readable (reports, late events). */
    private readonly endedTtlMs: number,
  ) {}

  async read(callId: string): Promise<Versioned | null> {
    const [v, data] = await this.redis.hmget(this.keys.call(callId), 'v', 'data');
    return parse(v ?? null, data ?? null);
  }

  async readMany(callIds: readonly string[]): Promise<Versioned[]> {
    if (callIds.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of callIds) pipe.hmget(this.keys.call(id), 'v', 'data');
    const replies = (await pipe.exec()) ?? [];
    const out: Versioned[] = [];
    for (const [err, reply] of replies) {
      if (err) throw err;
      const [v, data] = reply as (string | null)[];
      const parsed = parse(v ?? null, data ?? null);
      if (parsed) out.push(parsed);
    }
    return out;
  }

  /**
   * Writes `rec` if the stored version is still `expected` (0: the call must not exist).
   * Answers the new version, or null when someone else wrote first.
   */
  async commit(
    expected: number,
    rec: CallRecord,
    ix: IndexChanges,
    json: string = JSON.stringify(rec),
  ): Promise<number | null> {
    const reply = await this.send([
      this.keys.call(rec.id),
      this.keys.prefix,
      String(expected),
      rec.state,
      json,
      isEmpty(ix)
        ? '{}'
        : JSON.stringify({
            link: ix.link.map(([c, l]) => [c, JSON.stringify(l)]),
            unlink: ix.unlink,
            agent: ix.agent,
            unagent: ix.unagent,
            expire: ix.expire,
          }),
      rec.id,
      this.endedTtlMs,
    ]);
    const v = Number(reply);
    return v < 0 ? null : v;
  }

  /**
   * Runs COMMIT_CALL (args: its one key, then ARGV). The commits of all calls that change in
   * the same turn of the event loop go to Redis as one pipeline: one socket write instead of
   * one each, which was most of what a commit cost this process. Each stays its own atomic
   * script; a call's commits never share a batch (a call awaits its commit before the next).
   */
  private send(args: (string | number)[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.batch.length === 0) setImmediate(() => this.flush());
      this.batch.push({ args, resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = [];
    const one = (c: PendingCommit) =>
      runScript(this.redis, COMMIT_CALL, [String(c.args[0])], c.args.slice(1)).then(
        c.resolve,
        c.reject,
      );
    if (batch.length === 1) {
      void one(batch[0]!);
      return;
    }
    const pipe = this.redis.pipeline();
    const sha = shaOf(COMMIT_CALL);
    for (const c of batch) pipe.evalsha(sha, 1, ...c.args);
    pipe.exec().then(
      (replies) => {
        batch.forEach((c, i) => {
          const [err, reply] = replies?.[i] ?? [new Error('no reply from Redis'), null];
          // Redis without the script cached (restarted, flushed): that one goes alone, which
          // loads it.
          if (err instanceof Error && err.message.includes('NOSCRIPT')) void one(c);
          else if (err) c.reject(err);
          else c.resolve(reply);
        });
      },
      (err: unknown) => {
        for (const c of batch) c.reject(err);
      },
    );
  }

  async link(channelId: string): Promise<ChannelLink | null> {
    const raw = await this.redis.get(this.keys.channel(channelId));
    return raw ? (JSON.parse(raw) as ChannelLink) : null;
  }

  async agentCall(agentId: string): Promise<string | null> {
    return this.redis.get(this.keys.agent(agentId));
  }

  async liveIds(): Promise<string[]> {
    return this.redis.smembers(this.keys.live);
  }
}
