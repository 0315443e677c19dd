import type {
  CallbackStatus,
  CallConnectedEvent,
  CallEndedEvent,
  LiveCall,
  RecordingState,
  RecordingStateEvent,
  ScreenPop,
  TransferTarget,
} from './contracts.js';
import { secondsSince, type Clock } from './clock.svelte.js';
import type { ConsoleTransport } from './transport.js';

export type CallPhase = 'idle' | 'ringing' | 'connected' | 'wrap_up';

/** The call on the agent's console: the screen pop, its phase, timers and call controls. */
export class CallState {
  phase = $state<CallPhase>('idle');
  pop = $state<ScreenPop | null>(null);
  connectedAt = $state<string | null>(null);
  endedAt = $state<string | null>(null);
  wrapUpSeconds = $state<number | null>(null);
  recording = $state<RecordingState>('off');
  pending = $state(false);
  error = $state<string | null>(null);

  readonly callId = $derived(this.pop?.callId ?? null);
  readonly talkSeconds = $derived.by(() =>
    this.phase === 'connected' ? secondsSince(this.connectedAt, this.clock.now) : 0,
  );
  /** Seconds left before the ACD ends the wrap-up; null when there is no wrap-up timer. */
  readonly wrapUpRemaining = $derived.by(() =>
    this.phase === 'wrap_up' && this.wrapUpSeconds
      ? Math.max(0, this.wrapUpSeconds - secondsSince(this.endedAt, this.clock.now))
      : null,
  );
  readonly ringingSeconds = $derived.by(() =>
    this.phase === 'ringing' && this.pop
      ? this.pop.waitSeconds + secondsSince(this.pop.offeredAt, this.clock.now)
      : 0,
  );

  constructor(
    private readonly transport: ConsoleTransport,
    private readonly clock: Clock,
  ) {}

  offered(pop: ScreenPop): void {
    this.pop = pop;
    this.phase = 'ringing';
    this.connectedAt = null;
    this.endedAt = null;
    this.wrapUpSeconds = null;
    this.recording = 'off';
    this.error = null;
  }

  connected(e: CallConnectedEvent): void {
    if (e.callId !== this.callId) return;
    this.phase = 'connected';
    this.connectedAt = e.connectedAt;
    this.recording = e.recording;
  }

  ended(e: CallEndedEvent): void {
    if (e.callId !== this.callId) return;
    if (e.missed) {
      this.clear();
      return;
    }
    this.phase = 'wrap_up';
    this.endedAt = e.endedAt;
    this.wrapUpSeconds = e.wrapUpSeconds;
    this.recording = 'off';
  }

  recordingChanged(e: RecordingStateEvent): void {
    if (e.callId === this.callId) this.recording = e.state;
  }

  /** The state read from the server after a (re)connect replaces whatever was shown. */
  restore(live: LiveCall | null): void {
    if (!live) {
      // A finished wrap-up stays on screen until its form is submitted; the server forgets it.
      if (this.phase !== 'wrap_up') this.clear();
      return;
    }
    this.pop = live.pop;
    this.phase = live.phase;
    this.connectedAt = live.connectedAt;
    this.endedAt = live.endedAt;
    this.wrapUpSeconds = live.wrapUpSeconds;
    this.recording = live.recording;
  }

  /**
   * A callback of the pop is now in `status` (cancelled by the agent, or dialled meanwhile): a
   * cancelled one leaves the list. A later snapshot reads the callbacks from the CRM again.
   */
  callbackSettled(callbackId: string, status: CallbackStatus): void {
    const pop = this.pop;
    if (!pop) return;
    const pendingCallbacks = pop.pendingCallbacks.flatMap((cb) =>
      cb.id !== callbackId ? [cb] : status === 'cancelled' ? [] : [{ ...cb, status }],
    );
    this.pop = { ...pop, pendingCallbacks };
  }

  clear(): void {
    this.phase = 'idle';
    this.pop = null;
    this.connectedAt = null;
    this.endedAt = null;
    this.wrapUpSeconds = null;
    this.recording = 'off';
  }

  async hangup(): Promise<boolean> {
    const callId = this.callId;
    if (!callId) return false;
    return this.run(() => this.transport.request('call:hangup', { callId }));
  }

  async transfer(target: TransferTarget): Promise<boolean> {
    const callId = this.callId;
    if (!callId) return false;
    return this.run(() => this.transport.request('call:transfer', { callId, target }));
  }

  async toggleRecording(): Promise<boolean> {
    const callId = this.callId;
    if (!callId || this.phase !== 'connected') return false;
    const action = this.recording === 'paused' ? 'resume' : 'pause';
    return this.run(async () => {
      const ack = await this.transport.request('call:setRecording', { callId, action });
      if (ack.ok) this.recording = ack.recording;
      return ack;
    });
  }

  private async run(send: () => Promise<{ ok: boolean; message?: string }>): Promise<boolean> {
    this.pending = true;
    this.error = null;
    try {
      const ack = await send();
      if (!ack.ok) this.error = ack.message ?? 'refused';
      return ack.ok;
    } finally {
      this.pending = false;
    }
  }
}
