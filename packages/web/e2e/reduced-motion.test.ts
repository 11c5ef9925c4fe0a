// A user whose system asks for reduced motion gets menus, popovers and dialogs without their zoom and
// slide animations (antd's motion token follows `prefers-reduced-motion`); everyone else keeps them.
// The browser tests run with reduced motion for the same reason: a click never lands on something
// still moving in.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, startServer, type TestServer } from './support/server.ts';
import { newPage, signIn } from './support/ui.ts';

/** Opens the signed-in user's menu and returns every class name its popup had on the way in. */
async function menuClasses(page: Page): Promise<string[]> {
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { seenClasses: Set<string> }).seenClasses = seen;
    const record = (el: Element) => { if (el.classList.contains('ant-dropdown')) el.classList.forEach((c) => seen.add(c)); };
    new MutationObserver((changes) => {
      for (const m of changes) {
        if (m.target instanceof Element) record(m.target);
        m.addedNodes.forEach((n) => { if (n instanceof Element) { record(n); n.querySelectorAll('.ant-dropdown').forEach(record); } });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
  await page.getByTestId('current-user').hover();
  await page.locator('.ant-dropdown .ant-dropdown-menu-item').first().waitFor({ state: 'visible' });
  return page.evaluate(() => [...(window as unknown as { seenClasses: Set<string> }).seenClasses]);
}

describe.skipIf(skipBrowser)('reduced motion', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('with reduced motion asked for, the menu opens without its slide animation', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    const classes = await menuClasses(page);
    expect(classes).toContain('ant-dropdown');
    // (a popup is still measured in a `-prepare` step to place it; the animation itself — the
    // `-start` and `-active` steps — never runs)
    expect(classes.filter((c) => /-(appear|enter)-(start|active)$/.test(c))).toEqual([]);
  });

  test('without it, the menu slides in as usual', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'no-preference' });
    const page = await context.newPage();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('current-user').waitFor();
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(false);
    expect(await menuClasses(page)).toContain('ant-slide-up-appear-active');
    await context.close();
  });
});
