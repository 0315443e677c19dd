import { CallError } from './errors.js';
import { Draft } from './draft.js';
import type { CallEventSink } from './ports.js';
import type { InteractionWriter } from './interaction-writer.js';
import type { CallLogger } from './log.js';
import { channelsOf, type CallRecord, type ChannelLink } from './model.js';
import type { CallStore, Versioned } from './store/call-store.js';
import type { TimerWheel } from './timers.js';

const MAX_RETRIES = 8;

/**
 * Carries out a change's ARI effects in order; one marked overlapping lets the next start at
 * once and is awaited at the end (its failure still fails the change).
 */
async function runEffects(d: Draft): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const effect of d.effects) {
    if (d.overlapping.has(effect)) {
      const p = effect();
      // Handled below by Promise.all; this keeps an early rejection from counting as unhandled.
      p.catch(() => undefined);
      pending.push(p);
    } else await effect();
  }
  await Promise.all(pending);
}

/** The effects, started before the commit is answered; awaited (and their failure seen) after it. */
function startEarly(d: Draft): Promise<void> {
  const p = runEffects(d);
  p.catch(() => undefined);
  return p;
}

/** A mutation of a call; returning `false` means "nothing to change" (no write at all). */
export type Mutation = (d: Draft) => void | false;

/**
 * Reads and changes calls. Every change is prepared on a copy (Draft), committed to Redis by
 * compare-and-set, and only then carried out: events, interaction row, timers, then the ARI
 * effects in order. Records are cached here to save a round trip per event; the cache is only a
 * copy (a lost race re-reads Redis), so a second node or a restart sees the same calls.
 */
export class Calls {
  private readonly cache = new Map<string, Versioned>();
  private readonly links = new Map<string, ChannelLink>();

  constructor(
    readonly store: CallStore,
    private readonly timers: TimerWheel,
    private readonly writer: InteractionWriter,
    private readonly events: CallEventSink,
    private readonly logger: CallLogger,
  ) {}

  async get(callId: string): Promise<CallRecord | null> {
    const cached = this.cache.get(callId);
    if (cached) return cached.rec;
    const fresh = await this.store.read(callId);
    if (fresh && fresh.rec.state !== 'ended') this.cache.set(callId, fresh);
    return fresh?.rec ?? null;
  }

  async link(channelId: string): Promise<ChannelLink | null> {
    const cached = this.links.get(channelId);
    if (cached) return cached;
    const link = await this.store.link(channelId);
    if (link) this.links.set(channelId, link);
    return link;
  }

  /** Creates a call; answers null when it already exists (a second StasisStart, a replay). */
  async create(rec: CallRecord, mutate: Mutation = () => undefined): Promise<CallRecord | null> {
    const d = new Draft(structuredClone(rec));
    if (mutate(d) === false) return null;
    const json = JSON.stringify(d.rec);
    // A call this process already holds is a replayed StasisStart: its prompts are not redone.
    const early = d.eager && !this.cache.has(rec.id) ? startEarly(d) : null;
    const v = await this.store.commit(0, d.rec, d.ix, json);
    if (v === null) {
      await early;
      return null;
    }
    await this.after(d, v, json, early);
    return d.rec;
  }

  /**
   * Applies `mutate` to the call and stores it atomically; answers the new record, or null when
   * there is no such call or the mutation declined. An illegal transition is thrown
   * (`illegal_transition`) after nothing was written.
   */
  async update(callId: string, mutate: Mutation): Promise<CallRecord | null> {
    let current: Versioned | null = this.cache.get(callId) ?? (await this.store.read(callId));
    for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
      if (!current) return null;
      // A private copy: the cached record is never changed in place.
      const copy = current.json
        ? (JSON.parse(current.json) as CallRecord)
        : structuredClone(current.rec);
      const d = new Draft(copy);
      if (mutate(d) === false) return null;
      if (d.rec.state === 'ended' && current.rec.state !== 'ended') {
        d.ix.expire.push(...channelsOf(d.rec));
      }
      const json = JSON.stringify(d.rec);
      // Only the first attempt goes early: a retry (another writer got there first, which the
      // lease makes rare) waits for its commit as every other change does.
      const early = d.eager && attempt === 0 ? startEarly(d) : null;
      const v = await this.store.commit(current.v, d.rec, d.ix, json);
      if (v !== null) {
        await this.after(d, v, json, early);
        return d.rec;
      }
      await early;
      this.cache.delete(callId);
      current = await this.store.read(callId);
    }
    throw new CallError('conflict', `call ${callId} kept changing under this update`);
  }

  private async after(
    d: Draft,
    v: number,
    json: string,
    early: Promise<void> | null,
  ): Promise<void> {
    const rec = d.rec;
    for (const [channelId, link] of d.ix.link) this.links.set(channelId, link);
    for (const channelId of d.ix.unlink) this.links.delete(channelId);
    if (rec.state === 'ended') {
      this.cache.delete(rec.id);
      for (const channelId of channelsOf(rec)) this.links.delete(channelId);
    } else this.cache.set(rec.id, { rec, v, json });
    for (const id of d.timersCancelled) this.timers.cancel(rec.id, id);
    for (const [id, deadline] of d.timersSet) this.timers.arm(rec.id, id, deadline);
    if (d.patch) this.writer.write(rec.id, d.patch);
    for (const event of d.events) {
      try {
        this.events.emit(event);
      } catch (err) {
        this.logger.error({ err, callId: rec.id, event: event.type }, 'call event sink failed');
      }
    }
    await (early ?? runEffects(d));
  }

  /** Forgets cached copies (the lease moved: another node may have changed the calls). */
  forget(): void {
    this.cache.clear();
    this.links.clear();
  }
}
