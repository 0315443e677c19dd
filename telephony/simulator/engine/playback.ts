import { randomUUID } from 'node:crypto';
import { later, type Ctx } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { bridgeApps, now, publish } from '../events.js';
import { playbackJson } from '../snapshots.js';
import type { MediaTarget, SimChannel, SimPlayback } from '../state.js';
import { targetUri } from '../state.js';
import { logMedia } from './media-log.js';

/**
 * Playbacks. One target (channel or bridge) plays one playback at a time; later ones wait in
 * "queued". A media list plays item by item (PlaybackContinuing between items); an item that
 * cannot be played ends the playback with state "failed" right after PlaybackStarted.
 */
export function queuePlayback(
  ctx: Ctx,
  target: MediaTarget,
  media: string[],
  opts: { playbackId?: string; language: string },
): SimPlayback {
  const id = opts.playbackId ?? randomUUID();
  if (ctx.state.playbacks.has(id)) throw conflict('A playback with this ID already exists');
  const p: SimPlayback = {
    id,
    media,
    index: 0,
    target,
    language: opts.language,
    state: 'queued',
    remainingMs: 0,
    itemStartedAt: 0,
    logEntries: [],
  };
  ctx.state.playbacks.set(id, p);
  const key = targetUri(target);
  const queue = ctx.state.mediaQueues.get(key) ?? [];
  queue.push(id);
  ctx.state.mediaQueues.set(key, queue);
  // Asterisk answers the request first and starts the playback on the channel's own thread.
  if (queue.length === 1) later(ctx, 0, () => startHead(ctx, key));
  return p;
}

function subscribers(ctx: Ctx, target: MediaTarget): string[] {
  if (target.kind === 'channel') return [...(ctx.state.channels.get(target.id)?.subscribers ?? [])];
  const b = ctx.state.bridges.get(target.id);
  return b ? bridgeApps(b) : [];
}

function listeners(ctx: Ctx, target: MediaTarget): SimChannel[] {
  if (target.kind === 'channel') {
    const ch = ctx.state.channels.get(target.id);
    return ch ? [ch] : [];
  }
  const b = ctx.state.bridges.get(target.id);
  return (b?.channels ?? [])
    .map((id) => ctx.state.channels.get(id))
    .filter((c): c is SimChannel => !!c);
}

function emit(ctx: Ctx, p: SimPlayback, type: string, state: string): void {
  publish(ctx, subscribers(ctx, p.target), {
    type,
    timestamp: now(ctx),
    playback: playbackJson(p, state),
  });
}

function startHead(ctx: Ctx, key: string): void {
  const id = ctx.state.mediaQueues.get(key)?.[0];
  const p = id ? ctx.state.playbacks.get(id) : undefined;
  if (!p || p.state !== 'queued') return;
  p.state = 'playing';
  emit(ctx, p, 'PlaybackStarted', 'playing');
  playItem(ctx, p);
}

function playItem(ctx: Ctx, p: SimPlayback): void {
  const uri = p.media[p.index]!;
  const at = ctx.clock.now();
  p.logEntries = listeners(ctx, p.target).map((ch) => logMedia(ch, uri, p.id, at));
  const duration = ctx.sounds.durationOf(uri, p.language);
  if (duration === undefined) {
    for (const e of p.logEntries) e.outcome = 'failed';
    finish(ctx, p, 'failed');
    return;
  }
  p.itemStartedAt = at;
  p.remainingMs = duration;
  schedule(ctx, p);
}

function schedule(ctx: Ctx, p: SimPlayback): void {
  if (!Number.isFinite(p.remainingMs)) return; // a tone plays until stopped
  p.timer = later(ctx, p.remainingMs, () => itemDone(ctx, p));
}

function itemDone(ctx: Ctx, p: SimPlayback): void {
  for (const e of p.logEntries) e.outcome = 'done';
  if (p.index + 1 < p.media.length) {
    p.index++;
    emit(ctx, p, 'PlaybackContinuing', 'continuing');
    playItem(ctx, p);
  } else finish(ctx, p, 'done');
}

