// Accounts without a technician (issue 18 item 2): the county's organizer opens 用户与账号, creates a
// reporter for 甲镇 by picking the campaign and the unit by name, reads the initial password from
// the account sheet (账号分发单) and signs out. The new reporter signs in with it, is made to choose
// their own password, and enters a figure for their unit.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { createUser, USERS } from './support/users.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

/** Picks an option of the antd Select carrying the test id. */
async function pick(page: Page, testid: string, label: string): Promise<void> {
  await page.getByTestId(testid).click();
  // the dropdown just opened is the last one in the page (a closing one may still be fading out)
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`).last().click();
}

describe.skipIf(skipBrowser)('accounts', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let password = '';

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    await server.openPeriods('e2e-2026');
    await createUser(admin, 'organizer');
    browser = await launchChromium();
    page = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the organizer creates a reporter for 甲镇 and reads the initial password from the account sheet', async () => {
    await signIn(page, USERS.organizer.username, USERS.organizer.password);
    await page.getByTestId('nav-users').click();
    await page.waitForURL(/\/users$/);
    await poll(() => page.getByTestId('users-table').textContent()).toContain(USERS.organizer.displayName);

    await page.getByTestId('users-create').click();
    await page.getByTestId('account-name').fill('王小明');
    await page.getByTestId('account-phone').fill('13800138000');
    // the role card starts as 填报员: the campaign and the unit are picked by their names
    await pick(page, 'account-campaign', '端到端测试竞赛');
    await pick(page, 'account-units', '甲镇');
    await page.keyboard.press('Escape');
    await page.getByTestId('account-submit').click();

    const card = page.locator('[data-testid="account-card"][data-username="wangxiaoming"]');
    await poll(() => card.count()).toBe(1);
    expect(await card.getByTestId('card-name').textContent()).toBe('王小明');
    expect(await card.textContent()).toContain('甲镇');
    password = (await card.getByTestId('card-password').textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(await card.locator('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    await screenshot(page, 'account-sheet');

    // closing the sheet asks first; afterwards the list shows the account waiting for its password change
    await page.getByTestId('sheet-done').click();
    await page.getByTestId('sheet-done-ok').click();
    await poll(() => page.getByTestId('users-table').textContent()).toContain('wangxiaoming');
    await page.locator('[data-testid="users-search"] input').fill('甲镇');
    await poll(() => page.locator('[data-testid="users-table"] tbody tr').count()).toBe(1);
    expect(await page.getByTestId('users-table').textContent()).toContain('待修改初始密码');

    // sign out: a fresh sign-in page (it asks who is signed in: nobody), not bound for this user's page
    const fresh = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me'));
    await page.getByTestId('current-user').hover();
    await page.getByText('退出登录').click();
    expect((await fresh).status()).toBe(401);
    await page.waitForURL(/\/login$/);
    await page.locator('#username').waitFor();
    expect(await page.evaluate(() => (history.state as { usr?: unknown } | null)?.usr ?? null)).toBeNull();
  });

  test('the new reporter signs in, must choose a password, and enters a figure for their unit', async () => {
    await signIn(page, 'wangxiaoming', password);
    await page.waitForURL(/\/password$/);
    await page.getByTestId('password-first').waitFor();
    await page.locator('#current-password').fill(password);
    await page.locator('#new-password').fill('Jiazhen-own-2026');
    await page.locator('#repeat-password').fill('Jiazhen-own-2026');
    await page.getByTestId('password-submit').click();
    await page.waitForURL(/\/campaigns$/);

    await page.goto('/campaigns/e2e-2026/units/a/entry?period=2026-Q1');
    const fai = page.locator('[data-indicator="fai"]');
    // 30 of the year's 100 by Q1: ahead of the 25 expected, no explanation asked
    await page.locator('input[data-cell="a/fai"]').fill('30');
    await poll(() => page.getByTestId('form-submit').isDisabled()).toBe(false);
    const submitted = page.waitForResponse((r) => r.url().endsWith('/figures/batch') && r.request().method() === 'POST');
    await page.getByTestId('form-submit').click();
    expect((await submitted).status()).toBe(200);
    await poll(() => fai.locator('[data-status]').getAttribute('data-status')).toBe('pending');

    const reporter = await apiSession(server.url, 'wangxiaoming', 'Jiazhen-own-2026');
    const stored = await reporter<{ figures: { unit: string; indicator: string; value: string }[] }>('GET', '/campaigns/e2e-2026/figures?period=2026-Q1');
    expect(stored.body.figures).toEqual([expect.objectContaining({ unit: 'a', indicator: 'fai', value: '30' })]);
  });
});
