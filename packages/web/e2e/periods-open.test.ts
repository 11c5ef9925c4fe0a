// Issue 10 item 11: the period lifecycle as the demo's people live it. Only June is open; July on
// are 未开启 and take no figures; the periods page starts on June, with its two status columns;
// the organizer opens July (开启), the reporter is told in the inbox and can then enter July.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { apiSession, startServer, type TestServer } from './support/server.ts';
import { enterFigure, movePeriod, newPage, poll, screenshot, signIn } from './support/ui.ts';

const C = 'qingshan-2026';

describe.skipIf(skipBrowser)('opening a period', () => {
  let server: TestServer;
  let browser: Browser;
  let org: Page;
  let reporter: Page;
  const login = (username: string) => {
    const l = server.logins.find((x) => x.username === username);
    if (!l) throw new Error(`the demo has no ${username}`);
    return l;
  };

  beforeAll(async () => {
    server = await startServer({ demo: true });
    browser = await launchChromium();
    org = await newPage(browser, server.url);
    reporter = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const stateOf = (page: Page, period: string) => page.locator(`tr[data-period="${period}"] [data-testid="period-state"]`).getAttribute('data-state');

  test('the periods page shows the lifecycle and starts on the current period', async () => {
    const o = login('organizer');
    await signIn(org, o.username, o.password);
    await org.waitForURL(/\/campaigns$/);
    await org.goto(`/campaigns/${C}/periods`);
    await poll(() => org.locator('[data-testid="periods-table"] tr[data-period]').count()).toBe(12);
    expect(await stateOf(org, '2026-05')).toBe('closed');
    expect(await stateOf(org, '2026-06')).toBe('open');
    expect(await stateOf(org, '2026-07')).toBe('unopened');
    expect(await stateOf(org, '2026-12')).toBe('unopened');
    // two status columns, each saying what it is about
    const headers = await org.locator('[data-testid="periods-table"] thead th').allTextContents();
    expect(headers).toContain('填报状态');
    expect(headers).toContain('审核/发布');
    expect(await org.locator('tr[data-period="2026-07"] [data-testid="period-state"]').textContent()).toBe('未开启');
    expect(await org.locator('tr[data-period="2026-05"] [data-testid="period-review"]').getAttribute('data-bulletin')).toBe('published');
    // 催报 starts on June, the month being reported
    await poll(() => org.getByTestId('missing-card').locator('.ant-card-head-title').textContent()).toContain('2026-06');
    // a month not yet open has nobody to chase
    await org.locator('tr[data-period="2026-08"] td').first().click();
    await poll(() => org.getByTestId('missing-unopened').count()).toBe(1);
    await screenshot(org, 'periods-lifecycle');
  });

  test('July takes no figures until the organizer opens it; then the reporter is told and enters July', async () => {
    const r = login('reporter');
    await signIn(reporter, r.username, r.password);
    await reporter.waitForURL(/\/campaigns/);
    await reporter.goto(`/campaigns/${C}/entry?period=2026-07`);
    await poll(() => reporter.getByTestId('period-unopened').count()).toBe(1);
    const cell = reporter.locator('input[data-cell="qingxi/petition"]');
    await poll(() => cell.count()).toBe(1);
    expect(await cell.isEnabled()).toBe(false);
    // the API refuses it too, naming the period
    const api = await apiSession(server.url, r.username, r.password);
    const refused = await api<{ error: { code: string; message: string } }>('PUT', `/campaigns/${C}/figures`, { unit: 'qingxi', indicator: 'petition', period: '2026-07', value: '30' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('period_not_open');
    expect(refused.body.error.message).toContain('2026-07');

    // 开启, confirmed first
    const july = org.locator('tr[data-period="2026-07"]');
    await july.getByTestId('move-2026-07-open').waitFor();
    await movePeriod(org, '2026-07', 'open');
    expect(await stateOf(org, '2026-08')).toBe('unopened');

    // the reporter's inbox says July is open
    await reporter.goto(`/campaigns/${C}/inbox`);
    await poll(() => reporter.locator('[data-testid="inbox-message"]').allTextContents()).toContainEqual(expect.stringContaining('2026-07 已开启填报'));

    // a year-to-date count that grows as it did in June: no explanation is asked for
    const figures = (await api<{ figures: { unit: string; indicator: string; period: string; value: string }[] }>('GET', `/campaigns/${C}/figures`)).body.figures.filter((f) => f.unit === 'qingxi');
    const at = (period: string) => Number(figures.find((f) => f.indicator === 'petition' && f.period === period)?.value);
    const value = String(at('2026-06') + (at('2026-06') - at('2026-05')));
    await reporter.goto(`/campaigns/${C}/entry?period=2026-07`);
    await poll(() => cell.isEnabled()).toBe(true);
    expect(await reporter.getByTestId('period-unopened').count()).toBe(0);
    const saved = reporter.waitForResponse((res) => res.url().endsWith('/figures') && res.request().method() === 'PUT');
    const typed = enterFigure(reporter, 'qingxi', 'petition', value);
    expect((await saved).status()).toBe(200);
    await typed;
    await poll(async () => (await api<{ figures: { unit: string; indicator: string; value: string }[] }>('GET', `/campaigns/${C}/figures?period=2026-07`)).body.figures
      .find((f) => f.unit === 'qingxi' && f.indicator === 'petition')?.value).toBe(value);
    await screenshot(reporter, 'entry-july-opened');
  });
});
