// Sign in, import a spec, enter figures for two units in the grid, and watch the leaderboard
// change order (the page refetches on the server's stream event). Also: the sign-in page shows the
// API's message on a wrong password, a refused figure shows its message in its cell, and the
// leaderboard and unit pages are captured for a person to look at.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { enterFigure, leaderboardOrder, newPage, poll, screenshot, signIn } from './support/ui.ts';

describe.skipIf(skipBrowser)('leaderboard', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a wrong password shows the API message', async () => {
    await signIn(page, 'admin', 'not-the-password');
    await poll(() => page.getByTestId('login-error').textContent()).toMatch(/\S/);
    expect(page.url()).toContain('/login');
    await screenshot(page, 'login-error');
  });

  test('sign in, import a spec, enter figures, the leaderboard changes order', async () => {
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('new-campaign').click();
    await page.getByTestId('spec-text').fill(E2E_SPEC);
    await page.getByTestId('spec-submit').click();
    await page.waitForURL(/\/campaigns\/e2e-2026$/);
    await poll(() => page.getByText('尚无任何填报数据').count()).toBeGreaterThan(0);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods('e2e-2026');

    // Q1 expects 25 of 100: a 20 → 64 points, b 10 → 32 points
    await page.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await enterFigure(page, 'a', 'fai', '20');
    await enterFigure(page, 'b', 'fai', '10');

    // a refused figure: the API's message appears in that cell, in red
    await enterFigure(page, 'a', 'dj', '25');
    const cellError = page.locator('input[data-cell="a/dj"]').locator('xpath=ancestor::div[contains(@class,"entry-cell")][1]').locator('.entry-cell-error');
    await poll(() => cellError.textContent()).toMatch(/\S/);

    // hovering a saved cell says who saved it
    await page.locator('input[data-cell="a/fai"]').hover();
    await poll(() => page.locator('.ant-tooltip').filter({ hasText: 'admin' }).count()).toBeGreaterThan(0);

    await page.goto('/campaigns/e2e-2026');
    await poll(() => leaderboardOrder(page)).toEqual(['a', 'b', 'c']);
    await poll(() => page.locator('tr[data-unit="a"] [data-flag="red"]').count()).toBe(1);

    // b catches up, entered through the API while the page is open: the stream makes it refetch
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    // a save names the version it edits (the stored one, or null for a new figure)
    const listed = await admin<{ figures: { unit: string; indicator: string; version: number }[] }>('GET', '/campaigns/e2e-2026/figures?period=2026-Q1');
    const version = listed.body.figures.find((f) => f.unit === 'b' && f.indicator === 'fai')?.version ?? null;
    const put = await admin('PUT', '/campaigns/e2e-2026/figures', { unit: 'b', indicator: 'fai', period: '2026-Q1', value: '30', version });
    expect(put.status).toBe(200);
    await poll(() => leaderboardOrder(page), 15_000).toEqual(['b', 'a', 'c']);
    await poll(() => page.locator('tr[data-unit="b"] [data-flag="red"]').count()).toBe(1);

    // and through the grid: a scores party-building points and takes the lead back
    await page.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await enterFigure(page, 'a', 'dj', '18');
    await page.goto('/campaigns/e2e-2026');
    await poll(() => leaderboardOrder(page)).toEqual(['a', 'b', 'c']);
    // totals print with the spec's precision (2 by default): b's 30 by Q1 is ahead of schedule, 80 → 80.00
    expect(await page.locator('[data-testid="leaderboard-all"] tr[data-unit="b"] .total-cell').textContent()).toBe('80.00');
    await screenshot(page, 'leaderboard');

    // the views switch
    await page.getByTestId('view-switch').getByText('结对').click();
    await poll(() => page.locator('[data-pair]').count()).toBe(1);
    await page.getByTestId('view-switch').getByText('单项').click();
    await poll(() => page.getByTestId('indicator-table').locator('tbody tr').count()).toBe(3);
    await screenshot(page, 'leaderboard-indicator');

    // the unit page explains the score
    await page.goto('/campaigns/e2e-2026/units/b?period=2026-Q1');
    await poll(() => page.getByTestId('unit-indicators').locator('.explain').count()).toBeGreaterThan(0);
    await poll(() => page.getByTestId('trend-chart').locator('svg').count()).toBeGreaterThan(0);
    await screenshot(page, 'unit');
  });

  test('a large campaign\'s overall ranking is read from the server a page at a time (forced here: ?paged=1)', async () => {
    await page.goto('/campaigns/e2e-2026?period=2026-Q1&paged=1&pageSize=2');
    await poll(() => page.getByTestId('paged-note').count()).toBe(1);
    await poll(() => leaderboardOrder(page)).toEqual(['a', 'b']);
    // overall ranks, and only the overall view
    expect(await page.locator('[data-testid="leaderboard-all"] tr[data-unit="b"] .rank-cell').textContent()).toBe('2');
    expect(await page.getByTestId('view-switch').getByText('结对').count()).toBe(0);
    const asked = page.waitForResponse((r) => r.url().includes('/results?') && r.url().includes('offset=2') && r.url().includes('limit=2'));
    await page.locator('.ant-pagination-item-2').click();
    expect((await asked).status()).toBe(200);
    await poll(() => leaderboardOrder(page)).toEqual(['c']);
    expect(page.url()).toContain('page=2');
    await page.locator('.ant-pagination-item-1').click();
    await poll(() => leaderboardOrder(page)).toEqual(['a', 'b']);
  });

  test('the language switch turns the interface to English and is remembered', async () => {
    await page.goto('/campaigns/e2e-2026');
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByText('Leaderboard').count()).toBeGreaterThan(0);
    await page.reload();
    await poll(() => page.getByText('Overall').count()).toBeGreaterThan(0);
    await screenshot(page, 'leaderboard-en');
    // the API answers in the interface language (Accept-Language)
    await page.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await enterFigure(page, 'c', 'dj', 'abc');
    const cellError = page.locator('input[data-cell="c/dj"]').locator('xpath=ancestor::div[contains(@class,"entry-cell")][1]').locator('.entry-cell-error');
    await poll(() => cellError.textContent()).toMatch(/[A-Za-z]{4,}/);
    expect(await cellError.textContent()).not.toMatch(/[\u4e00-\u9fff]{4,}/);
    await screenshot(page, 'entry-en');
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByText('数据填报').count()).toBeGreaterThan(0);
  });
});
