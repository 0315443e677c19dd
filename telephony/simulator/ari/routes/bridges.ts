import { badRequest } from '../../errors.js';
import {
  addChannels,
  createBridge,
  destroyBridge,
  getBridge,
  removeChannel,
  startBridgeMoh,
  stopBridgeMoh,
} from '../../engine/bridges.js';
import { startRecording } from '../../engine/recording.js';
import type { Ctx } from '../../context.js';
import { bridgeJson, liveRecordingJson } from '../../snapshots.js';
import type { SimChannel } from '../../state.js';
import { created, noContent, ok, pathParam, query, type Args, type Route } from '../route.js';
import { PLAY_PARAMS, playOn, recordOptions, recordParams } from './media-params.js';

const BRIDGE_ID = pathParam('bridgeId', "Bridge's id");
const NOT_FOUND = { code: 404, reason: 'Bridge not found' };
const BRIDGE_TYPES =
  'Comma separated list of bridge type attributes (mixing, holding, dtmf_events, proxy_media, video_sfu, video_single).';

const r = (route: Omit<Route, 'resource'>): Route => ({ resource: 'bridges', ...route });

/** addChannel/removeChannel name channels that must exist: a missing one is a 400, not a 404. */
function channelsNamed(ctx: Ctx, a: Args): SimChannel[] {
  const ids = a.list('channel');
  if (ids.length === 0) throw badRequest('channel is required');
  return ids.map((id) => {
    const ch = ctx.state.channels.get(id);
    if (!ch || ch.hangingUp) throw badRequest('Channel not found');
    return ch;
  });
}

function play(ctx: Ctx, a: Args, playbackId: string | undefined) {
  const bridge = getBridge(ctx, a.str('bridgeId'));
  return playOn(ctx, { kind: 'bridge', id: bridge.id }, a, playbackId, 'en');
}

