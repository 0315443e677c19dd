import { LUA_KEYS } from '../keys.js';
import type { LuaScript } from '../port.js';

/**
 * Definitions shared by the scripts. ARGV[1..4] are always: key prefix, now (ms), day (stats
 * bucket, from the TypeScript clock), journal flag ('1' appends reservations to the journal
 * stream). A script's own arguments start at ARGV[5]. Replies are JSON (cjson) so that numbers
 * stored as strings come back untouched and nil/empty cases are explicit.
 *
 * The Lua code moves data and checks that what the TypeScript decision core saw is still true
 * (versions, states); it takes no routing decision of its own.
 *
 * Each script gets only the definitions it uses (see `defineScript`): defining them all costs
 * Redis about 15 µs per call.
 */
const PRELUDE = `
local P = ARGV[1]
local NOW = tonumber(ARGV[2])
local DAY = ARGV[3]
local JOURNAL = ARGV[4] == '1'
${LUA_KEYS}
local STATS_TTL = 259200

local function hgetall(key)
  local r = redis.call('HGETALL', key)
  if #r == 0 then return nil end
  local t = {}
  for i = 1, #r, 2 do t[r[i]] = r[i + 1] end
  return t
end

-- Only the named fields of a hash, as a table (nil when the hash is missing): a script that needs
-- a few fields of a big hash (an agent's profile and skills) leaves the rest in Redis.
local function hmget(key, names)
  local v = redis.call('HMGET', key, unpack(names))
  local t, any = {}, false
  for i, f in ipairs(names) do
    if v[i] then
      t[f] = v[i]
      any = true
    end
  end
  if not any then return nil end
  return t
end

local function words(s)
  local t = {}
  if s then for w in string.gmatch(s, '%S+') do t[#t + 1] = w end end
  return t
end

local function has(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

local function num(s) return tonumber(s) or 0 end
local function fmt(n) return string.format('%.0f', n) end

local function journal(ev, aid, cid)
  if JOURNAL then redis.call('XADD', K_JOURNAL, '*', 'ev', ev, 'a', aid, 'c', cid, 't', ARGV[2]) end
end

-- The day's counters expire a few days after the day; setting the TTL when a counter is created
-- is enough (a new day is a new key).
local function stat(q, field, n)
  local k = kStats(q, DAY)
  if redis.call('HINCRBY', k, field, n) == tonumber(n) then redis.call('EXPIRE', k, STATS_TTL) end
end

local function reply(t) return cjson.encode(t) end

-- A call joins a queue's waiting list: the list's version moves and the call is indexed by the
-- version it produced, so that an agent's "no call for me" can be checked against calls added
-- since it looked and still waiting (agent_free).
local function addWaiting(q, cid, score)
  redis.call('ZADD', kWait(q), score, cid)
  local v = redis.call('HINCRBY', kQueue(q), 'wver', 1)
  redis.call('ZADD', kWadd(q), v, cid)
  return v
end

local function removeWaiting(q, cid)
  redis.call('ZREM', kWait(q), cid)
  redis.call('ZREM', kWadd(q), cid)
end

-- Leaves every free set of the agent's queues and the timers that would make it free. A free
-- agent ('free' = '1', set only by agent_free, which leaves both timers) is in neither timer.
local function unfree(aid, a)
  for _, q in ipairs(words(a.queues)) do redis.call('ZREM', kFree(q), aid) end
  if a.free == '1' then return end
  redis.call('ZREM', K_PENDING, aid)
  redis.call('ZREM', K_WRAPUPS, aid)
end

-- Daily agent counters start again on a new day.
local function dayReset(ak, a)
  if a.day ~= DAY then
    redis.call('HSET', ak, 'day', DAY, 'calls', '0', 'talk', '0')
    a.day = DAY
    a.calls = '0'
    a.talk = '0'
  end
end

-- Wrap-up time is counted when the agent leaves wrap-up, to the queue of their last call.
local function endWrap(a)
  if a.state == 'wrap_up' and a.lastq and a.lastq ~= '' then
    stat(a.lastq, 'wrapMs', math.max(0, NOW - num(a.relAt)))
  end
end

-- The agent stops taking calls: paused with a reason, or logged out (it leaves its queues'
-- member sets, and those queues are checked for callers nobody is left to serve). A move that was
-- waiting for the end of the call ('ac', 'acr') is settled by this one.
local function stopWork(ak, aid, a, state, reason)
  endWrap(a)
  unfree(aid, a)
  if state == 'logged_out' then
    for _, q in ipairs(words(a.queues)) do
      redis.call('SREM', kMembers(q), aid)
      redis.call('HINCRBY', kQueue(q), 'mver', 1)
      redis.call('SADD', K_CHECKQ, q)
    end
  end
  redis.call('HSET', ak, 'state', state, 'reason', reason, 'free', '0', 'call', '', 'since', ARGV[2],
    'ac', '', 'acr', '')
  redis.call('HINCRBY', ak, 'ver', 1)
end

-- A pause or logout ordered while the agent is busy with a call: kept on the agent ('ac',
-- 'acr') and applied by settle_after_call when the call is over (a later order replaces it).
local function orderAfterCall(ak, state, reason)
  redis.call('HSET', ak, 'ac', state, 'acr', reason)
  redis.call('HINCRBY', ak, 'ver', 1)
end

-- An offered call goes back to its place in its queue (same order key, same enqueue time) and is
-- reviewed at once so that another agent is sought; the agent who had it is remembered.
local function requeue(cid, c, aid)
  local ck = kCall(cid)
  redis.call('HSET', ck, 'state', 'waiting', 'agent', '', 'd:' .. aid, ARGV[2])
  redis.call('HINCRBY', ck, 'ver', 1)
  addWaiting(c.queue, cid, c.score)
  if c.sticky and c.sticky ~= '' then redis.call('SADD', kHeld(c.sticky), cid) end
  redis.call('ZREM', K_OFFERS, cid)
  redis.call('ZADD', K_DUE, ARGV[2], cid)
  journal('free', aid, cid)
end

-- The call ringing at this agent, if any, goes back to its place (not counted as a miss).
local function returnOffered(aid, a)
  if a.state ~= 'reserved' or not a.call or a.call == '' then return '' end
  local c = hgetall(kCall(a.call))
  if not (c and c.state == 'offered' and c.agent == aid) then return '' end
  requeue(a.call, c, aid)
  return a.call
end

-- Accepting and rejecting both need the call to be ringing at this very agent.
local function offeredTo(a, c, aid, cid)
  return c.state == 'offered' and c.agent == aid and a.state == 'reserved' and a.call == cid
end

local function notOffered(a, c)
  return reply({ notOffered = true, callState = c.state or 'gone', callAgent = c.agent or '',
    agentState = a.state or 'unknown' })
end

-- The agent leaves 'reserved' without the call. 'available' agents are matched again by the
-- node that ran the script (or, if it died, by whichever node finds them in the pending set).
local function leaveOffer(ak, aid, state, reason)
  redis.call('HSET', ak, 'state', state, 'reason', reason, 'call', '', 'free', '0', 'since', ARGV[2])
  redis.call('HINCRBY', ak, 'ver', 1)
  if state == 'available' then redis.call('ZADD', K_PENDING, ARGV[2], aid) end
end

-- A missed offer (rejected or not answered); too many in a row pause the agent ("no answer"),
-- unless a move ordered after the call ('ac') is waiting: it is applied when the agent is matched.
-- Mirrors afterMissedOffer() in core/agent-state.ts.
local function missOffer(ak, aid, a, maxMissed)
  local missed = num(a.missed) + 1
  redis.call('HSET', ak, 'missed', missed)
  if (a.ac or '') == '' and maxMissed > 0 and missed >= maxMissed then
    leaveOffer(ak, aid, 'paused', 'no answer')
    return 'paused'
  end
  leaveOffer(ak, aid, 'available', '')
  return 'available'
end

-- The first 'limit' members of a sorted set from 'off'. Redis orders equal scores by member,
-- which is the agents' tie-break in the core too. Calls of equal key are ordered by enqueue time
-- in the core, so for them ('ties' true) a page also takes the rest of its last score's group.
local function page(key, off, limit, ties)
  local r = redis.call('ZRANGE', key, off, off + limit - 1, 'WITHSCORES')
  local ids = {}
  for i = 1, #r, 2 do ids[#ids + 1] = r[i] end
  if ties and #r >= 2 * limit and limit > 0 then
    local last = r[#r]
    local seen = {}
    for _, id in ipairs(ids) do seen[id] = true end
    for _, id in ipairs(redis.call('ZRANGE', key, last, last, 'BYSCORE')) do
      if not seen[id] then ids[#ids + 1] = id end
    end
  end
  return ids
end

-- What a decision needs of an agent seen from queue q (not the whole hash).
local AGENT_FIELDS = { 'id', 'ver', 'state', 'free', 'profile', 'idle', 'day', 'calls', 'talk' }
local function agentRecord(aid, q)
  local fields = { unpack(AGENT_FIELDS) }
  fields[#fields + 1] = 'lo:' .. q
  local v = redis.call('HMGET', kAgent(aid), unpack(fields))
  if not v[1] then return nil end
  local t = {}
  for i, f in ipairs(fields) do
    if v[i] then t[f] = v[i] end
  end
  return t
end

-- The profile's skills and groups as hash fields ('sk:billing' = 4, 'g:vip' = 1): the enqueue
-- script checks an agent against the core's filter with one HMGET instead of decoding JSON.
local function skillFields(ak, json)
  local old = {}
  for _, f in ipairs(redis.call('HKEYS', ak)) do
    if string.sub(f, 1, 3) == 'sk:' or string.sub(f, 1, 2) == 'g:' then old[#old + 1] = f end
  end
  if #old > 0 then redis.call('HDEL', ak, unpack(old)) end
  local p = cjson.decode(json)
  local set = {}
  for k, v in pairs(p.skills or {}) do
    set[#set + 1] = 'sk:' .. k
    set[#set + 1] = tostring(v)
  end
  for _, g in ipairs(p.groups or {}) do
    set[#set + 1] = 'g:' .. g
    set[#set + 1] = '1'
  end
  if #set > 0 then redis.call('HSET', ak, unpack(set)) end
end

-- The first free agent of queue q, in the free set's order (the strategy's, ties by id), that is
-- available and passes the core's filter (agentFilter): the skill minimums in ARGV[from..] as
-- (skill, min) pairs, and the group if not ''. At most 'limit' agents are looked at. Applying the
-- core's filter in the core's order is the core's choice, made without a round trip.
-- Reply: agent id, its record (AGENT_FIELDS), its queues; or nil x 3 and whether every free agent
-- was looked at (then none qualifies).
local function firstEligible(q, group, limit, from)
  local fields = { unpack(AGENT_FIELDS) }
  fields[#fields + 1] = 'lo:' .. q
  local nrec = #fields
  fields[#fields + 1] = 'queues'
  local mins = {}
  for i = from, #ARGV - 1, 2 do
    fields[#fields + 1] = 'sk:' .. ARGV[i]
    mins[#mins + 1] = tonumber(ARGV[i + 1])
  end
  if group ~= '' then fields[#fields + 1] = 'g:' .. group end
  local off, size = 0, 4
  while off < limit do
    local want = math.min(limit, off + size) - off
    local ids = redis.call('ZRANGE', kFree(q), off, off + want - 1)
    for _, aid in ipairs(ids) do
      local v = redis.call('HMGET', kAgent(aid), unpack(fields))
      local ok = v[3] == 'available' and v[4] == '1'
      for j = 1, #mins do
        if ok and (tonumber(v[nrec + 1 + j]) or 0) < mins[j] then ok = false end
      end
      if ok and group ~= '' and v[#fields] ~= '1' then ok = false end
      if ok then
        local rec = {}
        for i = 1, nrec do
          if v[i] then rec[fields[i]] = v[i] end
        end
        return aid, rec, v[nrec + 1]
      end
    end
    if #ids < want then return nil, nil, nil, true end
    off = off + want
    size = size * 2
  end
  return nil, nil, nil, false
end

-- The agent (a: its state, free flag, queues and version as read in this same script) starts
-- ringing with the call (the call's own record is the caller's to write): the offers timer,
-- stats and journal too.
local function reserveAgent(ak, aid, a, cid, q, deadline)
  endWrap(a)
  unfree(aid, a)
  redis.call('HSET', ak, 'state', 'reserved', 'call', cid, 'cq', q, 'free', '0',
    'since', ARGV[2], 'reason', '', 'lo:' .. q, ARGV[2], 'ver', num(a.ver) + 1)
  redis.call('ZADD', K_OFFERS, deadline, cid)
  stat(q, 'offers', 1)
  journal('reserve', aid, cid)
end

-- The agent's call ended: wrap-up starts, talk time and the handled count go to the day's stats,
-- the call is deleted. What it did is kept on the agent (last*) so that a second release of the
-- same call (both call legs hung up, two nodes) gets the same answer instead of an error.
-- The agent's table 'a' (its whole hash, as read) is brought up to date with what is written.
local function releaseCall(ak, aid, a)
  local cid = a.call
  local c = hmget(kCall(cid), { 'queue', 'answeredAt' }) or {}
  local q = c.queue or a.cq or ''
  local talk = math.max(0, NOW - num(c.answeredAt or ARGV[2]))
  dayReset(ak, a)
  local wrapMs = num(redis.call('HGET', kQueue(q), 'wrapMs'))
  local untilMs = NOW + wrapMs
  local set = { state = 'wrap_up', call = '', idle = ARGV[2], relAt = ARGV[2], lastq = q,
    wrapUntil = fmt(untilMs), since = ARGV[2], free = '0', lastcall = cid, lasttalk = fmt(talk),
    talk = fmt(num(a.talk) + talk), ver = fmt(num(a.ver) + 1) }
  local flat = {}
  for f, v in pairs(set) do
    a[f] = v
    flat[#flat + 1] = f
    flat[#flat + 1] = v
  end
  redis.call('HSET', ak, unpack(flat))
  redis.call('ZADD', K_WRAPUPS, fmt(untilMs), aid)
  redis.call('DEL', kCall(cid))
  redis.call('SREM', K_CALLS, cid)
  if q ~= '' then
    redis.call('ZREM', kEnq(q), cid)
    stat(q, 'handled', 1)
    stat(q, 'talkMs', fmt(talk))
  end
  journal('free', aid, cid)
  return { ok = true, callId = cid, queueId = q, wrapUntil = fmt(untilMs), talkMs = fmt(talk) }
end

-- A waiting call plus where its preferred agent is, for the hold rule.
local function callRecord(cid)
  local c = hgetall(kCall(cid))
  if not c then return nil end
  c.id = cid
  if c.sticky and c.sticky ~= '' then
    local s = redis.call('HMGET', kAgent(c.sticky), 'state', 'free')
    c.sst = s[1] or 'logged_out'
    c.sfree = s[2] or '0'
    c.smem = tostring(redis.call('SISMEMBER', kMembers(c.queue), c.sticky))
  end
  return c
end

-- What an agent becoming free needs to choose a call across all its queues: the agent, the first
-- page of each queue's waiting list, and the calls held for this agent as their preferred agent.
local function agentSide(aid, a, pageSize)
  local held = {}
  for _, cid in ipairs(redis.call('SMEMBERS', kHeld(aid))) do
    local c = callRecord(cid)
    if c and c.state == 'waiting' then held[#held + 1] = c end
  end
  local queues = {}
  for _, q in ipairs(words(a.queues)) do
    local qh = redis.call('HMGET', kQueue(q), 'wver', 'cfgver')
    local calls = {}
    for _, cid in ipairs(page(kWait(q), 0, pageSize, true)) do
      local c = callRecord(cid)
      if c then calls[#calls + 1] = c end
    end
    queues[#queues + 1] = { id = q, wver = qh[1] or '0', cfgver = qh[2] or '',
      waiting = redis.call('ZCARD', kWait(q)), calls = calls }
  end
  return { agent = a, queues = queues, held = held }
end
`;

