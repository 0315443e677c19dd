import type { AriChannelInfo } from '../ari.js';
import type { CallContext } from '../context.js';
import { isSharedHold } from '../hold.js';
import type { CallRecord } from '../model.js';
import { channelsOf } from '../model.js';
import type { TimerWheel } from '../timers.js';
import { arriveInbound } from './arrival.js';
import { agentGone, callerGone } from './hangup.js';
import { startLookup } from './ivr.js';
import { agentAnswered } from './offer.js';
import { langOf } from './queue.js';
import { monitorLegGone } from './supervisor.js';

export interface ReconcileReport {
  /** Calls found in Redis whose channels are still up: they carry on. */
  adopted: number;
  /** Calls found in Redis whose caller is gone: finalised. */
  finalised: number;
  /** Channels in the app that no live call owns (snoops, legs of dead calls): hung up. */
  orphanChannels: number;
  /** Bridges of the app that no live call uses: destroyed. */
  orphanBridges: number;
  /** Callers in the app with no call record (the server died while they arrived): started. */
  restarted: number;
}

function bridgesOf(rec: CallRecord): string[] {
  const out: string[] = [];
  if (rec.queue) out.push(rec.queue.holdBridgeId);
  if (rec.agent) out.push(rec.agent.bridgeId);
  for (const m of Object.values(rec.monitors)) if (m.bridgeId) out.push(m.bridgeId);
  return out;
}

/**
 * After every (re)connection: the PBX's view (`GET /channels`, `GET /applications/{app}`) meets
 * the calls in Redis. Calls whose channels are up are adopted where they were (IVR prompt
 * played again, holding bridge checked, timers armed from their stored deadlines); calls whose
 * caller is gone are finalised; channels and bridges nobody owns are cleaned up.
 */
export async function reconcile(ctx: CallContext, timers: TimerWheel): Promise<ReconcileReport> {
  const [channels, application] = await Promise.all([
    ctx.ari.listChannels(),
    ctx.ari.getApplication(),
  ]);
  const app = { channelIds: application.channel_ids, bridgeIds: application.bridge_ids };
  const up = new Map(channels.map((c) => [c.id, c]));
  const bridgesUp = new Set(app.bridgeIds);
  ctx.calls.forget();
  ctx.holds.forget();
  const records = await ctx.calls.store.readMany(await ctx.calls.store.liveIds());
  const report: ReconcileReport = {
    adopted: 0,
    finalised: 0,
    orphanChannels: 0,
    orphanBridges: 0,
    restarted: 0,
  };
  const owned = new Set<string>();
  const usedBridges = new Set<string>();
  await Promise.all(
    records.map(async ({ rec }) => {
      for (const c of channelsOf(rec)) owned.add(c);
      for (const b of bridgesOf(rec)) usedBridges.add(b);
      await ctx.run(rec.id, async () => {
        const kept = await adopt(ctx, rec.id, up, bridgesUp, timers);
        if (kept) report.adopted++;
        else report.finalised++;
      });
    }),
  );
  for (const channelId of app.channelIds) {
    if (owned.has(channelId)) continue;
    const channel = up.get(channelId);
    const link = await ctx.calls.link(channelId);
    // An outbound dial still ringing: its answer or end arrives as events.
    if (link?.role === 'dialout') continue;
    if (!link && channel && isCaller(channel)) {
      report.restarted++;
      await ctx.run(channelId, () => arriveInbound(ctx, channel));
      continue;
    }
    report.orphanChannels++;
    await ctx.ari.hangup(channelId, 'normal');
  }
  for (const bridgeId of app.bridgeIds) {
    // A queue's holding bridge is kept for the next caller, whoever waits in it now.
    if (usedBridges.has(bridgeId) || isSharedHold(bridgeId)) continue;
    report.orphanBridges++;
    await ctx.ari.destroyBridge(bridgeId);
  }
  return report;
}

/**
 * A caller that entered the app from the dialplan, not a leg this layer made (agent and
 * supervisor legs and snoops carry ids `<kind>-<n>-<callId>`; snoops are named `Snoop/...`).
 */
