// 总览 (issue 14): the county organizer opens the overview of every level's campaigns and reaches a
// town's campaign read-only: no spec, designer or period tabs, and no spec-save controls.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { startServer, type TestServer } from './support/server.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const TOWN = 'qingxi-villages-2026';

describe.skipIf(skipBrowser)('overview', () => {
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

  test('the county organizer opens the overview and reaches a town\'s campaign read-only', async () => {
    const county = server.logins.find((l) => l.role === 'organizer' && l.username !== 'town');
    if (!county) throw new Error('the demo has no county organizer');
    await signIn(page, county.username, county.password);
    await page.waitForURL(/\/campaigns$/);
    await page.getByTestId('nav-overview').click();
    await page.waitForURL(/\/overview$/);
    // grouped by organization, by name; the town's campaign is marked read-only
    await poll(() => page.getByTestId(`overview-open-${TOWN}`).textContent()).toBe('青溪镇2026年度村级擂台赛');
    await expect(page.locator('.ant-card-head-title').filter({ hasText: '青溪镇党委' }).count()).resolves.toBe(1);
    await poll(() => page.getByTestId(`overview-readonly-${TOWN}`).count()).toBe(1);
    await poll(() => page.getByTestId(`overview-current-${TOWN}`).count()).toBe(1);
    await expect(page.getByText('问责事项（待建）').count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'overview-county');

    await page.getByTestId(`overview-open-${TOWN}`).click();
    await page.waitForURL(new RegExp(`/campaigns/${TOWN}$`));
    await poll(() => page.getByTestId('nav-board').count()).toBe(1);
    await poll(() => page.getByTestId('view-switch').count()).toBe(1);
    for (const tab of ['nav-spec', 'nav-design', 'nav-versions', 'nav-periods']) expect(await page.getByTestId(tab).count(), tab).toBe(0);

    // the spec page, reached by its address: the text only, nothing to upload or save
    await page.goto(`/campaigns/${TOWN}/spec`);
    await poll(() => page.getByTestId('nav-board').count()).toBe(1);
    await poll(() => page.locator('.page-breadcrumb').textContent()).toContain('青溪镇2026年度村级擂台赛');
    expect(await page.getByTestId('spec-submit').count()).toBe(0);
    expect(await page.getByTestId('spec-upload').count()).toBe(0);
  });
});
