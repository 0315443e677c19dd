import type { Route } from './route.js';
import { bridgeRoutes } from './routes/bridges.js';
import { channelRoutes } from './routes/channels.js';
import { playbackRoutes } from './routes/playbacks.js';
import { recordingRoutes } from './routes/recordings.js';
import { systemRoutes } from './routes/system.js';

/** Every ARI operation the simulator serves. */
export const ARI_ROUTES: readonly Route[] = [
  ...systemRoutes.filter((r) => r.resource === 'asterisk' || r.resource === 'endpoints'),
  ...channelRoutes,
  ...bridgeRoutes,
  ...recordingRoutes,
  ...systemRoutes.filter((r) => r.resource === 'sounds'),
  ...playbackRoutes,
  ...systemRoutes.filter((r) => !['asterisk', 'endpoints', 'sounds'].includes(r.resource)),
];
