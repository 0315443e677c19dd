import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage } from '../../support/browser.js';
import { queueStats } from '../../integration/gateway/support/fixtures.js';
import { startConsoleTestServer, type ConsoleTestServer } from './support/console-server.js';
import { AGENT, OTHER_AGENT, PASSWORD, RECORDING, SUPERVISOR } from './support/data.js';
import { billingStats, vipPop } from './support/pops.js';

let server: ConsoleTestServer;
let browser: Browser;
let page: Page;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeAll(async () => {
  server = await startConsoleTestServer('e2e_supervisor');
  const { center } = server;
  await center.addRecording(RECORDING);
  await center.addAgent(AGENT, ['billing', 'sales'], 'available');
  await center.addAgent(OTHER_AGENT, ['sales'], 'paused');
  // The last hour, for the chart.
  for (let m = 60; m >= 5; m -= 5) {
    const wave = Math.round(4 + 3 * Math.sin(m / 9));
    await center.publishQueueStats(billingStats({ waiting: wave, at: minutesAgo(m) }));
    await center.publishQueueStats(
      queueStats('sales', { name: '销售', waiting: Math.max(0, wave - 3), at: minutesAgo(m) }),
    );
  }
  browser = await launchBrowser();
  ({ page } = await openPage(browser, server.url));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const testId = (id: string) => page.getByTestId(id);
const row = (queueId: string) => page.locator(`[data-testid=wb-row][data-queue=${queueId}]`);
const agentRow = (agentId: string) =>
  page.locator(`[data-testid=agent-row][data-agent="${agentId}"]`);

describe('supervisor view in a browser', () => {
  it('shows every queue on the wallboard with the last hour charted', async () => {
    await page.goto('/');
    await page.locator('input[name=username]').fill(SUPERVISOR.username);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await testId('nav-supervisor').click();
    await testId('wallboard').waitFor();
    expect(await row('billing').count()).toBe(1);
    expect(await row('sales').count()).toBe(1);
    expect(await testId('wb-series').count()).toBe(2);
  });

  it('updates cells live and turns them red past the thresholds', async () => {
    await server.center.publishQueueStats(
      billingStats({ waiting: 12, serviceLevel: 0.55, longestWaitSeconds: 185 }),
    );
    await server.center.publishQueueStats(
      queueStats('sales', { name: '销售', waiting: 6, serviceLevel: 0.92 }),
    );
    await expect.poll(() => row('billing').getByTestId('wb-waiting').textContent()).toBe('12');
    expect(await row('billing').getByTestId('wb-waiting').getAttribute('class')).toContain(
      'lvl-red',
    );
    expect(await row('billing').getByTestId('wb-sl').getAttribute('class')).toContain('lvl-red');
    await expect
      .poll(() => row('sales').getByTestId('wb-waiting').getAttribute('class'))
      .toContain('lvl-amber');
    expect(await testId('total-waiting').textContent()).toBe('18');
  });

  it('lists agents live and barges into an agent’s call', async () => {
    await testId('tab-agents').click();
    await agentRow(AGENT.userId).waitFor();
    await server.center.offer(AGENT.userId, vipPop('call-sup-1'));
    await server.center.answer(AGENT.userId);
    await expect
      .poll(() => agentRow(AGENT.userId).getByTestId('agent-row-state').textContent())
      .toContain('通话中');
    expect(await agentRow(AGENT.userId).textContent()).toContain('王小明');

    await agentRow(AGENT.userId).getByTestId('monitor-barge').click();
    await expect
      .poll(() => server.center.monitors.at(-1))
      .toEqual({
        supervisorId: SUPERVISOR.userId,
        callId: 'call-sup-1',
        mode: 'barge',
      });
  });

  it('logs out an idle agent at once and pauses an agent on a call after it', async () => {
    await agentRow(OTHER_AGENT.userId).getByTestId('force-logout').click();
    await expect
      .poll(async () => (await server.center.agentState(OTHER_AGENT.userId))?.state)
      .toBe('logged_out');
    await expect.poll(() => agentRow(OTHER_AGENT.userId).textContent()).toContain('签出');

    // The agent is on a call: the pause waits for its end, and the table says so.
    await agentRow(AGENT.userId).getByTestId('force-pause').click();
    await expect
      .poll(async () => (await server.center.agentState(AGENT.userId))?.afterCall)
      .toEqual({ state: 'paused', pauseReason: 'coaching' });
    await expect
      .poll(() => agentRow(AGENT.userId).getByTestId('after-call').textContent())
      .toBe('本通话后小休 · 辅导');
    expect((await server.center.agentState(AGENT.userId))?.state).toBe('on_call');
  });

  it('finds a recording and plays it in the page, which the server audits', async () => {
    await testId('tab-recordings').click();
    await testId('recording-query').fill('王小明');
    await testId('recording-search').click();
    await testId('recording-play').first().click();
    await testId('recording-audio').waitFor();
    expect(await testId('recording-audio').getAttribute('src')).toBe(RECORDING.audioUrl);
    await expect
      .poll(() => server.crm.audit)
      .toContainEqual({ userId: SUPERVISOR.userId, recording: 'call-old-1.wav' });
  });

  it('runs the historical report and offers it as CSV', async () => {
    await testId('tab-reports').click();
    await testId('report-run').click();
    await testId('report-table').waitFor();
    expect(await testId('report-table').textContent()).toContain('sales');
    const href = await testId('report-csv').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/reports\/queues\?from=.+&to=.+&format=csv$/);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(csv.split('\n')[0]).toBe('key,offered,answered,abandoned,service_level,asa,aht');
    expect(csv).toContain('billing,412,380,22');
  });
});
