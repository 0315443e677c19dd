import { defineScript } from './lua-common.js';

export const RESERVE = defineScript(
  'reserve',
  `
-- KEYS[1] agent hash, KEYS[2] call hash
-- ARGV[5] agent id, ARGV[6] agent version seen, ARGV[7] call id, ARGV[8] call version seen,
-- ARGV[9] ring deadline ms, ARGV[10] reason text, ARGV[11] states the agent may be in
-- Derived keys: free sets of the agent's queues, the call's waiting list, offers/due/pending/
-- wrapups sets, the queue's stats
-- Compare-and-set: reserves only if neither the agent nor the call changed since the decision,
-- so an agent is never reserved for two calls nor a call offered to two agents.
-- Reply: {ok, attempt} or {conflict = 'agent' | 'call'}`,
  `
local aid, cid = ARGV[5], ARGV[7]
local a = hgetall(KEYS[1])
if not a or a.ver ~= ARGV[6] or not has(words(ARGV[11]), a.state) then
  return reply({ conflict = 'agent' })
end
local c = hgetall(KEYS[2])
if not c or c.ver ~= ARGV[8] or c.state ~= 'waiting' then return reply({ conflict = 'call' }) end
reserveAgent(KEYS[1], aid, a, cid, c.queue, ARGV[9])
redis.call('HSET', KEYS[2], 'state', 'offered', 'agent', aid, 'deadline', ARGV[9],
  'offeredAt', ARGV[2], 'why', ARGV[10])
redis.call('HINCRBY', KEYS[2], 'ver', 1)
local attempt = redis.call('HINCRBY', KEYS[2], 'attempt', 1)
removeWaiting(c.queue, cid)
redis.call('ZREM', K_DUE, cid)
if c.sticky and c.sticky ~= '' then redis.call('SREM', kHeld(c.sticky), cid) end
return reply({ ok = true, attempt = tostring(attempt), queueId = c.queue })`,
);

export const ACCEPT = defineScript(
  'accept',
  `
-- KEYS[1] agent hash, KEYS[2] call hash
-- ARGV[5] agent id, ARGV[6] call id
-- Derived keys: offers set, the queue's enqueue list, hash (service-level threshold) and stats
-- Reply: {ok, waitMs, queueId} or {notOffered = true, callState, callAgent, agentState}`,
  `
local aid, cid = ARGV[5], ARGV[6]
local a = hmget(KEYS[1], { 'state', 'call', 'day', 'calls', 'ver' }) or {}
local c = hmget(KEYS[2], { 'state', 'agent', 'queue', 'qenq', 'ver' }) or {}
if not offeredTo(a, c, aid, cid) then return notOffered(a, c) end
dayReset(KEYS[1], a)
redis.call('HSET', KEYS[1], 'state', 'on_call', 'since', ARGV[2], 'missed', '0',
  'calls', num(a.calls) + 1, 'ver', num(a.ver) + 1)
redis.call('HSET', KEYS[2], 'state', 'on_call', 'answeredAt', ARGV[2], 'ver', num(c.ver) + 1)
redis.call('ZREM', K_OFFERS, cid)
redis.call('ZREM', kEnq(c.queue), cid)
local wait = math.max(0, NOW - num(c.qenq))
stat(c.queue, 'answered', 1)
stat(c.queue, 'waitMs', fmt(wait))
local sl = num(redis.call('HGET', kQueue(c.queue), 'slMs'))
if wait <= sl then stat(c.queue, 'answeredSl', 1) end
return reply({ ok = true, waitMs = fmt(wait), queueId = c.queue })`,
);

export const REJECT = defineScript(
  'reject',
  `
-- KEYS[1] agent hash, KEYS[2] call hash
-- ARGV[5] agent id, ARGV[6] call id, ARGV[7] consecutive misses that pause the agent (0: never),
-- ARGV[8] the agent's reason, kept on the call for the supervisor
-- Derived keys: the call's waiting list and queue hash, offers/due/pending sets, stats
-- The call returns to its place; the agent is available again (to be matched) or paused.
-- Reply: {ok, agentState, queueId} or {notOffered = true, callState, callAgent, agentState}`,
  `
local aid, cid = ARGV[5], ARGV[6]
local a = hgetall(KEYS[1]) or {}
local c = hgetall(KEYS[2]) or {}
if not offeredTo(a, c, aid, cid) then return notOffered(a, c) end
requeue(cid, c, aid)
redis.call('HSET', KEYS[2], 'why', 'rejected by agent ' .. aid .. ': ' .. ARGV[8])
local st = missOffer(KEYS[1], aid, a, tonumber(ARGV[7]))
stat(c.queue, 'rejected', 1)
return reply({ ok = true, agentState = st, queueId = c.queue })`,
);

export const EXPIRE_OFFERS = defineScript(
  'expire_offers',
  `
-- KEYS[1] offers set (call id by ring deadline)
-- ARGV[5] consecutive misses that pause the agent (0: never), ARGV[6] most offers to expire
-- Derived keys: each expired call and its agent, waiting lists, due/pending sets, stats
-- Whichever node's timer fires first expires the offers; each returns to its place in its queue.
-- Reply: [{callId, agentId, agentState, queueId}]`,
  `
local out = {}
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[6]))
for _, cid in ipairs(ids) do
  redis.call('ZREM', KEYS[1], cid)
  local c = hgetall(kCall(cid))
  if c and c.state == 'offered' then
    local aid = c.agent
    local ak = kAgent(aid)
    local a = hgetall(ak) or {}
    requeue(cid, c, aid)
    local st = a.state or 'unknown'
    if a.state == 'reserved' and a.call == cid then st = missOffer(ak, aid, a, tonumber(ARGV[5])) end
    stat(c.queue, 'ringNoAnswer', 1)
    out[#out + 1] = { callId = cid, agentId = aid, agentState = st, queueId = c.queue }
  end
end
return reply(out)`,
);

export const EXTEND_OFFER = defineScript(
  'extend_offer',
  `
-- KEYS[1] agent hash, KEYS[2] call hash
-- ARGV[5] agent id, ARGV[6] call id, ARGV[7] new ring deadline ms
-- Derived keys: offers set
-- A reservation that must outlast the queue's ring time (a callback: the agent is reserved
-- while the customer's phone rings) moves its deadline; nothing else changes.
-- Reply: {ok} or {notOffered = true, callState, callAgent, agentState}`,
  `
local aid, cid = ARGV[5], ARGV[6]
local a = hgetall(KEYS[1]) or {}
local c = hgetall(KEYS[2]) or {}
if not offeredTo(a, c, aid, cid) then return notOffered(a, c) end
redis.call('HSET', KEYS[2], 'deadline', ARGV[7])
redis.call('ZADD', K_OFFERS, ARGV[7], cid)
return reply({ ok = true })`,
);
