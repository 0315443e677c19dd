import type { StoreContext } from './context.js';
import { list } from './records.js';
import { READ_JOURNAL } from './scripts/index.js';

/** One line of the reservation journal (kept when the store runs with `journal: true`). */
export interface JournalEntry {
  /** Redis stream id: the order in which the scripts ran. */
  id: string;
  /** 'reserve': the agent now holds the call; 'free': the agent no longer holds it. */
  event: 'reserve' | 'free';
  agentId: string;
  callId: string;
  at: number;
}

export interface JournalVerdict {
  reservations: number;
  releases: number;
  /** Each time an agent held two calls, a call was held by two agents, or a release was unmatched. */
  violations: string[];
}

export async function readJournalPage(
  ctx: StoreContext,
  after: string,
  count: number,
): Promise<JournalEntry[]> {
  const rows = list<[string, string, string, string, string]>(
    await ctx.exec<unknown>(READ_JOURNAL, [ctx.keys.journal], [after, count], ctx.now()),
  );
  return rows.map(([id, ev, agentId, callId, at]) => ({
    id,
    event: ev === 'reserve' ? 'reserve' : 'free',
    agentId,
    callId,
    at: Number(at),
  }));
}

/**
 * Replays a journal in order and reports every moment an agent was reserved while holding a call,
 * a call was offered while held by another agent, or an agent released a call it did not hold.
 */
export class JournalAudit {
  private readonly byAgent = new Map<string, string>();
  private readonly byCall = new Map<string, string>();
  readonly verdict: JournalVerdict = { reservations: 0, releases: 0, violations: [] };

  add(e: JournalEntry): void {
    const v = this.verdict;
    if (e.event === 'reserve') {
      v.reservations++;
      const held = this.byAgent.get(e.agentId);
      if (held !== undefined)
        v.violations.push(
          `${e.id}: agent ${e.agentId} reserved for ${e.callId} while holding ${held}`,
        );
      const holder = this.byCall.get(e.callId);
      if (holder !== undefined)
        v.violations.push(
          `${e.id}: call ${e.callId} offered to ${e.agentId} while held by ${holder}`,
        );
      this.byAgent.set(e.agentId, e.callId);
      this.byCall.set(e.callId, e.agentId);
      return;
    }
    v.releases++;
    if (this.byAgent.get(e.agentId) !== e.callId) {
      v.violations.push(`${e.id}: agent ${e.agentId} released ${e.callId} without holding it`);
    }
    this.byAgent.delete(e.agentId);
    this.byCall.delete(e.callId);
  }
}
