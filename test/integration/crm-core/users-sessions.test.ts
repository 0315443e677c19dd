import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm } from '../../../crm-core/index.js';
import { backends, HOUR, TestClock, type OpenBackend } from './support/backends.js';

describe.each(backends)('users, sessions and login throttling on $name', (backend) => {
  let db: OpenBackend;
  let crm: Crm;
  const clock = new TestClock();

  beforeAll(async () => {
    db = await backend.open('crm_users');
    await migrateLatest(db.knex);
    crm = createCrm(db.knex, {
      now: clock.now,
      sessionTtlMs: 8 * HOUR,
      loginThrottle: { maxFailures: 3, windowMs: 60_000 },
    });
  });
  afterAll(() => db.close());

  it('creates an agent with skills, queues and an endpoint, storing only an argon2id hash', async () => {
    const u = await crm.users.create({
      username: 'Agent.Wang',
      displayName: '王静',
      role: 'agent',
      language: 'zh-CN',
      password: 'correct horse',
      endpoint: 'PJSIP/1001',
      skills: [
        { skill: 'billing', proficiency: 5 },
        { skill: 'zh-CN', proficiency: 4 },
      ],
      queues: ['billing', 'general'],
    });
    expect(u).toMatchObject({
      username: 'agent.wang',
      endpoint: 'PJSIP/1001',
      skills: [
        { skill: 'billing', proficiency: 5 },
        { skill: 'zh-CN', proficiency: 4 },
      ],
      queues: ['billing', 'general'],
    });
    expect(u).not.toHaveProperty('passwordHash');
    const row = await db
      .knex('users')
      .where({ id: u.id })
      .first<{ password_hash: string }>('password_hash');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('correct horse');
  });

  it('refuses a taken username, a bad endpoint and a skill level out of range', async () => {
    await expect(
      crm.users.create({
        username: 'agent.wang',
        displayName: 'x',
        role: 'agent',
        password: 'password1',
      }),
    ).rejects.toMatchObject({ code: 'username_taken', status: 409 });
    await expect(
      crm.users.create({
        username: 'x1',
        displayName: 'x',
        role: 'agent',
        password: 'password1',
        endpoint: '1001',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [{ path: 'endpoint' }] });
    await expect(
      crm.users.create({
        username: 'x2',
        displayName: 'x',
        role: 'agent',
        password: 'password1',
        skills: [{ skill: 'billing', proficiency: 6 }],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: [{ path: 'skills.0.proficiency' }] });
  });

  it('authenticates the right password only, and never a disabled user', async () => {
    expect((await crm.users.authenticate('AGENT.WANG', 'correct horse'))?.username).toBe(
      'agent.wang',
    );
    expect(await crm.users.authenticate('agent.wang', 'wrong')).toBeNull();
    expect(await crm.users.authenticate('nobody', 'correct horse')).toBeNull();
    const u = await crm.users.create({
      username: 'temp',
      displayName: 'T',
      role: 'agent',
      password: 'password1',
    });
    await crm.users.update(u.id, { enabled: false });
    expect(await crm.users.authenticate('temp', 'password1')).toBeNull();
  });

  it('verifies a session token until it expires, and stores only its hash', async () => {
    const u = await crm.users.create({
      username: 'sup',
      displayName: 'Supervisor Li',
      role: 'supervisor',
      language: 'en',
      password: 'password1',
    });
    const s = await crm.sessions.create(u.id);
    expect(s.token.length).toBeGreaterThanOrEqual(40);
    expect(await crm.sessions.verify(s.token)).toEqual({
      userId: String(u.id),
      username: 'sup',
      role: 'supervisor',
      displayName: 'Supervisor Li',
      language: 'en',
    });
    const stored = await db.knex('sessions').select<{ token_hash: string }[]>('token_hash');
    expect(stored.some((r) => r.token_hash.includes(s.token))).toBe(false);
    expect(await crm.sessions.verify(s.token + 'x')).toBeNull();
    clock.advance(8 * HOUR + 1);
    expect(await crm.sessions.verify(s.token)).toBeNull();
  });

  it('ends sessions on revoke, on revoke-all and when the user is disabled', async () => {
    const u = await crm.users.create({
      username: 'rev',
      displayName: 'R',
      role: 'admin',
      password: 'password1',
    });
    const a = await crm.sessions.create(u.id);
    const b = await crm.sessions.create(u.id);
    expect(await crm.sessions.revoke(a.token)).toBe(true);
    expect(await crm.sessions.verify(a.token)).toBeNull();
    expect(await crm.sessions.verify(b.token)).not.toBeNull();
    expect(await crm.sessions.revokeAllForUser(u.id)).toBe(1);
    expect(await crm.sessions.verify(b.token)).toBeNull();
    const c = await crm.sessions.create(u.id);
    await db.knex('users').where({ id: u.id }).update({ enabled: false });
    expect(await crm.sessions.verify(c.token)).toBeNull();
  });

  it('blocks a key after too many failures inside the window, then lets it try again', async () => {
    const key = 'agent.wang|127.0.0.1';
    expect((await crm.loginAttempts.recordFailure(key)).blocked).toBe(false);
    expect((await crm.loginAttempts.recordFailure(key)).blocked).toBe(false);
    const third = await crm.loginAttempts.recordFailure(key);
    expect(third).toEqual({ blocked: true, retryAfterSeconds: 60 });
    expect((await crm.loginAttempts.check('agent.wang|10.0.0.9')).blocked).toBe(false);
    clock.advance(61_000);
    expect((await crm.loginAttempts.check(key)).blocked).toBe(false);
    expect((await crm.loginAttempts.recordFailure(key)).blocked).toBe(false);
    await crm.loginAttempts.reset(key);
    expect(await crm.loginAttempts.check(key)).toEqual({ blocked: false, retryAfterSeconds: 0 });
  });

  it('replaces skills and queues on update and lists by role', async () => {
    const u = await crm.users.findByUsername('agent.wang');
    const updated = await crm.users.update(u!.id, {
      skills: [{ skill: 'vip', proficiency: 3 }],
      queues: [],
      endpoint: 'Local/1001@agents',
    });
    expect(updated).toMatchObject({
      skills: [{ skill: 'vip', proficiency: 3 }],
      queues: [],
      endpoint: 'Local/1001@agents',
    });
    const agents = await crm.users.list({ role: 'agent', enabled: 'true' });
    expect(agents.map((a) => a.username)).toEqual(['agent.wang']);
    await expect(crm.users.update(99999, { displayName: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
