// Public API of outbound/: everything other folders may import from here. All of it is pure:
// time is passed in, nothing is read or written; the BullMQ processors wrap these functions.
export { OutboundError, type OutboundErrorCode } from './errors.js';
export type { ValidationIssue } from './validation.js';
export { normalisePhone, isE164, type PhoneResult } from './phone.js';

export {
  isValidTimeZone,
  localDateTime,
  zonedDateTimeToInstant,
  type LocalDateTime,
} from './time/zoned-clock.js';
export {
  DEFAULT_CALLING_HOURS,
  isWithinCallingHours,
  nextCallingTime,
  type CallingHours,
} from './time/calling-hours.js';

export type {
  Callback,
  CallbackJob,
  CallbackKind,
  CallbackState,
  CallbackWindow,
} from './callbacks/callback.js';
export { FINAL_CALLBACK_STATES } from './callbacks/callback.js';
export { callbackJobId, parseCallbackJobId } from './callbacks/job-id.js';
export {
  parseCallbackPolicy,
  backoffDelayMs,
  type Backoff,
  type CallbackPolicy,
} from './callbacks/policy.js';
export {
  canMoveCallback,
  moveCallback,
  reserveAgent,
  releaseAgent,
  startDial,
  markConnected,
  markDialFailed,
  completeCallback,
  retryDue,
  cancelCallback,
  expireCallback,
  expireIfWindowPassed,
} from './callbacks/transitions.js';
export {
  createCallback,
  scheduleRetry,
  type NewCallbackInput,
  type RetryDecision,
} from './callbacks/schedule.js';
export { nextAttemptTime, windowFromLocal } from './callbacks/window.js';
export {
  decideAbandonedOffer,
  parseAbandonedOfferConfig,
  abandonedCallbackId,
  type AbandonedCall,
  type AbandonedOfferConfig,
  type AbandonedOfferDecision,
  type RecentCallback,
} from './callbacks/abandoned-offer.js';

export {
  JURISDICTION_CAPS,
  resolveAbandonCap,
  type AbandonCap,
  type Jurisdiction,
} from './campaigns/abandon-cap.js';
export {
  parseCampaign,
  campaignInputSchema,
  type Campaign,
  type DialMode,
  type RetryableOutcome,
} from './campaigns/campaign.js';
export {
  canMoveCampaign,
  moveCampaign,
  campaignDials,
  campaignEditable,
  type CampaignState,
} from './campaigns/campaign-state.js';

export {
  importContacts,
  type ContactImportOptions,
  type ContactImportResult,
  type ImportedContact,
  type MergedDuplicate,
  type RejectedRow,
} from './contacts/contact-import.js';
export { importDncList, type DncImportResult, type DncList } from './contacts/dnc.js';
export {
  CONTACT_OUTCOMES,
  startContactDial,
  applyContactOutcome,
  type CampaignContact,
  type ContactOutcome,
  type ContactStatus,
  type OutcomeEffect,
  type RetryRules,
} from './contacts/contact-state.js';
export {
  isCallable,
  type Callability,
  type CallableContext,
  type NotCallableReason,
} from './contacts/callable.js';

export {
  dispositionAnswer,
  isLiveAnswer,
  type AmdStatus,
  type AnswerDisposition,
} from './dialing/amd.js';

export {
  buildHandleTimeModel,
  probabilityFreeWithin,
  type BusyAgent,
  type HandleTimeModel,
} from './pacing/agent-release.js';
export {
  buildAnswerModel,
  ringingAnswerFactor,
  type AnswerModel,
  type DialResultSample,
} from './pacing/answer-model.js';
export { validatePacingInput, type PacingInput } from './pacing/pacing-input.js';
export {
  DEFAULT_PREDICTIVE_TUNING,
  answerRateUpperBound,
  targetAbandonRate,
  predictiveLines,
  type PredictiveDecision,
  type PredictiveTuning,
} from './pacing/predictive.js';
export { progressiveLines } from './pacing/progressive.js';
export { planDial, type PacingDecision } from './pacing/plan.js';

export {
  emptyAbandonWindow,
  recordLiveAnswer,
  abandonTotals,
  type AbandonTotals,
  type AbandonWindow,
} from './stats/abandon-window.js';
export {
  computeCampaignStats,
  emptyOutcomeCounts,
  type AgentTime,
  type CampaignStats,
  type CampaignStatsInput,
  type OutcomeCounts,
} from './stats/campaign-stats.js';
