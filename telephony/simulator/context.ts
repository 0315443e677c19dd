import type { Clock, Timer } from './clock.js';
import type { Dialplan } from './dialplan/parse.js';
import type { SoundCatalogue } from './media/sounds.js';
import type { RecordingStore } from './media/recording-store.js';
import type { PbxState, SimChannel } from './state.js';

/** Where events go: the WebSocket layer, which knows which apps are connected. */
export interface EventSink {
  isActive(app: string): boolean;
  deliver(app: string, event: Record<string, unknown>): void;
}

export type AnswerMode = 'answer' | 'no-answer' | 'busy' | 'fail' | 'manual';
export type AmdResult = 'HUMAN' | 'MACHINE' | 'NOTSURE' | 'HANGUP';

/** How a dialled endpoint behaves, scripted by tests through the control API. */
export interface EndpointBehaviour {
  answer: AnswerMode;
  /** Ring time before answering, refusing busy or failing (simulated ms). */
  delayMs: number;
  /** What AMD() concludes when this endpoint answers. */
  amd: AmdResult;
}

export interface EngineConfig {
  asteriskId: string;
  /** PJSIP endpoints that exist (agents' phones), e.g. `1001`. */
  pjsipEndpoints: string[];
  /** PJSIP trunks that accept any number: `PJSIP/<number>@<trunk>`. */
  trunks: string[];
  defaultBehaviour: EndpointBehaviour;
  /** DTMF digit length reported in ChannelDtmfReceived. */
  dtmfDurationMs: number;
}

/**
 * Why a channel goes away. `app`: DELETE /channels (Asterisk reports the soft-hangup flag, 32,
 * as the cause of ChannelHangupRequest); `remote`: the far end or the caller hung up;
 * `dialplan`: Hangup()/Busy() or the end of the extension; `partner`: the other half of a
 * Local pair went away; `unanswered`: a dialled channel that never answered.
 */
export interface HangupHow {
  initiator: 'app' | 'remote' | 'dialplan' | 'partner' | 'unanswered';
  cause: number;
}

/**
 * Engine operations that call each other in circles (a hangup ends a Dial(), which continues
 * the dialplan, which may hang up...). They are reached through the context so that the
 * modules implementing them do not import each other in a cycle.
 */
export interface EngineHooks {
  hangup(ch: SimChannel, how: HangupHow): void;
  /** Runs the channel's dialplan from its current location. */
  runDialplan(ch: SimChannel): void;
  /** A dialled channel (by originate or Dial()) answered. */
  dialAnswered(ch: SimChannel): void;
  /** A dialled channel went away before answering. */
  dialFailed(ch: SimChannel, how: HangupHow): void;
}

export interface Ctx {
  hooks: EngineHooks;
  state: PbxState;
  readonly clock: Clock;
  readonly sink: EventSink;
  readonly config: EngineConfig;
  readonly dialplan: Dialplan;
  readonly sounds: SoundCatalogue;
  readonly store: RecordingStore;
  readonly behaviours: Map<string, EndpointBehaviour>;
  /** Every pending timer, so a full restart or stop can cancel them. */
  readonly timers: Set<Timer>;
  /** Reports a fault inside a timer callback (never thrown into the event loop). */
  readonly onError: (err: unknown) => void;
}

/** Runs `fn` after `ms` simulated ms; the timer is forgotten once it fires or is cancelled. */
export function later(ctx: Ctx, ms: number, fn: () => void): Timer {
  let inner: Timer | undefined = undefined;
  const handle: Timer = {
    cancel: () => {
      inner?.cancel();
      ctx.timers.delete(handle);
    },
  };
  inner = ctx.clock.setTimer(ms, () => {
    ctx.timers.delete(handle);
    try {
      fn();
    } catch (err) {
      ctx.onError(err);
    }
  });
  ctx.timers.add(handle);
  return handle;
}
