import type { CallEvent } from './events.js';
import type { CallRecord, CallState, ChannelLink } from './model.js';
import type { InteractionPatch } from './ports.js';
import { noIndexChanges, type IndexChanges } from './store/call-store.js';
import { checkMove } from './transitions.js';

export type Effect = () => Promise<unknown>;

/**
 * One change to one call, prepared in memory and then committed to Redis in one atomic step.
 * The record is a private copy; nothing here touches the PBX or other modules. What must
 * happen once the change is stored (ARI requests, events, the interaction row, timers) is
 * collected and carried out by `Calls.update` after the commit, so a change that loses a race
 * is simply prepared again from the fresh record.
 */
export class Draft {
  readonly ix: IndexChanges = noIndexChanges();
  readonly effects: Effect[] = [];
  readonly events: CallEvent[] = [];
  readonly timersSet = new Map<string, number>();
  readonly timersCancelled = new Set<string>();
  patch: InteractionPatch | null = null;
  /**
   * The effects may start while the change is being stored instead of after it: set only for
   * changes whose effects are prompts (play, stop), which a restarted node can redo or replay
   * from whatever record it finds (see Calls.update). Saves the commit's round trip on the way
   * from an event to the caller's next prompt.
   */
  eager = false;
  /** Effects the next effect need not wait for (a stop before the next play: ARI queues them). */
  readonly overlapping = new Set<Effect>();

  constructor(readonly rec: CallRecord) {}

  get id(): string {
    return this.rec.id;
  }

  /** Moves the call to `to`, refusing a move the transition table does not allow. */
  move(to: CallState): void {
    checkMove(this.rec.id, this.rec.state, to);
    this.rec.state = to;
  }

  /** A fresh id unique within this call, for playbacks and legs. */
  nextId(kind: string): string {
    this.rec.seq += 1;
    return `${kind}-${this.rec.seq}-${this.rec.id}`;
  }

  effect(fn: Effect, opts: { overlap?: boolean } = {}): void {
    this.effects.push(fn);
    if (opts.overlap) this.overlapping.add(fn);
  }

  emit(event: CallEvent): void {
    this.events.push(event);
  }

  link(channelId: string, link: Omit<ChannelLink, 'callId'>): void {
    this.ix.link.push([channelId, { callId: this.rec.id, ...link }]);
  }

  unlink(channelId: string): void {
    this.ix.unlink.push(channelId);
  }

  indexAgent(agentId: string): void {
    this.ix.agent.push([agentId, this.rec.id]);
  }

  unindexAgent(agentId: string): void {
    this.ix.unagent.push(agentId);
  }

  setTimer(timerId: string, deadline: number): void {
    this.rec.timers[timerId] = deadline;
    this.timersSet.set(timerId, deadline);
    this.timersCancelled.delete(timerId);
  }

  cancelTimer(timerId: string): void {
    if (!(timerId in this.rec.timers)) return;
    delete this.rec.timers[timerId];
    this.timersSet.delete(timerId);
    this.timersCancelled.add(timerId);
  }

  /** Fields for the call's interaction row; merged with what this change already set. */
  interaction(patch: InteractionPatch): void {
    this.patch = { ...this.patch, ...patch };
  }
}
