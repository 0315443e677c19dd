/**
 * Public API of routing/ (the ACD): everything other folders may import is exported here.
 *
 * Decision core (pure; time is a number of ms passed in):
 *   chooseAgent({call, queue, candidates, now, sticky}) → {agent, reason, explanation} | {agent: null, reason}
 *   chooseCall({agent, candidates, now})    → {item, priority, reason, explanation} | {item: null, reason}
 *   (an offer's `explanation` is its why as data; `reason` = describeOffer(explanation))
 *   checkEligibility, activeRequirements, basePriority, effectivePriority, callOrderKey,
 *   agentOrderKey, reviewCall, nextReviewAt, estimateWaitSeconds, erlangC, serviceLevel,
 *   averageSpeedOfAnswer, agentsForServiceLevel, allowedMoves/assertMove (agent state machine).
 *
 * Store (Redis through the ScriptRunner port; every state change is one Lua script):
 *   const acd = new AcdStore(runner, { prefix, now?, maxMissedOffers?, journal?, ... })
 *   upsertQueue(config) → QueueConfig
 *   loginAgent(profile, {ready?, pauseReason?}) → Offer | null
 *   updateAgent(profile) → Offer | null
 *   logoutAgent(agentId) / pauseAgent(agentId, reason) → {requeued: CallOutcome | null}
 *   setAgentAvailable(agentId) = agentReady(agentId) → Offer | null
 *   enqueue(call) → CallOutcome (offer | queued | exit)
 *   accept(callId, agentId) → {queueId, waitSeconds}
 *   reject(callId, agentId, reason) → {callOffer, agentOffer, agentState, events}
 *   expireOffers() → RoutingEvent[]
 *   release(agentId) → {callId, queueId, talkSeconds, wrapUpUntil, offer}
 *   endWrapUp(agentId) → Offer | null
 *   dequeue(callId, 'abandoned' | 'cancelled') → {agentOffer, released}
 *   overflowDue() → RoutingEvent[];  tick() → {events, failures}
 *   position(callId) → number | null;  estimatedWait(callId) → WaitEstimate
 *   liveStats(queueId) → LiveQueueStats;  wallboard(queueIds?) → Wallboard
 *   snapshot() → AcdSnapshot;  rebuild({queues, agents, liveCalls}) → RebuildResult
 *   readJournal(after?, count?) → JournalEntry[];  auditJournal() → JournalVerdict
 *
 * Simulation (pure): runSimulation(scenario) for `npm run sim:acd`.
 */
export { RoutingError, type RoutingErrorCode } from './errors.js';

export * from './core/types.js';
export {
  parseAgentProfile,
  parseCallInput,
  parseQueueConfig,
  type AgentProfileInput,
  type QueueConfigInput,
} from './core/validate.js';
export {
  BUSY_STATES,
  NO_ANSWER,
  afterCall,
  afterMissedOffer,
  allowedMoves,
  assertMove,
  canMove,
  statesAllowing,
  waitsForCall,
  type AfterCallMove,
} from './core/agent-state.js';
export {
  activeRequirements,
  finalRequirements,
  meetsRequirements,
  missingSkill,
  skillEvidence,
  type ActiveRequirements,
} from './core/skills.js';
export {
  agedBy,
  basePriority,
  callOrderKey,
  compareCalls,
  effectivePriority,
} from './core/priority.js';
export { agentOrderKey, compareAgents, strategyMetric } from './core/strategy.js';
export {
  describeMetric,
  describeNote,
  describeOffer,
  describeSkillEvidence,
  type AgentChoiceExplanation,
  type CallChoiceExplanation,
  type EligibilityNote,
  type OfferExplanation,
  type SkillEvidence,
  type StrategyMetric,
} from './core/explanation.js';
export {
  agentFilter,
  checkEligibility,
  holdingForPreferred,
  passesFilter,
  stickyBecause,
  stickyTarget,
  vipGroupUntil,
  type AgentFilter,
  type Eligibility,
} from './core/eligibility.js';
export {
  chooseAgent,
  noFreeAgentReason,
  noQualifiedFreeAgentReason,
  chooseCall,
  type AgentDecision,
  type CallCandidate,
  type CallDecision,
  type ChooseAgentInput,
  type ChooseCallInput,
} from './core/choose.js';
export {
  anyQualified,
  nextReviewAt,
  refuseFull,
  reviewCall,
  type ReviewContext,
  type ReviewDecision,
} from './core/overflow.js';
export { movedCall, toRoutedCall } from './core/call.js';
export { averageHandleSeconds, estimateWaitSeconds, type WaitEstimateInput } from './core/ewt.js';
export {
  agentsForServiceLevel,
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  occupancy,
  serviceLevel,
  trafficErlangs,
} from './core/erlang.js';

export type { LuaScript, ScriptRunner } from './store/port.js';
export { routingKeys, type RoutingKeys } from './store/keys.js';
export { AcdStore, type TickResult } from './store/acd-store.js';
export type { AcdStoreOptions } from './store/context.js';
export type {
  CallOutcome,
  LeaveOutcome,
  Offer,
  OfferWhy,
  RejectOutcome,
  ReleaseOutcome,
  RoutingEvent,
} from './store/outcomes.js';
export type { LiveQueueStats, WaitEstimate, Wallboard } from './store/live-stats.js';
export type { AcdSnapshot } from './store/snapshot.js';
export type { RebuildAgent, RebuildCall, RebuildInput, RebuildResult } from './store/recovery.js';
export type { TickFailure } from './store/timers.js';
export { JournalAudit, type JournalEntry, type JournalVerdict } from './store/journal.js';

export {
  runSimulation,
  type CallRoute,
  type CallerClass,
  type HandleTimeModel,
  type SimulationResult,
  type SimulationScenario,
} from './simulation/engine.js';
export { contactCentreScenario, erlangScenario } from './simulation/scenarios.js';
export { createRandom, type Random } from './simulation/random.js';
