import type { Crm } from '../crm-core/index.js';
import { scaledClock, type CallEvent, type PbxSimulator } from '../telephony/index.js';
import type { Logger } from './logger.js';
import type { TelephonyStartOptions, TelephonyWiring } from './wiring/telephony.js';

/**
 * `npm run demo`: callers for the built-in PBX simulator, so that a newcomer sees calls flow on
 * the console and the wallboard. Random callers (some known customers, often the demo VIP
 * +8613800138000) choose a language and a menu option; the demo agents' phones answer after a
 * few rings, talk for a while and one side hangs up; some callers give up while waiting.
 * Times are in the telephony clock's milliseconds.
 */
/** Asia/Shanghai is UTC+8 all year. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * `--demo` on the command line: start the server with demo traffic. The default script is open
 * 08:00-20:00 Shanghai time on weekdays; outside those hours the demo's telephony clock starts at
 * 10:00 of the next weekday instead, so that a newcomer sees calls reach agents at any hour.
 */
export function demoOptions(
  argv: readonly string[],
  now = Date.now(),
): { demo?: boolean; telephony?: TelephonyStartOptions } {
  if (!argv.includes('--demo')) return {};
  const local = new Date(now + SHANGHAI_OFFSET_MS);
  const hour = local.getUTCHours();
  const weekday = local.getUTCDay();
  if (weekday >= 1 && weekday <= 5 && hour >= 8 && hour < 19) return { demo: true };
  const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  const startAt = day.getTime() + 10 * 3_600_000 - SHANGHAI_OFFSET_MS;
  return { demo: true, telephony: { clock: scaledClock({ startAt }) } };
}

export interface DemoTrafficOptions {
  /** Mean time between two callers. */
  meanGapMs?: number;
  /** Agents (CRM usernames) logged into the ACD, ready, with phones that answer. */
  agents?: readonly string[];
}

export interface DemoTraffic {
  stop(): void;
}

const VIP_DEMO = '+8613800138000';
const MENU = ['0', '0', '1', '1', '2', '3', '0'];

export async function startDemoTraffic(
  t: TelephonyWiring,
  crm: Crm,
  logger: Logger,
  opts: DemoTrafficOptions = {},
): Promise<DemoTraffic> {
  const sim: PbxSimulator | null = t.simulator;
  if (!sim) throw new Error('the demo traffic needs the built-in PBX simulator (unset ARI_URL)');
  const log = logger.child({ component: 'demo-traffic' });
  const control = sim.control;
  const meanGapMs = opts.meanGapMs ?? 8_000;
  const timers = new Set<{ cancel(): void }>();
  let stopped = false;
  const later = (ms: number, fn: () => void | Promise<void>): void => {
    const handle = t.clock.setTimer(ms, () => {
      timers.delete(handle);
      if (stopped) return;
      Promise.resolve()
        .then(fn)
        .catch((err: unknown) => log.debug({ err }, 'demo step skipped'));
    });
    timers.add(handle);
  };
  const rand = (min: number, max: number) => min + Math.random() * (max - min);

  for (const username of opts.agents ?? ['agent1', 'agent2', 'agent3', 'agent4']) {
    const user = await crm.users.findByUsername(username);
    if (!user?.endpoint) continue;
    control.setEndpoint(user.endpoint, { answer: 'answer', delayMs: 4_000 });
    try {
      const offer = await t.acd.loginAgent({
        id: String(user.id),
        name: user.displayName,
        skills: Object.fromEntries(user.skills.map((s) => [s.skill, s.proficiency])),
        groups: user.skills.some((s) => s.skill === 'vip') ? ['vip'] : [],
        queues: user.queues.map((queueId, i) => ({ queueId, rank: i + 1 })),
      });
      if (offer) t.deliverOffer(offer);
    } catch (err) {
      log.info({ err, username }, 'demo agent left as they are in the ACD');
    }
  }

  const known = (
    (await crm.knex('customer_phones').select('e164').orderByRaw('random()').limit(40)) as {
      e164: string;
    }[]
  ).map((r) => r.e164);

  const pickCaller = (): string => {
    const x = Math.random();
    if (x < 0.15) return VIP_DEMO;
    if (x < 0.55 && known.length) return known[Math.floor(Math.random() * known.length)]!;
    return `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  };

  const unsubscribe = t.onCallEvent((e: CallEvent) => {
    if (e.type === 'queued' && Math.random() < 0.15) {
      // Some callers give up while waiting.
      later(rand(30_000, 90_000), () => hangupIfUp(e.callId));
    }
    if (e.type === 'connected') {
      later(rand(20_000, 70_000), () => hangupIfUp(e.callId));
    }
  });

  function hangupIfUp(channelId: string): void {
    if (control.state().channels.some((c) => c.id === channelId)) control.hangup(channelId);
  }

  async function oneCaller(): Promise<void> {
    const from = pickCaller();
    const call = await control.placeCall({ from });
    if (!call.stasis) return;
    const id = call.channelId;
    log.info({ from: from.slice(0, 6) + '…', callId: id }, 'demo caller');
    later(rand(800, 2_500), () => control.pressKeys(id, Math.random() < 0.8 ? '1' : '2'));
    later(rand(6_000, 9_000), () =>
      control.pressKeys(id, MENU[Math.floor(Math.random() * MENU.length)]!),
    );
  }

  const next = (): void => {
    later(rand(0.3, 1.7) * meanGapMs, async () => {
      next();
      await oneCaller();
    });
  };
  next();
  log.warn({ meanGapMs }, 'demo traffic: simulated callers are calling in');

  return {
    stop() {
      stopped = true;
      unsubscribe();
      for (const h of timers) h.cancel();
      timers.clear();
    },
  };
}
