// Issue 16: public commitments in the browser. A unit drafts a commitment with two items, the organizer approves
// it, it appears on the public page and its QR address opens it on a phone-sized screen; a quarterly progress
// update shows there; a remark from the public reaches the organizer and not the page; at year end the unit
// reports, the organizer evaluates, and the penalty shows in the unit's total with its reason. A leader assigned
// to three units sees exactly their standing, cases and commitments on 我的分管.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const C = 'pledge-2026';
const SPEC = `version: 1
campaign: { id: ${C}, name: 承诺测试, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙镇, group: g1 }
  - { id: d, name: 丁镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
  - { id: pledge, name: 承诺未兑现, input: event, effect: penalty, points: 2 }
flags:
  - { id: red, name: 红旗, color: red, award: top, count: 1, scope: all }
`;
const REPORTER = { username: 'jiazhen', password: 'reporter-pass-123', displayName: '甲镇填报员' };
const LEADER = { username: 'baokao', password: 'leader-pass-123', displayName: '包靠领导' };

describe.skipIf(skipBrowser)('public commitments', () => {
  let server: TestServer;
  let browser: Browser;
  let unit: Page;
  let organizer: Page;
  let phone: Page;
  let commitmentUrl = '';

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    await server.openPeriods(C);
    // Q1 closed, so that a leader reads a standing
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, {
      figures: ['a', 'b', 'c', 'd'].map((u, i) => ({ unit: u, indicator: 'gdp', period: '2026-Q1', value: String(90 - i * 10) })),
    })).status).toBe(200);
    const figures = (await admin<{ figures: { unit: string; indicator: string; period: string; version: number }[] }>('GET', `/campaigns/${C}/figures?period=2026-Q1`)).body.figures;
    expect((await admin('PUT', `/campaigns/${C}/periods/2026-Q1`, { state: 'verification' })).status).toBe(200);
    expect((await admin('POST', `/campaigns/${C}/verification`, { decisions: figures.map((f) => ({ ...f, decision: 'approve' })) })).status).toBe(200);
    expect((await admin('PUT', `/campaigns/${C}/periods/2026-Q1`, { state: 'closed' })).status).toBe(200);
    expect((await admin('POST', '/users', { ...REPORTER, grants: [{ role: 'reporter', campaignId: C, unitId: 'a' }] })).status).toBe(201);
    expect((await admin('POST', '/users', { ...LEADER, grants: ['a', 'b', 'c'].map((unitId) => ({ role: 'leader', campaignId: C, unitId })) })).status).toBe(201);
    browser = await launchChromium();
    unit = await newPage(browser, server.url);
    organizer = await newPage(browser, server.url);
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    phone = await context.newPage();
    phone.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const status = (page: Page) => page.getByTestId('commitment-status').first().getAttribute('data-status');

  test('the unit drafts a commitment with two items and submits it', async () => {
    await signIn(unit, REPORTER.username, REPORTER.password);
    await unit.waitForURL(/\/campaigns/);
    await unit.goto(`/campaigns/${C}/commitments`);
    await unit.getByTestId('commitment-new').click();
    await unit.getByTestId('commitment-title').fill('2026 年度公开承诺');
    await unit.getByTestId('commitment-add-item').click();
    const texts = unit.getByTestId('item-text');
    await poll(() => texts.count()).toBe(2);
    await texts.nth(0).fill('营商环境评价争全县第一');
    await texts.nth(1).fill('新建村级活动阵地 5 处');
    await unit.getByTestId('commitment-save').click();
    await unit.waitForURL(/\/commitments\/\d+$/);
    await poll(() => status(unit)).toBe('draft');
    expect(await unit.locator('tr[data-item]').count()).toBe(2);
    await unit.getByTestId('commitment-submit').click();
    await poll(() => status(unit)).toBe('submitted');
  });

  test('the organizer approves it; it is on the public page, and its QR address opens it on a phone', async () => {
    await signIn(organizer, 'admin', ADMIN_PASSWORD);
    await organizer.waitForURL(/\/campaigns/);
    await organizer.goto(unit.url().replace(/^https?:\/\/[^/]+/, ''));
    await organizer.getByTestId('commitment-approve').click();
    await poll(() => status(organizer)).toBe('public');
    const href = await organizer.getByTestId('commitment-public-url').getAttribute('href');
    // the address the QR code carries (PUBLIC_URL), opened on this test server
    commitmentUrl = new URL(href ?? '').pathname;
    expect(commitmentUrl).toMatch(new RegExp(`^/m/${C}/commitments/\\d+$`));
    await phone.goto(commitmentUrl);
    await poll(() => phone.getByTestId('phone-commitment-title').textContent()).toBe('2026 年度公开承诺');
    expect(await phone.getByTestId('phone-commitment-item').count()).toBe(2);
    // phone-sized: nothing wider than the screen
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.goto(`/m/${C}/commitments`);
    await poll(() => phone.getByTestId('phone-commitment-link').count()).toBe(1);
    await screenshot(phone, 'commitment-phone');
  });

  test('a quarterly progress update shows on the public page', async () => {
    await unit.reload();
    await unit.getByTestId('progress-quarter').fill('2026-Q3');
    await unit.getByTestId('progress-text').fill('三季度营商环境评价全县第二，已建成阵地 3 处');
    await unit.getByTestId('progress-send').click();
    await poll(() => unit.locator('[data-update="2026-Q3"]').count()).toBe(1);
    await phone.goto(commitmentUrl);
    await poll(() => phone.locator('[data-testid="phone-commitment-progress"] [data-update="2026-Q3"]').textContent()).toContain('已建成阵地 3 处');
  });

  test('a remark from the public reaches the organizer and not the page', async () => {
    await phone.getByTestId('phone-remark-text').fill('希望公布阵地选址');
    await phone.getByTestId('phone-remark-send').click();
    await poll(() => phone.getByTestId('phone-remark-sent').textContent()).toBe('留言已收到，经审核后公开。');
    await phone.reload();
    await poll(() => phone.getByTestId('phone-commitment-title').count()).toBe(1);
    expect(await phone.getByTestId('phone-remarks').textContent()).not.toContain('希望公布阵地选址');
    await organizer.reload();
    await poll(() => organizer.locator('[data-testid="commitment-remarks"] .remark-text').allTextContents()).toEqual(['希望公布阵地选址']);
  });

  test('at year end the unit reports, the organizer evaluates, and the penalty shows in the unit\'s total with its reason', async () => {
    await unit.reload();
    await unit.getByTestId('report-text').fill('营商环境评价获全县第一；阵地建成 3 处，2 处因用地未落实未建成。');
    await unit.getByTestId('report-send').click();
    await poll(() => status(unit)).toBe('reported');

    await organizer.reload();
    const items = organizer.locator('[data-eval-item]');
    await poll(() => items.count()).toBe(2);
    // picked until the select shows it: the dropdown of the item before may still be fading out, and
    // a click on its option (or on two visible dropdowns) chooses nothing for this item
    const verdict = async (n: number, label: string, reason: string) => {
      const select = items.nth(n).locator('.ant-select');
      const shows = async () => ((await select.textContent()) ?? '').includes(label);
      await poll(async () => {
        if (await shows()) return true;
        await select.click();
        await organizer.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label }).last().click({ timeout: 3_000 }).catch(() => undefined);
        return shows();
      }, 30_000).toBe(true);
      await items.nth(n).getByTestId('eval-reason').fill(reason);
    };
    await verdict(0, '已兑现', '获评全县第一');
    await verdict(1, '未兑现', '阵地仅建成 3 处');
    await organizer.getByTestId('eval-send').click();
    await poll(() => status(organizer)).toBe('evaluated');
    expect(await organizer.getByTestId('commitment-penalty').textContent()).toContain('承诺未兑现');

    // the unit's page of the penalty's period: the total carries it, the card names why
    await organizer.goto(`/campaigns/${C}/units/a?period=2026-Q4`);
    await poll(() => organizer.getByTestId('unit-summary').textContent()).toMatch(/-2(\.0+)?/);
    await poll(() => organizer.getByTestId('unit-commitments').textContent()).toContain('阵地仅建成 3 处');
    expect(await organizer.getByTestId('unit-indicators').textContent()).toContain('承诺未兑现');
    await phone.goto(commitmentUrl);
    await poll(() => phone.getByTestId('phone-commitment-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-verdict')))).toEqual(['fulfilled', 'not']);
  });

  test('a leader assigned to three units sees exactly their standing, cases and commitments', async () => {
    // a case of a unit they lead (甲镇) and one of a unit they do not (丁镇)
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    for (const u of ['a', 'd']) expect((await admin('POST', `/campaigns/${C}/cases`, { unit: u, kind: 'reminder', reason: `${u} 的承诺进度滞后` })).status).toBe(201);
    const page = await newPage(browser, server.url);
    await signIn(page, LEADER.username, LEADER.password);
    await page.waitForURL(/\/leader$/);
    const card = page.locator(`[data-testid="leader-campaign"][data-campaign="${C}"]`);
    await poll(() => card.locator('tr[data-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')).sort())).toEqual(['a', 'b', 'c']);
    await poll(() => card.locator('[data-trend-unit]').count()).toBe(3);
    await poll(() => card.locator('[data-testid="leader-commitments"] .leader-commitment-owner').allTextContents()).toEqual(['甲镇']);
    await poll(() => card.locator('[data-testid="leader-cases"] tr[data-case-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-unit')))).toEqual(['a']);
    await screenshot(page, 'leader-commitments');
  });
});
