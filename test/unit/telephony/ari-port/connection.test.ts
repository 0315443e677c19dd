import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { AriClientView } from '../../../../telephony/ari/client-view.js';
import { AriConnection, type ConnectionOptions } from '../../../../telephony/ari/connection.js';
import { AriError } from '../../../../telephony/ari/errors.js';

/** Stands in for an ari-client client: tests drive its socket events. */
class FakeClient extends EventEmitter implements AriClientView {
  started: string[] = [];
  stopped = 0;
  async start(app: string): Promise<void> {
    this.started.push(app);
    await Promise.resolve();
    this.emit('WebSocketConnected');
  }
  stop(): void {
    this.stopped++;
  }
  ping(): void {
    setImmediate(() => this.emit('pong'));
  }
}

function quietLogger() {
  const warnings: object[] = [];
  return {
    warnings,
    logger: { debug() {}, info() {}, warn: (obj: object) => void warnings.push(obj), error() {} },
  };
}

function options(overrides: Partial<ConnectionOptions>): ConnectionOptions {
  return {
    url: 'http://pbx:8088',
    username: 'u',
    password: 'p',
    app: 'contact-center',
    logger: quietLogger().logger,
    backoff: { initialMs: 1, maxMs: 1, factor: 1, jitter: 0 },
    preflight: () => Promise.resolve(),
    connect: () => Promise.resolve(new FakeClient()),
    heartbeatMs: 0,
    ...overrides,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await tick();
  expect(check()).toBe(true);
}

describe('the ARI connection loop', () => {
  it("keeps trying for as long as it takes, well past ari-client's ten attempts", async () => {
    const log = quietLogger();
    let preflights = 0;
    const clients: FakeClient[] = [];
    const conn = new AriConnection(
      options({
        logger: log.logger,
        backoff: { initialMs: 1, maxMs: 2, factor: 2, jitter: 0 },
        preflight: () => {
          preflights++;
          return preflights <= 25
            ? Promise.reject(new AriError('unavailable', 'down'))
            : Promise.resolve();
        },
        connect: () => {
          const c = new FakeClient();
          clients.push(c);
          return Promise.resolve(c);
        },
      }),
    );
    const ups: boolean[] = [];
    conn.up.add((i) => void ups.push(i.reconnect));
    conn.start();
    await until(() => ups.length === 1);
    expect(preflights).toBe(26);
    expect(log.warnings).toHaveLength(25);
    expect(log.warnings[24]).toMatchObject({ code: 'unavailable', attempt: 25 });
    expect(clients).toHaveLength(1);
    expect(clients[0]!.started).toEqual(['contact-center']);
    expect(conn.connected).toBe(true);
    conn.stop();
  });

  it('starts over with a new client when ari-client gives up reconnecting', async () => {
    const clients: FakeClient[] = [];
    const conn = new AriConnection(
      options({
        connect: () => {
          const c = new FakeClient();
          clients.push(c);
          return Promise.resolve(c);
        },
      }),
    );
    const log: string[] = [];
    conn.up.add((i) => void log.push(`up reconnect=${i.reconnect}`));
    conn.down.add(() => void log.push('down'));
    conn.start();
    await until(() => log.length === 1);
    clients[0]!.emit('WebSocketReconnecting', new Error('socket hang up'));
    clients[0]!.emit('WebSocketConnected');
    clients[0]!.emit('WebSocketReconnecting', new Error('socket hang up'));
    clients[0]!.emit('WebSocketMaxRetries', new Error('gave up'));
    await until(() => log.length === 5);
    expect(log).toEqual([
      'up reconnect=false',
      'down',
      'up reconnect=true',
      'down',
      'up reconnect=true',
    ]);
    expect(clients).toHaveLength(2);
    // The old client's events no longer reach the app.
    const raw: unknown[] = [];
    conn.rawEvents.add((e) => void raw.push(e));
    clients[0]!.emit('*', { type: 'StasisStart' });
    clients[1]!.emit('*', { type: 'StasisEnd' });
    expect(raw).toEqual([{ type: 'StasisEnd' }]);
    conn.stop();
    expect(clients[1]!.stopped).toBe(1);
    expect(log.at(-1)).toBe('down');
  });

  it('drops a socket that stops answering pings so that ari-client reconnects it', async () => {
    const silent = new FakeClient();
    silent.ping = () => {};
    let terminated = 0;
    Object.assign(silent, { _ws: { terminate: () => void terminated++ } });
    const conn = new AriConnection(
      options({ connect: () => Promise.resolve(silent), heartbeatMs: 10 }),
    );
    conn.start();
    await until(() => terminated === 1);
    conn.stop();
  });

  it("takes the socket's messages over from ari-client and delivers each event once, as sent", async () => {
    const client = new FakeClient();
    const socket = new EventEmitter();
    let ariClientParsed = 0;
    socket.on('message', () => void ariClientParsed++);
    Object.assign(client, { _ws: socket });
    const conn = new AriConnection(options({ connect: () => Promise.resolve(client) }));
    const raw: unknown[] = [];
    conn.rawEvents.add((e) => void raw.push(e));
    conn.start();
    await until(() => conn.connected);
    socket.emit('message', '{"type":"StasisStart","args":["agent","c1"]}');
    socket.emit('message', 'not json');
    expect(raw).toEqual([{ type: 'StasisStart', args: ['agent', 'c1'] }, 'not json']);
    expect(ariClientParsed).toBe(0);
    conn.stop();
  });
});
