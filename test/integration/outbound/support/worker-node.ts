/**
 * A second server node in a child process, for the "worker killed mid-dial" test: the same
 * PostgreSQL schema, Redis prefix and PBX as the test's stack, its callback workers running.
 * Its telephony stands by (the stack's node holds the lease), so its dials are relayed to the
 * driving node, as on a real second node. Prints "ready" once started; the test kills it with
 * SIGKILL, so nothing here cleans up.
 *
 * Input: env WORKER_NODE, JSON {config: Record<string, string>, prefix, speed, startAt, callbacks}.
 */
import { loadConfig } from '../../../../server/config.js';
import { createLogger } from '../../../../server/logger.js';
import { startServer } from '../../../../server/runtime.js';
import { scaledClock } from '../../../../telephony/index.js';

interface WorkerNodeInput {
  config: Record<string, string>;
  prefix: string;
  speed: number;
  startAt: number;
  callbacks: Record<string, unknown>;
}

const input = JSON.parse(process.env.WORKER_NODE ?? '{}') as WorkerNodeInput;
const config = loadConfig(input.config);
await startServer(config, createLogger(config.LOG_LEVEL), {
  telephony: {
    prefix: input.prefix,
    clock: scaledClock({ speed: input.speed, startAt: input.startAt }),
    tickMs: 100,
    nodeId: `worker-node-${process.pid}`,
  },
  outbound: { callbacks: { rearmAtStart: false, ...input.callbacks } },
});
process.stdout.write('ready\n');
