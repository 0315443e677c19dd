import { conflict, notFound } from '../../errors.js';
import {
  getLiveRecording,
  muteRecording,
  pauseRecording,
  stopRecording,
  unpauseRecording,
} from '../../engine/recording.js';
import type { Ctx } from '../../context.js';
import { liveRecordingJson } from '../../snapshots.js';
import { noContent, ok, pathParam, query, type Route } from '../route.js';

const NAME = pathParam('recordingName', 'The name of the recording');
const NOT_FOUND = { code: 404, reason: 'Recording not found' };
const NOT_IN_SESSION = { code: 409, reason: 'Recording not in session' };

const r = (route: Omit<Route, 'resource'>): Route => ({ resource: 'recordings', ...route });

function stored(ctx: Ctx, name: string) {
  const rec = ctx.store.find(name);
  if (!rec) throw notFound('Recording');
  return rec;
}

const live = (
  path: string,
  method: Route['method'],
  nickname: string,
  summary: string,
  act: (ctx: Ctx, name: string) => void,
  errors = [NOT_FOUND, NOT_IN_SESSION],
): Route =>
  r({
    path,
    pathDescription: 'A recording that is in progress',
    method,
    nickname,
    summary,
    responseClass: 'void',
    params: [NAME],
    errors,
    handle: (a, ctx) => {
      act(ctx, a.str('recordingName'));
      return noContent();
    },
  });

export const recordingRoutes: Route[] = [
  r({
    path: '/recordings/stored',
    pathDescription: 'Recordings',
    method: 'GET',
    nickname: 'listStored',
    summary: 'List recordings that are complete.',
    responseClass: 'List[StoredRecording]',
    params: [],
    errors: [],
    handle: (_a, ctx) => ok(ctx.store.list()),
  }),
  r({
    path: '/recordings/stored/{recordingName}',
    pathDescription: 'Individual recording',
    method: 'GET',
    nickname: 'getStored',
    summary: "Get a stored recording's details.",
    responseClass: 'StoredRecording',
    params: [NAME],
    errors: [NOT_FOUND],
    handle: (a, ctx) => ok(stored(ctx, a.str('recordingName'))),
  }),
  r({
    path: '/recordings/stored/{recordingName}',
    pathDescription: 'Individual recording',
    method: 'DELETE',
    nickname: 'deleteStored',
    summary: 'Delete a stored recording.',
    responseClass: 'void',
    params: [NAME],
    errors: [NOT_FOUND],
    handle: (a, ctx) => {
      const rec = stored(ctx, a.str('recordingName'));
      ctx.store.remove(rec.name, rec.format);
      return noContent();
    },
  }),
  r({
    path: '/recordings/stored/{recordingName}/file',
    pathDescription: 'The actual file associated with the stored recording',
    method: 'GET',
    nickname: 'getStoredFile',
    summary: 'Get the file associated with the stored recording.',
    responseClass: 'binary',
    params: [NAME],
    errors: [{ code: 403, reason: 'The recording file could not be opened' }, NOT_FOUND],
    handle: (a, ctx) => {
      const rec = stored(ctx, a.str('recordingName'));
      return {
        status: 200,
        binary: ctx.store.read(rec.name, rec.format),
        contentType: rec.format === 'wav' ? 'audio/wav' : 'application/octet-stream',
      };
    },
  }),
  r({
    path: '/recordings/stored/{recordingName}/copy',
    pathDescription: 'Copy an individual recording',
    method: 'POST',
    nickname: 'copyStored',
    summary: 'Copy a stored recording.',
    responseClass: 'StoredRecording',
    params: [
      { ...NAME, description: 'The name of the recording to copy' },
      query('destinationRecordingName', 'The destination name of the recording', {
        required: true,
      }),
    ],
    errors: [
      NOT_FOUND,
      { code: 409, reason: 'A recording with the same name already exists on the system' },
    ],
    handle: (a, ctx) => {
      const rec = stored(ctx, a.str('recordingName'));
      const dest = a.str('destinationRecordingName');
      if (ctx.store.find(dest))
        throw conflict('A recording with the same name already exists on the system');
      ctx.store.write(dest, rec.format, ctx.store.read(rec.name, rec.format));
      return ok({ name: dest, format: rec.format });
    },
  }),
  r({
    path: '/recordings/live/{recordingName}',
    pathDescription: 'A recording that is in progress',
    method: 'GET',
    nickname: 'getLive',
    summary: 'List live recordings.',
    responseClass: 'LiveRecording',
    params: [NAME],
    errors: [NOT_FOUND],
    handle: (a, ctx) => ok(liveRecordingJson(getLiveRecording(ctx, a.str('recordingName')))),
  }),
  live(
    '/recordings/live/{recordingName}',
    'DELETE',
    'cancel',
    'Stop a live recording and discard it.',
    (ctx, n) => stopRecording(ctx, getLiveRecording(ctx, n), true),
    [NOT_FOUND],
  ),
  live(
    '/recordings/live/{recordingName}/stop',
    'POST',
    'stop',
    'Stop a live recording and store it.',
    (ctx, n) => stopRecording(ctx, getLiveRecording(ctx, n)),
    [NOT_FOUND],
  ),
  live(
    '/recordings/live/{recordingName}/pause',
    'POST',
    'pause',
    'Pause a live recording.',
    (ctx, n) => pauseRecording(ctx, getLiveRecording(ctx, n)),
  ),
  live(
    '/recordings/live/{recordingName}/pause',
    'DELETE',
    'unpause',
    'Unpause a live recording.',
    (ctx, n) => unpauseRecording(ctx, getLiveRecording(ctx, n)),
  ),
  live(
    '/recordings/live/{recordingName}/mute',
    'POST',
    'mute',
    'Mute a live recording.',
    (ctx, n) => muteRecording(ctx, getLiveRecording(ctx, n), true),
  ),
  live(
    '/recordings/live/{recordingName}/mute',
    'DELETE',
    'unmute',
    'Unmute a live recording.',
    (ctx, n) => muteRecording(ctx, getLiveRecording(ctx, n), false),
  ),
];
