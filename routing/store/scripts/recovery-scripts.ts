import { defineScript } from './lua-common.js';

export const RESET = defineScript(
  'reset',
  `
-- KEYS[1] queue index, KEYS[2] agent index, KEYS[3] call index
-- Derived keys: every queue's hash and lists, agent hashes, call hashes, timer sets, journal
-- Deletes the live routing state (not the day's statistics) before a rebuild.
-- Reply: {queues, agents, calls} (counts deleted)`,
  `
local nq, na, nc = 0, 0, 0
for _, q in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  redis.call('DEL', kQueue(q), kWait(q), kWadd(q), kEnq(q), kFree(q), kMembers(q))
  nq = nq + 1
end
for _, aid in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  redis.call('DEL', kAgent(aid), kHeld(aid))
  na = na + 1
end
for _, cid in ipairs(redis.call('SMEMBERS', KEYS[3])) do redis.call('DEL', kCall(cid)); nc = nc + 1 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], K_OFFERS, K_DUE, K_WRAPUPS, K_PENDING, K_CHECKQ)
return reply({ queues = nq, agents = na, calls = nc })`,
);

export const RESTORE_CALL = defineScript(
  'restore_call',
  `
-- KEYS[1] call hash, KEYS[2] agent hash
-- ARGV[5] call id, ARGV[6] queue id, ARGV[7] call JSON, ARGV[8] order key, ARGV[9] base
-- priority, ARGV[10] first enqueue ms, ARGV[11] 'offered' | 'on_call', ARGV[12] agent id,
-- ARGV[13] ring deadline ms (offered) or answer time ms (on_call)
-- Derived keys: queue enqueue list, offers set, agent's free sets and timers, call index
-- Recovery: puts a ringing or connected call back with its agent (who must be logged in).
-- Reply: {ok} or {agentState = state} (agent not logged in or already busy) or {exists}`,
  `
local cid, q, aid = ARGV[5], ARGV[6], ARGV[12]
if redis.call('EXISTS', KEYS[1]) == 1 then return reply({ exists = true }) end
local a = hgetall(KEYS[2])
if not a or a.state == 'logged_out' or a.state == 'on_call' or a.state == 'reserved' then
  return reply({ agentState = a and a.state or 'unknown' })
end
unfree(aid, a)
local st = ARGV[11]
redis.call('HSET', KEYS[1], 'data', ARGV[7], 'queue', q, 'state', st, 'ver', '1', 'score', ARGV[8],
  'prio', ARGV[9], 'enq', ARGV[10], 'qenq', ARGV[10], 'sticky', '', 'stickyUntil', '', 'hops', '0',
  'attempt', '1', 'why', 'restored', 'agent', aid)
redis.call('SADD', K_CALLS, cid)
if st == 'offered' then
  redis.call('HSET', KEYS[1], 'deadline', ARGV[13], 'offeredAt', ARGV[2])
  redis.call('ZADD', K_OFFERS, ARGV[13], cid)
  redis.call('ZADD', kEnq(q), ARGV[10], cid)
  redis.call('HSET', KEYS[2], 'state', 'reserved', 'call', cid, 'cq', q, 'free', '0', 'since', ARGV[2])
else
  redis.call('HSET', KEYS[1], 'answeredAt', ARGV[13])
  redis.call('HSET', KEYS[2], 'state', 'on_call', 'call', cid, 'cq', q, 'free', '0', 'since', ARGV[13])
end
redis.call('HINCRBY', KEYS[2], 'ver', 1)
journal('reserve', aid, cid)
return reply({ ok = true })`,
);
