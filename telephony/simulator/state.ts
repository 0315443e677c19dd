import type { Timer } from './clock.js';

/** The simulator's own model of a PBX: plain data, changed only by the engine modules. */

export interface CallerId {
  name: string;
  number: string;
}

export interface DialplanLocation {
  context: string;
  exten: string;
  priority: number;
  app_name: string;
  app_data: string;
}

export interface DialplanTarget {
  context: string;
  exten: string;
  priority: number;
}

export type ChannelKind = 'local1' | 'local2' | 'pjsip' | 'snoop';

export interface MediaLogEntry {
  /** A media URI (`sound:cc/welcome`, `number:42`), `moh:<class>`, `dtmf-sent:<digits>` or `indication:ringing`. */
  media: string;
  at: number;
  /** Who played it: an ARI playback id, or `dialplan` for Playback() in the dialplan. */
  source: string;
  outcome: 'playing' | 'done' | 'stopped' | 'failed' | 'interrupted';
}

export interface DialplanRun {
  context: string;
  exten: string;
  priority: number;
  /** Cancels whatever the current application is waiting for. */
  pending?: Timer;
  /** Set while Stasis() holds the channel; continueInDialplan resumes after it. */
  inStasis: boolean;
}

export interface SimChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  state: string;
  caller: CallerId;
  connected: CallerId;
  accountcode: string;
  dialplan: DialplanLocation;
  creationtime: number;
  language: string;
  variables: Map<string, string>;
  /** The endpoint this channel was requested for (`PJSIP/1001`, `Local/1001@agents`). */
  endpoint: string;
  /** The other half of a Local channel pair. */
  partnerId?: string;
  /** The channel Dial() connected this one to, outside any ARI bridge. */
  dialPeerId?: string;
  /** The channel whose Dial() created this one, while it rings. */
  dialledBy?: string;
  /** Ends the ring: Dial()'s or originate's timeout, or the scripted far-end answer. */
  ringTimers: Timer[];
  /** Set while Answer() on a Local `;2` waits for the first voice frame from the other half. */
  onVoice?: () => void;
  /** Told once whether the channel reached Stasis (control API's placeCall waits for it). */
  onStasisResult?: (entered: boolean, reason?: string) => void;
  /** Set on a channel created by ARI originate: which app asked, with what arguments. */
  originate?: { app?: string; appArgs: string[]; dialstring: string; then?: DialplanTarget };
  stasis?: { app: string; args: string[] };
  /** Apps that receive this channel's events. */
  subscribers: Set<string>;
  bridgeId?: string;
  bridgeRole?: string;
  run?: DialplanRun;
  snoop?: { targetId: string; spy: string; whisper: string };
  moh?: string;
  mediaLog: MediaLogEntry[];
  hangingUp: boolean;
}

export type MediaTarget = { kind: 'channel' | 'bridge'; id: string };

export interface SimPlayback {
  id: string;
  media: string[];
  index: number;
  target: MediaTarget;
  language: string;
  state: 'queued' | 'playing' | 'paused' | 'done' | 'failed';
  timer?: Timer;
  /** Simulated ms left of the current item (kept while paused). */
  remainingMs: number;
  itemStartedAt: number;
  logEntries: MediaLogEntry[];
}

export interface RecordingSegment {
  ms: number;
  muted: boolean;
}

export interface SimRecording {
  name: string;
  format: string;
  target: MediaTarget;
  state: 'queued' | 'recording' | 'paused' | 'done' | 'failed' | 'canceled';
  ifExists: string;
  maxDurationSeconds: number;
  terminateOn: string;
  beep: boolean;
  muted: boolean;
  segments: RecordingSegment[];
  /** Start of the segment being recorded now; undefined while paused. */
  segmentStart?: number;
  limitTimer?: Timer;
  /** Name of the Recorder channel the bridge reports in BRIDGEPEER. */
  recorderName?: string;
}

export interface SimBridge {
  id: string;
  types: string[];
  name: string;
  channels: string[];
  creationtime: number;
  /** How many channels each app added by REST and did not remove: Asterisk's bridge subscription. */
  appRefs: Map<string, number>;
  /** Recorder/Announcer pseudo-members, newest last, counted for BRIDGEPEER. */
  extraMembers: string[];
  moh?: string;
}

export interface EndedChannel {
  id: string;
  name: string;
  caller: CallerId;
  cause: number;
  cause_txt: string;
  endedAt: number;
  variables: Record<string, string>;
  mediaLog: MediaLogEntry[];
}

/** Counters that make ids and names look like Asterisk's. */
export interface Counters {
  channel: number;
  unreal: number;
  snoop: number;
  tech: Map<string, number>;
}

export interface OriginateLogEntry {
  channelId: string;
  endpoint: string;
  app: string | null;
  appArgs: string[];
  /** Simulated ms. */
  at: number;
}

export class PbxState {
  readonly channels = new Map<string, SimChannel>();
  readonly bridges = new Map<string, SimBridge>();
  readonly playbacks = new Map<string, SimPlayback>();
  readonly recordings = new Map<string, SimRecording>();
  /** Queue of playbacks per target (`channel:<id>` / `bridge:<id>`), the first one playing. */
  readonly mediaQueues = new Map<string, string[]>();
  /** Apps that have connected at least once: GET /applications lists them. */
  readonly knownApps = new Set<string>();
  readonly ended: EndedChannel[] = [];
  readonly deviceStates = new Map<string, string>();
  readonly mailboxes = new Map<string, { old_messages: number; new_messages: number }>();
  readonly globalVars = new Map<string, string>();
  counters: Counters = { channel: 0, unreal: 0, snoop: 0, tech: new Map() };
  /** Every POST /channels that created a channel, in order (tests count dials with it). */
  originated: OriginateLogEntry[] = [];

  constructor(
    /** Unix seconds of the simulated boot: the first part of every channel id. */
    public bootEpoch: number,
  ) {}

  nextChannelId(): string {
    return `${this.bootEpoch}.${this.counters.channel++}`;
  }

  nextUnrealSuffix(): string {
    return hex8(++this.counters.unreal);
  }

  nextSnoopSuffix(): string {
    return hex8(++this.counters.snoop);
  }

  nextTechSuffix(tech: string): string {
    const n = (this.counters.tech.get(tech) ?? 0) + 1;
    this.counters.tech.set(tech, n);
    return hex8(n);
  }

  channel(id: string): SimChannel | undefined {
    return this.channels.get(id);
  }
}

export function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

export function targetUri(t: MediaTarget): string {
  return `${t.kind}:${t.id}`;
}
