import type {
  CallOrigin,
  CallerProfile,
  EndedBy,
  LookupStatus,
  MonitorMode,
  OfferExplanation,
  RecordingPause,
} from './model.js';

export type RecordingState = 'off' | 'recording' | 'paused';

/**
 * What every step of a call tells the rest of the server (console, reports). `at` is ms of the
 * telephony clock. Events of one call are emitted in order.
 */
export type CallEvent =
  | {
      type: 'arrived';
      callId: string;
      at: number;
      callerNumber: string | null;
      origin: CallOrigin;
      caller: CallerProfile | null;
      lookup: LookupStatus;
    }
  | {
      type: 'ivr_step';
      callId: string;
      at: number;
      nodeId: string;
      kind: string;
      /** Absent for sensitive input (card numbers): never carried anywhere. */
      input: string | null;
    }
  | {
      type: 'queued';
      callId: string;
      at: number;
      queueId: string;
      position: number | null;
      estimatedWaitSeconds: number | null;
    }
  | {
      /** Emitted before the agent's phone rings, so the screen pop is there first. */
      type: 'offered';
      callId: string;
      at: number;
      agentId: string;
      queueId: string;
      attempt: number;
      reason: string;
      /** The ACD's why as data (opaque here); null when the offer came without it. */
      explanation: OfferExplanation;
      callerNumber: string | null;
      caller: CallerProfile | null;
      origin: CallOrigin;
      ivrPath: { node: string; kind: string; input: string | null }[];
      waitSeconds: number;
      language: string;
    }
  | {
      type: 'offer_failed';
      callId: string;
      at: number;
      agentId: string;
      why: 'no_answer' | 'busy' | 'failed' | 'caller_gone' | 'withdrawn';
    }
  | {
      type: 'connected';
      callId: string;
      at: number;
      agentId: string;
      recording: RecordingState;
    }
  | {
      type: 'recording';
      callId: string;
      at: number;
      agentId: string | null;
      state: RecordingState;
      name: string;
      durationSeconds?: number | null;
      pauses?: RecordingPause[];
    }
  | {
      type: 'monitor';
      callId: string;
      at: number;
      supervisorId: string;
      monitorId: string;
      mode: MonitorMode;
      state: 'started' | 'ended';
    }
  | {
      type: 'ended';
      callId: string;
      at: number;
      /** The agent offered, on or wrapping up the call; null when none was. */
      agentId: string | null;
      endedBy: EndedBy;
      reason: string;
      /** The agent never answered (caller gone while ringing). */
      missed: boolean;
      abandoned: boolean;
      wrapUpSeconds: number;
      waitSeconds: number | null;
      talkSeconds: number | null;
    };
