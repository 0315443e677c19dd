import { later, type Ctx } from '../context.js';
import { badRequest, conflict, notFound, unprocessable } from '../errors.js';
import { bridgeApps, now, publish } from '../events.js';
import { encodeWav, pcmData, pcmFor } from '../media/wav.js';
import { RecordingStore } from '../media/recording-store.js';
import { liveRecordingJson } from '../snapshots.js';
import type { MediaTarget, SimRecording } from '../state.js';
import { targetUri } from '../state.js';
import { updatePeersOf } from './peers.js';

export interface RecordOptions {
  name: string;
  format: string;
  ifExists: string;
  maxDurationSeconds: number;
  beep: boolean;
  terminateOn: string;
}

/**
 * Live recordings. The file holds only what was recorded while not paused (muted stretches are
 * silence), so its length is the recorded time minus the pauses; RecordingFinished reports it
 * in whole seconds, as Asterisk does.
 */
export function startRecording(ctx: Ctx, target: MediaTarget, opts: RecordOptions): SimRecording {
  if (!RecordingStore.isValidName(opts.name)) throw badRequest('Recording name is invalid');
  if (opts.format !== 'wav') throw unprocessable('The format specified is unknown on this system');
  if (!['fail', 'overwrite', 'append'].includes(opts.ifExists)) {
    throw badRequest(`Invalid ifExists value: ${opts.ifExists}`);
  }
  if (ctx.state.recordings.has(opts.name)) {
    throw conflict('A recording with the same name is currently in progress');
  }
  if (opts.ifExists === 'fail' && ctx.store.exists(opts.name, opts.format)) {
    throw conflict('A recording with the same name already exists on the system');
  }
  const r: SimRecording = {
    name: opts.name,
    format: opts.format,
    target,
    state: 'queued',
    ifExists: opts.ifExists,
    maxDurationSeconds: opts.maxDurationSeconds,
    terminateOn: opts.terminateOn,
    beep: opts.beep,
    muted: false,
    segments: [],
  };
  ctx.state.recordings.set(r.name, r);
  if (target.kind === 'bridge') {
    const bridge = ctx.state.bridges.get(target.id);
    if (bridge) {
      r.recorderName = `Recorder/ARI-${ctx.state.nextUnrealSuffix()};2`;
      bridge.extraMembers.push(r.recorderName);
      updatePeersOf(ctx, bridge);
    }
  }
  later(ctx, 0, () => {
    if (r.state !== 'queued') return;
    r.state = 'recording';
    r.segmentStart = ctx.clock.now();
    emit(ctx, r, 'RecordingStarted');
    if (r.maxDurationSeconds > 0) {
      r.limitTimer = later(ctx, r.maxDurationSeconds * 1000, () => stopRecording(ctx, r));
    }
  });
  return r;
}

function emit(ctx: Ctx, r: SimRecording, type: string, duration?: number): void {
  const b = r.target.kind === 'bridge' ? ctx.state.bridges.get(r.target.id) : undefined;
  const apps =
    r.target.kind === 'channel'
      ? [...(ctx.state.channels.get(r.target.id)?.subscribers ?? [])]
      : b
        ? bridgeApps(b)
        : [];
  publish(ctx, apps, { type, timestamp: now(ctx), recording: liveRecordingJson(r, duration) });
}

export function getLiveRecording(ctx: Ctx, name: string): SimRecording {
  const r = ctx.state.recordings.get(name);
  if (!r) throw notFound('Recording');
  return r;
}

function closeSegment(ctx: Ctx, r: SimRecording): void {
  if (r.segmentStart === undefined) return;
  const ms = ctx.clock.now() - r.segmentStart;
  if (ms > 0) r.segments.push({ ms, muted: r.muted });
  r.segmentStart = undefined;
}

export function pauseRecording(ctx: Ctx, r: SimRecording): void {
  if (r.state === 'paused') return;
  if (r.state !== 'recording') throw conflict('Recording not in session');
  closeSegment(ctx, r);
  r.state = 'paused';
}

export function unpauseRecording(ctx: Ctx, r: SimRecording): void {
  if (r.state === 'recording') return;
  if (r.state !== 'paused') throw conflict('Recording not in session');
  r.state = 'recording';
  r.segmentStart = ctx.clock.now();
}

export function muteRecording(ctx: Ctx, r: SimRecording, muted: boolean): void {
  if (r.state !== 'recording' && r.state !== 'paused') throw conflict('Recording not in session');
  if (r.state === 'recording') {
    closeSegment(ctx, r);
    r.segmentStart = ctx.clock.now();
  }
  r.muted = muted;
}

/** Ends the recording: writes the file, sends RecordingFinished, the Recorder leaves the bridge. */
export function stopRecording(ctx: Ctx, r: SimRecording, cancel = false): void {
  if (!ctx.state.recordings.has(r.name)) return;
  closeSegment(ctx, r);
  r.limitTimer?.cancel();
  ctx.state.recordings.delete(r.name);
  const recordedMs = r.segments.reduce((sum, s) => sum + s.ms, 0);
  if (cancel) {
    r.state = 'canceled';
    emit(ctx, r, 'RecordingFinished');
  } else {
    writeFile(ctx, r);
    r.state = 'done';
    emit(ctx, r, 'RecordingFinished', Math.floor(recordedMs / 1000));
  }
  if (r.target.kind === 'bridge' && r.recorderName) {
    const bridge = ctx.state.bridges.get(r.target.id);
    if (bridge) {
      bridge.extraMembers = bridge.extraMembers.filter((n) => n !== r.recorderName);
      // Asterisk reconfigures the bridge twice as the Recorder pair goes: once as it leaves, once
      // as it is destroyed; the trace shows BRIDGEPEER reported twice.
      updatePeersOf(ctx, bridge);
      updatePeersOf(ctx, bridge);
    }
  }
}

function writeFile(ctx: Ctx, r: SimRecording): void {
  const parts = r.segments.map((s) => pcmFor(s.ms, s.muted));
  if (r.ifExists === 'append' && ctx.store.exists(r.name, r.format)) {
    parts.unshift(pcmData(ctx.store.read(r.name, r.format)));
  }
  ctx.store.write(r.name, r.format, encodeWav(Buffer.concat(parts)));
}

/** The channel or bridge is going away: its recordings end normally. */
export function finishRecordingsOn(ctx: Ctx, target: MediaTarget): void {
  const key = targetUri(target);
  for (const r of [...ctx.state.recordings.values()]) {
    if (targetUri(r.target) === key) stopRecording(ctx, r);
  }
}

/** A DTMF digit on a channel ends its recordings whose terminateOn matches. */
export function dtmfOnRecordings(ctx: Ctx, channelId: string, digit: string): void {
  for (const r of [...ctx.state.recordings.values()]) {
    if (r.target.kind !== 'channel' || r.target.id !== channelId) continue;
    if (r.terminateOn === 'any' || r.terminateOn === digit) stopRecording(ctx, r);
  }
}
