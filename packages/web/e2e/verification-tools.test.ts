// Issue 10 item 9: the verification page gives the section what it needs to judge a figure in one
// look — sorted by names, filtered by unit, indicator and "needs attention" (a jump, behind
// schedule, an explanation given, evidence attached), the previous figure and the target beside the
// value — and approves in bulk what it has checked.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { newPage, poll, signIn } from './support/ui.ts';

const C = 'e2e-2026';

describe.skipIf(skipBrowser)('verification tools', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods(C);
    const batch = (figures: object[]) => admin('POST', `/campaigns/${C}/figures/batch`, { figures });
    expect((await batch([
      { unit: 'a', indicator: 'fai', period: '2026-Q1', value: '10' },
      { unit: 'b', indicator: 'fai', period: '2026-Q1', value: '25' },
      { unit: 'c', indicator: 'fai', period: '2026-Q1', value: '26' },
    ])).status).toBe(200);
    // fai is year to date; Q2 expects 50: a jumps (10, then 30 more) and is behind; b is explained; c is unremarkable
    expect((await batch([
      { unit: 'a', indicator: 'fai', period: '2026-Q2', value: '40' },
      { unit: 'b', indicator: 'fai', period: '2026-Q2', value: '52', explanation: '两个项目提前开工' },
      { unit: 'c', indicator: 'fai', period: '2026-Q2', value: '53' },
    ])).status).toBe(200);
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const rows = () => page.locator('[data-testid="verify-table"] tr[data-figure]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-figure')));

  test('sorted by names, the previous figure and target beside the value, needs attention marked', async () => {
    await page.goto(`/campaigns/${C}/verification?period=2026-Q2&status=pending`);
    // 丙镇 (bing), 甲镇 (jia), 乙镇 (yi): by name, not by id (a, b, c)
    await poll(rows).toEqual(['c/fai', 'a/fai', 'b/fai']);
    const a = page.locator('tr[data-figure="a/fai"]');
    expect(await a.locator('.verify-previous').textContent()).toBe('10');
    expect(await a.locator('.verify-target').textContent()).toBe('100');
    expect(await a.locator('[data-attention]').evaluateAll((ts) => ts.map((x) => x.getAttribute('data-attention')))).toEqual(['jump', 'behind']);
    expect(await page.locator('tr[data-figure="b/fai"] [data-attention]').evaluateAll((ts) => ts.map((x) => x.getAttribute('data-attention')))).toEqual(['explained']);
    expect(await page.locator('tr[data-figure="c/fai"] [data-attention]').count()).toBe(0);
  });

  test('filters by needs attention, by unit and by indicator', async () => {
    await page.getByText('只看需关注').click();
    await poll(rows).toEqual(['a/fai', 'b/fai']);
    await page.getByText('只看需关注').click();
    await poll(rows).toEqual(['c/fai', 'a/fai', 'b/fai']);
    await page.goto(`/campaigns/${C}/verification?period=2026-Q2&status=pending&unit=b`);
    await poll(rows).toEqual(['b/fai']);
    await page.goto(`/campaigns/${C}/verification?period=2026-Q2&status=pending&indicator=dj`);
    await poll(rows).toEqual([]);
  });

  test('approves in bulk what was checked', async () => {
    await page.goto(`/campaigns/${C}/verification?period=2026-Q2&status=all`);
    await poll(rows).toEqual(['c/fai', 'a/fai', 'b/fai']);
    await page.locator('tr[data-figure="c/fai"] .ant-checkbox-input').check();
    await page.locator('tr[data-figure="b/fai"] .ant-checkbox-input').check();
    await page.getByTestId('approve-selected').click();
    await poll(() => page.locator('tr[data-figure="c/fai"]').getAttribute('data-status')).toBe('approved');
    expect(await page.locator('tr[data-figure="b/fai"]').getAttribute('data-status')).toBe('approved');
    expect(await page.locator('tr[data-figure="a/fai"]').getAttribute('data-status')).toBe('pending');
  });
});
