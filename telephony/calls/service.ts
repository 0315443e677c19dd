import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { IvrInterpreter, type CompiledScript } from '../../ivr-scripts/index.js';
import type { AriPort } from '../ari/port.js';
import { Calls } from './calls.js';
import { scaledClock, type CallClock } from './clock.js';
import { HoldBridges } from './hold.js';
import { parseCallConfig, type CallConfig, type CallConfigInput } from './config.js';
import type { CallContext, Flow } from './context.js';
import { EventDispatcher } from './dispatcher.js';
import { CallError } from './errors.js';
import type { RecordingState } from './events.js';
import {
  agentHangup,
  agentRecording,
  agentTransfer,
  type TransferTo,
} from './handlers/controls.js';
import {
  awaitDialOut,
  checkDialOut,
  readDialOut,
  startDialOut,
  verifyDialOut,
  type DialOutRecord,
  type DialOutRequest,
} from './handlers/dial-out.js';
import { failCall } from './handlers/failure.js';
import { finish } from './handlers/hangup.js';
import { exitQueue, routeToQueue } from './handlers/queue.js';
import { connect, offerCall, offerFailed } from './handlers/offer.js';
import { reconcile, type ReconcileReport } from './handlers/reconcile.js';
import { recordingState, setRecording, startRecording } from './handlers/recording.js';
import { timerFired } from './handlers/signals.js';
import { startMonitor } from './handlers/supervisor.js';
import { InteractionWriter } from './interaction-writer.js';
import { callKeys } from './keys.js';
import { Lease } from './lease.js';
import type { CallLogger } from './log.js';
import type { CallRecord, MonitorMode } from './model.js';
import type {
  Acd,
  AcdOffer,
  CallbackRequests,
  CallEventSink,
  CustomerLookup,
  Endpoints,
  InteractionSink,
  QueueExitKind,
  SelfService,
} from './ports.js';
import { CommandRelay } from './relay.js';
import { KeyedSerial } from './serial.js';
import { CallStore } from './store/call-store.js';
import { TimerWheel } from './timers.js';
import { liveCallView, type LiveCallView } from './view.js';

export interface TelephonyPorts {
  acd: Acd;
  customers: CustomerLookup;
  interactions: InteractionSink;
  selfService: SelfService;
  callbacks: CallbackRequests;
  endpoints: Endpoints;
  events: CallEventSink;
}

export interface TelephonyOptions {
  ari: AriPort;
  /** The command connection (short commands, scripts). */
  redis: Redis;
  /**
   * A dedicated subscriber connection for the command relay between server nodes. Without it
   * this node serves only the commands it receives itself.
   */
  subscriber?: Redis;
  /** Prefix of every Redis key (tests: createTestRedis().prefix). */
  prefix: string;
  ports: TelephonyPorts;
  /** Compiled IVR scripts by id (ivr-scripts `IvrScriptSet`). */
  scripts: { get(id: string): CompiledScript };
  config?: CallConfigInput;
  clock?: CallClock;
  logger: CallLogger;
  /** This server node's id for the lease; random by default. */
  nodeId?: string;
}

/** What the ACD tells telephony after the fact (timers, other nodes' matches). */
export type RoutingSignal =
  | { type: 'offer'; offer: AcdOffer }
  /** The ACD took back an offer (its ring deadline passed): stop ringing that agent. */
  | { type: 'offer_withdrawn'; callId: string; agentId: string }
  | { type: 'exit'; callId: string; exit: QueueExitKind; reason: string }
  /** Overflow moved the call to another queue. */
  | { type: 'moved'; callId: string; queueId: string };

type Command =
  | { kind: 'routing'; signal: RoutingSignal }
  | { kind: 'hangup'; agentId: string; callId: string }
  | { kind: 'transfer'; agentId: string; callId: string; to: TransferTo }
  | { kind: 'recording'; agentId: string; callId: string; action: 'pause' | 'resume' }
  | { kind: 'monitor'; supervisorId: string; callId: string; mode: MonitorMode }
  | { kind: 'dial'; request: DialOutRequest }
  | { kind: 'dial_check'; channelId: string };

