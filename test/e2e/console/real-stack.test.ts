/**
 * The console in headless Chromium against the real server as `npm start` runs it: the CRM on
 * PostgreSQL (with its demo data), the ACD and the call layer on Redis, the PBX simulator. A
 * simulated caller from the demo VIP's number goes through the IVR into the vip queue; the agent
 * sees that customer's record, is paused by the supervisor "after this call", loses the network
 * mid-call and gets the pop back, and wraps up with a complaint that the test then reads from
 * PostgreSQL; the agent then is paused. The supervisor's wallboard shows the call
 * waiting and then answered. Screenshots go to docs/screenshots/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER } from '../../../crm-core/index.js';
import { launchBrowser, openPage } from '../../support/browser.js';
import { startStack, type Stack } from '../../support/stack.js';
import { placeCall, until } from '../telephony/helpers.js';
import { ensureConsoleBuilt } from './support/console-server.js';
import { logInAs } from './support/login.js';

let stack: Stack;
let browser: Browser;
let agentContext: BrowserContext;
let agentPage: Page;
let supPage: Page;
let agentId: string;
let callId: string;

beforeAll(async () => {
  ensureConsoleBuilt();
  // Slower simulated time than other end-to-end tests: a person-paced browser must not see the
  // ACD's 10 s wrap-up end before the form is filled.
  stack = await startStack('e2e_console_real', {
    speed: 2,
    server: { liveFeed: { intervalMs: 250 } },
  });
  browser = await launchBrowser();
  ({ context: agentContext, page: agentPage } = await openPage(browser, stack.url));
  let supContext: BrowserContext;
  ({ context: supContext, page: supPage } = await openPage(browser, stack.url));
  // The pages' clocks start at the simulated time, so that times in state read true.
  for (const c of [agentContext, supContext]) await c.clock.install({ time: stack.clock.now() });
  const user = await stack.crm.users.findByUsername('agent4');
  agentId = String(user!.id);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const agent = (id: string) => agentPage.getByTestId(id);
const vipRow = () => supPage.locator('[data-testid=wb-row][data-queue=vip]');

async function acdState(): Promise<string | undefined> {
  const snap = await stack.server.telephony.acd.snapshot();
  return snap.agents.find((a) => a.id === agentId)?.state;
}

describe('agent console and wallboard on the real server', () => {
  it('logs the agent in and pauses it in the ACD', async () => {
    await logInAs(agentPage, 'agent4');
    await expect.poll(() => agent('agent-state').textContent()).toContain('签出');
    await agent('set-paused').click();
    await expect.poll(() => agent('agent-state').textContent()).toContain('小休');
    expect(await acdState()).toBe('paused');
  });

  it('shows the VIP caller waiting on the supervisor’s wallboard', async () => {
    await logInAs(supPage, 'supervisor');
    await supPage.getByTestId('nav-supervisor').click();
    await vipRow().waitFor();
    expect(await vipRow().getByTestId('wb-waiting').textContent()).toBe('0');
    // Queues by the names the IVR script gives them, in the UI language.
    expect(await vipRow().getByTestId('wb-name').textContent()).toBe('VIP 专线');
    await supPage.getByTestId('lang-toggle').click();
    expect(await vipRow().getByTestId('wb-name').textContent()).toBe('VIP line');
    await supPage.getByTestId('lang-toggle').click();
    expect(await vipRow().getByTestId('wb-name').textContent()).toBe('VIP 专线');

    callId = await placeCall(stack, DEMO_CUSTOMER.phone);
    stack.sim.control.pressKeys(callId, '1');
    const queued = await until(
      `${callId} to be queued`,
      async () => {
        const rec = await stack.server.telephony.service.call(callId);
        return rec?.state === 'queued' ? rec : null;
      },
      15_000,
    );
    expect(queued.queue?.queueId).toBe('vip');
    await expect
      .poll(() => vipRow().getByTestId('wb-waiting').textContent(), { timeout: 5_000 })
      .toBe('1');
    await supPage.screenshot({ path: 'docs/screenshots/wallboard.png' });
  });

  it('pops the customer’s CRM record when the agent becomes available', async () => {
    await agent('set-available').click();
    await agent('screen-pop').waitFor({ timeout: 10_000 });
    expect(await agent('screen-pop').getAttribute('data-call-id')).toBe(callId);
    expect(await agent('pop-name').textContent()).toContain(DEMO_CUSTOMER.name);
    // A VIP-tier customer gets one VIP badge, not the tier's and the flag's.
    expect(await agent('pop-vip').count()).toBe(0);
    expect(await agent('pop-tier').textContent()).toContain('VIP');
    expect(await agent('pop-balance').textContent()).toContain('1,280.50');
    expect(await agent('pop-complaint').count()).toBeGreaterThan(0);
    expect(await agent('pop-complaint').first().textContent()).toContain('网络故障');
    expect(await agent('pop-queue').textContent()).toBe('VIP 专线');
    // Past calls in the console's words, with what the agent wrote then; the IVR path by kind.
    const history = agent('screen-pop').locator('.interaction');
    expect(await history.first().locator('small').textContent()).toContain('呼入电话 · VIP 专线');
    // Who took it, named from the console's directory once that is loaded.
    await expect
      .poll(() => history.first().locator('small').textContent(), { timeout: 5_000 })
      .toContain('VIP 专线 · 陈晓');
    expect(await agent('pop-history-entry').first().textContent()).toContain(
      '反映宽带晚间速度慢，已登记投诉',
    );
    const steps = await agent('pop-ivr-step').allTextContents();
    expect(steps.join(' ')).toContain('语言选择');
    expect(steps.at(-1)).toContain('进入队列');
    // The caller waited, then the agent became free and took the call: why, in Chinese.
    expect(await agent('pop-why').textContent()).toMatch(
      /^· 优先级 [\d.]+（基础 [\d.]+(，等待加 [\d.]+)?） · 已等待 \d+ 秒 · 1 个队列 1 通可接来电中的第一通$/,
    );
    await expect
      .poll(() => agent('transfer-target').locator('option').allTextContents(), { timeout: 5_000 })
      .toEqual(expect.arrayContaining(['客户服务', '账单服务', '投诉处理']));
    await agent('recording-indicator').getByText('录音中').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => agent('agent-state').textContent(), { timeout: 5_000 })
      .toContain('通话中');
    await agent('wrapup-notes').fill('客户反映本月账单重复扣费');
    await agentPage.screenshot({ path: 'docs/screenshots/agent-console.png' });
  });

  it('shows the call answered on the wallboard', async () => {
    await expect
      .poll(() => vipRow().getByTestId('wb-waiting').textContent(), { timeout: 5_000 })
      .toBe('0');
    await expect
      .poll(() => vipRow().getByTestId('wb-on-call').textContent(), { timeout: 5_000 })
      .toBe('1');
    expect(await vipRow().getByTestId('wb-asa').textContent()).not.toBe('—');

    await supPage.getByTestId('tab-agents').click();
    const row = supPage.locator(`[data-testid=agent-row][data-agent="${agentId}"]`);
    await expect
      .poll(() => row.getByTestId('agent-row-state').textContent(), { timeout: 5_000 })
      .toContain('通话中');
    expect(await row.textContent()).toContain(DEMO_CUSTOMER.name);
    expect(await row.textContent()).toContain('VIP 专线');
  });

  it('lets the supervisor pause the agent after this call, shown on both consoles', async () => {
    const row = supPage.locator(`[data-testid=agent-row][data-agent="${agentId}"]`);
    await row.getByTestId('force-pause').click();
    await row.getByTestId('after-call').waitFor({ timeout: 5_000 });
    expect(await row.getByTestId('after-call').textContent()).toBe('本通话后小休 · 辅导');
    expect(await row.getByTestId('agent-row-state').textContent()).toContain('通话中');
    await supPage.screenshot({ path: 'docs/screenshots/agents-table.png' });
    await agent('after-call').waitFor({ timeout: 5_000 });
    expect(await agent('after-call').textContent()).toBe('本通话后小休 · 辅导');
    expect(await agentPage.getByTestId('notification').last().textContent()).toContain(
      '本通话结束后你的状态将改为 小休',
    );
    expect(await agent('screen-pop').getAttribute('data-call-id')).toBe(callId);
    expect(await acdState()).toBe('on_call');
  });

  it('gets the pop back after the agent’s network dropped mid-call', async () => {
    await agentContext.setOffline(true);
    for (const s of stack.server.console.io.of('/').sockets.values()) {
      if (s.data.user.userId === agentId) s.conn.close();
    }
    await agent('connection').getByText('已断开，重连中').waitFor();
    await agentContext.setOffline(false);
    await agent('connection').getByText('在线').waitFor({ timeout: 15_000 });
    expect(await agent('screen-pop').getAttribute('data-call-id')).toBe(callId);
    // A reload keeps nothing in memory: the pop comes from the server's snapshot, the notes
    // from the draft in localStorage.
    await agentPage.reload();
    await agent('connection').getByText('在线').waitFor({ timeout: 15_000 });
    await agent('screen-pop').waitFor();
    expect(await agent('screen-pop').getAttribute('data-call-id')).toBe(callId);
    expect(await agent('pop-name').textContent()).toContain(DEMO_CUSTOMER.name);
    expect(await agent('pop-balance').textContent()).toContain('1,280.50');
    expect(await agent('pop-why').textContent()).toMatch(/^· 优先级 .* · 已等待 \d+ 秒 · /);
    expect(await agent('wrapup-notes').inputValue()).toBe('客户反映本月账单重复扣费');
  });

  it('hangs up and wraps up with a complaint that lands in PostgreSQL', async () => {
    await agent('hangup').click();
    await until('the call to end', async () => {
      const rec = await stack.server.telephony.service.call(callId);
      return rec && rec.state !== 'connected' ? rec : null;
    });
    await agent('wrapup-disposition').selectOption('escalated');
    await agent('wrapup-complaint-mode').selectOption('create');
    await agent('wrapup-category').selectOption('billing');
    await agent('wrapup-severity').selectOption('high');
    await agent('wrapup-summary').fill('本月账单重复扣费');
    await agent('wrapup-sla').waitFor();
    await agentPage.screenshot({ path: 'docs/screenshots/agent-wrapup.png' });
    await agent('wrapup-submit').click();
    await agent('wrapup-saved').waitFor({ timeout: 10_000 });

    const [customer] = await stack.crm.customers.search({ phone: DEMO_CUSTOMER.phone });
    const rows = await stack.db
      .knex('complaints')
      .where({ customer_id: customer!.id, subject: '本月账单重复扣费' })
      .select<{ ticket_number: string; category: string; severity: string; status: string }[]>('*');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: 'billing', severity: 'high', status: 'open' });
    expect(await agent('wrapup-saved').textContent()).toContain(rows[0]!.ticket_number);
    const interaction = await stack.crm.interactions.findByCallId(callId);
    expect(interaction).toMatchObject({
      disposition: 'escalated',
      notes: '客户反映本月账单重复扣费',
      agentId: Number(agentId),
    });
    // The supervisor's pause, not the agent's "available", once the call is wrapped up.
    await expect.poll(acdState, { timeout: 5_000 }).toBe('paused');
    await agent('agent-state').getByText('小休').waitFor({ timeout: 5_000 });
    expect(await agent('agent-state').textContent()).toContain('辅导');
    expect(await agent('after-call').count()).toBe(0);
  });
});
