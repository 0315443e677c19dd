/**
 * An agent cancels a customer's callback from the screen pop, in headless Chromium against the
 * real server (CRM on PostgreSQL, ACD and callback jobs on Redis, PBX simulator). The demo VIP has
 * two callbacks waiting when they call; the agent cancels one with a reason (PostgreSQL, the audit
 * log and BullMQ agree), and is told in Chinese and English that the other, dialled meanwhile,
 * can no longer be cancelled. A reload shows the pop as the CRM has it now; the customer page
 * shows the cancelled callback and cancels another. Screenshot: docs/screenshots/callback-cancel.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER } from '../../../crm-core/index.js';
import { launchBrowser, openPage } from '../../support/browser.js';
import { startStack, type Stack } from '../../support/stack.js';
import { apiCall, loginToken, placeCall, until } from '../telephony/helpers.js';
import { ensureConsoleBuilt } from './support/console-server.js';
import { logInAs } from './support/login.js';

let stack: Stack;
let browser: Browser;
let page: Page;
let agentId: number;
let toCancel: number;
let dialledMeanwhile: number;

const HOUR = 3_600_000;
const REASON = '客户已在营业厅办理，不需要回电';

beforeAll(async () => {
  ensureConsoleBuilt();
  stack = await startStack('e2e_console_cancel', { speed: 2 });
  browser = await launchBrowser();
  let context: BrowserContext;
  ({ context, page } = await openPage(browser, stack.url));
  // The page's clock starts at the simulated time, so that the pop's timer reads true.
  await context.clock.install({ time: stack.clock.now() });
  agentId = (await stack.crm.users.findByUsername('agent4'))!.id;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const el = (id: string) => page.getByTestId(id);
const popRow = (id: number) => page.locator(`[data-testid=pop-callback][data-callback-id="${id}"]`);
const attemptJob = (id: number) =>
  stack.server.jobs.queue('callbacks').getJob(`callback-${id}-attempt-1`);

/** A callback asked through the API, so that its attempt job is armed; its window opens later. */
async function callbackFor(token: string, queue: string, notes: string): Promise<number> {
  const res = await apiCall(stack, token, 'POST', '/callbacks', {
    phone: DEMO_CUSTOMER.phone,
    origin: 'agent',
    queue,
    notes,
    earliest: new Date(Date.now() + HOUR).toISOString(),
    latest: new Date(Date.now() + 72 * HOUR).toISOString(),
  });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

async function callbackRow(id: number) {
  return stack.db
    .knex('callbacks')
    .where({ id })
    .first<{ status: string; notes: string }>('status', 'notes');
}

describe('an agent cancels a callback from the screen pop', () => {
  it('shows the caller’s waiting callbacks in the pop, each with a cancel control', async () => {
    const token = await loginToken(stack, 'agent4');
    toCancel = await callbackFor(token, 'support', '回电说明账单');
    dialledMeanwhile = await callbackFor(token, 'billing', '回电确认退款');
    expect(await attemptJob(toCancel)).toBeTruthy();

    await logInAs(page, 'agent4');
    await el('set-available').click();
    await expect.poll(() => el('agent-state').textContent()).toContain('就绪');
    const callId = await placeCall(stack, DEMO_CUSTOMER.phone);
    stack.sim.control.pressKeys(callId, '1');
    await el('screen-pop').waitFor({ timeout: 15_000 });
    expect(await el('pop-callback').count()).toBe(2);
    expect(await popRow(toCancel).textContent()).toContain('回电说明账单');
    expect(await popRow(toCancel).getByTestId('pop-callback-status').textContent()).toContain(
      '待安排',
    );
    expect(await popRow(dialledMeanwhile).getByTestId('callback-cancel').isVisible()).toBe(true);
  });

  it('cancels one after a confirmation with a reason; PostgreSQL, the audit log and BullMQ agree', async () => {
    const row = popRow(toCancel);
    await row.getByTestId('callback-cancel').click();
    await row.getByTestId('callback-cancel-confirm').waitFor();
    // Kept out of the row when the agent changes their mind.
    await row.getByTestId('callback-cancel-no').click();
    expect(await row.getByTestId('callback-cancel-confirm').count()).toBe(0);

    await row.getByTestId('callback-cancel').click();
    await row.getByTestId('callback-cancel-reason').fill('长'.repeat(501));
    expect(await row.getByTestId('callback-cancel-reason-error').textContent()).toContain('500');
    expect(await row.getByTestId('callback-cancel-yes').isDisabled()).toBe(true);
    await row.getByTestId('callback-cancel-reason').fill(REASON);
    expect(await row.getByTestId('callback-cancel-reason-error').count()).toBe(0);
    await page.screenshot({ path: 'docs/screenshots/callback-cancel.png' });
    await row.getByTestId('callback-cancel-yes').click();

    await row.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await el('pop-callback').count()).toBe(1);
    expect(await callbackRow(toCancel)).toMatchObject({ status: 'cancelled' });
    expect((await callbackRow(toCancel))?.notes).toContain(REASON);
    const audit = await stack.crm.audit.list({ action: 'callback.cancel' });
    expect(audit.items.filter((a) => a.entityId === String(toCancel))).toEqual([
      expect.objectContaining({ actorId: agentId, entity: 'callback' }),
    ]);
    await until('the attempt job to be removed', async () =>
      (await attemptJob(toCancel)) ? null : true,
    );
    expect(await attemptJob(dialledMeanwhile)).toBeTruthy();
  });

  it('says in the agent’s language that a callback being dialled can no longer be cancelled', async () => {
    // What the dialer does when the callback's attempt starts.
    expect(await stack.crm.callbacks.startDial(dialledMeanwhile)).toBeTruthy();
    const row = popRow(dialledMeanwhile);
    await row.getByTestId('callback-cancel').click();
    await row.getByTestId('callback-cancel-yes').click();
    await row.getByTestId('callback-cancel-error').waitFor({ timeout: 5_000 });
    expect(await row.getByTestId('callback-cancel-error').textContent()).toBe(
      '该回拨正在拨打中，已无法取消',
    );
    expect(await row.getByTestId('pop-callback-status').textContent()).toContain('拨号中');
    expect(await row.getByTestId('callback-cancel').count()).toBe(0);
    await el('lang-toggle').click();
    expect(await row.getByTestId('callback-cancel-error').textContent()).toBe(
      'This callback is being dialled now and can no longer be cancelled',
    );
    await el('lang-toggle').click();
    expect(await callbackRow(dialledMeanwhile)).toMatchObject({ status: 'dialing' });
  });

  it('shows the callbacks as the CRM has them after a reload', async () => {
    await page.reload();
    await el('connection').getByText('在线').waitFor({ timeout: 15_000 });
    await el('screen-pop').waitFor();
    expect(await el('pop-callback').count()).toBe(1);
    expect(await popRow(toCancel).count()).toBe(0);
    expect(
      await popRow(dialledMeanwhile).getByTestId('pop-callback-status').textContent(),
    ).toContain('拨号中');
  });

  it('cancels from the customer page too, where a cancelled callback shows as cancelled', async () => {
    const token = await loginToken(stack, 'agent4');
    const another = await callbackFor(token, 'complaints', '回电跟进投诉');
    await el('pop-open-customer').click();
    const entry = (id: number) => page.locator(`[data-testid=timeline-callback][data-id="${id}"]`);
    await entry(another).waitFor({ timeout: 5_000 });
    expect(await entry(toCancel).textContent()).toContain('已取消');
    expect(await entry(toCancel).textContent()).toContain(REASON);
    expect(await entry(toCancel).getByTestId('callback-cancel').count()).toBe(0);
    expect(await entry(dialledMeanwhile).getByTestId('callback-cancel').count()).toBe(0);

    await entry(another).getByTestId('callback-cancel').click();
    await entry(another).getByTestId('callback-cancel-yes').click();
    await expect.poll(() => entry(another).textContent(), { timeout: 5_000 }).toContain('已取消');
    expect(await entry(another).getByTestId('callback-cancel').count()).toBe(0);
    expect(await callbackRow(another)).toMatchObject({ status: 'cancelled' });
    await until('the attempt job to be removed', async () =>
      (await attemptJob(another)) ? null : true,
    );
  });
});
