/** The call layer: one call session per call, from StasisStart to the interaction row. */
export {
  createTelephony,
  type RoutingSignal,
  type TelephonyOptions,
  type TelephonyPorts,
  type TelephonyService,
} from './service.js';
export { scaledClock, type CallClock, type ScaledClockOptions } from './clock.js';
export {
  CallConfigSchema,
  parseCallConfig,
  type CallConfig,
  type CallConfigInput,
} from './config.js';
export { CallError, type CallErrorCode } from './errors.js';
export type { CallEvent, RecordingState } from './events.js';
export type { CallLogger } from './log.js';
export type { LiveCallView } from './view.js';
export type { TransferTo } from './handlers/controls.js';
export {
  appArgsOf,
  failureOfDialCause,
  isFinalDial,
  type DialFailure,
  type DialOutRecord,
  type DialOutRequest,
  type DialOutStatus,
  type DialPurpose,
} from './handlers/dial-out.js';
export type { ReconcileReport } from './handlers/reconcile.js';
export { CALL_STATES, type CallRecord, type CallState, type CallerProfile } from './model.js';
export type { CallOrigin, MonitorMode, OfferExplanation, RecordingPause } from './model.js';
export { TRANSITIONS, canMove } from './transitions.js';
export { callKeys, type CallKeys } from './keys.js';
export type {
  Acd,
  AcdCall,
  AcdOffer,
  CallbackCancelRequest,
  CallbackRequest,
  CallbackRequests,
  CallEventSink,
  CustomerLookup,
  EnqueueOutcome,
  Endpoints,
  InteractionPatch,
  InteractionSink,
  OfferFailure,
  QueueExitKind,
  SelfService,
  WaitInfo,
} from './ports.js';
