// Issue 10 items 1, 7, 8 and 13 (unit not found, trend labels): while a period is not closed every
// signed-in board says its results are provisional, shows flags, grades and actions as 预计, and
// lists units with nothing counted yet as 未报 / 待审核 instead of ranking them at 0; the overall
// board shows the overall movement and the group view the group movement; the unit page gives the
// reason of every flag, grade and action.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const SPEC = `version: 1
campaign: { id: prov-2026, name: 预计结果测试, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
  - { id: g2, name: 二组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙局, group: g2 }
  - { id: d, name: 丁局, group: g2 }
pairs:
  - [a, b]
indicators:
  - { id: gdp, name: 产值, input: value, weight: 50, method: completion, target: 100 }
  - { id: fai, name: 投资, input: value, weight: 50, method: schedule, target: 100 }
flags:
  - { id: red, name: 红旗, color: red, award: top, count: 1, scope: group }
  - { id: yellow, name: 黄旗, color: yellow, award: bottom, count: 1, scope: group }
summary:
  method: flags
  points: { red: 1 }
  grades:
    - { id: good, name: 良好, min_total: 1 }
    - { id: pass, name: 合格 }
rules:
  - { id: remind, name: 提醒单, action: reminder, when: { behind_schedule: true } }
`;
const C = 'prov-2026';

describe.skipIf(skipBrowser)('provisional results', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods(C);
    // only a reports in Q1 (fai behind schedule: 10 of the 25 expected)
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, { figures: [
      { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '50' },
      { unit: 'a', indicator: 'fai', period: '2026-Q1', value: '10' },
    ] })).status).toBe(200);
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/campaigns$/);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const row = (unit: string) => page.locator(`[data-testid="leaderboard-all"] tr[data-unit="${unit}"]`);

  test('an open period: 预计 everywhere, units with nothing reported are 未报, not ranked at 0', async () => {
    await page.goto(`/campaigns/${C}?period=2026-Q1`);
    await poll(() => page.getByTestId('provisional-banner').count()).toBe(1);
    expect(await page.getByTestId('provisional-banner').textContent()).toContain('初步结果');
    await poll(() => row('a').locator('.rank-cell').textContent()).toBe('1');
    for (const u of ['b', 'c', 'd']) {
      expect(await row(u).getAttribute('data-unranked')).toBe('notReported');
      expect(await row(u).locator('.rank-cell').count()).toBe(0);
      expect(await row(u).textContent()).toContain('未报');
      // no yellow flag for not having reported yet
      expect(await row(u).locator('[data-flag]').count()).toBe(0);
    }
    // a's red flag and grade are expected, not awarded
    const red = row('a').locator('[data-flag="red"]');
    expect(await red.getAttribute('data-provisional')).toBe('true');
    expect(await red.textContent()).toContain('预计');
    expect(await row('a').locator('[data-grade]').textContent()).toContain('预计');
    // the ranked unit comes first, the unranked after it
    expect(await page.locator('[data-testid="leaderboard-all"] tr[data-unit]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-unit')))).toEqual(['a', 'b', 'c', 'd']);
    // actions are expected too
    const action = page.getByTestId('actions-table').locator('[data-action]').first();
    expect(await action.getAttribute('data-provisional')).toBe('true');
    expect(await action.textContent()).toContain('预计');
    // flag holders: a (expected); nobody holds the yellow flag for reporting nothing
    expect(await page.locator('[data-flag-holders="yellow/g1"]').textContent()).toBe('—');
    await screenshot(page, 'provisional-open');

    // the group view, the pair view and the indicator view say the same
    await page.getByTestId('view-switch').getByText('分组').click();
    await poll(() => page.locator('[data-testid="leaderboard-group-g1"] tr[data-unit="b"]').getAttribute('data-unranked')).toBe('notReported');
    await page.getByTestId('view-switch').getByText('结对').click();
    await poll(() => page.getByTestId('pair-undecided').count()).toBe(1);
    expect(await page.locator('[data-pair] .winner').count()).toBe(0);
    await page.getByTestId('view-switch').getByText('单项').click();
    await poll(() => page.getByTestId('indicator-table').locator('[data-unranked]').count()).toBe(0);
    expect(await page.getByTestId('indicator-table').textContent()).toContain('未报');
  });

  test('the unit page: provisional, every flag, grade and action with its reason; trend marked 预计', async () => {
    await page.goto(`/campaigns/${C}/units/a?period=2026-Q1`);
    await poll(() => page.getByTestId('unit-awards').count()).toBe(1);
    expect(await page.getByTestId('provisional-banner').count()).toBe(1);
    const flag = page.locator('[data-award="flag:red"]');
    expect(await flag.locator('[data-flag="red"]').getAttribute('data-provisional')).toBe('true');
    // the reasons come with the unit's explanation, asked for once the page knows the period
    await poll(() => flag.locator('.award-reason').textContent()).toContain('获红旗');
    const grade = page.locator('[data-award="grade"]');
    expect(await grade.textContent()).toContain('预计良好');
    await poll(() => grade.locator('.award-reason').textContent()).toContain('考核等次');
    const actions = page.getByTestId('unit-awards').getByTestId('actions-table');
    expect(await actions.locator('[data-action]').first().textContent()).toContain('预计');
    expect(await actions.locator('.action-reason').first().textContent()).toMatch(/\S{4,}/);
    // the trend's period says 预计, and no two labels of the chart overlap
    await poll(() => page.getByTestId('trend-chart').locator('svg text').allTextContents()).toContain('2026-Q1（预计）');
    const boxes = await page.getByTestId('trend-chart').locator('svg text').evaluateAll((ts) => ts
      .filter((x) => (x.textContent ?? '').trim() !== '' && getComputedStyle(x).display !== 'none' && x.getAttribute('opacity') !== '0')
      .map((x) => { const r = x.getBoundingClientRect(); return { text: x.textContent, x: r.x, y: r.y, w: r.width, h: r.height }; })
      .filter((r) => r.w > 0 && r.h > 0));
    const overlaps = boxes.flatMap((p, i) => boxes.slice(i + 1).filter((q) => p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h).map((q) => `${p.text} × ${q.text}`));
    expect(overlaps).toEqual([]);
    await screenshot(page, 'provisional-unit');

    // a unit with nothing reported: 未报, no rank
    await page.goto(`/campaigns/${C}/units/b?period=2026-Q1`);
    await poll(() => page.getByTestId('unit-summary').locator('[data-unranked="notReported"]').count()).toBe(1);
    expect(await page.getByTestId('unit-rank').count()).toBe(0);
    // a unit the campaign does not have: not found
    await page.goto(`/campaigns/${C}/units/zz?period=2026-Q1`);
    await poll(() => page.getByTestId('unit-not-found').count()).toBe(1);
    expect(await page.getByTestId('unit-not-found').textContent()).toContain('未找到');
  });

  test('in verification a unit whose figures are not approved yet is 待审核; closed, results are final', async () => {
    expect((await admin('PUT', `/campaigns/${C}/periods/2026-Q1`, { state: 'verification' })).status).toBe(200);
    await page.goto(`/campaigns/${C}?period=2026-Q1`);
    await poll(() => row('a').getAttribute('data-unranked')).toBe('pendingReview');
    expect(await row('a').textContent()).toContain('待审核');
    expect(await page.getByTestId('provisional-banner').count()).toBe(1);

    const figures = (await admin<{ figures: { unit: string; indicator: string; period: string; version: number }[] }>('GET', `/campaigns/${C}/figures?period=2026-Q1`)).body.figures;
    expect((await admin('POST', `/campaigns/${C}/verification`, { decisions: figures.map((f) => ({ ...f, decision: 'approve' })) })).status).toBe(200);
    await poll(() => row('a').locator('.rank-cell').textContent()).toBe('1');
    expect((await admin('PUT', `/campaigns/${C}/periods/2026-Q1`, { state: 'closed' })).status).toBe(200);
    await page.reload();
    await poll(() => page.getByTestId('period-state').getAttribute('data-state')).toBe('closed');
    expect(await page.getByTestId('provisional-banner').count()).toBe(0);
    expect(await row('a').locator('[data-flag="red"]').getAttribute('data-provisional')).toBeNull();
    expect(await row('a').locator('[data-flag="red"]').textContent()).toBe('红旗');
  });

  test('the overall board shows the overall movement, the group view the group movement', async () => {
    // Q2: c and d of g2 pass a, who stays 1st of g1 but falls from 1st to 3rd overall
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, { figures: [
      { unit: 'a', indicator: 'gdp', period: '2026-Q2', value: '50' },
      { unit: 'c', indicator: 'gdp', period: '2026-Q2', value: '90' },
      { unit: 'd', indicator: 'gdp', period: '2026-Q2', value: '80' },
    ] })).status).toBe(200);
    await page.goto(`/campaigns/${C}?period=2026-Q2`);
    await poll(() => row('a').locator('.rank-cell').textContent()).toBe('3');
    expect(await page.getByTestId('leaderboard-all').getByTestId('delta-title').textContent()).toBe('总排名升降');
    expect(await row('a').locator('.delta-cell .delta-down').textContent()).toContain('2');
    await page.getByTestId('view-switch').getByText('分组').click();
    const g1 = page.getByTestId('leaderboard-group-g1');
    await poll(() => g1.getByTestId('delta-title').textContent()).toBe('组内升降');
    expect(await g1.locator('tr[data-unit="a"] .delta-cell .delta-same').count()).toBe(1);
    // and the unit page names both
    await page.goto(`/campaigns/${C}/units/a?period=2026-Q2`);
    await poll(() => page.getByTestId('unit-move-all').locator('.delta-down').count()).toBe(1);
    expect(await page.getByTestId('unit-move-group').locator('.delta-same').count()).toBe(1);
  });
});
