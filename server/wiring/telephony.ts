import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import type { Crm } from '../../crm-core/index.js';
import {
  loadIvrScripts,
  shippedScriptUrl,
  type CompiledScript,
  type IvrScriptSet,
} from '../../ivr-scripts/index.js';
import type { AcdStore, RoutingEvent } from '../../routing/index.js';
import {
  AriClientPort,
  createTelephony,
  scaledClock,
  startPbxSimulator,
  type AcdOffer,
  type CallClock,
  type CallConfigInput,
  type CallEvent,
  type PbxSimulator,
  type RoutingSignal,
  type TelephonyService,
} from '../../telephony/index.js';
import type { LiveCall } from '../contracts/index.js';
import type { CallControls, SupervisorActions } from '../gateway/index.js';
import type { ReadinessProbe } from '../http/readiness.js';
import type { Config } from '../config.js';
import type { Lifecycle } from '../infra/lifecycle.js';
import type { RedisConnections } from '../infra/redis.js';
import type { Logger } from '../logger.js';
import type { CrmChanges } from './crm-changes.js';
import { createAcdStore } from './routing.js';
import { defaultQueueName, queueNamesOf, type QueueNames } from './queue-names.js';
import { campaignNamesOf } from './campaign-names.js';
import {
  callControls,
  liveCallFor,
  supervisorActions,
  type PopLabels,
} from './telephony-console.js';
import { telephonyRoutes, type TelephonyStatus } from './telephony-http.js';
import {
  acdPort,
  crmCallbacks,
  crmCustomerLookup,
  crmEndpoints,
  crmInteractionSink,
  crmSelfService,
} from './telephony-ports.js';

export interface TelephonyStartOptions {
  /** Prefix of the call layer's and the ACD's Redis keys (tests give their own). */
  prefix?: string;
  /** The telephony clock, shared with the ACD and (without ARI_URL) the PBX simulator. */
  clock?: CallClock;
  /** Simulated time speed of the built-in simulator and the clock (demos, tests). */
  speed?: number;
  /** Call-layer options (queues, prompts, timings); see telephony/calls/config.ts. */
  calls?: CallConfigInput;
  nodeId?: string;
  /** Where the simulator writes recordings; DATA_DIR/recordings by default. */
  recordingsDir?: string;
  /** How often the ACD's timers run (ring timeouts, wrap-up ends, overflow), ms. */
  tickMs?: number;
}

export interface TelephonyWiring {
  readonly service: TelephonyService;
  /** The built-in PBX simulator, when ARI_URL is unset. */
  readonly simulator: PbxSimulator | null;
  readonly acd: AcdStore;
  readonly clock: CallClock;
  readonly scripts: IvrScriptSet;
  /** Queue names by language (the IVR scripts' `queues` sections), campaign names (CRM). */
  readonly popLabels: PopLabels;
  /** `/telephony/status` and `/recordings/:name`, mounted under /api/v1. */
  readonly router: Router;
  readonly probe: ReadinessProbe;
  readonly controls: CallControls;
  readonly supervisor: SupervisorActions;
  liveCall(agentId: string): Promise<LiveCall | null>;
  /** Hands an offer the ACD made elsewhere (an agent became available) to the call layer. */
  deliverOffer(offer: AcdOffer): void;
  /** Listens to every call event (reports, demos, tests). */
  onCallEvent(listener: (event: CallEvent) => void): () => void;
  /**
   * Routing signals about ACD entries that are not calls of this layer (a callback waiting in a
   * queue without a phone line): a claimer that returns true takes the signal instead.
   */
  claimSignals(claimer: (signal: RoutingSignal) => boolean): () => void;
  status(): TelephonyStatus;
}

export interface TelephonyDeps {
  config: Config;
  logger: Logger;
  life: Lifecycle;
  redis: RedisConnections;
  crm: Crm;
  /** The ACD store; created here on the same clock when not given. */
  acd?: AcdStore;
  /** Told of callback requests from a queue place (the callback jobs keep the place). */
  changes?: CrmChanges;
  options?: TelephonyStartOptions;
}

