import type { AriEvent } from './events.js';
import type { AriApplication, AriBridge, AriChannel, AriLiveRecording } from './types.js';

/** The ARI operations and events the call layer needs; nothing else in the code talks to ari-client. */

/** A channel or bridge to play media or music on hold to. */
export type AriTarget = { channelId: string } | { bridgeId: string };

/**
 * What an operation on a channel, bridge, playback or recording that no longer exists returns:
 * Asterisk's 404 (or "not in Stasis") there is the normal end of a race with a hangup, not an error.
 */
export const GONE: { readonly gone: true } = Object.freeze({ gone: true as const });
export type Gone = typeof GONE;
export type Done = 'done' | Gone;

export function isGone(value: unknown): value is Gone {
  return typeof value === 'object' && value !== null && (value as { gone?: unknown }).gone === true;
}

export type HangupReason =
  | 'normal'
  | 'busy'
  | 'congestion'
  | 'no_answer'
  | 'timeout'
  | 'rejected'
  | 'unallocated'
  | 'normal_unspecified'
  | 'number_incomplete'
  | 'codec_mismatch'
  | 'interworking'
  | 'failure'
  | 'answered_elsewhere';

export type AudioDirection = 'none' | 'both' | 'out' | 'in';

export interface OriginateRequest {
  /** `PJSIP/1001`, `Local/1001@agents`, `PJSIP/+8613800138000@pstn`. */
  endpoint: string;
  /** The Stasis app the channel enters when answered; the port's own app by default. */
  app?: string;
  appArgs?: string[];
  /** Run the dialplan here instead of entering an app (campaign calls with AMD). */
  dialplan?: { context: string; extension: string; priority?: number };
  callerId?: string;
  /** Seconds to ring before giving up; -1 rings forever. Asterisk's default is 30. */
  timeoutSeconds?: number;
  channelId?: string;
  otherChannelId?: string;
  variables?: Record<string, string>;
}

export interface SnoopRequest {
  spy: AudioDirection;
  whisper: AudioDirection;
  appArgs: string[];
  snoopId?: string;
  app?: string;
}

export interface RecordRequest {
  /** What to do when a stored recording has this name already (Asterisk's default: fail). */
  ifExists?: 'fail' | 'overwrite' | 'append';
  maxDurationSeconds?: number;
}

export interface ConnectionInfo {
  /** False for the first connection, true for every reconnection after that. */
  reconnect: boolean;
}

export interface AriPort {
  /** The Stasis application this port connects as. */
  readonly app: string;
  /** True while the events WebSocket is open. */
  readonly connected: boolean;

  /** Starts connecting; keeps reconnecting with backoff until `stop`. */
  start(): void;
  stop(): Promise<void>;

  /** Every event for the app, in arrival order. Returns an unsubscribe function. */
  onEvent(handler: (event: AriEvent) => void | Promise<void>): () => void;
  /** After every (re)connection: reconcile from `getApplication()` and `listChannels()`. */
  onConnected(handler: (info: ConnectionInfo) => void | Promise<void>): () => void;
  onDisconnected(handler: (info: { reason: string }) => void | Promise<void>): () => void;

  /** A REST round trip to Asterisk, for readiness checks. Throws AriError when ARI does not answer. */
  ping(): Promise<{ latencyMs: number; asteriskId: string }>;

  answer(channelId: string): Promise<Done>;
  hangup(channelId: string, reason?: HangupReason): Promise<Done>;
  /** Plays media URIs in order (`sound:cc/welcome`, `number:42`, `digits:123`); returns the playback id. */
  play(
    target: AriTarget,
    media: string[],
    opts?: { playbackId?: string; lang?: string },
  ): Promise<string | Gone>;
  stopPlayback(playbackId: string): Promise<Done>;
  setVariable(channelId: string, name: string, value: string): Promise<Done>;
  /** `undefined` when the variable is not set on the channel. */
  getVariable(channelId: string, name: string): Promise<string | undefined | Gone>;
  createBridge(opts: {
    type: 'mixing' | 'holding';
    bridgeId?: string;
    name?: string;
  }): Promise<AriBridge>;
  destroyBridge(bridgeId: string): Promise<Done>;
  addChannels(bridgeId: string, channelIds: string[], opts?: { role?: string }): Promise<Done>;
  removeChannel(bridgeId: string, channelId: string): Promise<Done>;
  startMoh(target: AriTarget, mohClass?: string): Promise<Done>;
  stopMoh(target: AriTarget): Promise<Done>;
  /** Records the bridge's mix as `<name>.wav` (no beep, not ended by DTMF). */
  recordBridge(
    bridgeId: string,
    name: string,
    opts?: RecordRequest,
  ): Promise<AriLiveRecording | Gone>;
  pauseRecording(name: string): Promise<Done>;
  unpauseRecording(name: string): Promise<Done>;
  stopRecording(name: string): Promise<Done>;
  snoop(channelId: string, req: SnoopRequest): Promise<AriChannel | Gone>;
  /** Throws AriError 'allocation-failed' when Asterisk cannot create the channel. */
  originate(req: OriginateRequest): Promise<AriChannel>;
  continueInDialplan(
    channelId: string,
    to?: { context?: string; extension?: string; priority?: number; label?: string },
  ): Promise<Done>;
  listChannels(): Promise<AriChannel[]>;
  getChannel(channelId: string): Promise<AriChannel | undefined>;
  getBridge(bridgeId: string): Promise<AriBridge | undefined>;
  /** `GET /applications/{app}`: the channels and bridges Asterisk still holds for the app. */
  getApplication(): Promise<AriApplication>;
}
