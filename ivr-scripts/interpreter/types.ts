import type { AsteriskLanguage, LanguageTag } from '../languages.js';
import type { LookupArgs } from '../lookups.js';
import type { NodeKind, TransferTarget } from '../model.js';
import type { LuhnProgress } from '../validators.js';

export type VarValue = string | number | boolean;

/** What the CRM knew about the caller when the call arrived; every field may be unknown. */
export interface IvrCustomer {
  vip?: boolean;
  tier?: string;
  language?: string;
  name?: string;
}

export interface IvrCallContext {
  /** Makes playback, timer and lookup ids unique across calls (ARI playback ids are global). */
  callId: string;
  callerNumber: string | null;
  customer: IvrCustomer | null;
  /** Epoch milliseconds; business hours are judged against it. */
  now: number;
}

/** `now` on an event moves the interpreter's clock (for business hours met later in the call). */
export type IvrEvent =
  | { type: 'prompt_finished'; playbackId: string; now?: number }
  | { type: 'dtmf'; digit: string; now?: number }
  | { type: 'timeout'; timerId: string; now?: number }
  | { type: 'lookup_result'; requestId: string; data?: unknown; error?: string; now?: number }
  | { type: 'hangup'; now?: number };

export type IvrCommand =
  | { type: 'play'; id: string; media: string[]; lang: AsteriskLanguage; bargeIn: boolean }
  | { type: 'stop_playback'; id: string }
  | { type: 'start_timer'; id: string; ms: number }
  | { type: 'cancel_timer'; id: string }
  | ({ type: 'lookup'; id: string } & LookupArgs)
  | { type: 'set_var'; name: string; value: VarValue }
  | { type: 'pause_recording' }
  | { type: 'resume_recording' }
  | {
      type: 'route_to_queue';
      queueId: string;
      skills: Record<string, number>;
      priority: number;
      language: LanguageTag;
    }
  | { type: 'request_callback'; number: string; queueId: string | null; language: LanguageTag }
  | { type: 'transfer'; target: TransferTarget }
  | { type: 'hangup'; reason: string }
  /** The IVR path for reports and the console; a sensitive entry is `redacted`, never shown. */
  | { type: 'ivr_step'; nodeId: string; kind: NodeKind; input?: string; redacted?: true };

export type PromptThen =
  | { do: 'input' }
  | { do: 'goto'; target: string }
  /** Carry out the current (terminal) node's action once its announcement has played. */
  | { do: 'finish' };

export type IvrWait =
  | { on: 'none' }
  | { on: 'prompt'; playbackId: string; bargeIn: boolean; then: PromptThen }
  | { on: 'input'; timerId: string }
  | { on: 'lookup'; requestId: string; timerId: string; playbackId: string | null };

/**
 * Digits typed so far in a collect node. A sensitive entry keeps only its Luhn progress and last
 * four digits, so the state (kept in Redis) never holds a card number.
 */
export type IvrEntry =
  { sensitive: false; digits: string } | { sensitive: true; luhn: LuhnProgress; last4: string };

export interface IvrState {
  v: 1;
  scriptId: string;
  callId: string;
  /** Counter behind every playback, timer and lookup id this call has used. */
  seq: number;
  now: number;
  callerNumber: string | null;
  customer: IvrCustomer | null;
  language: LanguageTag;
  vars: Record<string, VarValue>;
  priority: number | null;
  skills: Record<string, number>;
  node: string;
  /** Invalid or missing answers so far in the current node. */
  attempts: number;
  wait: IvrWait;
  entry: IvrEntry | null;
  recordingPaused: boolean;
  /** Why the IVR part of the call ended; null while it runs. */
  ended: string | null;
}

export interface IvrResult {
  state: IvrState;
  commands: IvrCommand[];
}
