import type { AriChannelInfo } from '../ari.js';
import type { CallContext } from '../context.js';
import type { Draft } from '../draft.js';
import { CallError } from '../errors.js';
import type { MonitorMode } from '../model.js';

/** Snoop directions per mode (ARI: spy = audio heard from the channel, whisper = audio sent to it). */
const SNOOP: Record<Exclude<MonitorMode, 'barge'>, { spy: 'both'; whisper: 'none' | 'out' }> = {
  listen: { spy: 'both', whisper: 'none' },
  // Spy on the agent's leg; whisper "out" goes towards the agent's phone only.
  whisper: { spy: 'both', whisper: 'out' },
};

/**
 * A supervisor listens, whispers to the agent, or barges in. Listen and whisper use a snoop
 * channel on the agent's leg, bridged with the supervisor's phone once it answers; barge puts the
 * supervisor's phone into the call's own mixing bridge.
 */
export async function startMonitor(
  ctx: CallContext,
  supervisorId: string,
  callId: string,
  mode: MonitorMode,
): Promise<{ monitorId: string }> {
  const endpoint = await ctx.endpoints.endpointOf(supervisorId);
  if (!endpoint) {
    throw new CallError('invalid_input', `supervisor ${supervisorId} has no phone endpoint`);
  }
  let monitorId = '';
  const rec = await ctx.calls.update(callId, (d) => {
    const r = d.rec;
    const a = r.agent;
    if (r.state !== 'connected' || !a) {
      throw new CallError('invalid_state', `call ${callId} is not connected to an agent`);
    }
    monitorId = d.nextId('mon');
    const channelId = d.nextId('sup');
    const snoopId = mode === 'barge' ? null : d.nextId('snoop');
    const now = ctx.clock.now();
    r.monitors[monitorId] = {
      supervisorId,
      mode,
      channelId,
      snoopChannelId: snoopId,
      bridgeId: null,
      answered: false,
      startedAt: now,
      endedAt: null,
    };
    d.link(channelId, { role: 'supervisor', monitorId });
    if (snoopId) d.link(snoopId, { role: 'snoop', monitorId });
    d.emit({ type: 'monitor', callId, at: now, supervisorId, monitorId, mode, state: 'started' });
    const id = monitorId;
    d.effect(async () => {
      if (snoopId && mode !== 'barge') {
        await ctx.ari.snoop(a.channelId, {
          snoopId,
          ...SNOOP[mode],
          app: ctx.ari.app,
          appArgs: ['snoop', callId, id],
        });
      }
      await ctx.ari.originate({
        endpoint,
        channelId,
        app: ctx.ari.app,
        appArgs: ['supervisor', callId, id],
        callerId: `"${mode}" <${r.callerNumber ?? 'unknown'}>`,
        timeoutSeconds: 30,
      });
    });
  });
  if (!rec) throw new CallError('not_found', `no live call ${callId}`);
  return { monitorId };
}

/** The supervisor picked up: join them to the snoop channel, or to the call for a barge. */
export async function supervisorAnswered(
  ctx: CallContext,
  channel: AriChannelInfo,
  callId: string,
  monitorId: string,
): Promise<void> {
  const rec = await ctx.calls.update(callId, (d) => {
    const m = d.rec.monitors[monitorId];
    const a = d.rec.agent;
    if (!m || m.endedAt !== null || m.channelId !== channel.id || m.answered || !a) return false;
    m.answered = true;
    if (m.mode === 'barge') {
      const bridgeId = a.bridgeId;
      d.effect(() => ctx.ari.addChannels(bridgeId, [channel.id]));
      return;
    }
    const bridgeId = d.nextId('monb');
    m.bridgeId = bridgeId;
    const snoop = m.snoopChannelId!;
    d.effect(async () => {
      await ctx.ari.createBridge({ bridgeId, type: 'mixing', name: `monitor ${callId}` });
      await ctx.ari.addChannels(bridgeId, [snoop, channel.id]);
    });
  });
  if (!rec) await ctx.ari.hangup(channel.id, 'normal');
}

/** A snoop channel entered the app; it waits for the supervisor unless the monitor is over. */
export async function snoopStarted(
  ctx: CallContext,
  channel: AriChannelInfo,
  callId: string,
  monitorId: string,
): Promise<void> {
  const rec = await ctx.calls.get(callId);
  const m = rec?.monitors[monitorId];
  if (!rec || rec.state === 'ended' || !m || m.endedAt !== null) {
    await ctx.ari.hangup(channel.id, 'normal');
  }
}

/** The supervisor's leg or the snoop went away: the monitor ends, its other parts go too. */
export async function monitorLegGone(
  ctx: CallContext,
  callId: string,
  monitorId: string,
): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    if (!closeMonitor(ctx, d, monitorId)) return false;
  });
}

/** Inside a change: ends one monitor and hangs up its legs. Answers false if already over. */
export function closeMonitor(ctx: CallContext, d: Draft, monitorId: string): boolean {
  const m = d.rec.monitors[monitorId];
  if (!m || m.endedAt !== null) return false;
  const now = ctx.clock.now();
  m.endedAt = now;
  d.emit({
    type: 'monitor',
    callId: d.rec.id,
    at: now,
    supervisorId: m.supervisorId,
    monitorId,
    mode: m.mode,
    state: 'ended',
  });
  d.effect(async () => {
    await ctx.ari.hangup(m.channelId, 'normal');
    if (m.snoopChannelId) await ctx.ari.hangup(m.snoopChannelId, 'normal');
    if (m.bridgeId) await ctx.ari.destroyBridge(m.bridgeId);
  });
  return true;
}
