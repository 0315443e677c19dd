import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Crm } from '../../crm-core/index.js';
import { routerFor, type Route } from '../api/index.js';
import { dialerRoutes } from '../dialer/routes.js';
import { runDialJob } from '../dialer/dial-job.js';
import { recordAgentOutcome } from '../dialer/disposition.js';
import { FloorStore } from '../dialer/floor.js';
import { dialerKeys } from '../dialer/keys.js';
import { paceCampaign } from '../dialer/pace.js';
import type { DialerDeps, DialJob } from '../dialer/ports.js';
import { previewPort } from '../dialer/preview.js';
import type { Lifecycle } from '../infra/lifecycle.js';
import { jobId, type JobRunner } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import type { TelephonyWiring } from './telephony.js';

export const DIAL_QUEUE = 'campaign-dial';
export const PACING_QUEUE = 'campaign-pacing';
const SYNC_SCHEDULER = 'campaign-sync';
const paceSchedulerId = (campaignId: number) => `pace-${campaignId}`;

export interface DialerOptions {
  /** Pacing tick of each running campaign (ms). */
  tickMs?: number;
  /** How often running campaigns are matched with their pacing schedulers (ms). */
  syncMs?: number;
  /** The endpoint a contact's number is dialled through; `{number}` is its E.164 form. */
  endpointTemplate?: string;
  /** How long a preview record stays held for an agent (ms). */
  previewHoldMs?: number;
}

export interface DialerWiring {
  /** /campaigns/:id/preview/next|dial|skip and /campaigns/calls/:callId/outcome. */
  readonly router: Router;
  /** The same routes, for the OpenAPI document. */
  readonly routes: readonly Route[];
}

/** The statistics endpoint's view of the dialer's floor; created before the CRM API. */
export function campaignFloors(redis: Redis, prefix: string): FloorStore {
  return new FloorStore(redis, dialerKeys(prefix));
}

export interface StartDialerDeps {
  jobs: JobRunner;
  life: Lifecycle;
  crm: Crm;
  telephony: TelephonyWiring;
  /** A command connection (short commands only). */
  redis: Redis;
  /** The call layer's key prefix. */
  prefix: string;
  logger: Logger;
  allowedOrigins: readonly string[];
  /** The store the statistics read (campaignFloors); one of its own when not given. */
  floors?: FloorStore;
  options?: DialerOptions;
}

/**
 * The campaign dialer on BullMQ: a `campaign-sync` scheduler keeps one pacing scheduler
 * (`pace-<campaignId>`) per campaign that runs or still has calls in flight; each tick settles
 * calls, plans and claims contacts, and adds one dial job per attempt
 * (`dial-<campaign>-<contact>-<attempt>`) on `campaign-dial`.
 */
export async function startDialer(deps: StartDialerDeps): Promise<DialerWiring> {
  const o = deps.options ?? {};
  const tickMs = o.tickMs ?? 1000;
  const logger = deps.logger.child({ component: 'dialer' });
  const keys = dialerKeys(deps.prefix);
  const floors = deps.floors ?? new FloorStore(deps.redis, keys);
  const dialQueue = deps.jobs.queue<DialJob>(DIAL_QUEUE, {
    attempts: 5,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 1000 },
  });
  const dialer: DialerDeps = {
    crm: deps.crm,
    telephony: {
      dial: (r) => deps.telephony.service.dial(r),
      dialRecord: (id) => deps.telephony.service.dialRecord(id),
      dialOutcome: (id, ms) => deps.telephony.service.dialOutcome(id, ms),
      call: (id) => deps.telephony.service.call(id),
      canDial: () => {
        const s = deps.telephony.status();
        return !s.driving || s.connected;
      },
    },
    acd: deps.telephony.acd,
    redis: deps.redis,
    keys,
    async addDialJob(job) {
      const id = jobId('dial', job.campaignId, job.contactId, job.attempt);
      // Same id: not added twice. One that used up its tries (PBX away) is tried again.
      const existing = await dialQueue.getJob(id);
      if (existing && (await existing.isFailed())) await existing.retry();
      else if (!existing) await dialQueue.add('dial', job, { jobId: id });
    },
    now: () => new Date(),
    telephonyNow: () => deps.telephony.clock.now(),
    endpointTemplate: o.endpointTemplate ?? 'PJSIP/{number}@pstn',
    logger,
  };
  const dialWorker = deps.jobs.worker<DialJob>(DIAL_QUEUE, (job) => runDialJob(dialer, job.data), {
    concurrency: 16,
  });

  const pacing = deps.jobs.queue<{ campaignId?: number }>(PACING_QUEUE);

  async function sync(): Promise<{ running: number }> {
    const running = new Set(await deps.crm.campaigns.runningIds());
    const existing = await pacing.getJobSchedulers(0, -1);
    const have = new Map(existing.map((s) => [s.key, s] as const));
    for (const id of running) {
      const s = have.get(paceSchedulerId(id));
      if (s && Number(s.every) === tickMs) continue;
      await pacing.upsertJobScheduler(
        paceSchedulerId(id),
        { every: tickMs },
        {
          name: 'pace',
          data: { campaignId: id },
          // A failed tick is not retried: the next one does the same work.
          opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } },
        },
      );
      logger.info({ campaignId: id }, 'campaign pacing scheduled');
    }
    for (const s of existing) {
      const m = /^pace-(\d+)$/.exec(s.key);
      if (!m) continue;
      const id = Number(m[1]);
      // A paused or stopped campaign keeps its tick until its calls in flight are settled.
      if (running.has(id) || (await deps.crm.campaignAttempts.open(id)).length > 0) continue;
      await pacing.removeJobScheduler(s.key);
      logger.info({ campaignId: id }, 'campaign pacing unscheduled');
    }
    return { running: running.size };
  }

  const pacingWorker = deps.jobs.worker<{ campaignId?: number }>(
    PACING_QUEUE,
    async (job) => {
      if (job.name === 'sync') return sync();
      const id = job.data.campaignId;
      if (id === undefined) throw new Error('pace job without a campaign id');
      return paceCampaign(dialer, floors, id);
    },
    { concurrency: 8 },
  );
  await pacing.upsertJobScheduler(
    SYNC_SCHEDULER,
    { every: o.syncMs ?? 2000 },
    {
      name: 'sync',
      data: {},
      opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } },
    },
  );

  // Registered after the call layer, so it stops first: no dial is sent to a stopping layer.
  deps.life.onStop('dialer', async () => {
    await Promise.all([dialWorker.close(), pacingWorker.close()]);
  });

  const routes = dialerRoutes({
    preview: previewPort(dialer, o.previewHoldMs),
    agentOutcome: (callId, outcome, agentId) =>
      recordAgentOutcome(dialer, callId, outcome, agentId),
  });
  return { router: routerFor(routes, deps.crm.sessions, deps.allowedOrigins), routes };
}
