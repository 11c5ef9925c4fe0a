// 述比排序 (issue 17 item 5): the organizer creates a 好班长 selection ranked by 量化考核 60 % +
// 述职评议 40 %, nominates from the person campaign's quantified ranking, opens the panel; two judges
// mark the presentations on phone-sized pages through their one-time links; the organizer watches the
// turnout, closes the panel and sees the combined ranking with its arithmetic; the top 2 enter 公示
// and then the honours register.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { createUser, USERS } from './support/users.ts';
import { newPage, numberInput, poll, screenshot, signIn } from './support/ui.ts';

const C = 'haobanzhang-2026';
const NAMES = ['班长甲', '班长乙', '班长丙', '班长丁'];

describe.skipIf(skipBrowser)('述比排序: a selection ranked by the quantified score and a panel', () => {
  let server: TestServer;
  let browser: Browser;
  let org: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  /** the server's clock runs this far ahead of the wall clock (the notice period ends when the test says so) */
  let offset = 0;
  let links: string[] = [];
  let publicPath = '';

  const phone = async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.error('[browser error]', e.message));
    return page;
  };
  const selection = () => org.getByTestId('selection').first();

  beforeAll(async () => {
    server = await startServer({ now: () => new Date(Date.now() + offset) });
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    await createUser(admin, 'organizer');
    const ids: number[] = [];
    for (const name of NAMES) {
      const res = await admin<{ person: { id: number } }>('POST', '/persons', { name, unit: `${name.slice(2)}村`, post: 'secretary' });
      expect(res.status).toBe(201);
      ids.push(res.body.person.id);
    }
    const spec = `version: 1
campaign: { id: ${C}, name: 三好创争·好班长, year: 2026, cadence: quarter, subject: person }
groups:
  - { id: village, name: 村 }
units:
${NAMES.map((n, i) => `  - { id: v${i + 1}, name: ${n}, group: village, person: ${ids[i]} }`).join('\n')}
indicators:
  - { id: work, name: 实绩评分, input: score, weight: 100 }
summary: { method: mean }
`;
    expect((await admin('POST', '/campaigns', { spec })).status).toBe(201);
    await server.openPeriods(C, ['2026-Q1']);
    // the quantified ranking of Q1: 甲 95, 乙 90, 丙 80, 丁 76 — verified and closed
    const put = await admin('POST', `/campaigns/${C}/figures/batch`, { figures: ['95', '90', '80', '76'].map((value, i) => ({ unit: `v${i + 1}`, indicator: 'work', period: '2026-Q1', value })) });
    expect(put.status).toBe(200);
    const figs = (await admin<{ figures: { unit: string; indicator: string; period: string; version: number }[] }>('GET', `/campaigns/${C}/figures?period=2026-Q1`)).body.figures;
    expect((await admin('POST', `/campaigns/${C}/verification`, { decisions: figs.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' })) })).status).toBe(200);
    for (const state of ['verification', 'closed']) expect((await admin('PUT', `/campaigns/${C}/periods/2026-Q1`, { state })).status).toBe(200);
    browser = await launchChromium();
    org = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the organizer creates a 述比排序 selection (60 % + 40 %) and nominates from the quantified ranking', async () => {
    await signIn(org, USERS.organizer.username, USERS.organizer.password);
    await org.waitForURL(/\/campaigns$/);
    await org.goto(`/campaigns/${C}/selections`);
    await org.getByTestId('selection-honour').fill('好班长');
    await numberInput(org, 'selection-quota').fill('2');
    await org.locator('label.ant-radio-button-wrapper', { hasText: '述比排序' }).click();
    await poll(() => org.getByTestId('selection-weight-quantified').inputValue()).toBe('60');
    expect(await org.getByTestId('selection-weight-panel').inputValue()).toBe('40');
    expect(await org.getByTestId('selection-threshold').inputValue()).toBe('0');
    await org.getByTestId('selection-create').click();
    await poll(() => selection().getAttribute('data-state')).toBe('nominating');
    expect(await org.getByTestId('selection-terms').textContent()).toContain('量化考核 60% + 述职评议 40%');
    await numberInput(org, 'ranking-top').fill('4');
    await org.getByTestId('nominate-ranking').click();
    await poll(() => org.getByTestId('nominee').allTextContents()).toEqual(NAMES);
  });

  test('the panel opens with one link per judge; two judges mark the presentations on their phones', async () => {
    await numberInput(org, 'panel-raters').fill('2');
    await org.getByTestId('open-panel').click();
    await poll(() => org.getByTestId('rater-link').count()).toBe(2);
    await poll(() => selection().getAttribute('data-state')).toBe('voting');
    links = await org.getByTestId('rater-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const sheets = [
      { 班长甲: '86', 班长乙: '90', 班长丙: '88', 班长丁: '70' },
      { 班长甲: '88', 班长乙: '94', 班长丙: '92', 班长丁: '74' },
    ];
    for (const [i, link] of links.entries()) {
      const p = await phone();
      await p.goto(link);
      await poll(() => p.getByTestId('vote-subject').count()).toBe(4);
      for (const [name, mark] of Object.entries(sheets[i])) await p.locator(`[data-testid="vote-subject"][data-name="${name}"] [data-testid="vote-mark"]`).fill(mark);
      if (i === 0) await screenshot(p, 'panel-phone-marks');
      await p.getByTestId('vote-submit').click();
      await poll(() => p.getByTestId('vote-done').count()).toBe(1);
      await p.context().close();
    }
  });

  test('the organizer sees the turnout, closes the panel and sees the combined ranking with its arithmetic', async () => {
    await poll(() => org.getByTestId('turnout-cast').first().textContent()).toBe('2');
    await org.getByTestId('close-voting').click();
    await poll(() => selection().getAttribute('data-state')).toBe('elected');
    const ranking = org.getByTestId('panel-ranking');
    await poll(() => ranking.locator('tr.ant-table-row').count()).toBe(4);
    // means 87, 92, 90, 72; tops 95 and 92:
    // 甲 (60 × 100 + 40 × 94.5652) ÷ 100 = 97.83; 乙 (60 × 94.7368 + 40 × 100) ÷ 100 = 96.84;
    // 丙 (60 × 84.2105 + 40 × 97.8261) ÷ 100 = 89.66; 丁 (60 × 80 + 40 × 78.2609) ÷ 100 = 79.30
    expect(await ranking.getByTestId('ranking-person').allTextContents()).toEqual(NAMES);
    expect(await ranking.getByTestId('ranking-score').allTextContents()).toEqual(['97.83', '96.84', '89.66', '79.30']);
    expect(await ranking.getByTestId('ranking-explain').first().textContent()).toContain('(60 × 100 + 40 × 94.5652) ÷ (60 + 40) = 97.8261 → 97.83');
    expect(await ranking.getByTestId('panel-reading').textContent()).toContain('量化考核 ÷ 最高分 95 × 100，权重 60');
    await poll(() => selection().getByTestId('nominee-status').allTextContents()).toEqual(['当选', '当选', '未当选', '未当选']);
    await screenshot(org, 'panel-ranking');
  });

  test('the top 2 enter 公示 and then the honours register', async () => {
    const until = await org.evaluate(() => {
      const d = new Date(Date.now() + 10 * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await org.getByTestId('publicity-until').fill(until);
    await org.getByTestId('start-publicity').click();
    await poll(() => selection().getAttribute('data-state')).toBe('publicity');
    publicPath = (await org.getByTestId('publicity-link').getAttribute('href')) ?? '';
    const citizen = await phone();
    await citizen.goto(publicPath);
    await poll(() => citizen.locator('[data-testid="publicity-elected"] b').allTextContents()).toEqual(['班长甲', '班长乙']);
    await citizen.context().close();

    offset = 11 * 60_000;
    await org.getByTestId('confirm-selection').click();
    await poll(() => selection().getAttribute('data-state')).toBe('confirmed');
    await org.goto('/honours');
    await poll(async () => (await org.getByTestId('honour-person').allTextContents()).sort()).toEqual(['班长乙', '班长甲']);
  });

  test('a nomination is withdrawn with a reason while nominations are open (e.g. 一票否决); it stays listed as withdrawn', async () => {
    await org.goto(`/campaigns/${C}/selections`);
    await org.getByTestId('selection-honour').fill('好班副');
    await numberInput(org, 'selection-quota').fill('1');
    await org.locator('label.ant-radio-button-wrapper', { hasText: '述比排序' }).click();
    await poll(() => org.getByTestId('selection-weight-quantified').inputValue()).toBe('60');
    await org.getByTestId('selection-create').click();
    const card = org.getByTestId('selection').filter({ has: org.getByTestId('selection-title').filter({ hasText: /^好班副$/ }) });
    await poll(() => card.getAttribute('data-state')).toBe('nominating');
    await numberInput(org, 'ranking-top').fill('2');
    await card.getByTestId('nominate-ranking').click();
    await poll(() => card.getByTestId('nominee').allTextContents()).toEqual(['班长甲', '班长乙']);
    const yi = card.locator('tr.ant-table-row', { hasText: '班长乙' });
    await yi.getByTestId('nominee-withdraw').click();
    await org.getByTestId('withdraw-reason').fill('经核查存在违纪问题，一票否决');
    await org.getByTestId('withdraw-ok').click();
    await poll(() => yi.getByTestId('nominee-status').textContent()).toBe('已撤销：经核查存在违纪问题，一票否决');
    expect(await yi.getByTestId('nominee-withdraw').count()).toBe(0);
    const stored = (await admin<{ selections: { honour: string; nominations: { personName: string; status: string }[] }[] }>('GET', `/campaigns/${C}/selections`)).body.selections.find((x) => x.honour === '好班副');
    expect(stored?.nominations.map((n) => [n.personName, n.status])).toEqual([['班长甲', 'nominated'], ['班长乙', 'withdrawn']]);
  });
});
