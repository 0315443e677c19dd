import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AriClientPort,
  AriError,
  startPbxSimulator,
  type AriPort,
  type PbxSimulator,
} from '../../../telephony/index.js';
import { EventLog, memoryLogger, sleep, until } from './helpers.js';

const CREDS = { username: 'contact-center', password: 's3cret-pass' };
const FAST = { initialMs: 50, maxMs: 400, factor: 2, jitter: 0 };

describe('ARI port connection to the simulator', () => {
  let sim: PbxSimulator;
  let port: AriPort;
  let log: ReturnType<typeof memoryLogger>;

  beforeEach(async () => {
    sim = await startPbxSimulator({ ...CREDS });
    log = memoryLogger();
    port = new AriClientPort({
      url: sim.url,
      ...CREDS,
      app: 'contact-center',
      logger: log.logger,
      backoff: FAST,
    });
  });

  afterEach(async () => {
    await port.stop();
    await sim.stop();
  });

  async function connect(): Promise<void> {
    const up = new Promise<void>((resolve) => port.onConnected(() => resolve()));
    port.start();
    await up;
  }

  it('reconnects after the WebSocket is cut and finds the call still up without a new StasisStart', async () => {
    const events = new EventLog(port);
    const connections: boolean[] = [];
    const drops: string[] = [];
    port.onConnected((i) => void connections.push(i.reconnect));
    port.onDisconnected((i) => void drops.push(i.reason));
    await connect();
    const call = await sim.control.placeCall({ from: '+8613800138000', callerName: 'Li Wei' });
    await events.waitFor((e) => e.type === 'StasisStart');
    expect(await port.answer(call.channelId)).toBe('done');

    expect(sim.control.dropWebSocket({ app: 'contact-center', refuseMs: 300 })).toEqual({
      dropped: 1,
    });
    await until(() => drops.length === 1, 2000, 'disconnected');
    expect(port.connected).toBe(false);
    await until(() => connections.length === 2, 5000, 'reconnected');
    expect(connections).toEqual([false, true]);

    const app = await port.getApplication();
    expect(app.channel_ids).toEqual([call.channelId]);
    const channels = await port.listChannels();
    expect(channels.find((c) => c.id === call.channelId)).toMatchObject({
      state: 'Up',
      caller: { number: '+8613800138000' },
    });
    await sleep(100);
    expect(events.types().filter((t) => t === 'StasisStart')).toHaveLength(1);
  });

  it('reconnects after a full PBX restart and finds nothing left to reconcile', async () => {
    const connections: boolean[] = [];
    port.onConnected((i) => void connections.push(i.reconnect));
    await connect();
    await sim.control.placeCall({ from: '+8613800138000' });
    sim.control.restart({ mode: 'full', downMs: 200 });
    await until(() => connections.length === 2, 5000, 'reconnected');
    expect(await port.listChannels()).toEqual([]);
    expect((await port.getApplication()).channel_ids).toEqual([]);
    // ARI was refused while the PBX was down: the port logged its retries instead of crashing.
    expect(log.lines.some((l) => l.level === 'warn')).toBe(true);
  });

  it('comes back after a connection loss with the PBX refusing ARI meanwhile, and finds the call still up', async () => {
    const connections: boolean[] = [];
    port.onConnected((i) => void connections.push(i.reconnect));
    await connect();
    const call = await sim.control.placeCall({ from: '+8613800138000' });
    sim.control.restart({ mode: 'connection-loss', downMs: 400 });
    const refused = await fetch(`${sim.url}/ari/channels`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${CREDS.username}:${CREDS.password}`).toString('base64')}`,
      },
    });
    expect(refused.status).toBe(503);
    await expect(port.getChannel(call.channelId)).rejects.toMatchObject({ code: 'unavailable' });
    await until(() => connections.length === 2, 5000, 'reconnected');
    expect((await port.getChannel(call.channelId))?.id).toBe(call.channelId);
    expect((await port.getApplication()).channel_ids).toEqual([call.channelId]);
  });

  it('keeps retrying with backoff when the credentials are refused, without crashing', async () => {
    await port.stop();
    port = new AriClientPort({
      url: sim.url,
      username: CREDS.username,
      password: 'wrong-password',
      app: 'contact-center',
      logger: log.logger,
      backoff: FAST,
    });
    port.start();
    await until(
      () => log.lines.filter((l) => l.msg.startsWith('ARI connection failed')).length >= 3,
      5000,
      'three retries',
    );
    const failures = log.lines.filter((l) => l.msg.startsWith('ARI connection failed'));
    expect(failures[0]!.obj).toMatchObject({ code: 'unauthorized' });
    expect(port.connected).toBe(false);
    expect(JSON.stringify(log.lines)).not.toContain('wrong-password');
  });

  it('logs a throwing event handler and still delivers the event to the other handlers', async () => {
    const seen: string[] = [];
    port.onEvent(() => {
      throw new Error('handler bug');
    });
    port.onEvent(async () => {
      await Promise.resolve();
      throw new Error('async handler bug');
    });
    port.onEvent((e) => void seen.push(e.type));
    await connect();
    await sim.control.placeCall({ from: '+8613800138000' });
    await until(() => seen.includes('StasisStart'), 3000, 'StasisStart');
    await until(
      () => log.lines.filter((l) => l.level === 'error').length >= 2,
      2000,
      'errors logged',
    );
    expect(log.lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'ARI event handler failed',
      'ARI event handler failed',
    ]);
  });

  it('answers ping with the latency and the Asterisk id, and refuses calls before connecting', async () => {
    await expect(port.ping()).rejects.toMatchObject({ code: 'not-connected' });
    await connect();
    const pong = await port.ping();
    expect(pong.asteriskId).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect(pong.latencyMs).toBeGreaterThanOrEqual(0);
    await port.stop();
    await expect(port.answer('x')).rejects.toBeInstanceOf(AriError);
  });
});
