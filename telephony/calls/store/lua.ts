/**
 * The call layer's Redis scripts. Each one is a single atomic step; the header names its KEYS
 * and ARGV. Key names inside are built from the prefix in ARGV[1], as keys.ts builds them.
 */
export interface Script {
  readonly name: string;
  readonly source: string;
}

export const COMMIT_CALL: Script = {
  name: 'commit-call',
  source: `
-- Writes a call's new record if nobody changed it since it was read (compare-and-set on the
-- version), together with its channel and agent indexes.
-- KEYS[1]  the call's hash (v, state, data)
-- ARGV[1]  key prefix ("<prefix>tel:")
-- ARGV[2]  the version read ("0": the call must not exist yet)
-- ARGV[3]  the new state
-- ARGV[4]  the new record (JSON)
-- ARGV[5]  index changes (JSON): {link: [[channelId, linkJson]], unlink: [channelId],
--          agent: [[agentId, callId]], unagent: [agentId], expire: [channelId]}
-- ARGV[6]  the call id
-- ARGV[7]  ms to keep an ended call's keys
-- Returns the new version, or -1 when the version read is no longer current.
local p = ARGV[1]
local cur = redis.call('HGET', KEYS[1], 'v')
if ARGV[2] == '0' then
  if cur then return -1 end
elseif cur ~= ARGV[2] then
  return -1
end
local v = (tonumber(cur) or 0) + 1
redis.call('HSET', KEYS[1], 'v', v, 'state', ARGV[3], 'data', ARGV[4])
local ix = cjson.decode(ARGV[5])
local ended = ARGV[3] == 'ended'
local ttl = tonumber(ARGV[7])
for _, l in ipairs(ix.link or {}) do
  if ended then
    redis.call('SET', p .. 'chan:' .. l[1], l[2], 'PX', ttl)
  else
    redis.call('SET', p .. 'chan:' .. l[1], l[2])
  end
end
for _, c in ipairs(ix.unlink or {}) do
  redis.call('DEL', p .. 'chan:' .. c)
end
for _, c in ipairs(ix.expire or {}) do
  redis.call('PEXPIRE', p .. 'chan:' .. c, ttl)
end
for _, a in ipairs(ix.agent or {}) do
  redis.call('SET', p .. 'agent:' .. a[1], a[2])
end
for _, a in ipairs(ix.unagent or {}) do
  local k = p .. 'agent:' .. a
  if redis.call('GET', k) == ARGV[6] then redis.call('DEL', k) end
end
if ended then
  redis.call('SREM', p .. 'live', ARGV[6])
  redis.call('PEXPIRE', KEYS[1], ttl)
else
  redis.call('SADD', p .. 'live', ARGV[6])
end
return v
`,
};

export const ACQUIRE_LEASE: Script = {
  name: 'acquire-lease',
  source: `
-- Takes the telephony lease, or renews it when this node holds it.
-- KEYS[1]  the lease key
-- ARGV[1]  this node's id
-- ARGV[2]  lease time (ms)
-- Returns 1 when this node holds the lease afterwards, 0 otherwise.
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`,
};

export const RELEASE_LEASE: Script = {
  name: 'release-lease',
  source: `
-- Gives the lease up if this node holds it, so a standby node takes over at once.
-- KEYS[1]  the lease key
-- ARGV[1]  this node's id
-- Returns 1 when released.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`,
};