function isCaller(channel: AriChannelInfo): boolean {
  if (channel.name.startsWith('Snoop/')) return false;
  if (/^(agent|sup|snoop)-\d+-/.test(channel.id)) return false;
  return channel.dialplan.app_name === 'Stasis';
}

/** Picks one call up again. Answers whether it carries on. */
async function adopt(
  ctx: CallContext,
  callId: string,
  up: Map<string, AriChannelInfo>,
  bridgesUp: Set<string>,
  timers: TimerWheel,
): Promise<boolean> {
  let rec = await ctx.calls.get(callId);
  if (!rec) return false;
  if (!up.has(rec.channelId) && rec.state !== 'wrap_up') {
    await callerGone(ctx, callId);
    rec = await ctx.calls.get(callId);
    if (rec) timers.armAll(callId, rec.timers);
    return false;
  }
  timers.armAll(callId, rec.timers);
  for (const [monitorId, m] of Object.entries(rec.monitors)) {
    if (m.endedAt === null && !up.has(m.channelId)) await monitorLegGone(ctx, callId, monitorId);
  }
  switch (rec.state) {
    case 'ivr':
      await resumeIvr(ctx, callId);
      break;
    case 'queued':
      if (rec.queue && !bridgesUp.has(rec.queue.holdBridgeId)) await rebuildHold(ctx, rec);
      break;
    case 'offering': {
      const o = rec.offer!;
      const leg = up.get(o.channelId);
      if (!leg) await ctx.flow.offerFailed(callId, o.channelId, 'failed');
      else if (o.answeredAt !== null) {
        await ctx.calls.update(callId, (d) => {
          if (d.rec.state !== 'offering' || !d.rec.offer?.answeredAt) return false;
          ctx.flow.connect(d);
        });
      } else if (leg.state === 'Up') await agentAnswered(ctx, leg, callId);
      break;
    }
    case 'connected':
      if (rec.agent && !up.has(rec.agent.channelId)) {
        await agentGone(ctx, callId, rec.agent.channelId);
      }
      break;
    case 'wrap_up':
    case 'ended':
      break;
  }
  return true;
}

/**
 * The IVR carries on where it was: a prompt whose end was missed is played again under a new
 * id (mapped back to the one the interpreter waits for), a lookup is asked again; input timers
 * were armed from their deadlines.
 */
async function resumeIvr(ctx: CallContext, callId: string): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    const ivr = d.rec.ivr;
    if (d.rec.state !== 'ivr' || !ivr) return false;
    const wait = ivr.state.wait;
    if (wait.on === 'lookup' && ivr.lastLookup?.id === wait.requestId) {
      const cmd = ivr.lastLookup;
      d.effect(() => {
        startLookup(ctx, callId, cmd);
        return Promise.resolve();
      });
      return;
    }
    if (wait.on !== 'prompt' || !ivr.lastPlay || ivr.lastPlay.id !== wait.playbackId) return false;
    const play = ivr.lastPlay;
    const stale = [play.id, ...Object.keys(ivr.aliases)];
    const replayId = d.nextId('replay');
    ivr.aliases = { [replayId]: play.id };
    const channelId = d.rec.channelId;
    d.effect(async () => {
      await Promise.all(stale.map((id) => ctx.ari.stopPlayback(id)));
      await ctx.ari.play({ channelId }, play.media, { playbackId: replayId, lang: play.lang });
    });
  });
}

async function rebuildHold(ctx: CallContext, rec: CallRecord): Promise<void> {
  const q = rec.queue!;
  if (isSharedHold(q.holdBridgeId)) {
    await ctx.holds.join(q.holdBridgeId, q.queueId, rec.channelId);
  } else {
    await ctx.ari.createBridge({
      bridgeId: q.holdBridgeId,
      type: 'holding',
      name: `hold ${rec.id}`,
    });
    await ctx.ari.addChannels(q.holdBridgeId, [rec.channelId], { role: 'participant' });
    await ctx.ari.startMoh({ bridgeId: q.holdBridgeId }, ctx.config.mohClass);
  }
  ctx.logger.info({ callId: rec.id, lang: langOf(rec.language) }, 'holding bridge rebuilt');
}
