import ari from 'ari-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startPbxSimulator, type PbxSimulator } from '../../../telephony/simulator/index.js';
import { ARI_ROUTES } from '../../../telephony/simulator/ari/table.js';
import { sleep, until } from './helpers.js';

const USER = 'contact-center';
const PASS = 'pa55word';
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

/** An app's event socket, recording the JSON it receives. */
function openApp(sim: PbxSimulator, app: string, key = `${USER}:${PASS}`) {
  const received: Record<string, unknown>[] = [];
  const ws = new WebSocket(
    `${sim.url.replace('http', 'ws')}/ari/events?app=${app}&api_key=${encodeURIComponent(key)}`,
  );
  ws.on('message', (data: Buffer) =>
    received.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return { ws, received, opened };
}

describe('the simulator on the wire', () => {
  let sim: PbxSimulator;

  beforeAll(async () => {
    sim = await startPbxSimulator({
      username: USER,
      password: PASS,
      speed: 40,
      sounds: { sounds: { 'cc/welcome': 3000 } },
    });
  });

  afterAll(async () => {
    await sim.stop();
  });

  it('refuses wrong credentials on REST and on the events socket, and accepts basic auth or api_key', async () => {
    const bad = await fetch(`${sim.url}/ari/channels`, {
      headers: { authorization: basic(USER, 'nope') },
    });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Basic realm="Asterisk REST Interface"');
    expect(await bad.json()).toEqual({ message: 'Authentication required' });
    expect((await fetch(`${sim.url}/ari/channels`)).status).toBe(401);
    expect(
      (await fetch(`${sim.url}/ari/channels`, { headers: { authorization: basic(USER, PASS) } }))
        .status,
    ).toBe(200);
    expect((await fetch(`${sim.url}/ari/channels?api_key=${USER}:${PASS}`)).status).toBe(200);
    await expect(openApp(sim, 'contact-center', `${USER}:nope`).opened).rejects.toThrow('HTTP 401');
    const noApp = new WebSocket(
      `${sim.url.replace('http', 'ws')}/ari/events?api_key=${USER}:${PASS}`,
    );
    await expect(
      new Promise((_, reject) =>
        noApp.once('unexpected-response', (_r, res) => reject(new Error(`HTTP ${res.statusCode}`))),
      ),
    ).rejects.toThrow('HTTP 400');
  });

  it('serves Swagger 1.1 documents generated from its route table, from which ari-client builds every operation', async () => {
    const auth = { headers: { authorization: basic(USER, PASS) } };
    const list = (await fetch(`${sim.url}/ari/api-docs/resources.json`, auth).then((r) =>
      r.json(),
    )) as {
      swaggerVersion: string;
      basePath: string;
      apis: { path: string }[];
    };
    expect(list.swaggerVersion).toBe('1.1');
    expect(list.basePath).toBe(`${sim.url}/ari`);
    expect(list.apis.map((a) => a.path)).toEqual(
      [
        'asterisk',
        'endpoints',
        'channels',
        'bridges',
        'recordings',
        'sounds',
        'playbacks',
        'deviceStates',
        'mailboxes',
        'events',
        'applications',
      ].map((n) => `/api-docs/${n}.{format}`),
    );
    const channels = (await fetch(`${sim.url}/ari/api-docs/channels.json`, auth).then((r) =>
      r.json(),
    )) as {
      apis: {
        path: string;
        operations: { nickname: string; httpMethod: string; parameters?: { name: string }[] }[];
      }[];
    };
    const answer = channels.apis.find((a) => a.path === '/channels/{channelId}/answer')!
      .operations[0]!;
    expect(answer).toMatchObject({
      httpMethod: 'POST',
      nickname: 'answer',
      parameters: [{ name: 'channelId' }],
    });
    const list2 = channels.apis
      .find((a) => a.path === '/channels')!
      .operations.find((o) => o.nickname === 'list')!;
    expect(list2).not.toHaveProperty('parameters');

    const client = (await ari.connect(sim.url, USER, PASS)) as Record<
      string,
      Record<string, unknown>
    >;
    for (const route of ARI_ROUTES) {
      expect(
        typeof client[route.resource]?.[route.nickname],
        `${route.resource}.${route.nickname}`,
      ).toBe('function');
    }
  });

  it('sends a caller that reaches Stasis with no app connected to the dialplan fallback at once', async () => {
    const res = await fetch(`${sim.url}/control/calls`, {
      method: 'POST',
      body: JSON.stringify({ from: '+8613800138000', callerName: 'Li Wei' }),
    });
    expect(res.status).toBe(201);
    const call = (await res.json()) as { channelId: string; stasis: boolean; reason: string };
    expect(call).toMatchObject({ stasis: false, reason: "Stasis app 'contact-center' not active" });
    await until(
      () => sim.control.heard(call.channelId).some((h) => h.media === 'queue:cc-fallback'),
      3000,
      'queue',
    );
    expect(sim.control.heard(call.channelId).map((h) => `${h.media} ${h.outcome}`)).toEqual([
      'sound:cc/sorry done',
      'queue:cc-fallback playing',
    ]);
    sim.control.hangup(call.channelId);
  });

  it('delivers events in Asterisk JSON to the app, and tells a replaced socket', async () => {
    const first = openApp(sim, 'wire-app');
    await first.opened;
    const second = openApp(sim, 'wire-app');
    await second.opened;
    await until(
      () => first.received.some((e) => e.type === 'ApplicationReplaced'),
      2000,
      'ApplicationReplaced',
    );
    expect(first.received[0]).toMatchObject({
      type: 'ApplicationReplaced',
      application: 'wire-app',
    });

    const call = await sim.control.placeCall({
      from: '+8613800138000',
      to: '1000',
      context: 'from-pstn',
    });
    // The default dialplan sends from-pstn to "contact-center", which is not connected here.
    expect(call.stasis).toBe(false);
    const res = await fetch(`${sim.url}/control/calls`, {
      method: 'POST',
      body: JSON.stringify({ from: 'not a number' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid',
      message: 'from must be a phone number (digits, optional leading +)',
    });
    first.ws.close();
    second.ws.close();
    sim.control.hangup(call.channelId);
  });

  it('plays prompts for their simulated length and logs what the caller heard, in order', async () => {
    const app = openApp(sim, 'contact-center');
    await app.opened;
    const call = await sim.control.placeCall({ from: '+8613800138000' });
    const auth = { authorization: basic(USER, PASS) };
    const play = await fetch(
      `${sim.url}/ari/channels/${call.channelId}/play?media=sound:cc/welcome,number:42&playbackId=pb-1`,
      {
        method: 'POST',
        headers: auth,
      },
    );
    expect(play.status).toBe(201);
    expect(await play.json()).toMatchObject({
      id: 'pb-1',
      media_uri: 'sound:cc/welcome',
      next_media_uri: 'number:42',
      state: 'queued',
    });
    await until(
      () => app.received.some((e) => e.type === 'PlaybackFinished'),
      3000,
      'PlaybackFinished',
    );
    expect(
      app.received
        .filter((e) => String(e.type).startsWith('Playback'))
        .map((e) => [
          e.type,
          (e.playback as { media_uri: string; state: string }).media_uri,
          (e.playback as { state: string }).state,
        ]),
    ).toEqual([
      ['PlaybackStarted', 'sound:cc/welcome', 'playing'],
      ['PlaybackContinuing', 'number:42', 'continuing'],
      ['PlaybackFinished', 'number:42', 'done'],
    ]);
    expect(sim.control.heard(call.channelId).map((h) => `${h.media} ${h.outcome}`)).toEqual([
      'sound:cc/welcome done',
      'number:42 done',
    ]);
    // The control API over HTTP: keys pressed reach the app as ChannelDtmfReceived.
    const dtmf = await fetch(`${sim.url}/control/channels/${call.channelId}/dtmf`, {
      method: 'POST',
      body: JSON.stringify({ digits: '42#', gapMs: 100 }),
    });
    expect(dtmf.status).toBe(202);
    await until(
      () => app.received.filter((e) => e.type === 'ChannelDtmfReceived').length === 3,
      3000,
      'DTMF',
    );
    expect(
      app.received
        .filter((e) => e.type === 'ChannelDtmfReceived')
        .map((e) => [e.digit, e.duration_ms]),
    ).toEqual([
      ['4', 100],
      ['2', 100],
      ['#', 100],
    ]);
    const hangup = await fetch(`${sim.url}/control/channels/${call.channelId}/hangup`, {
      method: 'POST',
      body: '{}',
    });
    expect(hangup.status).toBe(204);
    await until(() => app.received.some((e) => e.type === 'StasisEnd'), 3000, 'StasisEnd');
    const state = (await fetch(`${sim.url}/control/state`).then((r) => r.json())) as {
      channels: { id: string }[];
      ended: { id: string; cause: number; heard: { media: string }[] }[];
    };
    expect(state.channels.find((c) => c.id === call.channelId)).toBeUndefined();
    expect(state.ended.find((e) => e.id === call.channelId)).toMatchObject({
      cause: 16,
      heard: [{ media: 'sound:cc/welcome' }, { media: 'number:42' }],
    });
    app.ws.close();
    await sleep(20);
  });

  it('scripts endpoints over the control API and validates what it is given', async () => {
    const put = await fetch(`${sim.url}/control/endpoints/PJSIP/1001`, {
      method: 'PUT',
      body: JSON.stringify({ answer: 'busy', delayMs: 2000 }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ answer: 'busy', delayMs: 2000, amd: 'HUMAN' });
    expect(await fetch(`${sim.url}/control/endpoints`).then((r) => r.json())).toEqual([
      { name: 'PJSIP/1001', behaviour: { answer: 'busy', delayMs: 2000, amd: 'HUMAN' } },
    ]);
    const bad = await fetch(`${sim.url}/control/endpoints/PJSIP/1001`, {
      method: 'PUT',
      body: JSON.stringify({ answer: 'maybe' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^answer: /);
    const badName = await fetch(`${sim.url}/control/endpoints/SIP/1001`, {
      method: 'PUT',
      body: JSON.stringify({ answer: 'answer' }),
    });
    expect(badName.status).toBe(400);
    expect(
      (await fetch(`${sim.url}/control/endpoints/PJSIP/1001`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect(
      (await fetch(`${sim.url}/control/channels/nope/hangup`, { method: 'POST' })).status,
    ).toBe(404);
  });
});
