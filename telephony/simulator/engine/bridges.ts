import { randomUUID } from 'node:crypto';
import { later, type Ctx } from '../context.js';
import { badRequest, conflict, notFound, unprocessable } from '../errors.js';
import { bridgeApps, channelEvent, now, publish, varsetEvent } from '../events.js';
import { bridgeJson, channelJson } from '../snapshots.js';
import type { SimBridge, SimChannel } from '../state.js';
import { partnerOf } from './channels.js';
import { endMediaFrom, logMedia } from './media-log.js';
import { stopMediaOn } from './playback.js';
import { isMixingBridge, updatePeersOf } from './peers.js';
import { finishRecordingsOn } from './recording.js';

const BRIDGE_TYPES = [
  'mixing',
  'holding',
  'dtmf_events',
  'proxy_media',
  'video_sfu',
  'video_single',
];

export function createBridge(
  ctx: Ctx,
  opts: { type?: string; bridgeId?: string; name?: string },
): SimBridge {
  const types = (opts.type ?? 'mixing')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const bad = types.find((t) => !BRIDGE_TYPES.includes(t));
  if (bad) throw badRequest(`Invalid bridge type: ${bad}`);
  const id = opts.bridgeId ?? randomUUID();
  const existing = ctx.state.bridges.get(id);
  if (existing) throw conflict('Bridge with this ID already exists');
  const bridge: SimBridge = {
    id,
    types,
    name: opts.name ?? '',
    channels: [],
    creationtime: ctx.clock.now(),
    appRefs: new Map(),
    extraMembers: [],
  };
  ctx.state.bridges.set(id, bridge);
  return bridge;
}

export function getBridge(ctx: Ctx, id: string): SimBridge {
  const b = ctx.state.bridges.get(id);
  if (!b) throw notFound('Bridge');
  return b;
}

/** Adds channels in order; a channel already in another bridge leaves it first. */
export function addChannels(
  ctx: Ctx,
  bridge: SimBridge,
  channels: SimChannel[],
  role?: string,
): void {
  for (const ch of channels) {
    if (!ch.stasis) throw unprocessable('Channel not in Stasis application');
  }
  for (const ch of channels) {
    if (ch.bridgeId === bridge.id) continue;
    if (ch.bridgeId) {
      const old = ctx.state.bridges.get(ch.bridgeId);
      if (old) leaveBridge(ctx, old, ch);
    }
    bridge.channels.push(ch.id);
    ch.bridgeId = bridge.id;
    ch.bridgeRole = role;
    const app = ch.stasis!.app;
    bridge.appRefs.set(app, (bridge.appRefs.get(app) ?? 0) + 1);
    publish(ctx, [...ch.subscribers, ...bridgeApps(bridge)], {
      type: 'ChannelEnteredBridge',
      timestamp: now(ctx),
      bridge: bridgeJson(bridge),
      channel: channelJson(ch),
    });
    if (bridge.moh) logMedia(ch, `moh:${bridge.moh}`, 'bridge-moh', ctx.clock.now());
    updatePeersOf(ctx, bridge);
  }
  if (isMixingBridge(bridge) && bridge.channels.length === 2) {
    const [first, second] = bridge.channels.map((id) => ctx.state.channels.get(id));
    // Asterisk exchanges connected-line information once the two parties are joined.
    later(ctx, 0, () => {
      if (first && second && first.bridgeId === bridge.id && second.bridgeId === bridge.id) {
        exchangeConnectedLine(ctx, second, first);
      }
    });
  }
}

export function removeChannel(ctx: Ctx, bridge: SimBridge, ch: SimChannel): void {
  if (ch.bridgeId !== bridge.id) throw unprocessable('Channel not in this bridge');
  const app = ch.stasis?.app;
  if (app) {
    const refs = (bridge.appRefs.get(app) ?? 0) - 1;
    if (refs > 0) bridge.appRefs.set(app, refs);
    else bridge.appRefs.delete(app);
  }
  leaveBridge(ctx, bridge, ch);
}

/** The channel leaves; whoever is left keeps their BRIDGEPEER until the bridge changes again. */
export function leaveBridge(ctx: Ctx, bridge: SimBridge, ch: SimChannel): void {
  if ((ch.variables.get('BRIDGEPEER') ?? '') !== '') {
    ch.variables.set('BRIDGEPEER', '');
    varsetEvent(ctx, ch, 'BRIDGEPEER', '');
  }
  bridge.channels = bridge.channels.filter((id) => id !== ch.id);
  ch.bridgeId = undefined;
  ch.bridgeRole = undefined;
  publish(ctx, [...ch.subscribers, ...bridgeApps(bridge)], {
    type: 'ChannelLeftBridge',
    timestamp: now(ctx),
    bridge: bridgeJson(bridge),
    channel: channelJson(ch),
  });
  updatePeersOf(ctx, bridge);
}

function exchangeConnectedLine(ctx: Ctx, joiner: SimChannel, existing: SimChannel): void {
  joiner.connected = { ...existing.caller };
  channelEvent(ctx, joiner, 'ChannelConnectedLine');
  existing.connected = { ...joiner.caller };
  channelEvent(ctx, existing, 'ChannelConnectedLine');
  for (const ch of [joiner, existing]) propagateToLocalTwo(ctx, ch);
}

/** On a Local pair, what `;1` is connected to becomes the caller ID of `;2`. */
function propagateToLocalTwo(ctx: Ctx, ch: SimChannel): void {
  if (ch.kind !== 'local1') return;
  const two = partnerOf(ctx, ch);
  if (!two || two.hangingUp) return;
  two.caller = { ...ch.connected };
  // Joined to a talking party: media now flows to `;2`, whose Answer() was waiting for it.
  two.onVoice?.();
  channelEvent(ctx, two, 'ChannelCallerId', {
    caller_presentation: 0,
    caller_presentation_txt: 'Presentation Allowed, Not Screened',
  });
}

/** Everyone leaves, media and recordings on the bridge end, then BridgeDestroyed. */
export function destroyBridge(ctx: Ctx, bridge: SimBridge): void {
  stopMediaOn(ctx, { kind: 'bridge', id: bridge.id }, 'done');
  finishRecordingsOn(ctx, { kind: 'bridge', id: bridge.id });
  for (const id of [...bridge.channels]) {
    const ch = ctx.state.channels.get(id);
    if (ch) leaveBridge(ctx, bridge, ch);
  }
  publish(ctx, bridgeApps(bridge), {
    type: 'BridgeDestroyed',
    timestamp: now(ctx),
    bridge: bridgeJson(bridge),
  });
  ctx.state.bridges.delete(bridge.id);
}

export function startBridgeMoh(ctx: Ctx, bridge: SimBridge, mohClass: string): void {
  bridge.moh = mohClass;
  for (const id of bridge.channels) {
    const ch = ctx.state.channels.get(id);
    if (ch) logMedia(ch, `moh:${mohClass}`, 'bridge-moh', ctx.clock.now());
  }
}

export function stopBridgeMoh(ctx: Ctx, bridge: SimBridge): void {
  if (!bridge.moh) throw conflict('Bridge is not playing music on hold');
  bridge.moh = undefined;
  for (const id of bridge.channels) {
    const ch = ctx.state.channels.get(id);
    if (ch) endMediaFrom(ch, 'bridge-moh', 'done');
  }
}
