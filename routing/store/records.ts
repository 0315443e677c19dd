import { RoutingError } from '../errors.js';
import type { AfterCallMove } from '../core/agent-state.js';
import { stickyBecause } from '../core/eligibility.js';
import { AGENT_STATES } from '../core/types.js';
import type {
  AgentCandidate,
  AgentProfile,
  AgentState,
  CallInput,
  RoutedCall,
  StickyStatus,
} from '../core/types.js';

/** Redis hashes come back as flat string maps (JSON-encoded by the scripts). */
export type RawHash = Record<string, string>;

export interface AgentRecord {
  id: string;
  ver: string;
  state: AgentState;
  /** In the free sets of its queues (an `available` agent may still be waiting to be matched). */
  free: boolean;
  reason: string;
  callId: string | null;
  since: number;
  idleSince: number;
  day: string;
  calls: number;
  talkMs: number;
  missed: number;
  profile: AgentProfile;
  lastOffered: Record<string, number>;
  wrapUntil: number | null;
  /** Only on a preferred agent's record: is it a member of the call's queue? */
  member: boolean | null;
  /** A pause or logout ordered during the agent's call, waiting for it to end. */
  afterCall: AfterCallMove | null;
}

export type CallState = 'waiting' | 'offered' | 'on_call';

export interface CallRecord {
  id: string;
  ver: string;
  state: CallState;
  queueId: string;
  input: CallInput;
  routed: RoutedCall;
  agentId: string | null;
  attempt: number;
  why: string;
  deadline: number | null;
  /** Where the preferred agent is, as the hold rule needs it. */
  sticky: StickyStatus;
  score: string;
  /** The agent offered the call in one step, as it was then (the reason is told from it). */
  offeredTo: AgentRecord | null;
  offeredAt: number | null;
}

const num = (s: string | undefined): number => {
  const n = s === undefined || s === '' ? 0 : Number(s);
  return Number.isFinite(n) ? n : 0;
};

// Profiles are re-read on every decision; parsing each distinct JSON once keeps that cheap.
const profileCache = new Map<string, AgentProfile>();
function parseProfile(json: string | undefined): AgentProfile {
  const key = json ?? '{}';
  let p = profileCache.get(key);
  if (!p) {
    p = JSON.parse(key) as AgentProfile;
    if (profileCache.size > 20_000) profileCache.clear();
    profileCache.set(key, p);
  }
  return p;
}

const callInputCache = new Map<string, CallInput>();
function parseCallInput(json: string | undefined): CallInput {
  const key = json ?? '{}';
  let c = callInputCache.get(key);
  if (!c) {
    c = JSON.parse(key) as CallInput;
    if (callInputCache.size > 20_000) callInputCache.clear();
    callInputCache.set(key, c);
  }
  return c;
}

function asState(s: string | undefined): AgentState {
  if (s && (AGENT_STATES as readonly string[]).includes(s)) return s as AgentState;
  if (s === undefined) return 'logged_out';
  throw new RoutingError('store_reply', `unknown agent state in store: ${s}`);
}

export function parseAgentRecord(raw: RawHash): AgentRecord {
  const lastOffered: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('lo:')) lastOffered[k.slice(3)] = num(v);
  }
  const id = raw.id ?? '';
  return {
    id,
    ver: raw.ver ?? '0',
    state: asState(raw.state),
    free: raw.free === '1',
    reason: raw.reason ?? '',
    callId: raw.call ? raw.call : null,
    since: num(raw.since),
    idleSince: num(raw.idle),
    day: raw.day ?? '',
    calls: num(raw.calls),
    talkMs: num(raw.talk),
    missed: num(raw.missed),
    profile: parseProfile(raw.profile),
    lastOffered,
    wrapUntil: raw.wrapUntil ? num(raw.wrapUntil) : null,
    member: raw.member === undefined ? null : raw.member === '1',
    afterCall:
      raw.ac === 'paused' || raw.ac === 'logged_out'
        ? { state: raw.ac, reason: raw.acr ?? '' }
        : null,
  };
}

/** The agent as a candidate of one queue, with today's counters (zero on a new day). */
export function candidateFor(rec: AgentRecord, queueId: string, today: string): AgentCandidate {
  const sameDay = rec.day === today;
  return {
    id: rec.id,
    skills: rec.profile.skills,
    groups: rec.profile.groups,
    rank: rec.profile.queues.find((q) => q.queueId === queueId)?.rank ?? 1,
    idleSince: rec.idleSince,
    callsToday: sameDay ? rec.calls : 0,
    talkSecondsToday: sameDay ? rec.talkMs / 1000 : 0,
    lastOfferedAt: rec.lastOffered[queueId] ?? 0,
  };
}

/**
 * `busy` when the preferred agent is logged into the call's queue and will become free (on a
 * call, ringing, in wrap-up, about to be matched); `free` when already free; `away` otherwise.
 */
export function stickyStatusOf(
  state: string | undefined,
  free: boolean,
  member: boolean,
): StickyStatus {
  if (!member || state === undefined || state === 'logged_out' || state === 'paused') return 'away';
  return state === 'available' && free ? 'free' : 'busy';
}

export function parseCallRecord(raw: RawHash): CallRecord {
  const input = parseCallInput(raw.data);
  const declined: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith('d:')) declined[k.slice(2)] = num(v);
  }
  const stickyAgentId = raw.sticky ? raw.sticky : null;
  const state = raw.state as CallState;
  const routed: RoutedCall = {
    id: raw.id ?? input.id,
    queueId: raw.queue ?? input.queueId,
    enqueuedAt: num(raw.enq),
    queueEnteredAt: num(raw.qenq),
    basePriority: num(raw.prio),
    vip: input.vip ?? false,
    tier: input.tier ?? null,
    requirements: input.requirements ?? null,
    relaxation: input.relaxation ?? null,
    stickyAgentId,
    stickyBecause: stickyBecause(input, stickyAgentId),
    stickyUntil: raw.stickyUntil ? num(raw.stickyUntil) : null,
    declined,
    hops: num(raw.hops),
  };
  return {
    id: routed.id,
    ver: raw.ver ?? '0',
    state,
    queueId: routed.queueId,
    input,
    routed,
    agentId: raw.agent ? raw.agent : null,
    attempt: num(raw.attempt),
    why: raw.why ?? '',
    deadline: raw.deadline ? num(raw.deadline) : null,
    sticky: stickyAgentId ? stickyStatusOf(raw.sst, raw.sfree === '1', raw.smem === '1') : 'away',
    score: raw.score ?? '0',
    offeredTo: raw.wa ? parseAgentRecord(JSON.parse(raw.wa) as RawHash) : null,
    offeredAt: raw.offeredAt ? num(raw.offeredAt) : null,
  };
}

/** cjson encodes an empty Lua table as {}: lists come back as [] or {}. */
export function list<T>(x: unknown): T[] {
  return Array.isArray(x) ? (x as T[]) : [];
}
