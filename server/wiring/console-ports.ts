import type { Redis } from 'ioredis';
import type { Crm } from '../../crm-core/index.js';
import type { ConsolePorts } from '../gateway/index.js';
import { agentActions } from './console-agents.js';
import { QueueHistory } from './console-live.js';
import { recordingCatalog } from './console-recordings.js';
import { consoleState } from './console-state.js';
import { wrapUpSink, type WrapUpDeps } from './console-wrapups.js';
import type { TelephonyWiring } from './telephony.js';

export interface ConsolePortsDeps {
  crm: Crm;
  telephony: TelephonyWiring;
  redis: Redis;
  /** Key prefix of the console's own Redis keys (wrap-up progress, chart samples). */
  prefix: string;
  /** Told of complaints a wrap-up opened or moved (their SLA timers). */
  changes: WrapUpDeps['changes'];
  /** Callbacks promised in a wrap-up. */
  callbacks: WrapUpDeps['callbacks'];
}

export interface ConsoleWiring {
  ports: ConsolePorts;
  history: QueueHistory;
}

/**
 * The console's ports over the real modules: login sessions from the CRM, live state and agent
 * state changes from the ACD, calls from the call layer, wrap-ups and recordings from the CRM.
 */
export function createConsolePorts(deps: ConsolePortsDeps): ConsoleWiring {
  const { crm, telephony } = deps;
  const history = new QueueHistory(deps.redis, `${deps.prefix}console:history`);
  const state = consoleState({
    acd: telephony.acd,
    crm,
    calls: telephony.service,
    history,
    now: () => new Date(telephony.clock.now()),
    labels: telephony.popLabels,
  });
  return {
    history,
    ports: {
      sessions: { verify: (token) => crm.sessions.verify(token) },
      state,
      agents: agentActions({
        acd: telephony.acd,
        crm,
        state,
        deliverOffer: (offer) => telephony.deliverOffer(offer),
      }),
      calls: telephony.controls,
      supervisor: telephony.supervisor,
      wrapUps: wrapUpSink({
        crm,
        calls: telephony.service,
        redis: deps.redis,
        prefix: deps.prefix,
        changes: deps.changes,
        callbacks: deps.callbacks,
      }),
      recordings: recordingCatalog(crm),
    },
  };
}
