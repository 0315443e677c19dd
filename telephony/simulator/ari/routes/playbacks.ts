import { controlPlayback, getPlayback, stopPlayback } from '../../engine/playback.js';
import { playbackJson } from '../../snapshots.js';
import { noContent, ok, pathParam, query, type Route } from '../route.js';

const PLAYBACK_ID = pathParam('playbackId', "Playback's id");
const NOT_FOUND = { code: 404, reason: 'The playback cannot be found' };

const r = (route: Omit<Route, 'resource'>): Route => ({ resource: 'playbacks', ...route });

export const playbackRoutes: Route[] = [
  r({
    path: '/playbacks/{playbackId}',
    pathDescription: 'Control object for a playback operation.',
    method: 'GET',
    nickname: 'get',
    summary: "Get a playback's details.",
    responseClass: 'Playback',
    params: [PLAYBACK_ID],
    errors: [NOT_FOUND],
    handle: (a, ctx) => ok(playbackJson(getPlayback(ctx, a.str('playbackId')))),
  }),
  r({
    path: '/playbacks/{playbackId}',
    pathDescription: 'Control object for a playback operation.',
    method: 'DELETE',
    nickname: 'stop',
    summary: 'Stop a playback.',
    responseClass: 'void',
    params: [PLAYBACK_ID],
    errors: [NOT_FOUND],
    handle: (a, ctx) => {
      stopPlayback(ctx, getPlayback(ctx, a.str('playbackId')));
      return noContent();
    },
  }),
  r({
    path: '/playbacks/{playbackId}/control',
    pathDescription: 'Control object for a playback operation.',
    method: 'POST',
    nickname: 'control',
    summary: 'Control a playback.',
    responseClass: 'void',
    params: [
      PLAYBACK_ID,
      query('operation', 'Operation to perform on the playback.', {
        required: true,
        allowableValues: ['restart', 'pause', 'unpause', 'reverse', 'forward'],
      }),
    ],
    errors: [
      { code: 400, reason: 'The provided operation parameter was invalid' },
      NOT_FOUND,
      { code: 409, reason: "The operation cannot be performed in the playback's current state" },
    ],
    handle: (a, ctx) => {
      controlPlayback(ctx, getPlayback(ctx, a.str('playbackId')), a.str('operation'));
      return noContent();
    },
  }),
];
