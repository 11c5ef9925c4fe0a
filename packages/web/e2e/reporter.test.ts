// A reporter sees only their own unit's row in the entry grid and can open only their own unit's
// entry form; another unit's form is not rendered at all, and the API refuses its figures anyway.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { enterFigure, newPage, poll, signIn } from './support/ui.ts';

describe.skipIf(skipBrowser)('reporter', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods('e2e-2026');
    const created = await admin('POST', '/users', {
      username: 'jiazhen', password: 'reporter-pass-1', displayName: '甲镇填报员', role: 'reporter',
      assignments: [{ campaignId: 'e2e-2026', unitId: 'a' }],
    });
    expect(created.status).toBe(201);
    await admin('PUT', '/campaigns/e2e-2026/figures', { unit: 'b', indicator: 'fai', period: '2026-Q1', value: '12' });
    browser = await launchChromium();
    page = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the entry grid shows only the reporter’s own unit', async () => {
    await signIn(page, 'jiazhen', 'reporter-pass-1');
    await page.waitForURL(/\/campaigns$/);
    await page.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await poll(() => page.locator('[data-testid="entry-grid"] tr[data-unit]').count()).toBe(1);
    expect(await page.locator('tr[data-unit="a"]').count()).toBe(1);
    expect(await page.locator('input[data-cell^="b/"]').count()).toBe(0);
    expect(await page.locator('input[data-cell^="c/"]').count()).toBe(0);
    // a reporter reports measured figures; points (score) are given by the scoring section
    expect(await page.locator('input[data-cell="a/fai"]').isEnabled()).toBe(true);
    expect(await page.locator('input[data-cell="a/dj"]').isEnabled()).toBe(false);
    await enterFigure(page, 'a', 'fai', '26');
    await poll(() => page.locator('.entry-cell-error').count()).toBe(0);
  });

  test('the reporter opens their own unit’s form but not another’s', async () => {
    await page.goto('/campaigns/e2e-2026/units/a/entry?period=2026-Q1');
    await poll(() => page.getByTestId('unit-entry-form').count()).toBe(1);
    await poll(() => page.locator('input[data-cell="a/fai"]').inputValue()).toBe('26');
    // a's own form asks for its live preview a moment after it loads: wait until it has its answer,
    // so that nothing of a's page is still on its way when we start listening
    await poll(() => page.getByTestId('preview-total').getAttribute('data-preview')).toBe('ready');

    const figureRequests: string[] = [];
    const listen = (r: Request) => {
      if (r.url().includes('/figures')) figureRequests.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`);
    };
    page.on('request', listen);
    await page.goto('/campaigns/e2e-2026/units/b/entry?period=2026-Q1');
    await poll(() => page.getByTestId('entry-forbidden').count()).toBe(1);
    expect(await page.getByTestId('unit-entry-form').count()).toBe(0);
    expect(await page.locator('input[data-cell]').count()).toBe(0);
    // the forbidden page settled (its campaign and periods loaded) without asking for b's figures,
    // evidence or a preview
    await poll(() => page.getByTestId('entry-forbidden').textContent()).toMatch(/\S/);
    page.off('request', listen);
    expect(figureRequests).toEqual([]);
    // b's figure never reached this browser
    expect(await page.content()).not.toContain('"12"');
  });

  test('the API refuses the reporter another unit’s figures', async () => {
    const reporter = await apiSession(server.url, 'jiazhen', 'reporter-pass-1');
    const r = await reporter('PUT', '/campaigns/e2e-2026/figures', { unit: 'b', indicator: 'fai', period: '2026-Q1', value: '99' });
    expect(r.status).toBe(403);
    const figures = await reporter<{ figures: { unit: string }[] }>('GET', '/campaigns/e2e-2026/figures?period=2026-Q1');
    expect(figures.body.figures.map((f) => f.unit)).toEqual(['a']);
  });
});
