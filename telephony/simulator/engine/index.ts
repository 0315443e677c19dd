import type { Clock, Timer } from '../clock.js';
import type { Ctx, EngineConfig, EndpointBehaviour, EventSink } from '../context.js';
import type { Dialplan } from '../dialplan/parse.js';
import type { RecordingStore } from '../media/recording-store.js';
import type { SoundCatalogue } from '../media/sounds.js';
import { PbxState } from '../state.js';
import { dialAppAnswered, dialAppFailed } from './dial-app.js';
import { originateAnswered, originateFailed } from './originate.js';
import { runStep } from './run.js';
import { hangupChannel } from './teardown.js';

export interface EngineParts {
  clock: Clock;
  sink: EventSink;
  config: EngineConfig;
  dialplan: Dialplan;
  sounds: SoundCatalogue;
  store: RecordingStore;
  onError: (err: unknown) => void;
}

/** Builds the engine context and wires the operations that call each other. */
export function createEngine(parts: EngineParts): Ctx {
  const ctx: Ctx = {
    ...parts,
    state: new PbxState(Math.floor(parts.clock.now() / 1000)),
    behaviours: new Map<string, EndpointBehaviour>(),
    timers: new Set<Timer>(),
    hooks: {
      hangup: (ch, how) => hangupChannel(ctx, ch, how),
      runDialplan: (ch) => runStep(ctx, ch),
      dialAnswered: (ch) => {
        if (ch.originate) originateAnswered(ctx, ch);
        else if (ch.dialledBy) dialAppAnswered(ctx, ch);
      },
      dialFailed: (ch, how) => {
        if (ch.originate) originateFailed(ctx, ch, how);
        else if (ch.dialledBy) dialAppFailed(ctx, ch, how);
      },
    },
  };
  return ctx;
}

/**
 * A PBX restart: every call, bridge, playback and live recording is gone without a word (the
 * apps' WebSockets are closed by the caller); stored recordings stay on disk as they would.
 */
export function wipeState(ctx: Ctx): void {
  for (const t of [...ctx.timers]) t.cancel();
  const fresh = new PbxState(Math.floor(ctx.clock.now() / 1000));
  fresh.counters = ctx.state.counters;
  // Dials already placed stay counted across a simulated PBX restart.
  fresh.originated = ctx.state.originated;
  ctx.state = fresh;
}
