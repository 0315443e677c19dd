import { defineScript } from './lua-common.js';

export const LOGIN_AGENT = defineScript(
  'login_agent',
  `
-- KEYS[1] agent hash
-- ARGV[5] agent id, ARGV[6] profile JSON, ARGV[7] queue ids (space-separated),
-- ARGV[8] state to enter ('available' | 'paused'), ARGV[9] pause reason,
-- ARGV[10] states the move is allowed from (space-separated, from core/agent-state.ts)
-- Derived keys: queue hash and members set of each queue, agent index, pending set
-- Reply: {ok, ver} or {illegal = current state}`,
  `
local aid = ARGV[5]
local cur = redis.call('HGET', KEYS[1], 'state') or 'logged_out'
if not has(words(ARGV[10]), cur) then return reply({ illegal = cur }) end
redis.call('HSET', KEYS[1], 'id', aid, 'profile', ARGV[6], 'queues', ARGV[7], 'state', ARGV[8],
  'reason', ARGV[9], 'free', '0', 'call', '', 'since', ARGV[2], 'idle', ARGV[2], 'missed', '0',
  'ac', '', 'acr', '')
skillFields(KEYS[1], ARGV[6])
local v = redis.call('HINCRBY', KEYS[1], 'ver', 1)
for _, q in ipairs(words(ARGV[7])) do
  redis.call('SADD', kMembers(q), aid)
  redis.call('HINCRBY', kQueue(q), 'mver', 1)
end
redis.call('SADD', K_AGENTS, aid)
if ARGV[8] == 'available' then redis.call('ZADD', K_PENDING, ARGV[2], aid) end
return reply({ ok = true, ver = tostring(v) })`,
);

export const UPDATE_AGENT_PROFILE = defineScript(
  'update_agent_profile',
  `
-- KEYS[1] agent hash
-- ARGV[5] agent id, ARGV[6] profile JSON, ARGV[7] queue ids (space-separated)
-- Derived keys: members and free sets of old and new queues, pending set
-- A free agent leaves the free sets and is matched again (new skills, new queues).
-- Reply: {ok, state} or {missing = true} or {illegal = 'logged_out'}`,
  `
local aid = ARGV[5]
local a = hgetall(KEYS[1])
if not a then return reply({ missing = true }) end
if a.state == 'logged_out' then return reply({ illegal = 'logged_out' }) end
for _, q in ipairs(words(a.queues)) do
  redis.call('SREM', kMembers(q), aid)
  redis.call('ZREM', kFree(q), aid)
  redis.call('HINCRBY', kQueue(q), 'mver', 1)
  redis.call('SADD', K_CHECKQ, q)
end
for _, q in ipairs(words(ARGV[7])) do
  redis.call('SADD', kMembers(q), aid)
  redis.call('HINCRBY', kQueue(q), 'mver', 1)
end
redis.call('HSET', KEYS[1], 'profile', ARGV[6], 'queues', ARGV[7])
skillFields(KEYS[1], ARGV[6])
if a.state == 'available' then
  redis.call('HSET', KEYS[1], 'free', '0')
  redis.call('ZADD', K_PENDING, ARGV[2], aid)
end
redis.call('HINCRBY', KEYS[1], 'ver', 1)
return reply({ ok = true, state = a.state })`,
);

export const LOGOUT_AGENT = defineScript(
  'logout_agent',
  `
-- KEYS[1] agent hash
-- ARGV[5] agent id, ARGV[6] states logout is allowed from now (space-separated), ARGV[7] states in
-- which it waits for the end of the agent's call instead (core/agent-state.ts BUSY_STATES; '':
-- never)
-- Derived keys: members, free and queue hashes of the agent's queues, the offered call (back to
-- its queue), offers/due/pending/wrapups sets, queue-check set
-- Reply: {ok, requeued = call id or ''} or {ok, deferred = state} or {illegal = state}
--     or {missing = true}`,
  `
local aid = ARGV[5]
local a = hgetall(KEYS[1])
if not a then return reply({ missing = true }) end
if has(words(ARGV[7]), a.state) then
  orderAfterCall(KEYS[1], 'logged_out', '')
  return reply({ ok = true, deferred = a.state })
end
if not has(words(ARGV[6]), a.state) then return reply({ illegal = a.state }) end
local requeued = returnOffered(aid, a)
stopWork(KEYS[1], aid, a, 'logged_out', '')
return reply({ ok = true, requeued = requeued })`,
);

export const PAUSE_AGENT = defineScript(
  'pause_agent',
  `
-- KEYS[1] agent hash
-- ARGV[5] agent id, ARGV[6] reason code, ARGV[7] states pausing is allowed from now
-- (space-separated), ARGV[8] states in which it waits for the end of the agent's call instead
-- (core/agent-state.ts BUSY_STATES; '': never)
-- Derived keys: free sets of the agent's queues, the offered call (back to its queue), timers
-- Reply: {ok, requeued = call id or ''} or {ok, deferred = state} or {illegal = state}
--     or {missing = true}`,
  `
local aid = ARGV[5]
local a = hgetall(KEYS[1])
if not a then return reply({ missing = true }) end
if has(words(ARGV[8]), a.state) then
  orderAfterCall(KEYS[1], 'paused', ARGV[6])
  return reply({ ok = true, deferred = a.state })
end
if not has(words(ARGV[7]), a.state) then return reply({ illegal = a.state }) end
local requeued = returnOffered(aid, a)
stopWork(KEYS[1], aid, a, 'paused', ARGV[6])
return reply({ ok = true, requeued = requeued })`,
);

