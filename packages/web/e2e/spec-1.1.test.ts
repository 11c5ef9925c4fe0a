// Spec revision 1.1 in the browser: a group without an indicator sees no cell for it on the entry
// grid, the reporter's form or the template downloaded from the page (its every cell is checked in
// server/test/template-1.1.test.ts); the
// form shows the scoring standard and the base target; the 龙虎榜 view ranks a category by its
// subtotal; and a tie at the boundary of a 龙虎榜 shows every tied unit, marked 并列.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const C = 'grouped-e2e';
const SPEC = `version: 1
campaign: { id: ${C}, name: 分类考核演示, year: 2026, cadence: month }
groups:
  - { id: town, name: 乡镇组 }
  - { id: dept, name: 部门组 }
units:
  - { id: a, name: 甲镇, group: town }
  - { id: b, name: 乙镇, group: town }
  - { id: c, name: 丙镇, group: town }
  - { id: d, name: 丁镇, group: town }
  - { id: e, name: 戊镇, group: town }
  - { id: f, name: 己镇, group: town }
  - { id: g, name: 县发改局, group: dept }
indicators:
  - { id: fai, name: 固定资产投资, category: 经济, measure: 亿元, input: value, weight: 30, method: schedule, target: 12, base: 9, cap: 1, applies_to: [town] }
  - { id: proj, name: 项目推进, category: 经济, input: score, weight: 20, applies_to: [town] }
  - { id: style, name: 作风建设, category: 党建, input: score, weight: { default: 20, dept: 40 }, standard: 每件有效投诉扣2分 }
flags: []
rules:
  - { id: stop, name: 停职反省, action: suspension, at: [2026-06], when: { below_base: true } }
  - { id: warn, name: 低于基本目标提醒, action: reminder, repeat: false, when: { below_base: [fai] } }
`;

// January: fai expects 1 (12 × 1/12). fai scores a 30, b 30, c 15, d 24, e 27, f 30; with proj the
// 经济 subtotals are a 30, b 35, c 35, d 34, e 27, f 32. style: a 20, b 19, and five units at 18.
const FIGURES: [string, string, string, string?][] = [
  ['a', 'fai', '1'], ['b', 'fai', '1.5'], ['c', 'fai', '0.5'], ['d', 'fai', '0.8'], ['e', 'fai', '0.9'], ['f', 'fai', '1.2'],
  ['a', 'proj', '0'], ['b', 'proj', '5'], ['c', 'proj', '20'], ['d', 'proj', '10'], ['e', 'proj', '0'], ['f', 'proj', '2'],
  ['a', 'style', '20'], ['b', 'style', '19'], ['c', 'style', '18'], ['d', 'style', '18'], ['e', 'style', '18'], ['f', 'style', '18'], ['g', 'style', '18'],
  // February: only 丙镇's investment, still below its base (1 < 9 × 2/12 = 1.5)
  ['c', 'fai', '1', '2026-02'],
];

