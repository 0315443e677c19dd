import { defineScript } from './lua-common.js';

export const ENQUEUE = defineScript(
  'enqueue',
  `
-- KEYS[1] call hash, KEYS[2] queue hash
-- ARGV[5] call id, ARGV[6] queue id, ARGV[7] call JSON, ARGV[8] order key (callOrderKey),
-- ARGV[9] base priority, ARGV[10] first enqueue ms, ARGV[11] queue config version the key was
-- computed with, ARGV[12] max queue length (0: none), ARGV[13] review time ms ('' none),
-- ARGV[14] preferred agent id (''), ARGV[15] hold-for-preferred-until ms (''), ARGV[16] page
-- size of free agents to return, ARGV[17] reason text; for the one-step offer (agentFilter),
-- ARGV[18] ring deadline ms ('': no one-step offer), ARGV[19] required group (''), ARGV[20] most
-- free agents to look at, ARGV[21] '1' when the free set settles the decision if it is empty
-- (the call waits with reason ARGV[17]) or if none of its agents passes the filter (reason
-- ARGV[22]), ARGV[23..] (skill, min) pairs
-- Derived keys: the queue's waiting, enqueue and free sets, call index, due set, stats, agents
-- One step: the first free agent passing the core's filter is reserved at once; its record as it
-- was before the offer is kept on the call ('wa') so that the reason can be told from it.
-- Otherwise the call joins the waiting list first, then the free agents are read in the same
-- script: an agent becoming free afterwards sees the call, one free before is in the reply (no
-- lost wake-up).
-- Reply: {ok, offered = agent record} (attempt 1)
--     or {ok, settled = true, position, none = true when free agents were there but none passed}
--     or {ok, wver, mver, position, nfree, free = [agent], sticky = agent|nil}
--     or {exists} or {unknownQueue} or {stale = cfgver} or {full = length}`,
  `
local cid, q = ARGV[5], ARGV[6]
if redis.call('EXISTS', KEYS[1]) == 1 then return reply({ exists = true }) end
local qh = redis.call('HMGET', KEYS[2], 'cfgver', 'mver')
if not qh[1] then return reply({ unknownQueue = true }) end
if qh[1] ~= ARGV[11] then return reply({ stale = qh[1] }) end
local maxLen = tonumber(ARGV[12])
if maxLen > 0 then
  local len = redis.call('ZCARD', kWait(q))
  if len >= maxLen then
    stat(q, 'refusedFull', 1)
    return reply({ full = len })
  end
end
local chosen, rec, queues, scanned = nil, nil, nil, false
local oneStep = ARGV[18] and ARGV[18] ~= ''
if oneStep then
  chosen, rec, queues, scanned = firstEligible(q, ARGV[19], tonumber(ARGV[20]), 23)
end
redis.call('ZADD', kEnq(q), ARGV[10], cid)
redis.call('SADD', K_CALLS, cid)
stat(q, 'offered', 1)
if chosen then
  local wa = cjson.encode(rec)
  redis.call('HSET', KEYS[1], 'data', ARGV[7], 'queue', q, 'state', 'offered', 'ver', '1',
    'score', ARGV[8], 'prio', ARGV[9], 'enq', ARGV[10], 'qenq', ARGV[2], 'sticky', '',
    'stickyUntil', '', 'hops', '0', 'attempt', '1', 'why', '', 'wa', wa, 'agent', chosen,
    'deadline', ARGV[18], 'offeredAt', ARGV[2])
  reserveAgent(kAgent(chosen), chosen,
    { state = rec.state, free = rec.free, queues = queues, ver = rec.ver }, cid, q, ARGV[18])
  -- The record is JSON already: spliced in, not encoded a second time.
  return '{"ok":true,"offered":' .. wa .. '}'
end
local nfree = redis.call('ZCARD', kFree(q))
-- Every free agent was looked at with the core's filter and none passed: the call waits.
local none = oneStep and scanned and nfree > 0
local settled = oneStep and ARGV[21] == '1' and (nfree == 0 or none)
redis.call('HSET', KEYS[1], 'data', ARGV[7], 'queue', q, 'state', 'waiting', 'ver', '1',
  'score', ARGV[8], 'prio', ARGV[9], 'enq', ARGV[10], 'qenq', ARGV[2], 'sticky', ARGV[14],
  'stickyUntil', ARGV[15], 'hops', '0', 'attempt', '0', 'why', none and ARGV[22] or ARGV[17],
  'agent', '')
local wver = addWaiting(q, cid, ARGV[8])
if ARGV[13] ~= '' then redis.call('ZADD', K_DUE, ARGV[13], cid) end
if ARGV[14] ~= '' then redis.call('SADD', kHeld(ARGV[14]), cid) end
local position = redis.call('ZRANK', kWait(q), cid) + 1
if settled then return reply({ ok = true, settled = true, position = position, none = none }) end
local free = {}
for _, aid in ipairs(page(kFree(q), 0, tonumber(ARGV[16]), false)) do
  local a = agentRecord(aid, q)
  if a then free[#free + 1] = a end
end
local sticky = nil
if ARGV[14] ~= '' then
  sticky = agentRecord(ARGV[14], q)
  if sticky then sticky.member = tostring(redis.call('SISMEMBER', kMembers(q), ARGV[14])) end
end
return reply({ ok = true, wver = tostring(wver), mver = qh[2] or '0',
  position = position, nfree = nfree,
  free = free, sticky = sticky })`,
);

