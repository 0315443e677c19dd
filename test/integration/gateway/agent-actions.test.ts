/**
 * Agent state changes as the console's ports make them: CRM users (PostgreSQL) logged in to the
 * real ACD store (Redis) with their CRM profile, moves the ACD forbids refused `invalid_state`,
 * and the offer a change produces handed to the call layer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrm, migrateLatest, type Crm } from '../../../crm-core/index.js';
import type { AcdStore } from '../../../routing/index.js';
import type { AgentActions, ConsoleStateSource } from '../../../server/gateway/index.js';
import type { AcdOffer } from '../../../telephony/index.js';
import { agentActions } from '../../../server/wiring/console-agents.js';
import { QueueHistory } from '../../../server/wiring/console-live.js';
import { consoleState } from '../../../server/wiring/console-state.js';
import { createAcdStore } from '../../../server/wiring/routing.js';
import { campaignNamesOf } from '../../../server/wiring/campaign-names.js';
import { createLogger } from '../../../server/logger.js';
import { createTestDatabase, type TestDatabase } from '../../support/pg.js';
import { createTestRedis, type TestRedis } from '../../support/redis.js';

let db: TestDatabase;
let redis: TestRedis;
let crm: Crm;
let acd: AcdStore;
let state: ConsoleStateSource;
let actions: AgentActions;
let agentId: string;
const offers: AcdOffer[] = [];

beforeAll(async () => {
  db = await createTestDatabase('gw_agent_actions');
  redis = createTestRedis('gw_agent_actions');
  await migrateLatest(db.knex);
  crm = createCrm(db.knex);
  acd = createAcdStore(redis.redis, { prefix: redis.prefix });
  await acd.upsertQueue({ id: 'billing', name: 'Billing' });
  const user = await crm.users.create({
    username: 'act-agent',
    displayName: 'Action Agent',
    role: 'agent',
    password: 'long enough password',
    skills: [{ skill: 'vip', proficiency: 3 }],
    queues: ['billing'],
  });
  agentId = String(user.id);
  state = consoleState({
    acd,
    crm,
    calls: { liveCall: () => Promise.resolve(null) },
    history: new QueueHistory(redis.redis, `${redis.prefix}history`),
    now: () => new Date(),
    labels: {
      queueNames: (id): Record<string, string> =>
        id === 'billing' ? { 'zh-CN': '账单服务', en: 'Billing' } : {},
      campaignNames: campaignNamesOf(crm),
      logger: createLogger('silent'),
    },
  });
  actions = agentActions({ acd, crm, state, deliverOffer: (o) => offers.push(o) });
});

afterAll(async () => {
  await redis?.drop();
  await db?.drop();
});

describe('console agent actions on the ACD', () => {
  it('shows a CRM agent the ACD has not seen as logged out, with its CRM queues', async () => {
    expect(await state.agentState(agentId)).toMatchObject({
      state: 'logged_out',
      displayName: 'Action Agent',
      queueIds: ['billing'],
    });
    expect(await state.agentState('999999')).toBeNull();
    await expect(actions.setState('999999', { state: 'available' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('logs the agent in paused with the reason, then makes it available', async () => {
    expect(await actions.setState(agentId, { state: 'paused', reason: 'training' })).toMatchObject({
      state: 'paused',
      pauseReason: 'training',
    });
    const acdAgent = (await acd.snapshot()).agents.find((a) => a.id === agentId);
    expect(acdAgent?.queues).toEqual(['billing']);
    await acd.enqueue({ id: 'call-1', queueId: 'billing' });
    const view = await actions.setState(agentId, { state: 'available' });
    expect(view.state).toBe('reserved');
    expect(offers).toMatchObject([{ callId: 'call-1', agentId }]);
  });

  it('refuses the agent’s own moves during a call; a supervisor’s pause waits for its end', async () => {
    await acd.accept('call-1', agentId);
    for (const next of [{ state: 'available' }, { state: 'logged_out' }] as const) {
      await expect(actions.setState(agentId, next)).rejects.toMatchObject({
        code: 'invalid_state',
      });
    }
    expect(await actions.forcePause(agentId, 'coaching', 'sup')).toMatchObject({
      state: 'on_call',
      afterCall: { state: 'paused', pauseReason: 'coaching' },
    });
    const table = await state.agents();
    expect(table.find((a) => a.agentId === agentId)?.afterCall).toEqual({
      state: 'paused',
      pauseReason: 'coaching',
    });
  });

  it('pauses the agent with the reason when wrap-up ends, instead of making it available', async () => {
    await acd.enqueue({ id: 'call-2', queueId: 'billing' });
    await acd.release(agentId);
    expect(await state.agentState(agentId)).toMatchObject({
      state: 'wrap_up',
      afterCall: { state: 'paused', pauseReason: 'coaching' },
    });
    const before = offers.length;
    expect(await actions.setState(agentId, { state: 'available' })).toMatchObject({
      state: 'paused',
      pauseReason: 'coaching',
      afterCall: null,
    });
    expect(offers.length).toBe(before);
    await acd.dequeue('call-2', 'cancelled');
  });

  it('logs out an agent on a call once the call is over, and at once when idle', async () => {
    const offer = await actions.setState(agentId, { state: 'available' });
    expect(offer.state).toBe('available');
    await acd.enqueue({ id: 'call-3', queueId: 'billing' });
    await acd.accept('call-3', agentId);
    expect(await actions.forceLogout(agentId, 'sup')).toMatchObject({
      state: 'on_call',
      afterCall: { state: 'logged_out', pauseReason: null },
    });
    await acd.release(agentId);
    await acd.endWrapUp(agentId);
    expect(await state.agentState(agentId)).toMatchObject({ state: 'logged_out', afterCall: null });

    await actions.setState(agentId, { state: 'available' });
    expect((await actions.forceLogout(agentId, 'sup')).state).toBe('logged_out');
    const directory = await state.directory();
    expect(directory.agents).toContainEqual({
      id: agentId,
      displayName: 'Action Agent',
      state: 'logged_out',
    });
    expect(directory.queues).toContainEqual({
      id: 'billing',
      name: 'Billing',
      names: { 'zh-CN': '账单服务', en: 'Billing' },
    });
  });
});
