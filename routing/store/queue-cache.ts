import { RoutingError } from '../errors.js';
import type { AgentProfile, QueueConfig } from '../core/types.js';
import { parseAgentProfile } from '../core/validate.js';
import type { StoreContext } from './context.js';
import { list } from './records.js';
import { READ_MEMBERS, READ_QUEUE } from './scripts/index.js';

interface Member {
  id: string;
  state: string;
  profile: AgentProfile;
}

/**
 * Queue configs and member lists change rarely and carry a version in Redis; every script that
 * depends on one checks the version it was given, so a node can keep them in memory safely.
 */
export class QueueCache {
  private readonly configs = new Map<string, { ver: string; config: QueueConfig }>();
  private readonly members = new Map<string, { ver: string; members: Member[] }>();

  constructor(private readonly ctx: StoreContext) {}

  /** The config at version `ver` (re-read when the cached one is older or missing). */
  async get(queueId: string, ver?: string): Promise<{ ver: string; config: QueueConfig }> {
    const hit = this.configs.get(queueId);
    if (hit && (ver === undefined || hit.ver === ver)) return hit;
    return this.refresh(queueId);
  }

  async refresh(queueId: string): Promise<{ ver: string; config: QueueConfig }> {
    const now = this.ctx.now();
    const r = await this.ctx.exec<{ missing?: boolean; cfg?: string; cfgver?: string }>(
      READ_QUEUE,
      [this.ctx.keys.queue(queueId)],
      [],
      now,
    );
    if (r.missing || !r.cfg || !r.cfgver) {
      this.configs.delete(queueId);
      throw new RoutingError('unknown_queue', `queue ${queueId} is not configured`, { queueId });
    }
    const entry = { ver: r.cfgver, config: JSON.parse(r.cfg) as QueueConfig };
    this.configs.set(queueId, entry);
    return entry;
  }

  remember(queueId: string, ver: string, config: QueueConfig): void {
    this.configs.set(queueId, { ver, config });
  }

  /** Logged-in members (paused included) at membership version `ver`. */
  async loggedIn(queueId: string, ver: string): Promise<Member[]> {
    const hit = this.members.get(queueId);
    if (hit && hit.ver === ver) return hit.members;
    const r = await this.ctx.exec<{ mver: string; members: unknown }>(
      READ_MEMBERS,
      [this.ctx.keys.members(queueId), this.ctx.keys.queue(queueId)],
      [],
      this.ctx.now(),
    );
    const members = list<{ id: string; state: string; profile: string }>(r.members).map((m) => ({
      id: m.id,
      state: m.state,
      profile: parseAgentProfile(JSON.parse(m.profile)),
    }));
    this.members.set(queueId, { ver: r.mver, members });
    return members;
  }
}
