import type { AcdSnapshot } from '../../routing/index.js';
import type { BusyAgent } from '../../outbound/index.js';
import type { CampaignFloor, CampaignFloorSource } from '../api/index.js';
import type { DialerKeys } from './keys.js';
import type { DialerRedis } from './ports.js';

/** The agents of a campaign's queue as the pacing counts them. */
export interface QueueAgents {
  /** Ready with no call and no offer. */
  idle: string[];
  /** Reserved for a call, talking or in wrap-up (and free again after it). */
  busy: (BusyAgent & { id: string })[];
  /** Everyone logged in and not paused. */
  onDuty: string[];
}

/** From the ACD's snapshot: members of the queue, by state (paused and logged-out left out). */
export function queueAgents(snap: AcdSnapshot, queueId: string): QueueAgents {
  const members = new Set(snap.queues.find((q) => q.id === queueId)?.members ?? []);
  const out: QueueAgents = { idle: [], busy: [], onDuty: [] };
  for (const a of snap.agents) {
    if (!members.has(a.id) && !a.queues.includes(queueId)) continue;
    const elapsedMs = Math.max(0, snap.at - a.since);
    if (a.afterCall && a.state !== 'available') {
      // Paused or logged out once this call is over: on duty now, never free for the next one.
      out.onDuty.push(a.id);
      continue;
    }
    switch (a.state) {
      case 'available':
        out.onDuty.push(a.id);
        if (a.free) out.idle.push(a.id);
        else out.busy.push({ id: a.id, phase: 'talking', elapsedMs: 0 });
        break;
      case 'reserved':
        out.onDuty.push(a.id);
        out.busy.push({ id: a.id, phase: 'talking', elapsedMs: 0 });
        break;
      case 'on_call':
        out.onDuty.push(a.id);
        out.busy.push({ id: a.id, phase: 'talking', elapsedMs });
        break;
      case 'wrap_up':
        out.onDuty.push(a.id);
        out.busy.push({ id: a.id, phase: 'wrap_up', elapsedMs });
        break;
      default:
        break;
    }
  }
  return out;
}

/** Longest gap between ticks counted as time on duty (a stalled dialer counts nothing more). */
const MAX_TICK_GAP_MS = 5_000;
const FLOOR_TTL_MS = 24 * 3600_000;

/**
 * The floor as the last pacing tick saw it, kept in Redis so that any node's statistics endpoint
 * reads it. Time on duty is added up per agent, tick by tick, since the campaign started.
 */
export class FloorStore implements CampaignFloorSource {
  constructor(
    private readonly redis: DialerRedis,
    private readonly keys: DialerKeys,
  ) {}

  async floor(campaignId: number): Promise<CampaignFloor | null> {
    const raw = await this.redis.get(this.keys.floor(campaignId));
    return raw ? (JSON.parse(raw) as CampaignFloor) : null;
  }

  /** Adds the time since the last tick to every agent on duty; answers the totals. */
  async countOnDuty(
    campaignId: number,
    onDuty: readonly string[],
    nowMs: number,
  ): Promise<Map<string, number>> {
    const key = this.keys.onDuty(campaignId);
    // One read: the ticks of a campaign do not overlap (its lock), so HINCRBY's answers are
    // the new totals of the agents on duty and the others keep what was read.
    const { __at: last, ...seen } = await this.redis.hgetall(key);
    const totals = new Map(Object.entries(seen).map(([id, ms]) => [id, Number(ms)]));
    const gap = Math.min(MAX_TICK_GAP_MS, Math.max(0, nowMs - Number(last ?? nowMs)));
    await this.redis.hset(key, '__at', String(nowMs));
    if (gap > 0) for (const id of onDuty) totals.set(id, await this.redis.hincrby(key, id, gap));
    await this.redis.pexpire(key, FLOOR_TTL_MS);
    return totals;
  }

  async save(campaignId: number, floor: CampaignFloor): Promise<void> {
    await this.redis.set(this.keys.floor(campaignId), JSON.stringify(floor), 'PX', FLOOR_TTL_MS);
  }
}
