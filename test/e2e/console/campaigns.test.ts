/**
 * The supervisor's campaigns page in a browser against the real server (CRM API on PostgreSQL):
 * create a campaign, import a contact list with a bad line, start and pause it, and read what
 * was stored.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../crm-core/index.js';
import { launchBrowser, openPage } from '../../support/browser.js';
import { startStack, type Stack } from '../../support/stack.js';
import { ensureConsoleBuilt } from './support/console-server.js';

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureConsoleBuilt();
  stack = await startStack('e2e_campaigns');
  browser = await launchBrowser();
  ({ page } = await openPage(browser, stack.url));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const testId = (id: string) => page.getByTestId(id);

interface CampaignRow {
  id: string;
  state: string;
  started_at: Date | null;
}

const CSV = [
  '姓名,电话,时区',
  '张三,13800138101,Asia/Shanghai',
  '李四,这不是号码,Asia/Shanghai',
  'Wang Fang,+86 138 0013 8102,',
  '张三,138-0013-8101,Asia/Shanghai',
].join('\n');

describe('campaigns in the supervisor console', () => {
  it('creates a campaign, imports a list with a bad line, starts and pauses it', async () => {
    await page.goto('/');
    await page.locator('input[name=username]').fill('supervisor');
    await page.locator('input[name=password]').fill(DEMO_PASSWORD);
    await page.locator('button[type=submit]').click();
    await testId('nav-supervisor').click();
    await testId('tab-campaigns').click();

    await testId('campaign-new').click();
    await expect.poll(() => testId('campaign-create').isDisabled()).toBe(true);
    await page.locator('input[name=campaign-name]').fill('续费提醒 12月');
    await page.locator('input[name=campaign-queue]').fill('billing');
    await page.locator('select[name=campaign-mode]').selectOption('progressive');
    await page.locator('input[name=campaign-caller-id]').fill('010 8888 0000');
    await page.locator('input[name=campaign-abandon-cap]').fill('2.5');
    await testId('campaign-create').click();
    await testId('campaign-detail').waitFor();
    expect(await testId('campaign-state').textContent()).toContain('草稿');

    const [stored] = await stack.db.knex('campaigns').select<CampaignRow[]>('*');
    expect(stored).toMatchObject({
      name: '续费提醒 12月',
      queue: 'billing',
      caller_id: '+861088880000',
      abandon_max_rate: 0.025,
      state: 'draft',
    });
    const id = Number(stored?.id);

    await testId('import-file').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await testId('import-send').click();
    const report = testId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('已导入 2 条');
    expect(await report.textContent()).toContain('第 3 行');
    const phones = await stack.db
      .knex('campaign_contacts')
      .where({ campaign_id: id })
      .orderBy('phone')
      .pluck('phone');
    expect(phones).toEqual(['+8613800138101', '+8613800138102']);
    await expect.poll(() => testId('cstat-remaining').textContent()).toBe('2');

    await page.screenshot({ path: 'docs/screenshots/campaigns.png' });

    await testId('campaign-start').click();
    await expect.poll(() => testId('campaign-state').textContent()).toContain('进行中');
    await testId('campaign-pause').click();
    await expect.poll(() => testId('campaign-state').textContent()).toContain('已暂停');
    const after = await stack.db.knex('campaigns').where({ id }).first<CampaignRow>();
    expect(after.state).toBe('paused');
    expect(after.started_at).not.toBeNull();
  });
});
