import type { Crm } from '../../crm-core/index.js';
import type { ConsolePublisher } from '../gateway/index.js';
import type { JobRunner } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import { startCallbacks, type CallbackOptions, type CallbacksWiring } from './callbacks/index.js';
import {
  startComplaintSla,
  type ComplaintSlaOptions,
  type ComplaintSlaWiring,
} from './complaint-sla.js';
import type { CrmChangeFeed } from './crm-changes.js';
import type { TelephonyWiring } from './telephony.js';

export interface OutboundJobOptions {
  callbacks?: Partial<CallbackOptions>;
  complaintSla?: Partial<ComplaintSlaOptions>;
}

export interface OutboundJobs {
  readonly callbacks: CallbacksWiring;
  readonly complaintSla: ComplaintSlaWiring;
}

/** Callbacks and complaint SLA timers on the server's job runner (issue 6). */
export async function startOutboundJobs(deps: {
  jobs: JobRunner;
  crm: Crm;
  telephony: TelephonyWiring;
  changes: CrmChangeFeed;
  publisher: ConsolePublisher | null;
  logger: Logger;
  options?: OutboundJobOptions;
}): Promise<OutboundJobs> {
  const { publisher } = deps;
  const callbacks = await startCallbacks({
    jobs: deps.jobs,
    crm: deps.crm,
    telephony: deps.telephony,
    changes: deps.changes,
    logger: deps.logger,
    ...(deps.options?.callbacks ? { options: deps.options.callbacks } : {}),
  });
  const complaintSla = await startComplaintSla({
    jobs: deps.jobs,
    crm: deps.crm,
    changes: deps.changes,
    logger: deps.logger,
    ...(publisher ? { notify: (target, n) => publisher.notify(target, n) } : {}),
    ...(deps.options?.complaintSla ? { options: deps.options.complaintSla } : {}),
  });
  return { callbacks, complaintSla };
}
