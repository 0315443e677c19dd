/* eslint-disable @typescript-eslint/no-unsafe-member-access --
   The tests read fields of JSON answers freely; a wrong shape fails the expectation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from './support/server.js';

describe('auth API', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi('api_auth');
    await api.crm.users.create({
      username: 'agent1',
      displayName: '王静',
      role: 'agent',
      password: 'demo1234',
    });
    await api.crm.users.create({
      username: 'locked',
      displayName: 'L',
      role: 'agent',
      password: 'demo1234',
    });
  });
  afterAll(() => api.close());

  it('logs in with a token and an httpOnly cc_session cookie, both of which work', async () => {
    const r = await api.call('POST', '/auth/login', {
      body: { username: 'AGENT1', password: 'demo1234' },
    });
    expect(r.status).toBe(200);
    expect(r.json.user).toMatchObject({ username: 'agent1', role: 'agent', displayName: '王静' });
    expect(typeof r.json.user.userId).toBe('string');
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cc_session=[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = String(r.json.token);
    expect((await api.call('GET', '/auth/me', { token })).json.username).toBe('agent1');
    const viaCookie = await api.call('GET', '/auth/me', {
      headers: { cookie: `cc_session=${token}` },
    });
    expect(viaCookie.json.username).toBe('agent1');
  });

  it('answers 401 without a session, with a bad token, and after logout', async () => {
    const none = await api.call('GET', '/customers?q=x');
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: 'no_session' });
    const bad = await api.call('GET', '/auth/me', { token: 'x'.repeat(43) });
    expect(bad).toMatchObject({ status: 401, json: { error: 'session_invalid' } });
    const token = await api.login('agent1', 'demo1234');
    expect((await api.call('POST', '/auth/logout', { token })).status).toBe(204);
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(401);
  });

  it('refuses a wrong password with 401 and says nothing about which part was wrong', async () => {
    const wrong = await api.call('POST', '/auth/login', {
      body: { username: 'agent1', password: 'nope-nope' },
    });
    const unknown = await api.call('POST', '/auth/login', {
      body: { username: 'ghost', password: 'nope-nope' },
    });
    expect(wrong.json).toEqual({
      error: 'invalid_credentials',
      message: 'wrong username or password',
    });
    expect(unknown.json).toEqual(wrong.json);
    await api.call('POST', '/auth/login', { body: { username: 'agent1', password: 'demo1234' } });
  });

  it('answers 429 after 5 failures for a username from one address, even with the right password', async () => {
    const attempt = (password: string, ip = '203.0.113.7') =>
      api.call('POST', '/auth/login', {
        body: { username: 'locked', password },
        headers: { 'x-forwarded-for': ip },
      });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong-pass')).status).toBe(401);
    const fifth = await attempt('wrong-pass');
    expect(fifth.status).toBe(429);
    expect(fifth.json.error).toBe('too_many_attempts');
    expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(200);
    expect((await attempt('demo1234')).status).toBe(429);
    // Another address is not locked out by the guesser.
    expect((await attempt('demo1234', '198.51.100.20')).status).toBe(200);
  });

  it('validates the login body', async () => {
    const r = await api.call('POST', '/auth/login', { body: { username: 'agent1' } });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      error: 'invalid_input',
      details: [{ path: 'password', message: expect.any(String) as string }],
    });
    const notJson = await api.call('POST', '/auth/login', { body: '{"username":' });
    expect(notJson).toMatchObject({ status: 400, json: { error: 'invalid_json' } });
  });

  it('refuses a cookie-borne write from a foreign origin', async () => {
    const token = await api.login('agent1', 'demo1234');
    const r = await api.call('POST', '/auth/logout', {
      headers: { cookie: `cc_session=${token}`, origin: 'https://evil.example' },
    });
    expect(r).toMatchObject({ status: 403, json: { error: 'origin_not_allowed' } });
    expect((await api.call('GET', '/auth/me', { token })).status).toBe(200);
  });
});
