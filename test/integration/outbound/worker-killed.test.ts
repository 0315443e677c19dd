import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import { apiCall, loginToken, until } from '../../e2e/telephony/helpers.js';

const WORKER_NODE = fileURLToPath(new URL('./support/worker-node.ts', import.meta.url));

/** BullMQ takes a dead worker's job over after these (ms); the dial rings 60 s at speed 20 (3 s). */
const CALLBACKS = {
  ringSeconds: 60,
  lockDurationMs: 1500,
  stalledIntervalMs: 500,
  policy: { retry: { no_answer: { initialDelayMs: 200, multiplier: 1, maxDelayMs: 200 } } },
};

/**
 * A callback worker in another process is killed (SIGKILL) while its customer's phone rings.
 * BullMQ's stalled-job check hands the dial job to this process's worker, which finds the dial
 * already placed (telephony's record per line id) and waits for its outcome: the customer is
 * rung once, the attempt is recorded once, and the callback goes on to its next attempt.
 */
describe('a callback worker killed mid-dial', () => {
  let stack: Stack;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    stack = await startStack('cb_kill', {
      server: { outbound: { callbacks: { ...CALLBACKS, workers: false } } },
    });
    child = await startWorkerNode();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await stack?.stop();
  });

  async function startWorkerNode(): Promise<ChildProcess> {
    const config = Object.fromEntries(
      Object.entries(stack.config)
        .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
        .map(([k, v]) => [k, String(v)]),
    );
    const proc = spawn(process.execPath, ['--import', 'tsx', WORKER_NODE], {
      env: {
        ...process.env,
        WORKER_NODE: JSON.stringify({
          config: { ...config, PORT: '0' },
          prefix: stack.redis.prefix,
          speed: 20,
          startAt: stack.clock.now(),
          callbacks: CALLBACKS,
        }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await until(
      'the worker node to start',
      () => out.includes('ready') || proc.exitCode !== null,
      60_000,
    );
    if (proc.exitCode !== null) throw new Error(`worker node exited with ${proc.exitCode}`);
    return proc;
  }

  it('the customer is rung once, the attempt recorded once, and the callback goes on', async () => {
    const number = '+8613922240001';
    const endpoint = `PJSIP/${number}@pstn`;
    stack.sim.control.setEndpoint(endpoint, { answer: 'no-answer' });
    const agentId = await stack.loginAgent('agent3');
    const token = await loginToken(stack, 'supervisor');
    const created = await apiCall(stack, token, 'POST', '/callbacks', {
      phone: number,
      origin: 'agent',
      queue: 'support',
    });
    const id = created.body.id as number;
    const line = `cbk-${id}-1`;
    const dials = () => stack.sim.control.originated().filter((o) => o.channelId === line);

    // Only the other process runs workers: the dial it placed is ringing; it dies now.
    await until('the first dial', () => dials().length > 0);
    child!.kill('SIGKILL');
    await once(child!, 'exit');
    expect((await stack.crm.callbacks.get(id)).status).toBe('dialing');
    stack.server.outbound.callbacks.startWorkers();
    // The next attempt will be answered.
    stack.sim.control.clearEndpoint(endpoint);

    const queue = stack.server.jobs.queue('callbacks');
    // The job the dead process held is taken over by the stalled-job check and finishes here.
    // (Under load the agent's reservation may lapse meanwhile and be offered again: another dial
    // job for the same attempt then finds the line dialled as well.)
    const recovered = await until(
      "the dead worker's dial job to finish on this process",
      async () => {
        const jobs = await queue.getJobs(['completed']);
        return jobs.find(
          (j) => j.id?.startsWith(`callback-${id}-dial-1-`) && j.stalledCounter === 1,
        );
      },
      20_000,
    );
    expect(recovered.returnvalue).toEqual({ done: 'no_answer' });
    const done = await until(
      'the callback to be answered on attempt 2',
      async () => {
        const c = await stack.crm.callbacks.get(id);
        return c.status === 'completed' ? c : null;
      },
      20_000,
    );
    expect(done.attemptLog.map((a) => [a.callId, a.outcome])).toEqual([
      [line, 'no_answer'],
      [`cbk-${id}-2`, 'answered'],
    ]);
    expect(dials()).toHaveLength(1);
    const connected = await stack.waitFor('connected', (e) => e.callId === `cbk-${id}-2`);
    expect(connected.agentId).toBe(agentId);
    stack.sim.control.hangup(`cbk-${id}-2`);
  }, 90_000);
});
