import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentUser } from './support/fixtures.js';
import {
  connectWithSnapshot,
  nextEvent,
  openClient,
  refusalOf,
  type ConsoleClient,
} from './support/client.js';
import { startCluster, type TestCluster } from './support/cluster.js';

let cluster: TestCluster;
let url: string;
const sockets: ConsoleClient[] = [];
const track = (s: ConsoleClient) => (sockets.push(s), s);

beforeAll(async () => {
  cluster = await startCluster('gw_auth', 1, {
    allowedOrigins: ['https://wallboard.example'],
    sessionRecheckMs: 200,
  });
  url = cluster.nodes[0]!.url;
  await cluster.center.addAgent(agentUser('a1'), ['billing']);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});
afterAll(async () => {
  await cluster.close();
});

describe('socket authentication', () => {
  it('refuses a handshake without a session, saying to log in', async () => {
    const refusal = await refusalOf(track(openClient(url)));
    expect(refusal.data).toMatchObject({ code: 'no_session' });
    expect(refusal.message).toMatch(/log in/);
  });

  it('refuses an unknown token as an invalid session', async () => {
    const refusal = await refusalOf(track(openClient(url, { token: 'not-a-real-token' })));
    expect(refusal.data).toMatchObject({ code: 'session_invalid' });
  });

  it('refuses a revoked session', async () => {
    const token = await cluster.center.login(agentUser('a1'));
    await cluster.center.revoke(token);
    const refusal = await refusalOf(track(openClient(url, { token })));
    expect(refusal.data).toMatchObject({ code: 'session_invalid' });
  });

  it('refuses a session that expired', async () => {
    const token = await cluster.center.login(agentUser('a1'), 1);
    await new Promise((r) => setTimeout(r, 1200));
    const refusal = await refusalOf(track(openClient(url, { token })));
    expect(refusal.data).toMatchObject({ code: 'session_invalid' });
  });

  it('accepts the cc_session cookie and knows the user from it', async () => {
    const token = await cluster.center.login(agentUser('a1', 'Zhang Wei'));
    const { socket, snapshot } = await connectWithSnapshot(url, { cookie: `cc_session=${token}` });
    track(socket);
    expect(snapshot.user).toMatchObject({ userId: 'a1', displayName: 'Zhang Wei', role: 'agent' });
    expect(snapshot.agent?.agentId).toBe('a1');
  });

  it('closes an open socket once its session is revoked, telling the console why', async () => {
    const token = await cluster.center.login(agentUser('a1'));
    const { socket } = await connectWithSnapshot(url, { token });
    track(socket);
    const ended = nextEvent(socket, 'session:ended');
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await cluster.center.revoke(token);
    expect(await ended).toEqual({ reason: 'expired' });
    expect(await closed).toBe('io server disconnect');
  });

  it('refuses a page from an origin that is not allowed', async () => {
    const token = await cluster.center.login(agentUser('a1'));
    const refusal = await refusalOf(
      track(openClient(url, { token, origin: 'https://evil.example' })),
    );
    expect(refusal.data).toMatchObject({ code: 'origin_not_allowed' });
  });

  it('accepts a listed origin and the server’s own origin', async () => {
    const token = await cluster.center.login(agentUser('a1'));
    for (const origin of ['https://wallboard.example', url]) {
      const { socket } = await connectWithSnapshot(url, { token, origin });
      track(socket);
      expect(socket.connected).toBe(true);
    }
  });
});

describe('console REST authentication', () => {
  it('answers 401 without a session and the user with a Bearer token', async () => {
    const anonymous = await fetch(`${url}/api/v1/console/me`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: 'no_session' });

    const token = await cluster.center.login(agentUser('a1'));
    const me = await fetch(`${url}/api/v1/console/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ userId: 'a1', role: 'agent' });
  });

  it('refuses a state change posted from a foreign origin with the cookie', async () => {
    const token = await cluster.center.login(agentUser('a1'));
    const res = await fetch(`${url}/api/v1/console/agent/state`, {
      method: 'POST',
      headers: {
        cookie: `cc_session=${token}`,
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ state: 'available' }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'origin_not_allowed' });
  });
});
