import { HANGUP_REASONS } from '../../causes.js';
import { badRequest } from '../../errors.js';
import { answerChannel } from '../../engine/answer.js';
import {
  getChannel,
  getVariable,
  indicateRinging,
  sendDtmfToParty,
  setChannelVariable,
  snoop,
  startChannelMoh,
  stopChannelMoh,
} from '../../engine/channel-ops.js';
import { originate, type OriginateParams } from '../../engine/originate.js';
import { startRecording } from '../../engine/recording.js';
import { continueInDialplan } from '../../engine/run.js';
import { requireStasis } from '../../engine/stasis.js';
import { PLAY_PARAMS, playOn, recordOptions, recordParams } from './media-params.js';
import type { Ctx } from '../../context.js';
import { channelJson, liveRecordingJson } from '../../snapshots.js';
import {
  created,
  noContent,
  ok,
  pathParam,
  query,
  variablesBody,
  type Args,
  type ParamSpec,
  type Route,
} from '../route.js';

const CHANNEL_ID = pathParam('channelId', "Channel's id");
const NOT_FOUND = { code: 404, reason: 'Channel not found' };
const NOT_IN_STASIS = { code: 409, reason: 'Channel not in a Stasis application' };

const ORIGINATE_PARAMS: ParamSpec[] = [
  query('endpoint', 'Endpoint to call.', { required: true }),
  query(
    'extension',
    "The extension to dial after the endpoint answers. Mutually exclusive with 'app'.",
  ),
  query(
    'context',
    "The context to dial after the endpoint answers. Mutually exclusive with 'app'.",
  ),
  query(
    'priority',
    "The priority to dial after the endpoint answers. Mutually exclusive with 'app'.",
    {
      dataType: 'long',
    },
  ),
  query('app', 'The Stasis application the channel is handed to when it answers.'),
  query(
    'appArgs',
    "The application arguments to pass to the Stasis application provided by 'app'.",
  ),
  query('callerId', 'CallerID to use when dialing the endpoint or extension.'),
  query('timeout', 'Timeout (in seconds) before giving up dialing, or -1 for no timeout.', {
    dataType: 'int',
    defaultValue: 30,
  }),
  variablesBody(),
  query('otherChannelId', 'The unique id to assign the second channel when using local channels.'),
];

function originateParams(a: Args, channelId: string | undefined): OriginateParams {
  const vars = (a.body as { variables?: unknown } | undefined)?.variables;
  if (vars !== undefined && (typeof vars !== 'object' || vars === null || Array.isArray(vars))) {
    throw badRequest('variables must be an object of strings');
  }
  const p: OriginateParams = {};
  const set = <K extends keyof OriginateParams>(k: K, v: OriginateParams[K] | undefined) => {
    if (v !== undefined) p[k] = v;
  };
  set('endpoint', a.opt('endpoint'));
  set('app', a.opt('app'));
  set('appArgs', a.opt('appArgs'));
  set('callerId', a.opt('callerId'));
  set('timeout', a.int('timeout'));
  set('channelId', channelId);
  set('otherChannelId', a.opt('otherChannelId'));
  set('context', a.opt('context'));
  set('extension', a.opt('extension'));
  set('priority', a.int('priority'));
  if (vars) p.variables = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)]));
  return p;
}

function inStasis(ctx: Ctx, a: Args) {
  const ch = getChannel(ctx, a.str('channelId'));
  requireStasis(ch);
  return ch;
}

function play(ctx: Ctx, a: Args, playbackId: string | undefined) {
  const ch = inStasis(ctx, a);
  return playOn(ctx, { kind: 'channel', id: ch.id }, a, playbackId, ch.language);
}

const SNOOP_PARAMS: ParamSpec[] = [
  query('spy', 'Direction of audio to spy on', {
    defaultValue: 'none',
    allowableValues: ['none', 'both', 'out', 'in'],
  }),
  query('whisper', 'Direction of audio to whisper into', {
    defaultValue: 'none',
    allowableValues: ['none', 'both', 'out', 'in'],
  }),
  query('app', 'Application the snooping channel is placed into', { required: true }),
  query('appArgs', 'The application arguments to pass to the Stasis application'),
];

function doSnoop(ctx: Ctx, a: Args, snoopId: string | undefined) {
  const target = getChannel(ctx, a.str('channelId'));
  const ch = snoop(ctx, target, {
    ...(a.opt('spy') ? { spy: a.str('spy') } : {}),
    ...(a.opt('whisper') ? { whisper: a.str('whisper') } : {}),
    ...(a.opt('app') ? { app: a.str('app') } : {}),
    ...(a.opt('appArgs') ? { appArgs: a.str('appArgs') } : {}),
    ...(snoopId ? { snoopId } : {}),
  });
  return ok(channelJson(ch));
}