export const DEQUEUE = defineScript(
  'dequeue',
  `
-- KEYS[1] call hash
-- ARGV[5] call id, ARGV[6] 'abandoned' (caller hung up: counted) or 'cancelled' (not counted)
-- Derived keys: the queue's waiting and enqueue lists and stats, offers/due/pending sets, the
-- agent it was offered to (available again, to be matched) or connected to (released to wrap-up
-- in this same step, so that a release racing the hang-up cannot release the agent's next call),
-- call index
-- Reply: {ok, state, agentId} or {connected = agent id, released = release reply}
--     or {missing = true}`,
  `
local cid = ARGV[5]
local c = hgetall(KEYS[1])
if not c then return reply({ missing = true }) end
if c.state == 'on_call' then
  local ak = kAgent(c.agent)
  local a = hgetall(ak) or {}
  if a.state == 'on_call' and a.call == cid then
    return reply({ connected = c.agent, released = releaseCall(ak, c.agent, a) })
  end
  redis.call('DEL', KEYS[1])
  redis.call('SREM', K_CALLS, cid)
  redis.call('ZREM', kEnq(c.queue), cid)
  return reply({ ok = true, state = c.state, agentId = '', queueId = c.queue })
end
local q = c.queue
removeWaiting(q, cid)
redis.call('ZREM', kEnq(q), cid)
redis.call('ZREM', K_DUE, cid)
redis.call('ZREM', K_OFFERS, cid)
if c.sticky and c.sticky ~= '' then redis.call('SREM', kHeld(c.sticky), cid) end
local agentId = ''
if c.state == 'offered' and c.agent ~= '' then
  local ak = kAgent(c.agent)
  local a = hgetall(ak) or {}
  if a.state == 'reserved' and a.call == cid then
    agentId = c.agent
    leaveOffer(ak, agentId, 'available', '')
    journal('free', agentId, cid)
  end
end
redis.call('DEL', KEYS[1])
redis.call('SREM', K_CALLS, cid)
if ARGV[6] == 'abandoned' then
  local waited = math.max(0, NOW - num(c.qenq))
  stat(q, 'abandoned', 1)
  stat(q, 'abandonWaitMs', fmt(waited))
  local sl = num(redis.call('HGET', kQueue(q), 'slMs'))
  if waited <= sl then stat(q, 'abandonedSl', 1) end
end
return reply({ ok = true, state = c.state, agentId = agentId, queueId = q })`,
);

