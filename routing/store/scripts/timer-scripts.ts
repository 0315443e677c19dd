import { defineScript } from './lua-common.js';

/**
 * Timers live in sorted sets scored by their deadline, so any node's tick finds them. A claimed
 * entry is pushed a lease into the future: if the claiming node dies before acting, another node
 * claims it after the lease; acting on it is guarded by versions, so a double claim is harmless.
 */
export const CLAIM_DUE = defineScript(
  'claim_due',
  `
-- KEYS[1] a timer sorted set (due calls, wrap-up ends or pending agents)
-- ARGV[5] entries scored at or before this ms are due, ARGV[6] lease ms, ARGV[7] most entries
-- Reply: [member]`,
  `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[5], 'LIMIT', 0, tonumber(ARGV[7]))
local lease = fmt(NOW + tonumber(ARGV[6]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', lease, id) end
return reply(ids)`,
);

export const POP_QUEUE_CHECKS = defineScript(
  'pop_queue_checks',
  `
-- KEYS[1] queue-check set
-- ARGV[5] most queue ids
-- Reply: [queue id]`,
  `
return reply(redis.call('SPOP', KEYS[1], tonumber(ARGV[5])))`,
);
