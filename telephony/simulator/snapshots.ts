import { ariTimestamp } from './timestamp.js';
import type { SimBridge, SimChannel, SimPlayback, SimRecording } from './state.js';
import { targetUri } from './state.js';

/** JSON objects exactly as Asterisk 22 writes them (field names and order). */

export interface AriChannelJson {
  id: string;
  name: string;
  state: string;
  protocol_id: string;
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  accountcode: string;
  dialplan: {
    context: string;
    exten: string;
    priority: number;
    app_name: string;
    app_data: string;
  };
  creationtime: string;
  language: string;
}

export function channelJson(ch: SimChannel): AriChannelJson {
  return {
    id: ch.id,
    name: ch.name,
    state: ch.state,
    protocol_id: '',
    caller: { ...ch.caller },
    connected: { ...ch.connected },
    accountcode: ch.accountcode,
    dialplan: { ...ch.dialplan },
    creationtime: ariTimestamp(ch.creationtime),
    language: ch.language,
  };
}

export function bridgeJson(b: SimBridge) {
  const holding = b.types.includes('holding');
  return {
    id: b.id,
    technology: holding ? 'holding_bridge' : 'simple_bridge',
    bridge_type: holding ? 'holding' : 'mixing',
    bridge_class: 'stasis',
    creator: 'Stasis',
    name: b.name,
    channels: [...b.channels],
    creationtime: ariTimestamp(b.creationtime),
    video_mode: 'talker',
  };
}

export function playbackJson(p: SimPlayback, state: string = p.state) {
  const next = p.media[p.index + 1];
  return {
    id: p.id,
    media_uri: p.media[p.index] ?? '',
    ...(next !== undefined ? { next_media_uri: next } : {}),
    target_uri: targetUri(p.target),
    language: p.language,
    state,
  };
}

export function liveRecordingJson(r: SimRecording, durationSeconds?: number) {
  return {
    name: r.name,
    format: r.format,
    state: r.state,
    target_uri: targetUri(r.target),
    ...(durationSeconds !== undefined ? { duration: durationSeconds } : {}),
  };
}
