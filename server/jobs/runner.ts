import { Queue, Worker, type Job, type JobsOptions, type WorkerOptions } from 'bullmq';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';

/**
 * The one place that creates BullMQ queues and workers, so that every job in the product shares
 * the same rules:
 * - queues (producers) share one connection with ioredis's default retry limit, so that adding a
 *   job while Redis is away fails fast instead of hanging an HTTP request;
 * - every worker gets a dedicated connection with `maxRetriesPerRequest: null`, which BullMQ
 *   requires for its blocking commands (it duplicates that connection for the blocking part);
 * - one key prefix per server (tests give their own, so parallel test files never share jobs);
 * - `close()` stops the workers first (each waits for its active job) and then the queues; it is
 *   registered in the server's Lifecycle before the Redis connections, so it runs before them.
 */
export interface JobRunnerDeps {
  /** A new Redis connection for a role (server/infra/redis.ts `connect`). */
  connect(role: string, options?: RedisOptions): Redis;
  /** BullMQ key prefix: `<prefix>:<queue>:...`. */
  prefix: string;
  logger: Logger;
}

export type JobProcessor<D = unknown, R = unknown> = (job: Job<D, R>) => Promise<R>;

export interface JobRunner {
  readonly prefix: string;
  /** The queue of this name (created once, then shared). */
  queue<D = unknown, R = unknown>(name: string, defaultJobOptions?: JobsOptions): Queue<D, R>;
  /**
   * Starts a worker on `name`. Failures are logged with the job's name and id (never its data,
   * which may carry phone numbers); BullMQ retries per the job's `attempts`.
   */
  worker<D = unknown, R = unknown>(
    name: string,
    processor: JobProcessor<D, R>,
    options?: Omit<WorkerOptions, 'connection' | 'prefix'>,
  ): Worker<D, R>;
  /** Workers first (active jobs finish), then queues. Safe to call twice. */
  close(): Promise<void>;
}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const log = deps.logger.child({ component: 'jobs' });
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  let producer: Redis | null = null;
  let closed = false;

  const assertOpen = () => {
    if (closed) throw new Error('the job runner is closed');
  };

  return {
    prefix: deps.prefix,
    queue<D, R>(name: string, defaultJobOptions?: JobsOptions): Queue<D, R> {
      assertOpen();
      let q = queues.get(name);
      if (!q) {
        producer ??= deps.connect('bullmq-queues');
        q = new Queue(name, {
          connection: producer,
          prefix: deps.prefix,
          ...(defaultJobOptions ? { defaultJobOptions } : {}),
        });
        q.on('error', (err: Error) => log.warn({ queue: name, err: err.message }, 'queue error'));
        queues.set(name, q);
      }
      return q as unknown as Queue<D, R>;
    },
    worker<D, R>(
      name: string,
      processor: JobProcessor<D, R>,
      options: Omit<WorkerOptions, 'connection' | 'prefix'> = {},
    ): Worker<D, R> {
      assertOpen();
      const connection = deps.connect(`bullmq-worker-${name}`, { maxRetriesPerRequest: null });
      const w = new Worker<D, R>(name, processor, {
        ...options,
        connection,
        prefix: deps.prefix,
      });
      w.on('failed', (job, err) =>
        log.error(
          { queue: name, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err },
          'job failed',
        ),
      );
      w.on('error', (err: Error) => log.warn({ queue: name, err: err.message }, 'worker error'));
      workers.push(w);
      return w;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
