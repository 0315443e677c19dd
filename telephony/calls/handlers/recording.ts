import type { AriRecordingInfo } from '../ari.js';
import type { CallContext } from '../context.js';
import type { Draft } from '../draft.js';
import type { RecordingState } from '../events.js';
import type { CallRecord, RecordingPart, RecordingSegment } from '../model.js';
import type { InteractionPatch } from '../ports.js';

export function recordingState(rec: CallRecord): RecordingState {
  if (!rec.recording || rec.recording.state === 'stopped') return 'off';
  return rec.recording.state;
}

/** A stored recording's name: the call id (a later segment after a re-queue gets a suffix). */
function recordingName(rec: CallRecord): string {
  const base = rec.id.replace(/[^\w.-]/g, '_');
  return rec.recording ? `${base}-${rec.seq}` : base;
}

function optedOut(ctx: CallContext, rec: CallRecord): boolean {
  if (!ctx.config.record) return true;
  if (rec.caller?.recordingOptOut) return true;
  const queueId = rec.queue?.queueId;
  return queueId !== undefined && ctx.config.recordingOptOutQueues.includes(queueId);
}

/**
 * Inside the change that bridges the call: record the mixing bridge, unless the queue or the
 * customer opted out. Starts paused when the IVR's payment step holds recording off.
 */
export function startRecording(ctx: CallContext, d: Draft): void {
  const rec = d.rec;
  if (!rec.agent || optedOut(ctx, rec)) return;
  const now = ctx.clock.now();
  const name = recordingName(rec);
  const held = rec.recordingHeld;
  const earlier = rec.recording
    ? [...(rec.recording.earlier ?? []), segmentOf(rec.recording, now)]
    : [];
  rec.recording = {
    name,
    state: held ? 'paused' : 'recording',
    startedAt: now,
    pausedAt: held ? now : null,
    pausedBy: held ? 'ivr' : null,
    pausedMs: 0,
    pauses: [],
    durationSeconds: null,
    ...(earlier.length > 0 ? { earlier } : {}),
  };
  const bridgeId = rec.agent.bridgeId;
  d.link(recordingLink(name), { role: 'recording' });
  d.effect(async () => {
    await ctx.ari.recordBridge(bridgeId, name);
    if (held) await ctx.ari.pauseRecording(name);
  });
  d.emit({
    type: 'recording',
    callId: rec.id,
    at: now,
    agentId: rec.agent.agentId,
    state: held ? 'paused' : 'recording',
    name,
  });
}

/**
 * An earlier bridge's file, as the next one starts. Its bridge is gone, so the PBX has stopped
 * it or is about to: a pause still open ends here, and a RecordingFinished still to come fills
 * in its length.
 */
function segmentOf(r: RecordingPart, now: number): RecordingSegment {
  if (r.state !== 'stopped') closePause(r, now);
  return {
    name: r.name,
    durationSeconds: r.durationSeconds,
    pauses: r.pauses,
    finished: r.state === 'stopped',
  };
}

/** The row's recording: the first file's name, length and pauses, and every file in order. */
export function rowRecording(r: RecordingPart): NonNullable<InteractionPatch['recording']> {
  const all = [...(r.earlier ?? []), r].map((s) => ({
    name: s.name,
    durationSeconds: s.durationSeconds,
    pauses: s.pauses,
  }));
  return { ...all[0]!, segments: all };
}

function closePause(r: RecordingPart, now: number): void {
  if (r.pausedAt === null) return;
  const ms = Math.max(0, now - r.pausedAt);
  r.pauses.push({
    offsetSeconds: round1((r.pausedAt - r.startedAt - r.pausedMs) / 1000),
    durationSeconds: round1(ms / 1000),
  });
  r.pausedMs += ms;
  r.pausedAt = null;
  r.pausedBy = null;
}

function round1(x: number): number {
  return Math.max(0, Math.round(x * 10) / 10);
}

/**
 * Inside a change: pause or resume the call's recording. Before a recording exists (the IVR's
 * card step), a pause holds recording off until the IVR resumes it. Answers false when there
 * was nothing to change.
 */
export function setRecording(
  ctx: CallContext,
  d: Draft,
  action: 'pause' | 'resume',
  by: 'agent' | 'ivr',
): boolean {
  const rec = d.rec;
  const r = rec.recording;
  const now = ctx.clock.now();
  if (!r || r.state === 'stopped') {
    const held = action === 'pause';
    if (rec.recordingHeld === held) return false;
    rec.recordingHeld = held;
    return true;
  }
  if (action === 'pause' && r.state === 'recording') {
    r.state = 'paused';
    r.pausedAt = now;
    r.pausedBy = by;
    d.effect(() => ctx.ari.pauseRecording(r.name));
  } else if (action === 'resume' && r.state === 'paused') {
    closePause(r, now);
    r.state = 'recording';
    // Whoever resumes releases a hold the IVR left (a payment step it never got back from).
    rec.recordingHeld = false;
    d.effect(() => ctx.ari.unpauseRecording(r.name));
  } else {
    return false;
  }
  d.emit({
    type: 'recording',
    callId: rec.id,
    at: now,
    agentId: rec.agent?.agentId ?? null,
    state: r.state,
    name: r.name,
  });
  return true;
}

/**
 * The PBX stored the recording (the bridge was destroyed or the recording stopped): its length
 * and pauses go to the interaction row.
 */
export async function recordingFinished(
  ctx: CallContext,
  info: AriRecordingInfo,
  failed: boolean,
): Promise<void> {
  const link = await ctx.calls.link(recordingLink(info.name));
  if (!link) return;
  const callId = link.callId;
  await ctx.calls.update(callId, (d) => {
    const r = d.rec.recording;
    if (!r) return false;
    const now = ctx.clock.now();
    const duration = failed ? null : (info.duration ?? null);
    const before = r.earlier?.find((s) => s.name === info.name);
    if (before) {
      // A file of an earlier bridge, finished after the next one started.
      if (before.finished) return false;
      if (failed) ctx.logger.error({ callId, name: info.name }, 'call recording failed');
      before.finished = true;
      before.durationSeconds = duration;
      d.interaction({ recording: rowRecording(r) });
      return;
    }
    if (r.name !== info.name || r.durationSeconds !== null) return false;
    if (failed) ctx.logger.error({ callId, name: info.name }, 'call recording failed');
    closePause(r, now);
    r.state = 'stopped';
    r.durationSeconds = duration;
    d.interaction({ recording: rowRecording(r) });
    d.emit({
      type: 'recording',
      callId: d.rec.id,
      at: now,
      agentId: d.rec.agent?.agentId ?? d.rec.lastAgentId,
      state: 'off',
      name: r.name,
      durationSeconds: r.durationSeconds,
      pauses: r.pauses,
    });
  });
}

/** Recordings are found by name through the same index as channels. */
export function recordingLink(name: string): string {
  return `rec:${name}`;
}
