import type { CallContext } from '../context.js';
import { CallError } from '../errors.js';
import type { RecordingState } from '../events.js';
import type { CallRecord } from '../model.js';
import { recordingState } from './recording.js';
import { closeMonitor } from './supervisor.js';

export type TransferTo = { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string };

function ownCall(rec: CallRecord | null, agentId: string, callId: string): CallRecord {
  const mine =
    rec &&
    ((rec.state === 'connected' && rec.agent?.agentId === agentId) ||
      (rec.state === 'offering' && rec.offer?.agentId === agentId));
  if (!mine) throw new CallError('not_your_call', `call ${callId} is not a call you are on`);
  return rec;
}

/** The agent hangs up (or declines a ringing offer): their leg goes, the rest follows from it. */
export async function agentHangup(
  ctx: CallContext,
  agentId: string,
  callId: string,
): Promise<void> {
  const rec = ownCall(await ctx.calls.get(callId), agentId, callId);
  const channelId = rec.state === 'connected' ? rec.agent!.channelId : rec.offer!.channelId;
  await ctx.ari.hangup(channelId, 'normal');
}

/**
 * The agent sends the caller to a queue (or to one agent, preferred by the ACD): the agent's leg
 * and the bridge go, the agent wraps up, the caller waits again in their original place.
 */
export async function agentTransfer(
  ctx: CallContext,
  agentId: string,
  callId: string,
  to: TransferTo,
): Promise<void> {
  const rec = ownCall(await ctx.calls.get(callId), agentId, callId);
  if (rec.state !== 'connected') {
    throw new CallError('invalid_state', `call ${callId} is not connected yet`);
  }
  await ctx.calls.update(callId, (d) => {
    const r = d.rec;
    const a = r.agent;
    if (r.state !== 'connected' || !a || a.agentId !== agentId || !r.queue) return false;
    const now = ctx.clock.now();
    for (const id of Object.keys(r.monitors)) closeMonitor(ctx, d, id);
    d.unindexAgent(a.agentId);
    r.agent = null;
    d.emit({
      type: 'ended',
      callId,
      at: now,
      agentId: a.agentId,
      endedBy: 'transfer',
      reason:
        to.kind === 'queue' ? `transfer_to_queue ${to.queueId}` : `transfer_to_agent ${to.agentId}`,
      missed: false,
      abandoned: false,
      wrapUpSeconds: 0,
      waitSeconds: null,
      talkSeconds: Math.max(0, Math.round((now - a.connectedAt) / 1000)),
    });
    d.effect(async () => {
      await ctx.ari.destroyBridge(a.bridgeId);
      await ctx.ari.hangup(a.channelId, 'normal');
      await ctx.acd.release(callId, a.agentId).catch((err: unknown) => {
        ctx.logger.error({ err, callId }, 'ACD release on transfer failed');
      });
    });
    const sameQueue = to.kind === 'agent' || to.queueId === r.queue.queueId;
    ctx.flow.routeToQueue(d, {
      queueId: to.kind === 'queue' ? to.queueId : r.queue.queueId,
      skills: sameQueue ? r.queue.skills : {},
      priority: r.queue.priority,
      language: r.language,
      enqueuedAt: r.queue.enqueuedAt,
      preferredAgentId: to.kind === 'agent' ? to.agentId : null,
    });
  });
}

/** Pause (card payment) or resume the recording of the agent's call. */
export async function agentRecording(
  ctx: CallContext,
  agentId: string,
  callId: string,
  action: 'pause' | 'resume',
): Promise<RecordingState> {
  const rec = ownCall(await ctx.calls.get(callId), agentId, callId);
  if (rec.state !== 'connected') {
    throw new CallError('invalid_state', `call ${callId} is not connected yet`);
  }
  if (!rec.recording || rec.recording.state === 'stopped') {
    throw new CallError('invalid_state', `call ${callId} is not being recorded`);
  }
  const after = await ctx.calls.update(callId, (d) => {
    if (d.rec.state !== 'connected' || d.rec.agent?.agentId !== agentId) return false;
    if (!ctx.flow.setRecording(d, action, 'agent')) return false;
  });
  return recordingState(after ?? rec);
}
