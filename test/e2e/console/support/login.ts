import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../../../crm-core/index.js';

/** Logs a demo user in through the console's form and waits for the live connection. */
export async function logInAs(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('connection').getByText('在线').waitFor();
}