export const MOVE_CALL = defineScript(
  'move_call',
  `
-- KEYS[1] call hash, KEYS[2] target queue hash
-- ARGV[5] call id, ARGV[6] call version seen, ARGV[7] target queue id, ARGV[8] order key in the
-- target queue, ARGV[9] target config version, ARGV[10] review time ms (''), ARGV[11] reason,
-- ARGV[12] preferred agent id (''), ARGV[13] hold-until ms (''), ARGV[14] target max length (0)
-- Derived keys: both queues' waiting and enqueue lists and stats, due set
-- Overflow: the caller keeps their first enqueue time and base priority.
-- Reply: {ok, wver} or {conflict} or {unknownQueue} or {stale = cfgver} or {full = length}`,
  `
local cid, to = ARGV[5], ARGV[7]
local c = hgetall(KEYS[1])
if not c or c.ver ~= ARGV[6] or c.state ~= 'waiting' then return reply({ conflict = true }) end
local cfgver = redis.call('HGET', KEYS[2], 'cfgver')
if not cfgver then return reply({ unknownQueue = true }) end
if cfgver ~= ARGV[9] then return reply({ stale = cfgver }) end
local maxLen = tonumber(ARGV[14])
if maxLen > 0 and redis.call('ZCARD', kWait(to)) >= maxLen then
  return reply({ full = redis.call('ZCARD', kWait(to)) })
end
local from = c.queue
if c.sticky and c.sticky ~= '' then redis.call('SREM', kHeld(c.sticky), cid) end
if ARGV[12] ~= '' then redis.call('SADD', kHeld(ARGV[12]), cid) end
removeWaiting(from, cid)
redis.call('ZREM', kEnq(from), cid)
redis.call('ZREM', K_DUE, cid)
redis.call('HSET', KEYS[1], 'queue', to, 'qenq', ARGV[2], 'score', ARGV[8], 'why', ARGV[11],
  'sticky', ARGV[12], 'stickyUntil', ARGV[13])
redis.call('HINCRBY', KEYS[1], 'hops', 1)
redis.call('HINCRBY', KEYS[1], 'ver', 1)
local wver = addWaiting(to, cid, ARGV[8])
redis.call('ZADD', kEnq(to), c.enq, cid)
if ARGV[10] ~= '' then redis.call('ZADD', K_DUE, ARGV[10], cid) end
stat(from, 'overflowOut', 1)
stat(to, 'overflowIn', 1)
stat(to, 'offered', 1)
return reply({ ok = true, wver = tostring(wver) })`,
);

export const EXIT_CALL = defineScript(
  'exit_call',
  `
-- KEYS[1] call hash
-- ARGV[5] call id, ARGV[6] call version seen, ARGV[7] exit ('callback' | 'voicemail' |
-- 'disconnect'), ARGV[8] reason
-- Derived keys: the queue's waiting and enqueue lists and stats, due set, call index
-- The caller leaves the queue; the telephony layer plays the exit (e.g. the callback offer).
-- Reply: {ok, queueId} or {conflict}`,
  `
local cid = ARGV[5]
local c = hgetall(KEYS[1])
if not c or c.ver ~= ARGV[6] or c.state ~= 'waiting' then return reply({ conflict = true }) end
removeWaiting(c.queue, cid)
redis.call('ZREM', kEnq(c.queue), cid)
redis.call('ZREM', K_DUE, cid)
if c.sticky and c.sticky ~= '' then redis.call('SREM', kHeld(c.sticky), cid) end
redis.call('DEL', KEYS[1])
redis.call('SREM', K_CALLS, cid)
stat(c.queue, 'exits', 1)
stat(c.queue, 'exit:' .. ARGV[7], 1)
return reply({ ok = true, queueId = c.queue })`,
);

export const SET_REVIEW = defineScript(
  'set_review',
  `
-- KEYS[1] call hash, KEYS[2] due set
-- ARGV[5] call id, ARGV[6] call version seen, ARGV[7] next review ms, ARGV[8] reason text,
-- ARGV[9] '1' to stop holding the call for its preferred agent (who cannot serve it)
-- Derived keys: the preferred agent's held set, the queue hash (waiting-list version)
-- Records why a waiting call waits and when to look at it again (only if unchanged since read).
-- Ending a hold widens who may take the call, like adding a call: the waiting-list version moves.
-- Reply: {ok} or {conflict}`,
  `
local c = redis.call('HMGET', KEYS[1], 'ver', 'state', 'sticky', 'queue')
if c[1] ~= ARGV[6] or c[2] ~= 'waiting' then return reply({ conflict = true }) end
redis.call('ZADD', KEYS[2], ARGV[7], ARGV[5])
redis.call('HSET', KEYS[1], 'why', ARGV[8])
if ARGV[9] == '1' and c[3] and c[3] ~= '' then
  redis.call('SREM', kHeld(c[3]), ARGV[5])
  redis.call('HSET', KEYS[1], 'sticky', '', 'stickyUntil', '')
  redis.call('HINCRBY', KEYS[1], 'ver', 1)
  redis.call('ZADD', kWadd(c[4]), redis.call('HINCRBY', kQueue(c[4]), 'wver', 1), ARGV[5])
end
return reply({ ok = true })`,
);