describe.skipIf(skipBrowser)('spec 1.1 on the pages', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let bulletinId: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods(C);
    const figures = FIGURES.map(([unit, indicator, value, period = '2026-01']) => ({ unit, indicator, period, value, explanation: '测试数据' }));
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, { figures })).status).toBe(200);
    const draft = await admin<{ bulletin: { id: number } }>('POST', `/campaigns/${C}/bulletins`, { period: '2026-01' });
    expect(draft.status).toBe(201);
    bulletinId = draft.body.bulletin.id;
    page = await newPage(browser, server.url);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the entry grid has no cell for an indicator the unit\'s group is not assessed on', async () => {
    await page.goto(`/campaigns/${C}/entry?period=2026-01`);
    await poll(() => page.locator('input[data-cell="a/fai"]').count()).toBe(1);
    expect(await page.locator('input[data-cell="g/fai"]').count()).toBe(0);
    expect(await page.locator('input[data-cell="g/proj"]').count()).toBe(0);
    expect(await page.locator('[data-na-cell="g/fai"]').textContent()).toBe('不考核');
    expect(await page.locator('input[data-cell="g/style"]').count()).toBe(1);
    await screenshot(page, 'spec11-grid');
  });

  test('the template downloaded from the entry page has no cell for an indicator the unit\'s group is not assessed on', async () => {
    await page.goto(`/campaigns/${C}/entry?period=2026-01`);
    const button = page.getByTestId('upload-template');
    await button.waitFor();
    // the button's own link, fetched in the signed-in browser's session
    const res = await page.context().request.get((await button.getAttribute('href')) as string);
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.body() as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报') as ExcelJS.Worksheet;
    // row 2 (hidden) names the indicators; column A from row 3 the units
    const col = new Map<string, number>();
    ws.getRow(2).eachCell((cell, n) => col.set(String(cell.value), n));
    const row = new Map<string, number>();
    for (let r = 3; r <= ws.rowCount; r++) row.set(String(ws.getRow(r).getCell(1).value), r);
    const cell = (unit: string, ind: string) => ws.getRow(row.get(unit) as number).getCell(col.get(ind) as number);
    const rule = (c: ExcelJS.Cell) => (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } }).dataValidations.model[c.address];
    // 县发改局 (部门组): investment and 项目推进 are not its indicators — grey, empty, marked, refusing any input
    for (const ind of ['fai', 'proj']) {
      const c = cell('g', ind);
      expect(c.value).toBeNull();
      expect(JSON.stringify(c.fill)).toContain('lightGray');
      expect(String(c.note)).toContain('不考核');
      expect(rule(c)).toMatchObject({ type: 'textLength', formulae: [0] });
    }
    // its 作风建设 cell, and the towns' cells, take figures
    expect(rule(cell('g', 'style'))).toMatchObject({ type: 'decimal', formulae: [0, 40] });
    expect(cell('a', 'fai').fill).toBeUndefined();
    expect(rule(cell('a', 'fai'))?.type).not.toBe('textLength');
  });

  test('the reporter\'s form shows only the unit\'s indicators, the scoring standard and the base target', async () => {
    await page.goto(`/campaigns/${C}/units/g/entry?period=2026-01`);
    await poll(() => page.locator('[data-indicator="style"]').count()).toBe(1);
    expect(await page.locator('[data-indicator="fai"]').count()).toBe(0);
    expect(await page.locator('[data-indicator="proj"]').count()).toBe(0);
    expect(await page.locator('[data-indicator="style"] [data-testid="indicator-standard"]').textContent()).toContain('每件有效投诉扣2分');
    // the department's full points are its group's weight
    expect(await page.locator('[data-indicator="style"]').textContent()).toContain('40');

    // 丙镇: 0.5 against a base of 9 × 1/12 = 0.75: below its base target
    await page.goto(`/campaigns/${C}/units/c/entry?period=2026-01`);
    await poll(() => page.locator('[data-indicator="fai"] [data-testid="fact-base"]').textContent()).toContain('9');
    await poll(() => page.locator('[data-indicator="fai"] [data-testid="below-base"]').count()).toBe(1);
    expect(await page.locator('[data-indicator="fai"] [data-testid="below-base"]').textContent()).toBe('低于基本目标');
    await screenshot(page, 'spec11-form');
  });

  test('the unit page says why each rule was issued or not: a check period, once per streak', async () => {
    // 丙镇 is below its base target in January: the reminder is issued; the suspension is checked
    // in June only
    await page.goto(`/campaigns/${C}/units/c?period=2026-01`);
    const rules = page.locator('[data-testid="why-rules"]');
    await poll(() => rules.textContent()).toContain('低于基本目标提醒：触发');
    expect(await rules.textContent()).toContain('停职反省：条件已满足，但本期不是检查期（仅在 2026-06 检查），未触发');
    // 甲镇 is not below its base: neither rule is issued
    await page.goto(`/campaigns/${C}/units/a?period=2026-01`);
    await poll(() => page.locator('[data-testid="why-rules"]').textContent()).toContain('低于基本目标提醒：未触发');
    // February: 丙镇 is still below its base, in the same streak: not issued again
    await page.goto(`/campaigns/${C}/units/c?period=2026-02`);
    await poll(() => page.locator('[data-testid="why-rules"]').textContent()).toContain('低于基本目标提醒：已于 2026-01 发出，本轮未再触发');
  });

  test('the 龙虎榜 view ranks a category by its subtotal, ties sharing a rank', async () => {
    await page.goto(`/campaigns/${C}?period=2026-01&view=category&category=${encodeURIComponent('经济')}`);
    const rows = page.locator('[data-testid="category-table"] tbody tr[data-unit]');
    await poll(() => rows.count()).toBe(6);
    const order = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-unit'), tr.getAttribute('data-rank')]));
    // b and c 35 (tied first), d 34, f 32, a 30, e 27; the department has no 经济 indicator
    expect(order).toEqual([['b', '1'], ['c', '1'], ['d', '3'], ['f', '4'], ['a', '5'], ['e', '6']]);
    expect(await page.locator('[data-testid="category-table"] tr[data-unit="b"] [data-tie]').count()).toBe(1);
    await screenshot(page, 'spec11-category');
  });

  test('a tie at the boundary of a 龙虎榜 shows every tied unit, marked 并列', async () => {
    await page.goto(`/campaigns/${C}/bulletins/${bulletinId}`);
    const board = page.locator('[data-testid="bulletin-categories"]');
    await poll(() => board.count()).toBe(1);
    // 作风建设: a 1st, b 2nd and five units tied 3rd — all seven are leaders, the five marked 并列
    const style = board.locator('tr', { hasText: '作风建设' }).first();
    await poll(() => style.locator('li').count()).toBe(7);
    expect(await style.locator('[data-tie]').count()).toBe(5);
    await screenshot(page, 'spec11-bulletin');
  });
});
