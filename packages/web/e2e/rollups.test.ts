// 上下联动 in the browser (issue 14): the county organizer declares that 甲镇's figure of an indicator in
// the county's campaign is the sum of a figure of 甲镇's own village campaign; January of the town is
// closed already, so the county's January takes the sum at once. The county's entry grid shows it
// with its source (linking there) and does not let it be typed, nor does the unit's form; the unit page
// shows the source too.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, pick, poll, signIn } from './support/ui.ts';

const COUNTY = 'rollup-county-2026';
const TOWN = 'rollup-town-2026';

const COUNTY_SPEC = `version: 1
campaign: { id: ${COUNTY}, name: 县级擂台赛, year: 2026, cadence: month }
groups:
  - { id: t, name: 乡镇 }
units:
  - { id: ta, name: 甲镇, group: t }
  - { id: tb, name: 乙镇, group: t }
indicators:
  - { id: village, name: 村集体经济收入合计, measure: 万元, input: value, weight: 50, method: best, cumulative: false }
  - { id: gdp, name: 产值, input: value, weight: 50, method: completion, target: 100 }
`;

const TOWN_SPEC = `version: 1
campaign: { id: ${TOWN}, name: 甲镇村级擂台赛, year: 2026, cadence: month }
groups:
  - { id: v, name: 行政村 }
units:
  - { id: v1, name: 东村, group: v }
  - { id: v2, name: 西村, group: v }
  - { id: v3, name: 南村, group: v }
indicators:
  - { id: income, name: 村集体经济收入, measure: 万元, input: value, weight: 100, method: best, cumulative: false }
`;

describe.skipIf(skipBrowser)('roll-up links', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    const orgs = (await admin<{ organizations: { id: number; parentId: number | null }[] }>('GET', '/organizations')).body.organizations;
    const root = orgs.find((o) => o.parentId === null)!.id;
    const town = await admin<{ organization: { id: number } }>('POST', '/organizations', { parentId: root, name: '甲镇党委', kind: 'town' });
    expect(town.status).toBe(201);
    expect((await admin('POST', '/users', { username: 'zuzhibu', password: 'organizer-pass-1', displayName: '县委组织部考核办', role: 'organizer' })).status).toBe(201);
    expect((await admin('POST', '/campaigns', { spec: COUNTY_SPEC })).status).toBe(201);
    expect((await admin('POST', '/campaigns', { spec: TOWN_SPEC, organizationId: town.body.organization.id })).status).toBe(201);
    await server.openPeriods(COUNTY, ['2026-01']);
    await server.openPeriods(TOWN, ['2026-01']);
    // the town reports, verifies and closes January: 10 + 5 + 7.5 = 22.5
    const figures = [['v1', '10'], ['v2', '5'], ['v3', '7.5']].map(([unit, value]) => ({ unit, indicator: 'income', period: '2026-01', value }));
    expect((await admin('POST', `/campaigns/${TOWN}/figures/batch`, { figures })).status).toBe(200);
    expect((await admin('PUT', `/campaigns/${TOWN}/periods/2026-01`, { state: 'verification' })).status).toBe(200);
    const queue = (await admin<{ figures: { unit: string; indicator: string; period: string; version: number }[] }>('GET', `/campaigns/${TOWN}/verification?period=2026-01&status=pending`)).body.figures;
    expect((await admin('POST', `/campaigns/${TOWN}/verification`, { decisions: queue.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' })) })).status).toBe(200);
    expect((await admin('PUT', `/campaigns/${TOWN}/periods/2026-01`, { state: 'closed' })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the organizer declares a link by name; the grid and the unit page show the rolled-up figure with its source', async () => {
    await signIn(page, 'zuzhibu', 'organizer-pass-1');
    await page.waitForURL(/\/campaigns$/);
    await page.goto(`/campaigns/${COUNTY}`);
    await page.getByTestId('nav-rollups').click();
    await page.getByTestId('rollup-form').waitFor();

    // nothing chosen: the form names what is missing, nothing is sent
    await page.getByTestId('rollup-submit').click();
    await poll(() => page.getByTestId('rollup-form').textContent()).toContain('请选择取数方式');

    await pick(page, 'rollup-measure', '来源竞赛某指标的合计');
    await pick(page, 'rollup-unit', '甲镇');
    await pick(page, 'rollup-indicator', '村集体经济收入合计');
    await pick(page, 'rollup-source', '甲镇村级擂台赛');
    await pick(page, 'rollup-source-indicator', '村集体经济收入');
    const created = page.waitForResponse((r) => r.url().endsWith(`/campaigns/${COUNTY}/rollups`) && r.request().method() === 'POST');
    await page.getByTestId('rollup-submit').click();
    expect((await created).status()).toBe(201);
    // listed in words, with what it carried from the closed January
    const link = page.locator('[data-testid="rollup-links"] tr[data-rollup="ta/village"]');
    await poll(() => link.count()).toBe(1);
    expect(await link.textContent()).toContain('“村集体经济收入”合计');
    await poll(() => link.locator('[data-rollup-value="ta/2026-01"]').textContent()).toContain('22.5');
    expect(await link.textContent()).toContain('来自 甲镇村级擂台赛 · 2026-01');

    // the same cell twice: the server's refusal, in its words
    await pick(page, 'rollup-measure', '来源竞赛各单位的平均总分');
    await pick(page, 'rollup-unit', '甲镇');
    await pick(page, 'rollup-indicator', '村集体经济收入合计');
    await pick(page, 'rollup-source', '甲镇村级擂台赛');
    await page.getByTestId('rollup-submit').click();
    await poll(() => page.getByTestId('rollup-error').textContent()).toContain('该单位的该指标已设置上下联动');

    // the entry grid: the figure, its source linking to the town's January, and no typing
    await page.goto(`/campaigns/${COUNTY}/entry?period=2026-01`);
    const cell = page.locator('input[data-cell="ta/village"]');
    await poll(() => cell.inputValue()).toBe('22.5');
    expect(await cell.isDisabled()).toBe(true);
    const source = page.locator('[data-rollup-source="ta/village"] a');
    await poll(() => source.textContent()).toBe('来自 甲镇村级擂台赛 · 2026-01');
    expect(await source.getAttribute('href')).toBe(`/campaigns/${TOWN}?period=2026-01`);
    // the other town's cell stays typable
    expect(await page.locator('input[data-cell="tb/village"]').isDisabled()).toBe(false);

    // the unit page says where the figure came from
    await page.goto(`/campaigns/${COUNTY}/units/ta?period=2026-01`);
    await poll(() => page.locator('[data-testid="unit-indicators"] [data-rollup-source="ta/village"]').textContent()).toContain('来自 甲镇村级擂台赛 · 2026-01');

    // the unit's form: the same, not typable
    await page.goto(`/campaigns/${COUNTY}/units/ta/entry?period=2026-01`);
    await poll(() => page.locator('[data-rollup-source="ta/village"]').textContent()).toContain('来自 甲镇村级擂台赛 · 2026-01');
    expect(await page.locator('input[data-cell="ta/village"]').isDisabled()).toBe(true);
    expect(await page.locator('input[data-cell="ta/gdp"]').isDisabled()).toBe(false);

    await page.goto(`/campaigns/${COUNTY}/units/ta?period=2026-01`);
    // and the link leads to the town's campaign at that month (the county reads it)
    await page.locator('[data-rollup-source="ta/village"] a').click();
    await page.waitForURL(new RegExp(`/campaigns/${TOWN}\\?period=2026-01$`));
    await poll(async () => (await page.locator('[data-testid="leaderboard-all"] tr[data-unit]').count())).toBe(3);
  });
});
