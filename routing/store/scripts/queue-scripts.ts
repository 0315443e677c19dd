import { defineScript } from './lua-common.js';

export const UPSERT_QUEUE = defineScript(
  'upsert_queue',
  `
-- KEYS[1] queue hash, KEYS[2] queue index set
-- ARGV[5] queue id, ARGV[6] config JSON (validated by parseQueueConfig), ARGV[7] service-level
-- threshold ms, ARGV[8] wrap-up ms
-- Reply: {cfgver}`,
  `
redis.call('HSET', KEYS[1], 'cfg', ARGV[6], 'slMs', ARGV[7], 'wrapMs', ARGV[8])
local v = redis.call('HINCRBY', KEYS[1], 'cfgver', 1)
redis.call('SADD', KEYS[2], ARGV[5])
return reply({ cfgver = tostring(v) })`,
);

export const READ_QUEUE = defineScript(
  'read_queue',
  `
-- KEYS[1] queue hash
-- Reply: {cfg, cfgver} or {missing = true}`,
  `
local q = redis.call('HMGET', KEYS[1], 'cfg', 'cfgver')
if not q[1] then return reply({ missing = true }) end
return reply({ cfg = q[1], cfgver = q[2] })`,
);
