/**
 * Every Redis key of the ACD, under one prefix. Lua scripts build the per-queue, per-agent and
 * per-call keys they discover while running (an agent's queues, say) with `LUA_KEYS` below, which
 * spells the same names: keep the two in step.
 */
export interface RoutingKeys {
  readonly prefix: string;
  /** Set of queue ids. */
  readonly queues: string;
  /** Set of agent ids that have a record. */
  readonly agents: string;
  /** Set of live call ids. */
  readonly calls: string;
  /** Sorted set: offered call id by ring deadline (ms). */
  readonly offers: string;
  /** Sorted set: waiting call id by the time it must be reviewed (relaxation, overflow...). */
  readonly due: string;
  /** Sorted set: agent id by the end of their wrap-up. */
  readonly wrapups: string;
  /** Sorted set: available agents not yet matched (after a reject, a timeout, a login). */
  readonly pending: string;
  /** Set of queue ids to check for callers nobody logged in can serve. */
  readonly checkQueues: string;
  /** Stream of reservations and releases, when the journal is on. */
  readonly journal: string;
  /** Hash: cfg (JSON), cfgver, wver (bumped when a call is added), mver (members), slMs, wrapMs. */
  queue(id: string): string;
  /** Sorted set: waiting call ids by `callOrderKey`. */
  waiting(queueId: string): string;
  /** Sorted set: waiting call ids by the waiting-list version their insertion produced. */
  waitingAdded(queueId: string): string;
  /** Sorted set: waiting or ringing call ids by first enqueue time (longest wait). */
  enqueued(queueId: string): string;
  /** Sorted set: free agent ids by `agentOrderKey`. */
  free(queueId: string): string;
  /** Set: logged-in member agent ids. */
  members(queueId: string): string;
  agent(id: string): string;
  /** Set: waiting calls held for this agent as their preferred agent. */
  held(agentId: string): string;
  call(id: string): string;
  /** Hash of the day's counters of a queue. */
  stats(queueId: string, day: string): string;
}

export function routingKeys(prefix: string): RoutingKeys {
  const p = prefix;
  return {
    prefix: p,
    queues: `${p}queues`,
    agents: `${p}agents`,
    calls: `${p}calls`,
    offers: `${p}offers`,
    due: `${p}due`,
    wrapups: `${p}wrapups`,
    pending: `${p}pending`,
    checkQueues: `${p}checkq`,
    journal: `${p}journal`,
    queue: (id) => `${p}q:${id}`,
    waiting: (id) => `${p}q:${id}:wait`,
    waitingAdded: (id) => `${p}q:${id}:wadd`,
    enqueued: (id) => `${p}q:${id}:enq`,
    free: (id) => `${p}q:${id}:free`,
    members: (id) => `${p}q:${id}:members`,
    agent: (id) => `${p}a:${id}`,
    held: (id) => `${p}a:${id}:held`,
    call: (id) => `${p}c:${id}`,
    stats: (q, day) => `${p}st:${q}:${day}`,
  };
}

/** The same names for Lua; `P` is the prefix (ARGV[1] of every script). */
export const LUA_KEYS = `
local K_QUEUES = P .. 'queues'
local K_AGENTS = P .. 'agents'
local K_CALLS = P .. 'calls'
local K_OFFERS = P .. 'offers'
local K_DUE = P .. 'due'
local K_WRAPUPS = P .. 'wrapups'
local K_PENDING = P .. 'pending'
local K_CHECKQ = P .. 'checkq'
local K_JOURNAL = P .. 'journal'
local function kQueue(id) return P .. 'q:' .. id end
local function kWait(id) return P .. 'q:' .. id .. ':wait' end
local function kWadd(id) return P .. 'q:' .. id .. ':wadd' end
local function kEnq(id) return P .. 'q:' .. id .. ':enq' end
local function kFree(id) return P .. 'q:' .. id .. ':free' end
local function kMembers(id) return P .. 'q:' .. id .. ':members' end
local function kAgent(id) return P .. 'a:' .. id end
local function kHeld(id) return P .. 'a:' .. id .. ':held' end
local function kCall(id) return P .. 'c:' .. id end
local function kStats(q, day) return P .. 'st:' .. q .. ':' .. day end
`;
