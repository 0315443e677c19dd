import type { AmdResult, AnswerMode, Ctx, EndpointBehaviour } from '../context.js';
import { SimulatorError } from '../errors.js';
import type { EventHub } from '../event-hub.js';
import { answerChannel } from '../engine/answer.js';
import { partnerOf } from '../engine/channels.js';
import { placeCall, pressKeys, type InboundCall } from '../engine/channel-ops.js';
import { wipeState } from '../engine/index.js';
import { liveRecordingJson, playbackJson } from '../snapshots.js';
import type { MediaLogEntry, OriginateLogEntry, SimChannel } from '../state.js';
import { ariTimestamp } from '../timestamp.js';

export interface PlacedCall {
  /** The channel the app sees (StasisStart). */
  channelId: string;
  /** The caller's side of the Local pair; hanging it up is the caller hanging up. */
  callerChannelId: string;
  /** False when no WebSocket was connected for the app: the dialplan went to its fallback. */
  stasis: boolean;
  reason?: string;
}

export type RestartMode = 'connection-loss' | 'full';

export interface MediaHeard {
  media: string;
  at: string;
  source: string;
  outcome: MediaLogEntry['outcome'];
}

/** Hooks the control API needs from the running server. */
export interface ControlHost {
  ctx: Ctx;
  hub: EventHub;
  /** Refuses ARI (REST and WebSocket) for `ms` wall-clock milliseconds. */
  goDown(ms: number): void;
}

const ENDPOINT_NAME = /^(PJSIP\/[^/\s]+|Local\/[^@/\s]+@[^/\s]+)$/;
const ANSWER_MODES: AnswerMode[] = ['answer', 'no-answer', 'busy', 'fail', 'manual'];
const AMD_RESULTS: AmdResult[] = ['HUMAN', 'MACHINE', 'NOTSURE', 'HANGUP'];

/**
 * The simulator's control API for tests and demos: place calls, press keys, hang up as the
 * caller, script endpoints, drop the apps' connections, restart the PBX, and read everything
 * the PBX knows, including what each party heard.
 */
export class PbxControl {
  constructor(private readonly host: ControlHost) {}

  private get ctx(): Ctx {
    return this.host.ctx;
  }

  private channel(id: string): SimChannel {
    const ch = this.ctx.state.channels.get(id);
    if (!ch || ch.hangingUp) throw new SimulatorError('not-found', `no channel ${id}`);
    return ch;
  }

