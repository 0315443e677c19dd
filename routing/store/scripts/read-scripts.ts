import { defineScript } from './lua-common.js';

export const READ_AGENT_SIDE = defineScript(
  'read_agent_side',
  `
-- KEYS[1] agent hash
-- ARGV[5] agent id, ARGV[6] page size of waiting calls per queue
-- Derived keys: each of the agent's queues (hash, waiting list) and its waiting calls, and the
-- preferred agent of each such call
-- What an agent becoming free needs to choose a call across all its queues.
-- and the calls held for this agent as their preferred agent
-- Reply: {agent, queues = [{id, wver, cfgver, waiting, calls = [call]}], held = [call]}
--     or {missing = true}`,
  `
local a = hgetall(KEYS[1])
if not a then return reply({ missing = true }) end
return reply(agentSide(ARGV[5], a, tonumber(ARGV[6])))`,
);

export const READ_WAITING_PAGE = defineScript(
  'read_waiting_page',
  `
-- KEYS[1] the queue's waiting list
-- ARGV[5] offset, ARGV[6] page size
-- Derived keys: the calls and their preferred agents
-- Reply: [call]`,
  `
local calls = {}
for _, cid in ipairs(page(KEYS[1], tonumber(ARGV[5]), tonumber(ARGV[6]), true)) do
  local c = callRecord(cid)
  if c then calls[#calls + 1] = c end
end
return reply(calls)`,
);

export const READ_CALL_SIDE = defineScript(
  'read_call_side',
  `
-- KEYS[1] call hash
-- ARGV[5] call id, ARGV[6] offset in the free list, ARGV[7] page size
-- Derived keys: the call's queue hash, free set and members, the free agents, its preferred agent
-- What a waiting call needs to choose an agent (on review, after a reject or an overflow).
-- Reply: {call, cfgver, mver, nfree, free = [agent], sticky = agent|nil} or {missing = true}`,
  `
local c = callRecord(ARGV[5])
if not c then return reply({ missing = true }) end
local q = c.queue
local qh = redis.call('HMGET', kQueue(q), 'cfgver', 'mver')
local free = {}
for _, aid in ipairs(page(kFree(q), tonumber(ARGV[6]), tonumber(ARGV[7]), false)) do
  local a = agentRecord(aid, q)
  if a then free[#free + 1] = a end
end
local sticky = nil
if c.sticky and c.sticky ~= '' then
  sticky = agentRecord(c.sticky, q)
  if sticky then sticky.member = c.smem end
end
return reply({ call = c, cfgver = qh[1] or '', mver = qh[2] or '0',
  nfree = redis.call('ZCARD', kFree(q)), free = free, sticky = sticky })`,
);

export const READ_MEMBERS = defineScript(
  'read_members',
  `
-- KEYS[1] the queue's members set, KEYS[2] the queue hash
-- Derived keys: each member's agent hash
-- Reply: {mver, members = [{id, state, free, profile, queues}]}`,
  `
local out = {}
for _, aid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local a = redis.call('HMGET', kAgent(aid), 'state', 'free', 'profile', 'queues')
  if a[1] then
    out[#out + 1] = { id = aid, state = a[1], free = a[2] or '0', profile = a[3] or '{}', queues = a[4] or '' }
  end
end
return reply({ mver = redis.call('HGET', KEYS[2], 'mver') or '0', members = out })`,
);

export const QUEUE_INFO = defineScript(
  'queue_info',
  `
-- KEYS[1] queue hash
-- ARGV[5] queue id, ARGV[6] call id whose position is wanted ('' none)
-- Derived keys: the queue's lists, members and today's stats
-- Everything live statistics and wait estimates need, read at one instant.
-- Reply: {cfg, cfgver, waiting, queued, oldest, free, stats, agents = [{state, nq}], position}`,
  `
local q = ARGV[5]
local qh = redis.call('HMGET', KEYS[1], 'cfg', 'cfgver')
if not qh[1] then return reply({ missing = true }) end
local oldest = redis.call('ZRANGE', kEnq(q), 0, 0, 'WITHSCORES')
local agents = {}
for _, aid in ipairs(redis.call('SMEMBERS', kMembers(q))) do
  local a = redis.call('HMGET', kAgent(aid), 'state', 'queues')
  agents[#agents + 1] = { state = a[1] or 'logged_out', nq = #words(a[2]) }
end
local position = 0
if ARGV[6] ~= '' then
  local r = redis.call('ZRANK', kWait(q), ARGV[6])
  if r then position = r + 1 end
end
return reply({ cfg = qh[1], cfgver = qh[2], waiting = redis.call('ZCARD', kEnq(q)),
  queued = redis.call('ZCARD', kWait(q)), oldest = oldest[2] or '',
  free = redis.call('ZCARD', kFree(q)), stats = hgetall(kStats(q, DAY)) or {}, agents = agents,
  position = position })`,
);

export const READ_CALL = defineScript(
  'read_call',
  `
-- KEYS[1] call hash
-- ARGV[5] call id
-- Reply: {call} or {missing = true}`,
  `
local c = callRecord(ARGV[5])
if not c then return reply({ missing = true }) end
return reply({ call = c })`,
);

export const SNAPSHOT = defineScript(
  'snapshot',
  `
-- KEYS[1] queue index, KEYS[2] agent index, KEYS[3] call index
-- Derived keys: every queue hash, agent hash and call hash
-- The whole routing state, for supervisors and for checks.
-- Reply: {queues = [{id, cfg, cfgver, wver, waiting = [call id in order], free = [agent id]}],
--         agents = [agent], calls = [call]}`,
  `
local queues, agents, calls = {}, {}, {}
for _, q in ipairs(redis.call('SORT', KEYS[1], 'ALPHA')) do
  local qh = hgetall(kQueue(q)) or {}
  queues[#queues + 1] = { id = q, cfg = qh.cfg or '{}', cfgver = qh.cfgver or '', wver = qh.wver or '0',
    waiting = redis.call('ZRANGE', kWait(q), 0, -1), free = redis.call('ZRANGE', kFree(q), 0, -1),
    members = redis.call('SORT', kMembers(q), 'ALPHA') }
end
for _, aid in ipairs(redis.call('SORT', KEYS[2], 'ALPHA')) do
  local a = hgetall(kAgent(aid))
  if a then agents[#agents + 1] = a end
end
for _, cid in ipairs(redis.call('SORT', KEYS[3], 'ALPHA')) do
  local c = hgetall(kCall(cid))
  if c then c.id = cid; calls[#calls + 1] = c end
end
return reply({ queues = queues, agents = agents, calls = calls })`,
);

export const READ_JOURNAL = defineScript(
  'read_journal',
  `
-- KEYS[1] journal stream
-- ARGV[5] read entries after this id ('-' from the start), ARGV[6] most entries
-- Reply: [[id, ev, agent id, call id, ms]]`,
  `
local from = ARGV[5]
if from ~= '-' then from = '(' .. from end
local out = {}
for _, e in ipairs(redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', tonumber(ARGV[6]))) do
  local f = {}
  for i = 1, #e[2], 2 do f[e[2][i]] = e[2][i + 1] end
  out[#out + 1] = { e[1], f.ev or '', f.a or '', f.c or '', f.t or '' }
end
return reply(out)`,
);
