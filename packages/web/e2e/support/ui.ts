// Steps the browser tests share. Elements are found by test ids and data attributes the pages
// set on purpose, so that wording and layout can change without breaking the tests.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';

/** expect.poll with a timeout fit for a browser (vitest's default, 1 s, is shorter than a cold
 *  page load with a lazily loaded chunk and two API calls). */
export const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });

export const SCREENSHOT_DIR = process.env.LEITAI_SCREENSHOTS ?? path.join(os.tmpdir(), 'leitai-e2e-screenshots');

export async function newPage(browser: Browser, base: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // a script error in the page is the first thing to know when a step times out
  page.on('pageerror', (e) => console.error('[browser error]', e.message));
  return page;
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Unit ids of the overall leaderboard, top to bottom. */
export async function leaderboardOrder(page: Page): Promise<string[]> {
  return page.locator('[data-testid="leaderboard-all"] tr[data-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit') ?? ''));
}

/** Types a figure into a cell of the entry grid and leaves the cell, which saves it. */
export async function enterFigure(page: Page, unit: string, indicator: string, value: string): Promise<void> {
  const cell = page.locator(`input[data-cell="${unit}/${indicator}"]`);
  await cell.fill(value);
  const saved = page.waitForResponse((r) => r.url().endsWith('/figures') && r.request().method() === 'PUT');
  await cell.press('Enter');
  await saved;
}

/** Moves a period on the periods page (开启 / 进入审核 / 关闭) through its Popconfirm, and returns
 *  once the server has answered 200 and the row shows the new state. A confirm click that lands
 *  while the popover is still opening can be lost; the step is then retried, so the test waits for
 *  the state, not for an animation. A refusal fails with the server's own words. */
export async function movePeriod(page: Page, period: string, to: string): Promise<void> {
  const row = page.locator(`tr[data-period="${period}"]`);
  const button = row.getByTestId(`move-${period}-${to}`);
  const confirm = page.locator('.ant-popover:not(.ant-popover-hidden) [data-testid="confirm-move"]');
  const state = () => row.getByTestId('period-state').getAttribute('data-state');
  for (let attempt = 1; ; attempt++) {
    if ((await state()) === to) return;
    await button.click();
    const put = page.waitForResponse((r) => r.url().endsWith(`/periods/${period}`) && r.request().method() === 'PUT', { timeout: 5_000 }).catch(() => null);
    await confirm.click();
    const res = await put;
    if (res) {
      expect(res.status(), `moving ${period} to ${to}: ${await res.text()}`).toBe(200);
      await poll(state).toBe(to);
      return;
    }
    if (attempt === 3) throw new Error(`moving ${period} to ${to}: the confirm click sent no request in 3 attempts`);
    await confirm.waitFor({ state: 'hidden' }).catch(() => undefined);
  }
}

/**
 * Picks an option of the antd Select carrying the test id, until the Select shows `shown` (a click on
 * a dropdown still fading out selects nothing, so the click is repeated until the choice shows).
 */
export async function pick(page: Page, testid: string, label: string, shown = label): Promise<void> {
  const select = page.getByTestId(testid);
  const shows = async () => ((await select.textContent()) ?? '').includes(shown);
  await poll(async () => {
    if (await shows()) return true;
    await select.click();
    // the dropdown just opened is the last one in the page (a closing one may still be fading out)
    const option = page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`).last();
    await option.click({ timeout: 3_000 }).catch(() => undefined);
    return shows();
  }, 30_000).toBe(true);
}

/** The input of an antd InputNumber carrying the test id (on the input itself or around it). */
export function numberInput(page: Page, testid: string) {
  return page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first();
}
