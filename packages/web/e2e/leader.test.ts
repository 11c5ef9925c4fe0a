// Issue 10 item 14: a leader's own page (我的分管). A leader assigned to two units lands there after
// signing in and sees exactly those units, with the standing of the latest CLOSED period — not the
// open period's figures still being verified — and the latest (预计) results only when asked.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const SPEC = `version: 1
campaign: { id: lead-2026, name: 分管测试, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙镇, group: g1 }
  - { id: d, name: 丁镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 90, method: completion, target: 100 }
  - { id: fai, name: 投资, input: value, weight: 10, method: schedule, target: 100 }
flags:
  - { id: red, name: 红旗, color: red, award: top, count: 1, scope: all }
rules:
  - { id: remind, name: 提醒单, action: reminder, when: { behind_schedule: true } }
`;
const C = 'lead-2026';
const LEADER = { username: 'fenguan', password: 'leader-pass-123', displayName: '分管领导' };

describe.skipIf(skipBrowser)('the leader page', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods(C);
    const q = (p: string, gdp: Record<string, string>, fai: Record<string, string>) => Object.keys(gdp).flatMap((u) => [
      { unit: u, indicator: 'gdp', period: p, value: gdp[u] }, { unit: u, indicator: 'fai', period: p, value: fai[u] },
    ]);
    // Q1 (closed): a leads, d is last; a is behind schedule on 投资
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, {
      figures: q('2026-Q1', { a: '90', b: '80', c: '70', d: '60' }, { a: '10', b: '25', c: '25', d: '25' }),
    })).status).toBe(200);
    const figures = (await admin<{ figures: { unit: string; indicator: string; period: string; version: number }[] }>('GET', `/campaigns/${C}/figures?period=2026-Q1`)).body.figures;
    expect((await admin('PUT', `/campaigns/${C}/periods/2026-Q1`, { state: 'verification' })).status).toBe(200);
    expect((await admin('POST', `/campaigns/${C}/verification`, { decisions: figures.map((f) => ({ ...f, decision: 'approve' })) })).status).toBe(200);
    expect((await admin('PUT', `/campaigns/${C}/periods/2026-Q1`, { state: 'closed' })).status).toBe(200);
    // Q2 (open, unverified): d leads, a is last
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, {
      figures: q('2026-Q2', { a: '10', b: '20', c: '30', d: '90' }, { a: '50', b: '50', c: '50', d: '50' }),
    })).status).toBe(200);
    expect((await admin('POST', '/users', {
      ...LEADER, grants: [{ role: 'leader', campaignId: C, unitId: 'a' }, { role: 'leader', campaignId: C, unitId: 'd' }],
    })).status).toBe(201);
    browser = await launchChromium();
    page = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const card = () => page.locator(`[data-testid="leader-campaign"][data-campaign="${C}"]`);
  const row = (unit: string) => card().locator(`tr[data-unit="${unit}"]`);
  // the rows follow the rank; which units, not their order, is asked here
  const units = async () => card().locator('tr[data-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')).sort());

  test('lands on 我的分管 with exactly the assigned units, at the closed period\'s standing', async () => {
    await signIn(page, LEADER.username, LEADER.password);
    await page.waitForURL(/\/leader$/);
    expect(await page.getByTestId('nav-leader').textContent()).toBe('我的分管');
    await poll(() => card().getByTestId('leader-period').getAttribute('data-period')).toBe('2026-Q1');
    expect(await card().getByTestId('leader-period').getAttribute('data-provisional')).toBe('false');
    await poll(units).toEqual(['a', 'd']);
    expect(await row('a').locator('.leader-rank').textContent()).toBe('1');
    expect(await row('d').locator('.leader-rank').textContent()).toBe('4');
    // a's red flag is awarded (not 预计), its lagging indicator and its action are shown with the reason
    expect(await row('a').locator('[data-flag="red"]').textContent()).toBe('红旗');
    expect(await row('a').locator('[data-lagging="fai"]').textContent()).toContain('投资');
    expect(await row('a').locator('[data-action="remind"]').textContent()).toContain('提醒单');
    expect(await card().textContent()).not.toContain('预计');
    await screenshot(page, 'leader-closed');
  });

  test('the latest (预计) results only when asked', async () => {
    await page.getByTestId('leader-latest').click();
    await poll(() => card().getByTestId('leader-period').getAttribute('data-period')).toBe('2026-Q2');
    expect(await card().getByTestId('leader-period').getAttribute('data-provisional')).toBe('true');
    expect(await card().getByTestId('leader-period').textContent()).toContain('预计');
    expect(await units()).toEqual(['a', 'd']);
    await poll(() => row('d').locator('.leader-rank').textContent()).toBe('1');
    expect(await row('a').locator('.leader-rank').textContent()).toBe('4');
    expect(await row('d').locator('[data-flag="red"]').textContent()).toBe('预计红旗');
    await screenshot(page, 'leader-latest');
  });
});
