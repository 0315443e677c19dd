import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RealClock, type Clock } from './clock.js';
import type { EndpointBehaviour } from './context.js';
import { parseDialplan } from './dialplan/parse.js';
import { AriDispatcher } from './ari/dispatch.js';
import { ARI_ROUTES } from './ari/table.js';
import { PbxControl } from './control/api.js';
import { createEngine } from './engine/index.js';
import { EventHub } from './event-hub.js';
import { now } from './events.js';
import { RecordingStore } from './media/recording-store.js';
import { SoundCatalogue, type SoundOptions } from './media/sounds.js';
import { createSimulatorServer } from './server.js';

export interface PbxSimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  host?: string;
  /** ARI credentials (ari.conf). */
  username?: string;
  password?: string;
  /** Simulated time runs this many times faster than the wall clock (ignored with `clock`). */
  speed?: number;
  clock?: Clock;
  /**
   * Where recordings are written (Asterisk's spool/recording). By default a fresh temporary
   * folder, removed by `stop()`.
   */
  recordingsDir?: string;
  /** extensions.conf text; the project's telephony/asterisk/extensions.conf by default. */
  dialplan?: string;
  sounds?: SoundOptions;
  /** PJSIP endpoints that exist (agents' phones). */
  pjsipEndpoints?: string[];
  /** PJSIP trunks that accept any number as `PJSIP/<number>@<trunk>`. */
  trunks?: string[];
  /** What an endpoint without a script does when dialled. */
  defaultBehaviour?: Partial<EndpointBehaviour>;
  /** Reported as asterisk_id and entity_id. */
  asteriskId?: string;
  /** Faults inside the simulator (never thrown into the event loop). */
  onError?: (err: unknown) => void;
}

export interface PbxSimulator {
  /** ARI base URL, e.g. http://127.0.0.1:39123 (ari-client's first argument). */
  url: string;
  port: number;
  control: PbxControl;
  recordingsDir: string;
  stop(): Promise<void>;
}

export const DEFAULT_DIALPLAN_FILE = new URL('../asterisk/extensions.conf', import.meta.url);

export async function startPbxSimulator(options: PbxSimulatorOptions = {}): Promise<PbxSimulator> {
  const clock = options.clock ?? new RealClock(options.speed ?? 1);
  const recordingsDir = options.recordingsDir ?? mkdtempSync(join(tmpdir(), 'pbx-sim-recordings-'));
  const store = new RecordingStore(recordingsDir);
  const dialplan = parseDialplan(options.dialplan ?? readFileSync(DEFAULT_DIALPLAN_FILE, 'utf8'));
  const onError = options.onError ?? ((err: unknown) => console.error('pbx-simulator:', err));
  let hub: EventHub | undefined = undefined;
  const ctx = createEngine({
    clock,
    sink: {
      isActive: (app) => hub?.isActive(app) ?? false,
      deliver: (app, event) => hub?.deliver(app, event),
    },
    config: {
      asteriskId: options.asteriskId ?? '02:fc:00:00:00:01',
      pjsipEndpoints: options.pjsipEndpoints ?? ['1001', '1002', '1003', '1004'],
      trunks: options.trunks ?? ['pstn'],
      defaultBehaviour: { answer: 'answer', delayMs: 0, amd: 'HUMAN', ...options.defaultBehaviour },
      dtmfDurationMs: 100,
    },
    dialplan,
    sounds: new SoundCatalogue(options.sounds ?? {}, store),
    store,
    onError,
  });
  hub = new EventHub(
    (app) => ctx.state.knownApps.add(app),
    (app) => ({
      type: 'ApplicationReplaced',
      timestamp: now(ctx),
      application: app,
      asterisk_id: ctx.config.asteriskId,
    }),
  );
  let downUntil = 0;
  const control = new PbxControl({
    ctx,
    hub,
    goDown: (ms) => {
      downUntil = Date.now() + ms;
    },
  });
  const server = createSimulatorServer({
    ctx,
    hub,
    dispatcher: new AriDispatcher(ARI_ROUTES),
    control,
    credentials: `${options.username ?? 'asterisk'}:${options.password ?? 'asterisk'}`,
    isDown: () => Date.now() < downUntil,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    control,
    recordingsDir: store.dir,
    stop: async () => {
      for (const t of [...ctx.timers]) t.cancel();
      hub.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.recordingsDir) rmSync(store.dir, { recursive: true, force: true });
    },
  };
}

export { ManualClock, RealClock, type Clock } from './clock.js';
export {
  PbxControl,
  type PlacedCall,
  type RestartMode,
  type MediaHeard,
  type PbxState,
} from './control/api.js';
export type { EndpointBehaviour, AnswerMode, AmdResult } from './context.js';
export type { OriginateLogEntry } from './state.js';
export type { SoundOptions } from './media/sounds.js';
export type { InboundCall } from './engine/channel-ops.js';
export { SimulatorError } from './errors.js';