export const bridgeRoutes: Route[] = [
  r({
    path: '/bridges',
    pathDescription: 'Active bridges',
    method: 'GET',
    nickname: 'list',
    summary: 'List all active bridges in Asterisk.',
    responseClass: 'List[Bridge]',
    params: [],
    errors: [],
    handle: (_a, ctx) => ok([...ctx.state.bridges.values()].map(bridgeJson)),
  }),
  r({
    path: '/bridges',
    pathDescription: 'Active bridges',
    method: 'POST',
    nickname: 'create',
    summary: 'Create a new bridge.',
    responseClass: 'Bridge',
    params: [
      query('type', BRIDGE_TYPES),
      query('bridgeId', 'Unique ID to give to the bridge being created.'),
      query('name', 'Name to give to the bridge being created.'),
    ],
    errors: [{ code: 409, reason: 'Bridge with the same bridgeId already exists' }],
    handle: (a, ctx) => {
      const o: { type?: string; bridgeId?: string; name?: string } = {};
      if (a.has('type')) o.type = a.str('type');
      if (a.has('bridgeId')) o.bridgeId = a.str('bridgeId');
      if (a.has('name')) o.name = a.str('name');
      return ok(bridgeJson(createBridge(ctx, o)));
    },
  }),
  r({
    path: '/bridges/{bridgeId}',
    pathDescription: 'Individual bridge',
    method: 'POST',
    nickname: 'createWithId',
    summary: 'Create a new bridge with the given id.',
    responseClass: 'Bridge',
    params: [
      query('type', BRIDGE_TYPES),
      { ...BRIDGE_ID, description: 'Unique ID to give to the bridge being created.' },
      query('name', 'Name to give to the bridge being created.'),
    ],
    errors: [{ code: 409, reason: 'Bridge with the same bridgeId already exists' }],
    handle: (a, ctx) => {
      const o: { type?: string; bridgeId: string; name?: string } = { bridgeId: a.str('bridgeId') };
      if (a.has('type')) o.type = a.str('type');
      if (a.has('name')) o.name = a.str('name');
      return ok(bridgeJson(createBridge(ctx, o)));
    },
  }),
  r({
    path: '/bridges/{bridgeId}',
    pathDescription: 'Individual bridge',
    method: 'GET',
    nickname: 'get',
    summary: 'Get bridge details.',
    responseClass: 'Bridge',
    params: [BRIDGE_ID],
    errors: [NOT_FOUND],
    handle: (a, ctx) => ok(bridgeJson(getBridge(ctx, a.str('bridgeId')))),
  }),
  r({
    path: '/bridges/{bridgeId}',
    pathDescription: 'Individual bridge',
    method: 'DELETE',
    nickname: 'destroy',
    summary: 'Shut down a bridge.',
    responseClass: 'void',
    params: [BRIDGE_ID],
    errors: [NOT_FOUND],
    handle: (a, ctx) => {
      destroyBridge(ctx, getBridge(ctx, a.str('bridgeId')));
      return noContent();
    },
  }),
  r({
    path: '/bridges/{bridgeId}/addChannel',
    pathDescription: 'Add a channel to a bridge',
    method: 'POST',
    nickname: 'addChannel',
    summary: 'Add a channel to a bridge.',
    responseClass: 'void',
    params: [
      BRIDGE_ID,
      query('channel', 'Ids of channels to add to bridge', { required: true, allowMultiple: true }),
      query('role', "Channel's role in the bridge"),
      query(
        'absorbDTMF',
        'Absorb DTMF coming from this channel, preventing it to pass through to the bridge',
        {
          dataType: 'boolean',
          defaultValue: false,
        },
      ),
      query('mute', 'Mute audio from this channel, preventing it to pass through to the bridge', {
        dataType: 'boolean',
        defaultValue: false,
      }),
      query(
        'inhibitConnectedLineUpdates',
        'Do not present the identity of the newly connected channel to other bridge members',
        {
          dataType: 'boolean',
          defaultValue: false,
        },
      ),
    ],
    errors: [
      { code: 400, reason: 'Channel not found' },
      NOT_FOUND,
      { code: 409, reason: 'Bridge not in Stasis application; Channel currently recording' },
      { code: 422, reason: 'Channel not in Stasis application' },
    ],
    handle: (a, ctx) => {
      const bridge = getBridge(ctx, a.str('bridgeId'));
      addChannels(ctx, bridge, channelsNamed(ctx, a), a.opt('role'));
      return noContent();
    },
  }),
  r({
    path: '/bridges/{bridgeId}/removeChannel',
    pathDescription: 'Remove a channel from a bridge',
    method: 'POST',
    nickname: 'removeChannel',
    summary: 'Remove a channel from a bridge.',
    responseClass: 'void',
    params: [
      BRIDGE_ID,
      query('channel', 'Ids of channels to remove from bridge', {
        required: true,
        allowMultiple: true,
      }),
    ],
    errors: [
      { code: 400, reason: 'Channel not found' },
      NOT_FOUND,
      { code: 409, reason: 'Bridge not in Stasis application' },
      { code: 422, reason: 'Channel not in this bridge' },
    ],
    handle: (a, ctx) => {
      const bridge = getBridge(ctx, a.str('bridgeId'));
      for (const ch of channelsNamed(ctx, a)) removeChannel(ctx, bridge, ch);
      return noContent();
    },
  }),
  r({
    path: '/bridges/{bridgeId}/moh',
    pathDescription: 'Play music on hold to a bridge',
    method: 'POST',
    nickname: 'startMoh',
    summary: 'Play music on hold to a bridge or change the MOH class that is playing.',
    responseClass: 'void',
    params: [BRIDGE_ID, query('mohClass', "Channel's id")],
    errors: [NOT_FOUND, { code: 409, reason: 'Bridge not in Stasis application' }],
    handle: (a, ctx) => {
      startBridgeMoh(ctx, getBridge(ctx, a.str('bridgeId')), a.opt('mohClass') ?? 'default');
      return noContent();
    },
  }),
  r({
    path: '/bridges/{bridgeId}/moh',
    pathDescription: 'Play music on hold to a bridge',
    method: 'DELETE',
    nickname: 'stopMoh',
    summary: 'Stop playing music on hold to a bridge.',
    responseClass: 'void',
    params: [BRIDGE_ID],
    errors: [NOT_FOUND, { code: 409, reason: 'Bridge not in Stasis application' }],
    handle: (a, ctx) => {
      stopBridgeMoh(ctx, getBridge(ctx, a.str('bridgeId')));
      return noContent();
    },
  }),
  r({
    path: '/bridges/{bridgeId}/play',
    pathDescription: 'Play media to the participants of a bridge',
    method: 'POST',
    nickname: 'play',
    summary: 'Start playback of media on a bridge.',
    responseClass: 'Playback',
    params: [BRIDGE_ID, ...PLAY_PARAMS, query('playbackId', 'Playback Id.')],
    errors: [NOT_FOUND, { code: 409, reason: 'Bridge not in a Stasis application' }],
    handle: (a, ctx) => play(ctx, a, a.opt('playbackId')),
  }),
  r({
    path: '/bridges/{bridgeId}/play/{playbackId}',
    pathDescription: 'Play media to the participants of a bridge',
    method: 'POST',
    nickname: 'playWithId',
    summary: 'Start playback of media on a bridge and specify the playbackId.',
    responseClass: 'Playback',
    params: [BRIDGE_ID, pathParam('playbackId', 'Playback ID.'), ...PLAY_PARAMS],
    errors: [NOT_FOUND, { code: 409, reason: 'Bridge not in a Stasis application' }],
    handle: (a, ctx) => play(ctx, a, a.str('playbackId')),
  }),
  r({
    path: '/bridges/{bridgeId}/record',
    pathDescription: 'Record audio on a bridge',
    method: 'POST',
    nickname: 'record',
    summary: 'Start a recording.',
    responseClass: 'LiveRecording',
    params: [BRIDGE_ID, ...recordParams()],
    errors: [
      { code: 400, reason: 'Invalid parameters' },
      NOT_FOUND,
      {
        code: 409,
        reason:
          'Bridge is not in a Stasis application; A recording with the same name already exists on the system and can not be overwritten because it is in progress or ifExists=fail',
      },
      { code: 422, reason: 'The format specified is unknown on this system' },
    ],
    handle: (a, ctx) => {
      const bridge = getBridge(ctx, a.str('bridgeId'));
      return created(
        liveRecordingJson(startRecording(ctx, { kind: 'bridge', id: bridge.id }, recordOptions(a))),
      );
    },
  }),
];
