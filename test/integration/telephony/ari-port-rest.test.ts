import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AriClientPort, GONE, type AriPort } from '../../../telephony/index.js';
import type { AriClientView } from '../../../telephony/ari/client-view.js';
import { AriRest } from '../../../telephony/ari/rest.js';
import { memoryLogger } from './helpers.js';

interface RestLine {
  method: string;
  url: string;
  status: number;
  resBody: unknown;
}

/** The REST half of the recorded exchange with Asterisk 22, in order. */
const TRACE = readFileSync(
  new URL('../../fixtures/ari-trace/inbound-call.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { kind: string } & RestLine)
  .filter((l) => l.kind === 'rest');

/** Stands in for ari-client's events socket only: the port's REST requests go to `server`. */
class OpenSocket extends EventEmitter implements AriClientView {
  start(): Promise<void> {
    setImmediate(() => this.emit('WebSocketConnected'));
    return Promise.resolve();
  }
  stop(): void {}
  ping(): void {}
}

describe("the ARI port's REST requests", () => {
  let server: Server;
  let port: AriPort;
  const received: { method: string; url: string; auth?: string; body: string }[] = [];
  let replies: RestLine[] = [];

  beforeEach(async () => {
    received.length = 0;
    // Answers each request with the next recorded reply, whatever was asked: the test then
    // compares what was asked with what ari-client asked in the recording.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          auth: req.headers.authorization,
          body,
        });
        const reply = replies.shift();
        const payload =
          reply?.resBody === '' || reply === undefined ? '' : JSON.stringify(reply.resBody);
        res.writeHead(reply?.status ?? 500, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        });
        res.end(payload);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port: p } = server.address() as AddressInfo;
    port = new AriClientPort({
      url: `http://127.0.0.1:${p}`,
      username: 'contact-center',
      password: 's3cret',
      app: 'contact-center',
      logger: memoryLogger().logger,
      connect: () => Promise.resolve(new OpenSocket()),
      preflight: () => Promise.resolve(),
      heartbeatMs: 0,
    });
    const up = new Promise<void>((r) => port.onConnected(() => r()));
    port.start();
    await up;
  });

  afterEach(async () => {
    await port.stop();
    await new Promise((r) => server.close(r));
  });

  it("sends the recorded call's requests as ari-client did, byte for byte, and reads Asterisk's replies", async () => {
    const wanted = TRACE.slice(0, 26).filter(
      // The port always names its playbacks; the recording has one unnamed play.
      (l) => !l.url.includes('does-not-exist'),
    );
    replies = [...wanted];
    const caller = '1795388288.20';
    const agentLeg = '1795388290.23';
    const hold = 'e2720ec8-335d-4d8e-8483-96bc5c36cea7';
    const mix = '6f75ca4d-ee29-47e2-a053-e46450bc4122';
    const rec = 'bd0d0353-499c-4916-a6b2-348cddb4df58';

    expect(await port.answer(caller)).toBe('done');
    expect(await port.setVariable(caller, 'CC_CALL_ID', 'call-1')).toBe('done');
    const pb1 = '9c8e3626-58ce-4939-b273-bb6255cf9f1c';
    expect(
      await port.play({ channelId: caller }, ['sound:cc/welcome'], { playbackId: pb1, lang: 'en' }),
    ).toBe(pb1);
    expect(await port.stopPlayback(pb1)).toBe('done');
    const pb2 = 'eeb5ea04-4566-4c05-b538-85d12b5c74c7';
    await port.play({ channelId: caller }, ['sound:cc/welcome', 'number:1234'], {
      playbackId: pb2,
    });
    await port.stopPlayback(pb2);
    expect(
      await port.createBridge({ type: 'holding', bridgeId: hold, name: 'queue-support' }),
    ).toMatchObject({ id: hold, bridge_type: 'holding' });
    await port.addChannels(hold, [caller], { role: 'participant' });
    await port.startMoh({ bridgeId: hold }, 'default');
    expect(
      await port.originate({
        endpoint: 'Local/1001@agents',
        appArgs: ['agent', 'call-1'],
        callerId: 'Queue <support>',
        timeoutSeconds: 20,
      }),
    ).toMatchObject({ id: agentLeg });
    await port.createBridge({ type: 'mixing', bridgeId: mix, name: 'call-1' });
    await port.removeChannel(hold, caller);
    await port.addChannels(mix, [caller, agentLeg]);
    expect(await port.recordBridge(mix, rec, { ifExists: 'overwrite' })).toMatchObject({
      name: rec,
    });
    await port.pauseRecording(rec);
    await port.unpauseRecording(rec);
    await port.stopRecording(rec);
    const snoopId = 'cb079847-5f33-46bf-9e75-8e169cdc7118';
    expect(
      await port.snoop(caller, { spy: 'both', whisper: 'none', appArgs: ['snoop'], snoopId }),
    ).toMatchObject({ id: snoopId });
    await port.hangup(snoopId);
    await port.hangup(agentLeg);
    // 404 on a channel that is gone is the normal end of a race, not an error.
    expect(await port.hangup(caller)).toBe(GONE);
    await port.destroyBridge(mix);
    await port.destroyBridge(hold);
    expect(await port.getChannel('no-such-channel')).toBeUndefined();
    await expect(port.originate({ endpoint: 'Bogus/123' })).rejects.toMatchObject({
      code: 'allocation-failed',
      status: 500,
    });

    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(
      wanted.map((l) => `${l.method} ${l.url}`),
    );
    expect(new Set(received.map((r) => r.auth))).toEqual(
      new Set([`Basic ${Buffer.from('contact-center:s3cret').toString('base64')}`]),
    );
    expect(received.every((r) => r.body === '')).toBe(true);
  });

  it('sends originate variables as a JSON body, as ari-client does', async () => {
    replies = [{ ...TRACE.find((l) => l.url.startsWith('/ari/channels?endpoint=Local'))! }];
    await port.originate({
      endpoint: 'PJSIP/+8613800138000@pstn',
      appArgs: ['callback', 'cb-1'],
      channelId: 'dial-1',
      timeoutSeconds: 30,
      variables: { CC_DIAL_ID: 'dial-1' },
    });
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/ari/channels?endpoint=PJSIP%2F%2B8613800138000%40pstn&app=contact-center&appArgs=callback%2Ccb-1&timeout=30&channelId=dial-1',
      body: '{"variables":{"CC_DIAL_ID":"dial-1"}}',
    });
  });

  it('reports a refusing PBX as unavailable and a request before connecting as not connected', async () => {
    replies = [
      { method: 'GET', url: '', status: 503, resBody: { message: 'Service Unavailable' } },
    ];
    await expect(port.getChannel('x')).rejects.toMatchObject({ code: 'unavailable', status: 503 });
    await port.stop();
    await expect(port.answer('x')).rejects.toMatchObject({ code: 'not-connected' });
  });
});

describe('the REST transport on keep-alive sockets', () => {
  it('sends a request again on a fresh socket when the PBX closed the idle one it reused', async () => {
    let requests = 0;
    const perSocket = new WeakMap<object, number>();
    // Answers the first request of each connection; drops the connection on the second, as a
    // server does whose keep-alive time ran out just as the client reused the socket.
    const server = createServer((req, res) => {
      requests++;
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n > 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"asterisk_id":"02:fc:00:00:00:01"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const rest = new AriRest({
      url: `http://127.0.0.1:${port}`,
      username: 'u',
      password: 'p',
      timeoutMs: 2000,
    });
    try {
      expect(await rest.request('asterisk.ping', 'GET', '/asterisk/ping')).toEqual({
        asterisk_id: '02:fc:00:00:00:01',
      });
      expect(await rest.request('asterisk.ping', 'GET', '/asterisk/ping')).toEqual({
        asterisk_id: '02:fc:00:00:00:01',
      });
      expect(requests).toBe(3);
    } finally {
      rest.close();
      await new Promise((r) => server.close(r));
    }
  });
});