interface Definition {
  name: string;
  code: string;
}

/** Splits the prelude into its top-level `local` definitions, each with the comment above it. */
function definitions(src: string): Definition[] {
  const out: Definition[] = [];
  let comments: string[] = [];
  let current: Definition | null = null;
  for (const line of src.split('\n')) {
    const def = /^local (?:function )?([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
    if (def?.[1]) {
      current = { name: def[1], code: [...comments, line].join('\n') };
      comments = [];
      out.push(current);
    } else if (line.startsWith('--')) {
      comments.push(line);
    } else if (line.trim() !== '' && current) {
      current.code += `\n${line}`;
    }
  }
  return out;
}

const DEFINITIONS = definitions(PRELUDE);

/** The definitions `body` uses, directly or through other definitions, in prelude order. */
function preludeFor(body: string): string {
  const used = new Set<string>();
  const todo = [body];
  while (todo.length) {
    const text = todo.pop()!;
    for (const d of DEFINITIONS) {
      if (!used.has(d.name) && new RegExp(`\\b${d.name}\\b`).test(text)) {
        used.add(d.name);
        todo.push(d.code);
      }
    }
  }
  return DEFINITIONS.filter((d) => used.has(d.name))
    .map((d) => d.code)
    .join('\n');
}

/** A script: header comment (KEYS, ARGV) + the prelude definitions it uses + body. */
export function defineScript(name: string, header: string, body: string): LuaScript {
  return {
    name,
    source: `-- ${name}\n${header.trim()}\n${preludeFor(body)}\n${body.trim()}\n`,
  };
}
