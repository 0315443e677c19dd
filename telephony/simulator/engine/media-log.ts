import type { MediaLogEntry, SimChannel } from '../state.js';

/** Records what a channel's party heard, for the control API's state and tests' assertions. */
export function logMedia(ch: SimChannel, media: string, source: string, at: number): MediaLogEntry {
  const entry: MediaLogEntry = { media, at, source, outcome: 'playing' };
  ch.mediaLog.push(entry);
  return entry;
}

/** Marks the channel's ongoing media from `source` as ended. */
export function endMediaFrom(
  ch: SimChannel,
  source: string,
  outcome: MediaLogEntry['outcome'],
): void {
  for (const e of ch.mediaLog)
    if (e.source === source && e.outcome === 'playing') e.outcome = outcome;
}
