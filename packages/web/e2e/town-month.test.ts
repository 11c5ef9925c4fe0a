// The town's organizer (青溪镇党委, demo login `town`) runs June of their own campaign: corrects a
// village's figure in the entry grid, approves it on the verification page, and closes the month.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { startServer, type TestServer } from './support/server.ts';
import { enterFigure, movePeriod, newPage, poll, signIn } from './support/ui.ts';

const TOWN = 'qingxi-villages-2026';
const JUNE = '2026-06';

describe.skipIf(skipBrowser)('town organizer', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchChromium();
    page = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('enters and verifies a figure, then closes the month of their own campaign', async () => {
    const town = server.logins.find((l) => l.username === 'town');
    if (!town) throw new Error('the demo has no town organizer');
    await signIn(page, town.username, town.password);
    await page.waitForURL(/\/campaigns$/);

    // their own overview: only the town's campaign, which they manage
    await page.getByTestId('nav-overview').click();
    await poll(() => page.getByTestId(`overview-open-${TOWN}`).count()).toBe(1);
    expect(await page.getByTestId(`overview-readonly-${TOWN}`).count()).toBe(0);

    await page.goto(`/campaigns/${TOWN}/entry?period=${JUNE}`);
    const cell = page.locator('input[data-cell="dongcun/income"]');
    await cell.waitFor();
    const before = Number(await cell.inputValue());
    const value = String(Math.round((before + 0.5) * 100) / 100);
    await enterFigure(page, 'dongcun', 'income', value);

    await page.goto(`/campaigns/${TOWN}/verification?period=${JUNE}&status=pending`);
    const row = page.locator('[data-testid="verify-table"] tr[data-figure="dongcun/income"]');
    await poll(() => row.count()).toBe(1);
    const decided = page.waitForResponse((r) => r.url().endsWith('/verification') && r.request().method() === 'POST');
    await row.getByTestId('approve').click();
    expect((await decided).status()).toBe(200);
    // approved: it leaves the pending list, and the entry grid shows it approved
    await poll(() => row.count()).toBe(0);
    await page.goto(`/campaigns/${TOWN}/entry?period=${JUNE}`);
    await poll(() => page.locator('[data-figure-status="dongcun/income"] [data-status]').getAttribute('data-status')).toBe('approved');

    await page.goto(`/campaigns/${TOWN}/periods`);
    await page.locator(`tr[data-period="${JUNE}"]`).waitFor();
    for (const state of ['verification', 'closed']) await movePeriod(page, JUNE, state);
  });
});