export const SETTLE_AFTER_CALL = defineScript(
  'settle_after_call',
  `
-- KEYS[1] agent hash
-- ARGV[5] agent id, ARGV[6] agent version seen, ARGV[7] states allowed (space-separated)
-- The agent's call is over and a pause or logout was ordered during it (core afterCall): the
-- agent goes to that state instead of available, if nothing changed since the decision.
-- Derived keys: as logout_agent (members, free sets, queue hashes, timers, queue-check set)
-- Reply: {ok, state, reason} or {conflict = true} or {missing = true}`,
  `
local aid = ARGV[5]
local a = hgetall(KEYS[1])
if not a then return reply({ missing = true }) end
if a.ver ~= ARGV[6] or not has(words(ARGV[7]), a.state) or (a.ac or '') == '' then
  return reply({ conflict = true })
end
local state, reason = a.ac, a.acr or ''
stopWork(KEYS[1], aid, a, state, reason)
return reply({ ok = true, state = state, reason = reason })`,
);

export const AGENT_FREE = defineScript(
  'agent_free',
  `
-- KEYS[1] agent hash
-- ARGV[5] agent id, ARGV[6] agent version seen, ARGV[7] states allowed (space-separated),
-- ARGV[8] n, then n triples from ARGV[9]: queue id, its waiting-list version seen, agent order key
-- Derived keys: queue hash and free set of each queue, pending and wrapups sets
-- The agent found no call to take: it becomes free only if the agent did not change and no call
-- added to its queues since the decision is still waiting (no lost wake-up). Calls added and
-- already taken by other agents do not matter.
-- Reply: {ok} or {conflict = 'agent' | 'queue'} or {missing = true}`,
  `
local aid = ARGV[5]
local a = hmget(KEYS[1], { 'ver', 'state', 'lastq', 'relAt' })
if not a then return reply({ missing = true }) end
if a.ver ~= ARGV[6] or not has(words(ARGV[7]), a.state) then return reply({ conflict = 'agent' }) end
local n = tonumber(ARGV[8])
for i = 0, n - 1 do
  local q = ARGV[9 + i * 3]
  local seen = ARGV[10 + i * 3]
  local wver = redis.call('HGET', kQueue(q), 'wver') or '0'
  if wver ~= seen then
    local added = redis.call('ZRANGEBYSCORE', kWadd(q), '(' .. seen, '+inf', 'LIMIT', 0, 1)
    if #added > 0 then return reply({ conflict = 'queue' }) end
  end
end
endWrap(a)
for i = 0, n - 1 do redis.call('ZADD', kFree(ARGV[9 + i * 3]), ARGV[11 + i * 3], aid) end
redis.call('ZREM', K_PENDING, aid)
redis.call('ZREM', K_WRAPUPS, aid)
local ver = num(a.ver) + 1
if a.state ~= 'available' then
  redis.call('HSET', KEYS[1], 'state', 'available', 'free', '1', 'reason', '', 'since', ARGV[2],
    'ver', ver)
else
  redis.call('HSET', KEYS[1], 'state', 'available', 'free', '1', 'reason', '', 'ver', ver)
end
return reply({ ok = true })`,
);

export const RELEASE_AGENT = defineScript(
  'release_agent',
  `
-- KEYS[1] agent hash
-- ARGV[5] agent id, ARGV[6] the call being released ('': whatever call the agent is on),
-- ARGV[7] page size of waiting calls to read for the agent's next decision when there is no
-- wrap-up (0: do not read)
-- Derived keys: the agent's call (deleted), its queue hash (wrap-up length) and stats, call
-- index, wrapups set; with no wrap-up, what read_agent_side reads
-- The call ended: the agent goes to wrap-up; talk time and handled count go to the day's stats.
-- Releasing a call already released (the agent is no longer on it) replays the first answer.
-- Reply: {ok, callId, queueId, wrapUntil, talkMs, side = agent side read|nil}
--     or {ok, again = true, callId, queueId, wrapUntil, talkMs}
--     or {illegal = state, call = the agent's call} or {missing = true}`,
  `
local aid, want = ARGV[5], ARGV[6]
local a = hgetall(KEYS[1])
if not a then return reply({ missing = true }) end
if a.state ~= 'on_call' or (want ~= '' and a.call ~= want) then
  local last = a.lastcall or ''
  if last ~= '' and (want == last or (want == '' and a.state ~= 'on_call')) then
    return reply({ ok = true, again = true, callId = last, queueId = a.lastq or '',
      wrapUntil = a.wrapUntil or ARGV[2], talkMs = a.lasttalk or '0' })
  end
  return reply({ illegal = a.state, call = a.call or '' })
end
local out = releaseCall(KEYS[1], aid, a)
local size = tonumber(ARGV[7])
if size > 0 and tonumber(out.wrapUntil) <= NOW then
  out.side = agentSide(aid, a, size)
end
return reply(out)`,
);