const r = (route: Omit<Route, 'resource'>): Route => ({ resource: 'channels', ...route });

export const channelRoutes: Route[] = [
  r({
    path: '/channels',
    pathDescription: 'Active channels',
    method: 'GET',
    nickname: 'list',
    summary: 'List all active channels in Asterisk.',
    responseClass: 'List[Channel]',
    params: [],
    errors: [],
    handle: (_a, ctx) =>
      ok([...ctx.state.channels.values()].filter((c) => !c.hangingUp).map(channelJson)),
  }),
  r({
    path: '/channels',
    pathDescription: 'Active channels',
    method: 'POST',
    nickname: 'originate',
    summary: 'Create a new channel (originate).',
    responseClass: 'Channel',
    params: [
      ...ORIGINATE_PARAMS,
      query('channelId', 'The unique id to assign the channel on creation.'),
    ],
    errors: [
      { code: 400, reason: 'Invalid parameters for originating a channel.' },
      { code: 409, reason: 'Channel with given unique ID already exists.' },
    ],
    handle: (a, ctx) => ok(channelJson(originate(ctx, originateParams(a, a.opt('channelId'))))),
  }),
  r({
    path: '/channels/{channelId}',
    pathDescription: 'Active channel',
    method: 'GET',
    nickname: 'get',
    summary: 'Channel details.',
    responseClass: 'Channel',
    params: [CHANNEL_ID],
    errors: [NOT_FOUND],
    handle: (a, ctx) => ok(channelJson(getChannel(ctx, a.str('channelId')))),
  }),
  r({
    path: '/channels/{channelId}',
    pathDescription: 'Active channel',
    method: 'POST',
    nickname: 'originateWithId',
    summary: 'Create a new channel (originate with id).',
    responseClass: 'Channel',
    params: [
      { ...CHANNEL_ID, description: 'The unique id to assign the channel on creation.' },
      ...ORIGINATE_PARAMS,
    ],
    errors: [
      { code: 400, reason: 'Invalid parameters for originating a channel.' },
      { code: 409, reason: 'Channel with given unique ID already exists.' },
    ],
    handle: (a, ctx) => ok(channelJson(originate(ctx, originateParams(a, a.str('channelId'))))),
  }),
  r({
    path: '/channels/{channelId}',
    pathDescription: 'Active channel',
    method: 'DELETE',
    nickname: 'hangup',
    summary: 'Delete (i.e. hangup) a channel.',
    responseClass: 'void',
    params: [
      CHANNEL_ID,
      query(
        'reason_code',
        "The reason code for hanging up the channel. Mutually exclusive with 'reason'.",
      ),
      query('reason', "Reason for hanging up the channel. Mutually exclusive with 'reason_code'.", {
        allowableValues: Object.keys(HANGUP_REASONS),
        invalidMessage: 'Invalid reason for hangup provided',
      }),
    ],
    errors: [{ code: 400, reason: 'Invalid reason for hangup provided' }, NOT_FOUND],
    handle: (a, ctx) => {
      const ch = getChannel(ctx, a.str('channelId'));
      const code = a.opt('reason_code');
      const reason = a.opt('reason');
      if (code !== undefined && reason !== undefined) {
        throw badRequest('The reason and reason_code can not be used together');
      }
      let cause = 16;
      if (code !== undefined) {
        cause = Number(code);
        if (!Number.isInteger(cause) || cause < 0 || cause > 127)
          throw badRequest('Invalid reason for hangup provided');
      } else if (reason !== undefined) {
        const c = HANGUP_REASONS[reason];
        if (c === undefined) throw badRequest('Invalid reason for hangup provided');
        cause = c;
      }
      ctx.hooks.hangup(ch, { initiator: 'app', cause });
      return noContent();
    },
  }),
  r({
    path: '/channels/{channelId}/continue',
    pathDescription: 'Exit application; continue execution in the dialplan',
    method: 'POST',
    nickname: 'continueInDialplan',
    summary: 'Exit application; continue execution in the dialplan.',
    responseClass: 'void',
    params: [
      CHANNEL_ID,
      query('context', 'The context to continue to.'),
      query('extension', 'The extension to continue to.'),
      query('priority', 'The priority to continue to.', { dataType: 'int' }),
      query('label', "The label to continue to - will supersede 'priority' if both are provided."),
    ],
    errors: [NOT_FOUND, NOT_IN_STASIS],
    handle: (a, ctx) => {
      const ch = inStasis(ctx, a);
      const to: { context?: string; extension?: string; priority?: number; label?: string } = {};
      const context = a.opt('context');
      const extension = a.opt('extension');
      const priority = a.int('priority');
      const label = a.opt('label');
      if (context) to.context = context;
      if (extension) to.extension = extension;
      if (priority !== undefined) to.priority = priority;
      if (label) to.label = label;
      continueInDialplan(ctx, ch, to);
      return noContent();
    },
  }),
  r({
    path: '/channels/{channelId}/answer',
    pathDescription: 'Answer a channel',
    method: 'POST',
    nickname: 'answer',
    summary: 'Answer a channel.',
    responseClass: 'void',
    params: [CHANNEL_ID],
    errors: [NOT_FOUND, NOT_IN_STASIS, { code: 412, reason: 'Channel in invalid state' }],
    handle: (a, ctx) => {
      answerChannel(ctx, inStasis(ctx, a));
      return noContent();
    },
  }),
  r({
    path: '/channels/{channelId}/ring',
    pathDescription: 'Send a ringing indication to a channel',
    method: 'POST',
    nickname: 'ring',
    summary: 'Indicate ringing to a channel.',
    responseClass: 'void',
    params: [CHANNEL_ID],
    errors: [NOT_FOUND, NOT_IN_STASIS],
    handle: (a, ctx) => {
      indicateRinging(ctx, inStasis(ctx, a), true);
      return noContent();
    },
  }),
  r({
    path: '/channels/{channelId}/ring',
    pathDescription: 'Send a ringing indication to a channel',
    method: 'DELETE',
    nickname: 'ringStop',
    summary: 'Stop ringing indication on a channel if locally generated.',
    responseClass: 'void',
    params: [CHANNEL_ID],
    errors: [NOT_FOUND, NOT_IN_STASIS],
    handle: (a, ctx) => {
      indicateRinging(ctx, inStasis(ctx, a), false);
      return noContent();
    },
  }),
  r({
    path: '/channels/{channelId}/dtmf',
    pathDescription: 'Send DTMF to a channel',
    method: 'POST',
    nickname: 'sendDTMF',
    summary: 'Send provided DTMF to a given channel.',
    responseClass: 'void',
    params: [
      CHANNEL_ID,
      query('dtmf', 'DTMF To send.'),
      query('before', 'Amount of time to wait before DTMF digits (ms).', {
        dataType: 'int',
        defaultValue: 0,
      }),
      query('between', 'Amount of time in between DTMF digits (ms).', {
        dataType: 'int',
        defaultValue: 100,
      }),
      query('duration', 'Length of each DTMF digit (ms).', { dataType: 'int', defaultValue: 100 }),
      query('after', 'Amount of time to wait after DTMF digits (ms).', {
        dataType: 'int',
        defaultValue: 0,
      }),
    ],
    errors: [{ code: 400, reason: 'DTMF is required' }, NOT_FOUND, NOT_IN_STASIS],
    handle: (a, ctx) => {
      sendDtmfToParty(ctx, inStasis(ctx, a), a.opt('dtmf') ?? '', a.int('between') ?? 100);
      return noContent();
    },
  }),
  r({
    path: '/channels/{channelId}/moh',
    pathDescription: 'Play music on hold to a channel',
    method: 'POST',
    nickname: 'startMoh',
    summary: 'Play music on hold to a channel.',
    responseClass: 'void',
    params: [CHANNEL_ID, query('mohClass', 'Music on hold class to use')],
    errors: [NOT_FOUND, NOT_IN_STASIS],
    handle: (a, ctx) => {
      startChannelMoh(ctx, inStasis(ctx, a), a.opt('mohClass') ?? 'default');
      return noContent();
    },
  }),
  r({
    path: '/channels/{channelId}/moh',
    pathDescription: 'Play music on hold to a channel',
    method: 'DELETE',
    nickname: 'stopMoh',
    summary: 'Stop playing music on hold to a channel.',
    responseClass: 'void',
    params: [CHANNEL_ID],
    errors: [NOT_FOUND, NOT_IN_STASIS],
    handle: (a, ctx) => {
      stopChannelMoh(inStasis(ctx, a));
      return noContent();
    },
  }),
  r({
    path: '/channels/{channelId}/play',
    pathDescription: 'Play media to a channel',
    method: 'POST',
    nickname: 'play',
    summary: 'Start playback of media.',
    responseClass: 'Playback',
    params: [CHANNEL_ID, ...PLAY_PARAMS, query('playbackId', 'Playback ID.')],
    errors: [NOT_FOUND, NOT_IN_STASIS],
    handle: (a, ctx) => play(ctx, a, a.opt('playbackId')),
  }),
  r({
    path: '/channels/{channelId}/play/{playbackId}',
    pathDescription: 'Play media to a channel',
    method: 'POST',
    nickname: 'playWithId',
    summary: 'Start playback of media and specify the playbackId.',
    responseClass: 'Playback',
    params: [CHANNEL_ID, pathParam('playbackId', 'Playback ID.'), ...PLAY_PARAMS],
    errors: [NOT_FOUND, NOT_IN_STASIS],
    handle: (a, ctx) => play(ctx, a, a.str('playbackId')),
  }),
  r({
    path: '/channels/{channelId}/record',
    pathDescription: 'Record audio from a channel',
    method: 'POST',
    nickname: 'record',
    summary: 'Start a recording.',
    responseClass: 'LiveRecording',
    params: [CHANNEL_ID, ...recordParams()],
    errors: [
      { code: 400, reason: 'Invalid parameters' },
      NOT_FOUND,
      {
        code: 409,
        reason:
          'Channel is not in a Stasis application; the channel is currently bridged with other channels; A recording with the same name already exists on the system and can not be overwritten because it is in progress or ifExists=fail',
      },
      { code: 422, reason: 'The format specified is unknown on this system' },
    ],
    handle: (a, ctx) => {
      const ch = inStasis(ctx, a);
      const rec = startRecording(ctx, { kind: 'channel', id: ch.id }, recordOptions(a));
      return created(liveRecordingJson(rec));
    },
  }),
  r({
    path: '/channels/{channelId}/variable',
    pathDescription: 'Variables on a channel',
    method: 'GET',
    nickname: 'getChannelVar',
    summary: 'Get the value of a channel variable or function.',
    responseClass: 'Variable',
    params: [
      CHANNEL_ID,
      query('variable', 'The channel variable or function to get', { required: true }),
    ],
    errors: [
      { code: 400, reason: 'Missing variable parameter.' },
      { code: 404, reason: 'Channel or variable not found' },
      NOT_IN_STASIS,
    ],
    handle: (a, ctx) => ok({ value: getVariable(inStasis(ctx, a), a.str('variable')) }),
  }),
  r({
    path: '/channels/{channelId}/variable',
    pathDescription: 'Variables on a channel',
    method: 'POST',
    nickname: 'setChannelVar',
    summary: 'Set the value of a channel variable or function.',
    responseClass: 'void',
    params: [
      CHANNEL_ID,
      query('variable', 'The channel variable or function to set', { required: true }),
      query('value', 'The value to set the variable to'),
    ],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }, NOT_FOUND, NOT_IN_STASIS],
    handle: (a, ctx) => {
      setChannelVariable(ctx, inStasis(ctx, a), a.str('variable'), a.opt('value') ?? '');
      return noContent();
    },
  }),
  r({
    path: '/channels/{channelId}/snoop',
    pathDescription: 'Snoop (spy/whisper) on a channel',
    method: 'POST',
    nickname: 'snoopChannel',
    summary: 'Start snooping.',
    responseClass: 'Channel',
    params: [
      CHANNEL_ID,
      ...SNOOP_PARAMS,
      query('snoopId', 'Unique ID to assign to snooping channel'),
    ],
    errors: [{ code: 400, reason: 'Invalid parameters' }, NOT_FOUND],
    handle: (a, ctx) => doSnoop(ctx, a, a.opt('snoopId')),
  }),
  r({
    path: '/channels/{channelId}/snoop/{snoopId}',
    pathDescription: 'Snoop (spy/whisper) on a channel',
    method: 'POST',
    nickname: 'snoopChannelWithId',
    summary: 'Start snooping.',
    responseClass: 'Channel',
    params: [
      CHANNEL_ID,
      pathParam('snoopId', 'Unique ID to assign to snooping channel'),
      ...SNOOP_PARAMS,
    ],
    errors: [{ code: 400, reason: 'Invalid parameters' }, NOT_FOUND],
    handle: (a, ctx) => doSnoop(ctx, a, a.str('snoopId')),
  }),
];
