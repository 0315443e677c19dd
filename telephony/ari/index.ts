export { AriClientPort, type AriPortOptions } from './ari-client-port.js';
export { GONE, isGone } from './port.js';
export type {
  AriPort,
  AriTarget,
  AudioDirection,
  ConnectionInfo,
  Done,
  Gone,
  HangupReason,
  OriginateRequest,
  RecordRequest,
  SnoopRequest,
} from './port.js';
export type { AriEvent, AriEventOf, AriEventType, KnownAriEvent, OtherAriEvent } from './events.js';
export { parseAriEvent, AriEventShapeError } from './events.js';
export type {
  AriApplication,
  AriBridge,
  AriChannel,
  AriLiveRecording,
  AriPlayback,
  AriStoredRecording,
} from './types.js';
export { AriError, type AriErrorCode } from './errors.js';
export type { AriLogger } from './logger.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