const Id = z.string().min(1).max(128);
const CommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hangup'), agentId: Id, callId: Id }),
  z.object({
    kind: z.literal('transfer'),
    agentId: Id,
    callId: Id,
    to: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('queue'), queueId: Id }),
      z.object({ kind: z.literal('agent'), agentId: Id }),
    ]),
  }),
  z.object({
    kind: z.literal('recording'),
    agentId: Id,
    callId: Id,
    action: z.enum(['pause', 'resume']),
  }),
  z.object({
    kind: z.literal('monitor'),
    supervisorId: Id,
    callId: Id,
    mode: z.enum(['listen', 'whisper', 'barge']),
  }),
]);

/** Commands come from outside (consoles, the API): refused with what is wrong before any work. */
function checkCommand<C extends Command>(command: C): C {
  const parsed = CommandSchema.safeParse(command);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CallError(
      'invalid_input',
      `${command.kind}: ${issue?.path.join('.') || 'command'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return command;
}

/** The call-centre telephony of one server node. */
export interface TelephonyService {
  readonly nodeId: string;
  /** True while this node holds the lease and drives the PBX. */
  readonly driving: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once this node drives and has reconciled with the PBX. */
  whenDriving(): Promise<void>;
  routing(signal: RoutingSignal): Promise<void>;
  hangup(agentId: string, callId: string): Promise<void>;
  transfer(agentId: string, callId: string, to: TransferTo): Promise<void>;
  setRecording(
    agentId: string,
    callId: string,
    action: 'pause' | 'resume',
  ): Promise<RecordingState>;
  monitor(supervisorId: string, callId: string, mode: MonitorMode): Promise<{ monitorId: string }>;
  /** The call the agent is offered, on or wrapping up, for the console after a reconnect. */
  liveCall(agentId: string): Promise<LiveCallView | null>;
  /** One call as stored (live, or ended within the retention time). */
  call(callId: string): Promise<CallRecord | null>;
  /**
   * Originates an outbound call (callback, campaign) on the driving node and answers its
   * record at once (status `ringing`, or `failed` when the PBX refused it). The channel id is
   * the dial's identity: asking again with the same id dials nothing and answers the first
   * dial's record.
   */
  dial(request: DialOutRequest): Promise<DialOutRecord>;
  /**
   * Waits (any node) until the dial ends or `timeoutMs` passes. A dial still ringing then is
   * checked against the PBX: a channel that no longer exists closes it as `failed`. null when
   * the channel id was never dialled.
   */
  dialOutcome(channelId: string, timeoutMs: number): Promise<DialOutRecord | null>;
  /** The dial's record as stored (any node); null when never dialled. */
  dialRecord(channelId: string): Promise<DialOutRecord | null>;
  /** Reconciles with the PBX now (normally done on every ARI (re)connection). */
  reconcile(): Promise<ReconcileReport>;
  /** Resolves when every event and task received so far has been handled (tests, shutdown). */
  idle(): Promise<void>;
}

export function createTelephony(opts: TelephonyOptions): TelephonyService {
  const config: CallConfig = parseCallConfig(opts.config ?? {});
  const clock = opts.clock ?? scaledClock();
  const logger = opts.logger.child({ component: 'calls' });
  const nodeId = opts.nodeId ?? randomUUID();
  const keys = callKeys(opts.prefix);
  const store = new CallStore(opts.redis, keys, config.endedTtlMs);
  const writer = new InteractionWriter(opts.ports.interactions, logger);
  const interpreters = new Map<string, IvrInterpreter>();

  let driving = false;
  /** False once stopped: late timers and follow-up work of a stopped node never run. */
  let accepting = true;
  const serial = new KeyedSerial((callId, err) => {
    // A node that no longer drives must not touch calls another node may have taken over.
    if (driving) void failCall(ctx, callId, err);
    else logger.warn({ err, callId }, 'call step failed while not driving');
  });
  const run = (callId: string, task: () => Promise<void>): Promise<void> =>
    accepting ? serial.run(callId, task) : Promise.resolve();
  const timers = new TimerWheel(clock, (callId, timerId) => {
    if (driving) void run(callId, () => timerFired(ctx, callId, timerId));
  });
  const calls = new Calls(store, timers, writer, opts.ports.events, logger);

  const flow: Flow = {
    routeToQueue: (d, route) => routeToQueue(ctx, d, route),
    offer: (offer) => offerCall(ctx, offer),
    offerFailed: (callId, channelId, why) => offerFailed(ctx, callId, channelId, why),
    connect: (d) => connect(ctx, d),
    startRecording: (d) => startRecording(ctx, d),
    setRecording: (d, action, by) => setRecording(ctx, d, action, by),
    finish: (d, endedBy, reason) => finish(ctx, d, endedBy, reason),
    fail: (callId, err) => failCall(ctx, callId, err),
  };

  const ctx: CallContext = {
    ari: opts.ari,
    calls,
    acd: opts.ports.acd,
    customers: opts.ports.customers,
    selfService: opts.ports.selfService,
    callbacks: opts.ports.callbacks,
    endpoints: opts.ports.endpoints,
    config,
    clock,
    logger,
    redis: opts.redis,
    flow,
    holds: new HoldBridges(opts.ari, config.mohClass),
    interpreter(scriptId) {
      let it = interpreters.get(scriptId);
      if (!it) {
        it = new IvrInterpreter(opts.scripts.get(scriptId));
        interpreters.set(scriptId, it);
      }
      return it;
    },
    run,
  };
  // Fails at start-up, not on the first call, when the inbound script is missing.
  ctx.interpreter(config.scriptId);

  const dispatcher = new EventDispatcher(ctx);
  let stopped = true;
  let drivingWaiters: (() => void)[] = [];
  let reconciled = false;

  /** Runs `fn` on the call's line and hands its result (or error) back to the caller. */
  function onLine<T>(callId: string, fn: () => Promise<T>): Promise<T> {
    if (!accepting) {
      return Promise.reject(new CallError('unavailable', 'telephony is stopping'));
    }
    return new Promise<T>((resolve, reject) => {
      void serial.run(callId, async () => {
        try {
          resolve(await fn());
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    });
  }

  async function routingHere(signal: RoutingSignal): Promise<void> {
    switch (signal.type) {
      case 'offer':
        return onLine(signal.offer.callId, () => offerCall(ctx, signal.offer));
      case 'offer_withdrawn':
        return onLine(signal.callId, async () => {
          const rec = await calls.get(signal.callId);
          const o = rec?.offer;
          if (rec?.state !== 'offering' || !o || o.agentId !== signal.agentId) return;
          if (o.answeredAt !== null) return;
          await offerFailed(ctx, signal.callId, o.channelId, 'withdrawn');
        });
      case 'exit':
        return onLine(signal.callId, () =>
          exitQueue(ctx, signal.callId, signal.exit, signal.reason),
        );
      case 'moved':
        return onLine(signal.callId, async () => {
          await calls.update(signal.callId, (d) => {
            if (!d.rec.queue || d.rec.queue.queueId === signal.queueId) return false;
            d.rec.queue.queueId = signal.queueId;
            d.interaction({ queue: signal.queueId });
          });
        });
    }
  }

  function exec(command: Command): Promise<unknown> {
    switch (command.kind) {
      case 'routing':
        return routingHere(command.signal);
      case 'hangup':
        return onLine(command.callId, () => agentHangup(ctx, command.agentId, command.callId));
      case 'transfer':
        return onLine(command.callId, () =>
          agentTransfer(ctx, command.agentId, command.callId, command.to),
        );
      case 'recording':
        return onLine(command.callId, () =>
          agentRecording(ctx, command.agentId, command.callId, command.action),
        );
      case 'monitor':
        return onLine(command.callId, () =>
          startMonitor(ctx, command.supervisorId, command.callId, command.mode),
        );
      case 'dial':
        return startDialOut(ctx, command.request);
      case 'dial_check':
        return verifyDialOut(ctx, command.channelId);
    }
  }

  const relay = opts.subscriber
    ? new CommandRelay<Command>(
        opts.redis,
        opts.subscriber,
        keys,
        nodeId,
        () => driving,
        exec,
        logger,
      )
    : null;

  function send(command: Command): Promise<unknown> {
    if (relay) return relay.send(command);
    if (!driving) {
      return Promise.reject(
        new CallError('not_driving', 'this server node is not driving telephony'),
      );
    }
    return exec(command);
  }

  const lease = new Lease(
    opts.redis,
    {
      nodeId,
      key: keys.lease,
      ttlMs: config.leaseTtlMs,
      renewEveryMs: config.leaseRenewMs,
      onAcquired() {
        driving = true;
        opts.ari.start();
      },
      onLost() {
        driving = false;
        reconciled = false;
        timers.cancelAll();
        calls.forget();
        void opts.ari.stop();
      },
    },
    logger,
  );

  async function runReconcile(): Promise<ReconcileReport> {
    const report = await reconcile(ctx, timers);
    logger.info({ ...report }, 'reconciled calls with the PBX');
    reconciled = true;
    const waiters = drivingWaiters;
    drivingWaiters = [];
    for (const w of waiters) w();
    return report;
  }

  const unsubscribe: (() => void)[] = [];

  return {
    nodeId,
    get driving() {
      return driving;
    },
    async start() {
      if (!stopped) return;
      stopped = false;
      accepting = true;
      unsubscribe.push(
        opts.ari.onEvent((event) => {
          if (driving) dispatcher.handle(event);
        }),
        opts.ari.onConnected(async () => {
          if (!driving) return;
          try {
            await runReconcile();
          } catch (err) {
            logger.error({ err }, 'reconciliation with the PBX failed');
          }
        }),
      );
      if (relay) await relay.start();
      lease.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // Stop taking new work, let the work under way finish while ARI is still there, then
      // let go of the PBX and of the lease so that a standby node takes over at once.
      driving = false;
      timers.cancelAll();
      await dispatcher.settled();
      await serial.idle();
      accepting = false;
      timers.cancelAll();
      for (const u of unsubscribe.splice(0)) u();
      await opts.ari.stop();
      await lease.stop();
      await writer.flush();
      if (relay) await relay.stop();
    },
    whenDriving() {
      if (driving && reconciled) return Promise.resolve();
      return new Promise<void>((res) => drivingWaiters.push(res));
    },
    async routing(signal) {
      await send({ kind: 'routing', signal });
    },
    async hangup(agentId, callId) {
      await send(checkCommand({ kind: 'hangup', agentId, callId }));
    },
    async transfer(agentId, callId, to) {
      await send(checkCommand({ kind: 'transfer', agentId, callId, to }));
    },
    async setRecording(agentId, callId, action) {
      return (await send(
        checkCommand({ kind: 'recording', agentId, callId, action }),
      )) as RecordingState;
    },
    async monitor(supervisorId, callId, mode) {
      return (await send(checkCommand({ kind: 'monitor', supervisorId, callId, mode }))) as {
        monitorId: string;
      };
    },
    async liveCall(agentId) {
      const callId = await store.agentCall(agentId);
      if (!callId) return null;
      const found = await store.read(callId);
      return found ? liveCallView(found.rec, agentId, clock.now()) : null;
    },
    async call(callId) {
      return (await store.read(callId))?.rec ?? null;
    },
    async dial(request) {
      return (await send({ kind: 'dial', request: checkDialOut(request) })) as DialOutRecord;
    },
    async dialOutcome(channelId, timeoutMs) {
      const rec = await awaitDialOut(opts.redis, keys, channelId, timeoutMs);
      if (!rec || rec.status !== 'ringing') return rec;
      return (await send({ kind: 'dial_check', channelId })) as DialOutRecord | null;
    },
    dialRecord: (channelId) => readDialOut(opts.redis, keys, channelId),
    reconcile: runReconcile,
    async idle() {
      await dispatcher.settled();
      await serial.idle();
      await writer.flush();
    },
  };
}

export { recordingState };