const SCRIPTS_DIR = fileURLToPath(shippedScriptUrl('.'));

/** Every script in ivr-scripts/scripts/; a compile error stops the server (file, node, reason). */
export async function loadScripts(dir = SCRIPTS_DIR): Promise<IvrScriptSet> {
  const files = (await readdir(dir)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  return loadIvrScripts(files, (f) => readFile(join(dir, f), 'utf8'));
}

function queueIdsOf(scripts: IvrScriptSet, extra: readonly string[]): string[] {
  const ids = new Set(extra);
  for (const id of scripts.ids()) {
    const script: CompiledScript = scripts.get(id);
    for (const node of Object.values(script.nodes)) {
      if (node.kind === 'queue') ids.add(node.queueId);
    }
  }
  return [...ids];
}

/** Queues the scripts route to must exist in the ACD; existing ones are left as configured. */
async function ensureQueues(
  acd: AcdStore,
  ids: readonly string[],
  names: QueueNames,
  logger: Logger,
): Promise<void> {
  const existing = new Set((await acd.snapshot()).queues.map((q) => q.id));
  for (const id of ids) {
    if (existing.has(id)) continue;
    await acd.upsertQueue({ id, name: defaultQueueName(names(id), id) });
    logger.info({ queueId: id }, 'ACD queue created with defaults');
  }
}

function signalOf(e: RoutingEvent): RoutingSignal | null {
  switch (e.type) {
    case 'offer':
      return { type: 'offer', offer: e.offer };
    case 'offer_expired':
      return { type: 'offer_withdrawn', callId: e.callId, agentId: e.agentId };
    case 'exit':
      return { type: 'exit', callId: e.callId, exit: e.exit, reason: e.reason };
    case 'overflow':
      return { type: 'moved', callId: e.callId, queueId: e.toQueueId };
    default:
      return null;
  }
}

/**
 * Starts the call layer: IVR scripts, the PBX (the built-in simulator on a loopback port when
 * ARI_URL is unset), the ARI port, the ACD's timers, and the adapters from crm-core, routing and
 * the console gateway to the call layer's ports.
 */
export async function startTelephony(deps: TelephonyDeps): Promise<TelephonyWiring> {
  const { config, life, crm } = deps;
  const o = deps.options ?? {};
  const logger = deps.logger.child({ component: 'telephony' });
  const scripts = await loadScripts();
  const clock = o.clock ?? scaledClock({ speed: o.speed ?? 1 });
  const prefix = o.prefix ?? 'cc:';

  let simulator: PbxSimulator | null = null;
  let ari: { url: string; username: string; password: string };
  if (config.useSimulator) {
    const password = randomBytes(18).toString('base64url');
    simulator = await startPbxSimulator({
      port: 0,
      host: '127.0.0.1',
      username: config.ARI_USERNAME,
      password,
      clock,
      recordingsDir: o.recordingsDir ?? join(config.DATA_DIR, 'recordings'),
      onError: (err) => logger.error({ err }, 'PBX simulator fault'),
    });
    life.onStop('pbx-simulator', () => simulator?.stop());
    ari = { url: simulator.url, username: config.ARI_USERNAME, password };
    logger.warn(
      { url: simulator.url },
      'ARI_URL not set: running against the built-in PBX simulator (no real calls)',
    );
  } else {
    ari = { url: config.ARI_URL!, username: config.ARI_USERNAME, password: config.ARI_PASSWORD! };
  }

  const port = new AriClientPort({
    ...ari,
    app: config.ARI_APP,
    // Children of the root logger: a second `component` on a child would repeat the key.
    logger: deps.logger.child({ component: 'ari' }),
  });
  const acd = deps.acd ?? createAcdStore(deps.redis.commands, { prefix, now: () => clock.now() });
  const queueNames = queueNamesOf(scripts);
  const popLabels: PopLabels = { queueNames, campaignNames: campaignNamesOf(crm), logger };
  await ensureQueues(
    acd,
    queueIdsOf(scripts, [
      o.calls?.fallbackQueueId ?? 'support',
      o.calls?.callbackQueueId ?? 'support',
      o.calls?.campaignQueueId ?? 'support',
    ]),
    queueNames,
    logger,
  );

  const listeners = new Set<(e: CallEvent) => void>();

  let service: TelephonyService | undefined = undefined;
  const claimers = new Set<(signal: RoutingSignal) => boolean>();
  const claimed = (signal: RoutingSignal): boolean => [...claimers].some((c) => c(signal));
  const deliverOffer = (offer: AcdOffer): void => {
    if (claimed({ type: 'offer', offer })) return;
    service?.routing({ type: 'offer', offer }).catch((err: unknown) => {
      logger.warn({ err, callId: offer.callId, agentId: offer.agentId }, 'offer not delivered');
    });
  };
  service = createTelephony({
    ari: port,
    redis: deps.redis.commands,
    subscriber: deps.redis.connect('telephony-relay'),
    prefix,
    ports: {
      acd: acdPort(acd, deliverOffer, () => clock.now(), logger),
      customers: crmCustomerLookup(crm),
      interactions: crmInteractionSink(crm),
      selfService: crmSelfService(crm, deps.changes),
      callbacks: crmCallbacks(crm, deps.changes),
      endpoints: crmEndpoints(crm),
      events: {
        emit(event) {
          for (const l of listeners) {
            try {
              l(event);
            } catch (err) {
              logger.error({ err, event: event.type }, 'call event listener failed');
            }
          }
        },
      },
    },
    scripts,
    ...(o.calls ? { config: o.calls } : {}),
    clock,
    logger: deps.logger,
    ...(o.nodeId ? { nodeId: o.nodeId } : {}),
  });
  const svc = service;

  // The ACD's timers: ring timeouts, wrap-up ends, overflow and exits. Any node may run them;
  // the driving node does, so a standby node stays quiet.
  let ticking = false;
  const tick = setInterval(() => {
    if (!svc.driving || ticking) return;
    ticking = true;
    acd
      .tick()
      .then(({ events, failures }) => {
        for (const f of failures) logger.warn({ failure: f }, 'ACD timer item failed');
        for (const e of events) {
          const signal = signalOf(e);
          if (signal && !claimed(signal)) {
            svc.routing(signal).catch((err: unknown) => {
              logger.warn({ err, signal: signal.type }, 'routing signal not handled');
            });
          }
        }
      })
      .catch((err: unknown) => logger.error({ err }, 'ACD tick failed'))
      .finally(() => {
        ticking = false;
      });
  }, o.tickMs ?? 500);
  life.onStop('acd-tick', () => clearInterval(tick));

  await svc.start();
  life.onStop('telephony', () => svc.stop());

  const status = (): TelephonyStatus => ({
    mode: simulator ? 'simulator' : 'asterisk',
    driving: svc.driving,
    connected: port.connected,
  });

  return {
    service: svc,
    simulator,
    acd,
    clock,
    scripts,
    popLabels,
    router: telephonyRoutes({
      crm,
      logger,
      allowedOrigins: config.allowedOrigins,
      ari,
      status,
    }),
    probe: {
      name: 'pbx',
      // A standby node is ready: it takes over when the driving node's lease lapses.
      check: async () => {
        if (svc.driving) await port.ping();
      },
    },
    controls: callControls(svc),
    supervisor: supervisorActions(svc),
    liveCall: (agentId) => liveCallFor(svc, agentId, popLabels),
    deliverOffer,
    onCallEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    claimSignals(claimer) {
      claimers.add(claimer);
      return () => claimers.delete(claimer);
    },
    status,
  };
}
