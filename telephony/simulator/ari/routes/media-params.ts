import { AriHttpError, badRequest } from '../../errors.js';
import { queuePlayback } from '../../engine/playback.js';
import type { Ctx } from '../../context.js';
import { playbackJson } from '../../snapshots.js';
import type { MediaTarget } from '../../state.js';
import { created, query, type Args, type ParamSpec, type Reply } from '../route.js';

/** Parameters and handling shared by the channel and bridge play and record operations. */
export const PLAY_PARAMS: ParamSpec[] = [
  query('media', 'Media URIs to play, comma separated.', { required: true, allowMultiple: true }),
  query('lang', 'For sounds, selects language for sound.'),
  query('offsetms', 'Number of milliseconds to skip before playing.', { dataType: 'int' }),
  query('skipms', 'Number of milliseconds to skip for forward/reverse operations.', {
    dataType: 'int',
    defaultValue: 3000,
  }),
];

export function playOn(
  ctx: Ctx,
  target: MediaTarget,
  a: Args,
  playbackId: string | undefined,
  defaultLanguage: string,
): Reply {
  const media = a.list('media');
  if (media.length === 0) throw badRequest('media is required');
  const p = queuePlayback(ctx, target, media, {
    ...(playbackId ? { playbackId } : {}),
    language: a.opt('lang') ?? defaultLanguage,
  });
  return created(playbackJson(p));
}

export function recordParams(): ParamSpec[] {
  return [
    query('name', "Recording's filename", { required: true }),
    query('format', 'Format to encode audio in', { required: true }),
    query('maxDurationSeconds', 'Maximum duration of the recording, in seconds. 0 for no limit', {
      dataType: 'int',
      defaultValue: 0,
    }),
    query('maxSilenceSeconds', 'Maximum duration of silence, in seconds. 0 for no limit', {
      dataType: 'int',
      defaultValue: 0,
    }),
    query('ifExists', 'Action to take if a recording with the same name already exists.', {
      defaultValue: 'fail',
      allowableValues: ['fail', 'overwrite', 'append'],
    }),
    query('beep', 'Play beep when recording begins', { dataType: 'boolean', defaultValue: false }),
    query('terminateOn', 'DTMF input to terminate recording', {
      defaultValue: 'none',
      allowableValues: ['none', 'any', '*', '#'],
    }),
  ];
}

export function recordOptions(a: Args) {
  const maxDurationSeconds = a.int('maxDurationSeconds') ?? 0;
  if (maxDurationSeconds < 0) throw new AriHttpError(400, 'maxDurationSeconds must be 0 or more');
  return {
    name: a.str('name'),
    format: a.str('format'),
    ifExists: a.opt('ifExists') ?? 'fail',
    maxDurationSeconds,
    beep: a.bool('beep') ?? false,
    terminateOn: a.opt('terminateOn') ?? 'none',
  };
}
