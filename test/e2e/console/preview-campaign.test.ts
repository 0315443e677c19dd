/**
 * Preview dialing end to end in headless Chromium against the real server (CRM on PostgreSQL, the
 * ACD and the dialer on Redis and BullMQ, the PBX simulator): a supervisor creates a preview
 * campaign with one contact and starts it; an agent asks for the next record, sees it and dials
 * it; the simulated customer answers (the simulator answers an originated channel by default);
 * the call is offered to that agent with the campaign's pop; the agent wraps up with "do not call
 * me", and the number is read from the DNC list in PostgreSQL.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialledNumbers, zonesNow } from '../../integration/outbound/dialer-support.js';
import { launchBrowser, openPage } from '../../support/browser.js';
import { startStack, type Stack } from '../../support/stack.js';
import { until } from '../telephony/helpers.js';
import { ensureConsoleBuilt } from './support/console-server.js';
import { logInAs } from './support/login.js';

const CAMPAIGN = '续费提醒 预览';
const PHONE = '+8613911190001';

let stack: Stack;
let browser: Browser;
let supPage: Page;
let agentPage: Page;
let campaignId: number;

beforeAll(async () => {
  ensureConsoleBuilt();
  // 2× time: the agent's ring and the ACD's wrap-up stay longer than a browser needs.
  stack = await startStack('e2e_console_preview', {
    speed: 2,
    server: { dialer: { tickMs: 150, syncMs: 200 }, liveFeed: { intervalMs: 250 } },
  });
  browser = await launchBrowser();
  const opened = [await openPage(browser, stack.url), await openPage(browser, stack.url)];
  [supPage, agentPage] = opened.map((o) => o.page) as [Page, Page];
  // The pages' clocks start at the simulated time, so that times in state read true.
  for (const o of opened) await o.context.clock.install({ time: stack.clock.now() });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const sup = (id: string) => supPage.getByTestId(id);
const agent = (id: string) => agentPage.getByTestId(id);

describe('a preview campaign from the supervisor’s form to the DNC list', () => {
  it('lets the supervisor create and start a preview campaign with one contact', async () => {
    await logInAs(supPage, 'supervisor');
    await sup('nav-supervisor').click();
    await sup('tab-campaigns').click();
    await sup('campaign-new').click();
    await supPage.locator('input[name=campaign-name]').fill(CAMPAIGN);
    await supPage.locator('input[name=campaign-queue]').fill('billing');
    await supPage.locator('select[name=campaign-mode]').selectOption('preview');
    await supPage.locator('input[name=campaign-caller-id]').fill('010 8888 0000');
    await sup('campaign-create').click();
    await sup('campaign-detail').waitFor();
    const row = await stack.db.knex('campaigns').where({ name: CAMPAIGN }).first<{ id: string }>();
    campaignId = Number(row?.id);

    const csv = ['姓名,电话,时区', `王芳,${PHONE},${zonesNow().open}`].join('\n');
    await sup('import-file').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await sup('import-send').click();
    await sup('import-report').getByText('已导入 1 条').waitFor();
    await sup('campaign-start').click();
    await expect.poll(() => sup('campaign-state').textContent()).toContain('进行中');
  });

  it('shows the agent the next record, which the agent dials', async () => {
    await logInAs(agentPage, 'agent4');
    await agent('set-available').click();
    await expect.poll(() => agent('agent-state').textContent()).toContain('就绪');
    await agent('preview-dialer').waitFor();
    expect(await agent('preview-campaign').locator('option:checked').textContent()).toBe(CAMPAIGN);
    await agent('preview-next').click();
    await agent('preview-record').waitFor();
    expect(await agent('preview-record').textContent()).toContain('王芳');
    expect(await agent('preview-phone').textContent()).toBe(PHONE);
    await agent('preview-dial').click();
    await agent('preview-dialed').waitFor();
  });

  it('offers the answered call to that agent with the campaign’s pop', async () => {
    await agent('screen-pop').waitFor({ timeout: 15_000 });
    expect(await agent('pop-reason').textContent()).toContain(`外呼活动：${CAMPAIGN}`);
    const callId = await agent('screen-pop').getAttribute('data-call-id');
    const attempt = await stack.db
      .knex('campaign_attempts')
      .where({ campaign_id: campaignId })
      .first<{ call_id: string; phone: string }>();
    expect(attempt).toMatchObject({ call_id: callId, phone: PHONE });
    expect(dialledNumbers(stack)).toEqual([PHONE]);
    await expect
      .poll(() => agent('agent-state').textContent(), { timeout: 10_000 })
      .toContain('通话中');
  });

  it('wraps up with "do not call me", which puts the number on the DNC list', async () => {
    const callId = (await agent('screen-pop').getAttribute('data-call-id'))!;
    await agent('hangup').click();
    await until('the call to end', async () => {
      const rec = await stack.server.telephony.service.call(callId);
      return !rec || rec.state !== 'connected' ? true : null;
    });
    await agent('wrapup-disposition').selectOption('no_action');
    await agent('wrapup-campaign-outcome').selectOption('dnc_request');
    // The opening script names the agent who reads it out.
    const opening = agentPage.locator('.knowledge-body', { hasText: '客户服务中心' });
    expect(await opening.textContent()).toContain('我是陈晓。');
    await agentPage.screenshot({ path: 'docs/screenshots/campaign-wrapup.png' });
    await agent('wrapup-submit').click();
    await agent('wrapup-saved').waitFor({ timeout: 10_000 });

    const dnc = await stack.db.knex('dnc_numbers').where({ phone: PHONE }).first<{
      source: string;
      campaign_id: string;
    }>();
    expect(dnc).toMatchObject({ source: 'agent' });
    expect(Number(dnc?.campaign_id)).toBe(campaignId);
    await until('the contact to be closed as DNC', async () => {
      const c = await stack.db
        .knex('campaign_contacts')
        .where({ campaign_id: campaignId })
        .first<{ status: string }>();
      return c?.status === 'dnc' ? c : null;
    });
  });
});
