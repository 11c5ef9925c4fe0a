// A user the admin created signs in with the password they were given, is taken to 修改密码, is told
// how many tries remain after a wrong password, chooses their own password and then reaches the app
// — all under the Content-Security-Policy the server sends (a violation would break the page).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, poll, signIn } from './support/ui.ts';

describe.skipIf(skipBrowser)('forced password change', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];

  beforeAll(async () => {
    server = await startServer({ forcePasswordChange: true });
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/users', { username: 'xinren', password: 'Given-by-admin-1', displayName: '新人', role: 'leader' })).status).toBe(201);
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a wrong password says how many tries remain', async () => {
    await signIn(page, 'xinren', 'not-the-password');
    await poll(() => page.getByTestId('login-error').textContent()).toContain('还可尝试 4 次');
  });

  test('the given password leads to 修改密码, and the new one into the app', async () => {
    await signIn(page, 'xinren', 'Given-by-admin-1');
    await page.waitForURL(/\/password$/);
    await page.getByTestId('password-first').waitFor();
    await page.locator('#current-password').fill('Given-by-admin-1');
    await page.locator('#new-password').fill('password');
    await page.locator('#repeat-password').fill('password');
    await page.getByTestId('password-submit').click();
    await poll(() => page.getByTestId('password-error').textContent()).toContain('密码不符合要求');
    await page.locator('#new-password').fill('Qingshan-own-2026');
    await page.locator('#repeat-password').fill('Qingshan-own-2026');
    await page.getByTestId('password-submit').click();
    // a leader lands on their own page, 我的分管 (issue 10 item 14)
    await page.waitForURL(/\/leader$/);
    expect(violations).toEqual([]);
  });
});