  /** An inbound call from `from` to `to` (default 1000) in context from-pstn. */
  async placeCall(call: InboundCall): Promise<PlacedCall> {
    if (!call.from || !/^\+?[0-9*#]{1,32}$/.test(call.from)) {
      throw new SimulatorError(
        'invalid',
        'from must be a phone number (digits, optional leading +)',
      );
    }
    let placed;
    try {
      placed = placeCall(this.ctx, call);
    } catch (err) {
      throw new SimulatorError('invalid', err instanceof Error ? err.message : String(err));
    }
    const result = await placed.stasis;
    return {
      channelId: placed.pbxSide.id,
      callerChannelId: placed.caller.id,
      stasis: result.entered,
      ...(result.reason ? { reason: result.reason } : {}),
    };
  }

  /** The party on the channel presses keys, `gapMs` apart. */
  pressKeys(channelId: string, digits: string, gapMs = 250): void {
    if (!(gapMs >= 0)) throw new SimulatorError('invalid', 'gapMs must be 0 or more');
    try {
      pressKeys(this.ctx, this.channel(channelId), digits, gapMs);
    } catch (err) {
      if (err instanceof SimulatorError) throw err;
      throw new SimulatorError('invalid', err instanceof Error ? err.message : String(err));
    }
  }

  /**
   * The party at the far end of the channel hangs up: the caller of an inbound call (either
   * half may be named), or the agent on an originated leg.
   */
  hangup(channelId: string, cause = 16): void {
    if (!Number.isInteger(cause) || cause < 0 || cause > 127) {
      throw new SimulatorError('invalid', 'cause must be an integer 0-127');
    }
    let ch = this.channel(channelId);
    if (ch.kind === 'local1' && !ch.originate) ch = partnerOf(this.ctx, ch) ?? ch;
    this.ctx.hooks.hangup(ch, { initiator: 'remote', cause });
  }

  /** The ringing party picks up (for endpoints scripted 'manual' or 'no-answer'). */
  answer(channelId: string): void {
    const ch = this.channel(channelId);
    const ringing = ch.kind === 'local1' ? (partnerOf(this.ctx, ch) ?? ch) : ch;
    if (ringing.state === 'Up')
      throw new SimulatorError('conflict', `channel ${channelId} is already answered`);
    answerChannel(this.ctx, ringing);
  }

  /** The ringing party refuses the call (a phone's reject button sends busy). */
  reject(channelId: string, cause = 17): void {
    const ch = this.channel(channelId);
    if (ch.state === 'Up')
      throw new SimulatorError('conflict', `channel ${channelId} is already answered`);
    const ringing = ch.kind === 'local1' ? (partnerOf(this.ctx, ch) ?? ch) : ch;
    this.ctx.hooks.hangup(ringing, { initiator: 'unanswered', cause });
  }

  setEndpoint(
    name: string,
    b: { answer: AnswerMode; delayMs?: number; amd?: AmdResult },
  ): EndpointBehaviour {
    if (!ENDPOINT_NAME.test(name)) {
      throw new SimulatorError(
        'invalid',
        'endpoint must look like PJSIP/1001, PJSIP/<number>@<trunk> or Local/1001@agents',
      );
    }
    if (!ANSWER_MODES.includes(b.answer)) {
      throw new SimulatorError('invalid', `answer must be one of ${ANSWER_MODES.join(', ')}`);
    }
    if (b.delayMs !== undefined && !(b.delayMs >= 0))
      throw new SimulatorError('invalid', 'delayMs must be 0 or more');
    if (b.amd !== undefined && !AMD_RESULTS.includes(b.amd)) {
      throw new SimulatorError('invalid', `amd must be one of ${AMD_RESULTS.join(', ')}`);
    }
    const behaviour: EndpointBehaviour = {
      answer: b.answer,
      delayMs: b.delayMs ?? this.ctx.config.defaultBehaviour.delayMs,
      amd: b.amd ?? 'HUMAN',
    };
    this.ctx.behaviours.set(name, behaviour);
    return behaviour;
  }

  clearEndpoint(name: string): void {
    this.ctx.behaviours.delete(name);
  }

  endpoints(): { name: string; behaviour: EndpointBehaviour }[] {
    return [...this.ctx.behaviours].map(([name, behaviour]) => ({ name, behaviour }));
  }

  setSound(name: string, durationMs: number): void {
    if (!name || !(durationMs > 0))
      throw new SimulatorError('invalid', 'a sound needs a name and a positive durationMs');
    this.ctx.sounds.set(name, durationMs);
  }

  /** From now on `sound:<name>` fails like a missing file. */
  removeSound(name: string): void {
    this.ctx.sounds.markMissing(name);
  }

  /** Cuts the app's event WebSocket (every app's when none is named); reconnections are refused for `refuseMs`. */
  dropWebSocket(opts: { app?: string; refuseMs?: number } = {}): { dropped: number } {
    const refuseMs = opts.refuseMs ?? 0;
    if (!(refuseMs >= 0)) throw new SimulatorError('invalid', 'refuseMs must be 0 or more');
    return { dropped: this.host.hub.drop(opts.app, refuseMs) };
  }

  /**
   * `connection-loss`: the PBX keeps every call but the apps lose their connection and ARI
   * refuses requests for `downMs`. `full`: a PBX restart; every call, bridge and live
   * recording is gone (stored recordings stay), and ARI is down for `downMs`.
   */
  restart(opts: { mode: RestartMode; downMs?: number }): void {
    const downMs = opts.downMs ?? 500;
    if (opts.mode !== 'connection-loss' && opts.mode !== 'full') {
      throw new SimulatorError('invalid', "mode must be 'connection-loss' or 'full'");
    }
    if (!(downMs >= 0)) throw new SimulatorError('invalid', 'downMs must be 0 or more');
    this.host.goDown(downMs);
    this.host.hub.drop(undefined, downMs);
    if (opts.mode === 'full') wipeState(this.ctx);
  }

  /** Every channel created by POST /channels so far (a full restart keeps the list). */
  originated(): OriginateLogEntry[] {
    return this.ctx.state.originated.map((e) => ({ ...e, appArgs: [...e.appArgs] }));
  }

  /** Everything the PBX knows, including what each party heard. */
  state() {
    const ctx = this.ctx;
    const heard = (log: MediaLogEntry[]): MediaHeard[] =>
      log.map((e) => ({
        media: e.media,
        at: ariTimestamp(e.at),
        source: e.source,
        outcome: e.outcome,
      }));
    return {
      time: ariTimestamp(ctx.clock.now()),
      apps: [...ctx.state.knownApps].map((name) => ({ name, connected: ctx.sink.isActive(name) })),
      channels: [...ctx.state.channels.values()].map((ch) => ({
        id: ch.id,
        name: ch.name,
        state: ch.state,
        caller: ch.caller,
        connected: ch.connected,
        dialplan: ch.dialplan,
        stasis: ch.stasis ?? null,
        bridgeId: ch.bridgeId ?? null,
        partnerId: ch.partnerId ?? null,
        snoop: ch.snoop ?? null,
        variables: Object.fromEntries(ch.variables),
        heard: heard(ch.mediaLog),
      })),
      bridges: [...ctx.state.bridges.values()].map((b) => ({
        id: b.id,
        name: b.name,
        types: b.types,
        channels: [...b.channels],
        moh: b.moh ?? null,
      })),
      playbacks: [...ctx.state.playbacks.values()].map((p) => playbackJson(p)),
      recordings: {
        live: [...ctx.state.recordings.values()].map((r) => liveRecordingJson(r)),
        stored: ctx.store.list(),
      },
      ended: ctx.state.ended.map((e) => ({
        ...e,
        endedAt: ariTimestamp(e.endedAt),
        heard: heard(e.mediaLog),
        mediaLog: undefined,
      })),
    };
  }

  /** What the party on a channel (live or ended) heard, in order. */
  heard(channelId: string): MediaHeard[] {
    const live = this.ctx.state.channels.get(channelId);
    const log = live?.mediaLog ?? this.ctx.state.ended.find((e) => e.id === channelId)?.mediaLog;
    if (!log) throw new SimulatorError('not-found', `no channel ${channelId}`);
    return log.map((e) => ({
      media: e.media,
      at: ariTimestamp(e.at),
      source: e.source,
      outcome: e.outcome,
    }));
  }
}

export type PbxState = ReturnType<PbxControl['state']>;
