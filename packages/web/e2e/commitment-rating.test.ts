// Issue 16 in the browser, after the evaluation (评诺): the organizer opens a case for a commitment's items
// not kept (once: the button gives way to the case's number), then a rating by members and the public —
// three weighted rater groups, one-time links shown once; raters mark it on their links; the ballot closed,
// the commitment's page and its public phone page show the satisfaction (the engine's weighted aggregate).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const C = 'rate-2026';
const SPEC = `version: 1
campaign: { id: ${C}, name: 评诺测试, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
`;

describe.skipIf(skipBrowser)('a commitment after its evaluation: case and rating', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  let id = 0;

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    // drafted, approved, reported and evaluated by the organizer (the steps before are e2e/commitments.test.ts)
    const made = await admin<{ commitment: { id: number; items: { id: number }[] } }>('POST', `/campaigns/${C}/commitments`, {
      unit: 'a', title: '甲镇年度承诺', items: [{ text: '营商环境争全县第一', benchmark: 'county' }, { text: '新建党群服务阵地 5 处', benchmark: 'county' }],
    });
    expect(made.status).toBe(201);
    id = made.body.commitment.id;
    const [first, second] = made.body.commitment.items.map((i) => i.id);
    expect((await admin('POST', `/campaigns/${C}/commitments/${id}/submit`)).status).toBe(200);
    expect((await admin('POST', `/campaigns/${C}/commitments/${id}/decision`, { decision: 'approve' })).status).toBe(200);
    expect((await admin('POST', `/campaigns/${C}/commitments/${id}/report`, { report: '全县第一；阵地建成 3 处' })).status).toBe(200);
    expect((await admin('POST', `/campaigns/${C}/commitments/${id}/evaluation`, {
      verdicts: [{ item: first, verdict: 'fulfilled', reason: '获评全县第一' }, { item: second, verdict: 'not', reason: '阵地仅建成 3 处' }],
    })).status).toBe(200);
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/campaigns$/);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a case for the items not kept, once', async () => {
    await page.goto(`/campaigns/${C}/commitments/${id}`);
    await page.getByTestId('commitment-case').click();
    const select = page.getByTestId('ledger-case-kind');
    // picked until the select shows it (a click on a dropdown still opening selects nothing)
    await poll(async () => {
      if (((await select.textContent()) ?? '').includes('整改通知书')) return true;
      await select.click();
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '整改通知书' }).last().click({ timeout: 3_000 }).catch(() => undefined);
      return ((await select.textContent()) ?? '').includes('整改通知书');
    }, 30_000).toBe(true);
    await page.getByTestId('ledger-case-send').click();
    await poll(() => page.getByTestId('ledger-case').textContent()).toContain('〔2026〕整字第1号');
    expect(await page.getByTestId('commitment-case').count()).toBe(0);
    const cases = await admin<{ cases: { unit: string; source: string; reason: string }[] }>('GET', `/campaigns/${C}/cases`);
    expect(cases.body.cases).toEqual([expect.objectContaining({ unit: 'a', source: 'commitment', reason: expect.stringContaining('阵地仅建成 3 处') })]);
  });

  test('a rating by members and the public: links shown once, the satisfaction once the ballot is closed', async () => {
    const card = page.getByTestId('commitment-rating');
    expect(await card.getAttribute('data-state')).toBe('none');
    await card.getByTestId('rating-open').click();
    // fewer links than the defaults: 2 members, 2 of the public, 1 of the organization
    const raters = page.getByTestId('rating-raters');
    await poll(() => raters.count()).toBe(3);
    for (const [n, v] of ['2', '2', '1'].entries()) {
      const box = raters.nth(n);
      const input = (await box.evaluate((el) => el.tagName)) === 'INPUT' ? box : box.locator('input');
      await input.fill(v);
      await poll(() => input.inputValue()).toBe(v);
    }
    await page.getByTestId('rating-send').click();
    await poll(() => card.getAttribute('data-state')).toBe('open');
    const links = card.getByTestId('rater-link');
    await poll(() => links.count()).toBe(5);
    const paths = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    // members 90 and 80, the public 70 and 50, the organization 100: 0.3 × 85 + 0.4 × 60 + 0.3 × 100 = 79.5
    const marks = ['90', '80', '70', '50', '100'];
    for (const [n, p] of paths.entries()) {
      const token = p.split('/').pop();
      const res = await fetch(`${server.url}/api/v1/public/vote/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ marks: { [`c${id}`]: marks[n] } }) });
      expect(res.status).toBe(201);
    }
    const c = await admin<{ commitment: { rating: { ballot: number } } }>('GET', `/campaigns/${C}/commitments/${id}`);
    expect((await admin('POST', `/campaigns/${C}/ballots/${c.body.commitment.rating.ballot}/close`)).status).toBe(200);
    await page.reload();
    await poll(() => page.getByTestId('commitment-rating').getAttribute('data-state')).toBe('closed');
    expect(await page.getByTestId('rating-score').textContent()).toMatch(/^79\.50? 分（满分 100）$/);
    await screenshot(page, 'commitment-rating');

    const phone = await newPage(browser, server.url);
    await phone.goto(`/m/${C}/commitments/${id}`);
    await poll(() => phone.getByTestId('phone-satisfaction').textContent()).toMatch(/79\.50? 分/);
  });
});
