// 申诉: a unit's reporter appeals the unit's score from the unit page with a reason; the organizer
// finds it on the corrections and appeals page and rejects it with a reply, which the reporter
// then sees. A correction request of a closed period is accepted and applied.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { createUser } from './support/users.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const APPEAL = '本镇一季度固定资产投资已按新口径补报，请复核得分';
const REPLY = '已核实，按原口径计分';

describe.skipIf(skipBrowser)('appeals', () => {
  let server: TestServer;
  let browser: Browser;
  let reporter: Page;
  let org: Page;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods('e2e-2026');
    await createUser(admin, 'reporter');
    await createUser(admin, 'organizer');
    for (const [unit, value] of [['a', '20'], ['b', '12'], ['c', '30']]) {
      expect((await admin('PUT', '/campaigns/e2e-2026/figures', { unit, indicator: 'fai', period: '2026-Q1', value })).status).toBe(200);
    }
    browser = await launchChromium();
    reporter = await newPage(browser, server.url);
    org = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the reporter files an appeal from the unit page', async () => {
    await signIn(reporter, 'jiazhen', 'reporter-pass-1');
    await reporter.waitForURL(/\/campaigns$/);
    await reporter.goto('/campaigns/e2e-2026/units/a?period=2026-Q1');
    await reporter.getByTestId('appeal-open').click();
    await reporter.getByTestId('appeal-reason').fill(APPEAL);
    await screenshot(reporter, 'appeal-modal');
    const filed = reporter.waitForResponse((r) => r.url().endsWith('/appeals') && r.request().method() === 'POST');
    await reporter.getByTestId('appeal-ok').click();
    expect((await filed).status()).toBe(201);
    await reporter.waitForURL(/\/requests$/);
    await poll(() => reporter.locator('[data-testid="requests-table"] tr[data-request]').count()).toBe(1);
    expect(await reporter.locator('tr[data-request]').getAttribute('data-status')).toBe('pending');
    // a reporter does not decide
    expect(await reporter.getByTestId('accept').count()).toBe(0);
    // another unit's page offers no appeal
    await reporter.goto('/campaigns/e2e-2026/units/b?period=2026-Q1');
    await poll(() => reporter.getByTestId('unit-summary').count()).toBe(1);
    expect(await reporter.getByTestId('appeal-open').count()).toBe(0);
  });

  test('the organizer rejects it with a reply; the reporter sees the reply', async () => {
    await signIn(org, 'zuzhibu', 'organizer-pass-1');
    await org.waitForURL(/\/campaigns$/);
    await org.goto('/campaigns/e2e-2026/requests');
    const row = org.locator('[data-testid="requests-table"] tr[data-request]');
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(APPEAL);
    await row.getByTestId('reject').click();
    // rejecting needs a reply
    await org.getByTestId('decision-ok').click();
    await poll(() => org.locator('.ant-form-item-explain-error').count()).toBe(1);
    await org.getByTestId('decision-reply').fill(REPLY);
    const decided = org.waitForResponse((r) => r.url().endsWith('/decision') && r.request().method() === 'POST');
    await org.getByTestId('decision-ok').click();
    expect((await decided).status()).toBe(200);
    await poll(() => row.getAttribute('data-status')).toBe('rejected');
    expect(await row.textContent()).toContain(REPLY);
    await screenshot(org, 'requests-decided');

    await reporter.goto('/campaigns/e2e-2026/requests');
    await poll(() => reporter.locator('tr[data-request]').getAttribute('data-status')).toBe('rejected');
    expect(await reporter.locator('tr[data-request]').textContent()).toContain(REPLY);
  });

  test('the organizer accepts a correction of a closed period and it is applied', async () => {
    const organizer = await apiSession(server.url, 'zuzhibu', 'organizer-pass-1');
    const figures = await organizer<{ figures: { unit: string; indicator: string; version: number }[] }>('GET', '/campaigns/e2e-2026/verification?period=2026-Q1');
    const decisions = figures.body.figures.map((f) => ({ unit: f.unit, indicator: f.indicator, period: '2026-Q1', version: f.version, decision: 'approve' }));
    expect((await organizer('POST', '/campaigns/e2e-2026/verification', { decisions })).status).toBe(200);
    expect((await organizer('PUT', '/campaigns/e2e-2026/periods/2026-Q1', { state: 'verification' })).status).toBe(200);
    expect((await organizer('PUT', '/campaigns/e2e-2026/periods/2026-Q1', { state: 'closed' })).status).toBe(200);
    const jia = await apiSession(server.url, 'jiazhen', 'reporter-pass-1');
    expect((await jia('POST', '/campaigns/e2e-2026/corrections', { unit: 'a', indicator: 'fai', period: '2026-Q1', value: '22', reason: '统计局更正' })).status).toBe(201);

    await org.goto('/campaigns/e2e-2026/requests');
    const row = org.locator('tr[data-request][data-status="pending"]');
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('20 → 22');
    await row.getByTestId('accept').click();
    const decided = org.waitForResponse((r) => r.url().endsWith('/decision') && r.request().method() === 'POST');
    await org.getByTestId('decision-ok').click();
    expect((await decided).status()).toBe(200);
    await poll(() => org.locator('tr[data-request][data-status="accepted"]').count()).toBe(1);
    await org.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await poll(() => org.locator('input[data-cell="a/fai"]').inputValue()).toBe('22');
    await screenshot(org, 'entry-closed-corrected');
  });
});
