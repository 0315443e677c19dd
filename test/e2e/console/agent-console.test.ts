import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../../support/browser.js';
import { startConsoleTestServer, type ConsoleTestServer } from './support/console-server.js';
import { AGENT, PASSWORD } from './support/data.js';
import { billingStats, unknownCallerPop, vipPop } from './support/pops.js';

let server: ConsoleTestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startConsoleTestServer('e2e_agent');
  await server.center.addAgent(AGENT, ['billing'], 'paused');
  await server.center.addQueue(billingStats());
  browser = await launchBrowser();
  ({ context, page } = await openPage(browser, server.url));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const testId = (id: string) => page.getByTestId(id);

async function waitFor(check: () => Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('agent console in a browser', () => {
  it('logs in, in Chinese, and makes the agent available', async () => {
    await page.goto('/');
    await page.locator('input[name=username]').fill(AGENT.username);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await testId('connection').getByText('在线').waitFor();
    await expect.poll(() => testId('agent-state').textContent()).toContain('小休');

    await testId('set-available').click();
    await expect.poll(() => testId('agent-state').textContent()).toContain('就绪');
    expect((await server.center.agentState(AGENT.userId))?.state).toBe('available');
  });

  it('pops the caller as the phone rings: name, VIP badge and why on top', async () => {
    await server.center.offer(AGENT.userId, vipPop('call-e2e-1'));
    await testId('screen-pop').waitFor();
    expect(await testId('pop-name').textContent()).toContain('王小明');
    expect(await testId('pop-vip').isVisible()).toBe(true);
    expect(await testId('pop-tier').textContent()).toContain('金卡');
    expect(await testId('pop-why').textContent()).toBe(
      '· 技能 账单 4 · 空闲 12 秒 · 上次为该客户服务',
    );
    expect(await testId('pop-balance').textContent()).toContain('120.50');
    expect(await testId('pop-complaint').textContent()).toContain('T-0007');
    await expect.poll(() => testId('agent-state').textContent()).toContain('振铃');
  });

  it('shows the call’s scripts and pauses recording with a visible indicator', async () => {
    await server.center.answer(AGENT.userId);
    await testId('recording-indicator').getByText('录音中').waitFor();
    await testId('knowledge-entry').first().waitFor();
    expect(await testId('knowledge').textContent()).toContain('重复扣费处理话术');

    await testId('wrapup-notes').fill('客户称四月被扣费两次');

    await testId('recording-toggle').click();
    await testId('recording-indicator').getByText('录音已暂停').waitFor();
    expect((await server.center.liveCall(AGENT.userId))?.recording).toBe('paused');
  });

  it('keeps the typed wrap-up through a reload and saves it to the CRM', async () => {
    await server.center.endCall(AGENT.userId, 'caller', 120);
    await testId('wrapup-disposition').waitFor();
    expect(await testId('wrapup-notes').inputValue()).toBe('客户称四月被扣费两次');
    await testId('wrapup-disposition').selectOption('follow_up');
    await testId('wrapup-complaint-mode').selectOption('create');
    await testId('wrapup-category').selectOption('billing');
    await testId('wrapup-severity').selectOption('high');
    await testId('wrapup-summary').fill('重复扣费 120.50 元');
    await testId('wrapup-sla').waitFor();

    await page.reload();
    await testId('wrapup-disposition').waitFor();
    expect(await testId('wrapup-disposition').inputValue()).toBe('follow_up');
    expect(await testId('wrapup-summary').inputValue()).toBe('重复扣费 120.50 元');
    expect(await testId('wrapup-notes').inputValue()).toBe('客户称四月被扣费两次');

    await testId('wrapup-submit').click();
    await testId('wrapup-saved').waitFor();
    expect(await testId('wrapup-saved').textContent()).toContain('T-1001');
    const saved = server.center.submissions.at(-1)?.wrapUp;
    expect(saved).toMatchObject({
      callId: 'call-e2e-1',
      disposition: 'follow_up',
      notes: '客户称四月被扣费两次',
      complaint: { mode: 'create', category: 'billing', severity: 'high' },
      next: { state: 'available' },
    });
    await expect.poll(() => testId('agent-state').textContent()).toContain('就绪');
    // The page's own code, as text: the test process has no DOM types.
    const drafts = await page.evaluate(
      "Object.keys(localStorage).filter((k) => k.startsWith('cc.wrapup.'))",
    );
    expect(drafts).toEqual([]);
  });

  it('shows the pop offered while the network was down once it is back', async () => {
    await context.setOffline(true);
    server.dropConnections();
    await testId('connection').getByText('已断开，重连中').waitFor();
    await server.center.offer(AGENT.userId, unknownCallerPop('call-e2e-2'));
    await new Promise((r) => setTimeout(r, 300));
    expect(await testId('screen-pop').count()).toBe(0);

    await context.setOffline(false);
    await testId('screen-pop').waitFor({ timeout: 10_000 });
    expect(await testId('screen-pop').getAttribute('data-call-id')).toBe('call-e2e-2');
    expect(await testId('pop-name').textContent()).toContain('未知来电');
    expect(await testId('pop-reason').textContent()).toContain('回拨');
    expect(await testId('pop-why').textContent()).toBe('· agent a1: idle 7 s');
    await testId('connection').getByText('在线').waitFor();
  });

  it('hangs up from the keyboard and documents the shortcuts in a ? overlay', async () => {
    await server.center.answer(AGENT.userId);
    await testId('recording-indicator').getByText('录音中').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('h');
    await waitFor(
      async () => (await server.center.agentState(AGENT.userId))?.state === 'wrap_up',
      'the hang-up',
    );
    expect(server.center.hangups.at(-1)).toEqual({ agentId: AGENT.userId, callId: 'call-e2e-2' });

    await page.keyboard.press('?');
    await testId('shortcuts-overlay').waitFor();
    expect(await testId('shortcuts-overlay').textContent()).toContain('挂断');
    await page.keyboard.press('Escape');
    await testId('shortcuts-overlay').waitFor({ state: 'detached' });
  });

  it('switches to English with the l key', async () => {
    await page.keyboard.press('l');
    await testId('wrapup-submit').getByText('Submit wrap-up').waitFor();
    await testId('wrapup-disposition').selectOption('resolved');
    await testId('wrapup-submit').click();
    await testId('idle').getByText('Waiting for a call').waitFor();
  });

  it('finds a customer and opens the full timeline', async () => {
    await page.keyboard.press('/');
    await testId('customer-search').fill('王小');
    await page.keyboard.press('Enter');
    await testId('customer-result').first().click();
    await testId('customer-page').waitFor();
    await expect.poll(() => testId('timeline').textContent()).toContain('T-0007');
  });

  it('goes back to the login when the session is ended on the server', async () => {
    server.node.gateway.publisher.disconnectUser(AGENT.userId, 'disabled');
    await page.locator('input[name=username]').waitFor();
  });
});