function finish(ctx: Ctx, p: SimPlayback, state: 'done' | 'failed', startNext = true): void {
  p.timer?.cancel();
  p.state = state;
  emit(ctx, p, 'PlaybackFinished', state);
  ctx.state.playbacks.delete(p.id);
  const key = targetUri(p.target);
  const queue = (ctx.state.mediaQueues.get(key) ?? []).filter((id) => id !== p.id);
  if (queue.length > 0) {
    ctx.state.mediaQueues.set(key, queue);
    if (startNext) later(ctx, 0, () => startHead(ctx, key));
  } else ctx.state.mediaQueues.delete(key);
}

export function getPlayback(ctx: Ctx, id: string): SimPlayback {
  const p = ctx.state.playbacks.get(id);
  if (!p) throw notFound('Playback');
  return p;
}

/** DELETE /playbacks/{id}: a playing item ends with PlaybackFinished "done"; a queued one vanishes. */
export function stopPlayback(ctx: Ctx, p: SimPlayback): void {
  if (p.state === 'queued') {
    ctx.state.playbacks.delete(p.id);
    const key = targetUri(p.target);
    ctx.state.mediaQueues.set(
      key,
      (ctx.state.mediaQueues.get(key) ?? []).filter((id) => id !== p.id),
    );
    return;
  }
  for (const e of p.logEntries) e.outcome = 'stopped';
  finish(ctx, p, 'done');
}

/** POST /playbacks/{id}/control. */
export function controlPlayback(ctx: Ctx, p: SimPlayback, operation: string, skipMs = 3000): void {
  const elapsed = () => ctx.clock.now() - p.itemStartedAt;
  switch (operation) {
    case 'pause':
      if (p.state !== 'playing') throw conflict('Playback not in a state to be paused');
      p.timer?.cancel();
      p.remainingMs -= elapsed();
      p.state = 'paused';
      return;
    case 'unpause':
      if (p.state !== 'paused') throw conflict('Playback not paused');
      p.state = 'playing';
      p.itemStartedAt = ctx.clock.now();
      schedule(ctx, p);
      return;
    case 'restart':
    case 'reverse':
    case 'forward': {
      if (p.state !== 'playing' && p.state !== 'paused') throw conflict('Playback not playing');
      const full = ctx.sounds.durationOf(p.media[p.index]!, p.language) ?? 0;
      const played = full - (p.state === 'playing' ? p.remainingMs - elapsed() : p.remainingMs);
      const position =
        operation === 'restart'
          ? 0
          : operation === 'reverse'
            ? Math.max(0, played - skipMs)
            : played + skipMs;
      p.timer?.cancel();
      p.remainingMs = Math.max(0, full - position);
      p.itemStartedAt = ctx.clock.now();
      if (p.state === 'playing') schedule(ctx, p);
      return;
    }
    default:
      throw conflict(`Unknown playback operation ${operation}`);
  }
}

/**
 * The target is going away: the playing item is cut off. Asterisk reports "failed" when the
 * channel hangs up under a playback (the trace shows it), "done" when a bridge is destroyed.
 */
export function stopMediaOn(ctx: Ctx, target: MediaTarget, state: 'done' | 'failed'): void {
  const key = targetUri(target);
  const ids = ctx.state.mediaQueues.get(key) ?? [];
  const [head, ...rest] = ids;
  for (const id of rest) ctx.state.playbacks.delete(id);
  const p = head ? ctx.state.playbacks.get(head) : undefined;
  ctx.state.mediaQueues.set(key, p ? [p.id] : []);
  if (p && p.state !== 'queued') {
    for (const e of p.logEntries) e.outcome = 'interrupted';
    finish(ctx, p, state, false);
  } else if (p) ctx.state.playbacks.delete(p.id);
  ctx.state.mediaQueues.delete(key);
}
