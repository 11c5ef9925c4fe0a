// The period lifecycle run by the organizer: the 催报 list and reminders (which land in the unit's
// inbox), open → verification → closed with a confirm each time, the leaderboard's state and
// not-yet-verified banner, a closed period's grid refusing edits, and the audit log recording it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { createUser } from './support/users.ts';
import { movePeriod, newPage, poll, screenshot, signIn } from './support/ui.ts';

describe.skipIf(skipBrowser)('periods', () => {
  let server: TestServer;
  let browser: Browser;
  let org: Page;
  let reporter: Page;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods('e2e-2026');
    await createUser(admin, 'organizer');
    await createUser(admin, 'reporter');
    // b has reported; a and c have not
    expect((await admin('PUT', '/campaigns/e2e-2026/figures', { unit: 'b', indicator: 'fai', period: '2026-Q1', value: '12' })).status).toBe(200);
    browser = await launchChromium();
    org = await newPage(browser, server.url);
    reporter = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const confirmPopover = (page: Page, testId: string) => page.locator(`.ant-popover:not(.ant-popover-hidden) [data-testid="${testId}"]`);

  test('the organizer sees the 催报 list and sends reminders; the unit finds one in its inbox', async () => {
    await signIn(org, 'zuzhibu', 'organizer-pass-1');
    await org.waitForURL(/\/campaigns$/);
    await org.goto('/campaigns/e2e-2026/periods');
    await poll(() => org.locator('[data-testid="periods-table"] tr[data-period]').count()).toBe(4);
    const q1 = org.locator('tr[data-period="2026-Q1"]');
    expect(await q1.getByTestId('period-state').getAttribute('data-state')).toBe('open');
    await poll(() => org.locator('[data-testid="missing-table"] tr[data-unit]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-unit')))).toEqual(['a', 'c']);

    await org.getByTestId('remind-all').click();
    const sent = org.waitForResponse((r) => r.url().endsWith('/reminders') && r.request().method() === 'POST');
    await confirmPopover(org, 'confirm-remind').click();
    expect(await (await sent).json()).toEqual({ sent: 2 });
    await poll(() => org.locator('[data-testid="missing-table"] tr[data-unit="a"]').textContent()).toContain('1');
    await screenshot(org, 'periods-open');

    await signIn(reporter, 'jiazhen', 'reporter-pass-1');
    await reporter.waitForURL(/\/campaigns$/);
    await reporter.goto('/campaigns/e2e-2026/inbox');
    await poll(() => reporter.locator('[data-testid="inbox-message"]').count()).toBe(1);
    expect(await reporter.getByTestId('inbox-message').textContent()).toContain('2026-Q1');
  });

  test('the organizer moves the period to verification, then closes it', async () => {
    const q1 = org.locator('tr[data-period="2026-Q1"]');
    await movePeriod(org, '2026-Q1', 'verification');
    await screenshot(org, 'periods-verification');

    // the leaderboard names the period's state and the figure not verified yet (b's, still pending)
    await org.goto('/campaigns/e2e-2026?period=2026-Q1');
    await poll(() => org.getByTestId('period-state').getAttribute('data-state')).toBe('verification');
    await poll(() => org.locator('[data-testid="unverified-banner"] [data-unverified="b/fai"]').count()).toBe(1);
    await screenshot(org, 'leaderboard-verification');

    await org.goto('/campaigns/e2e-2026/periods');
    await q1.getByTestId('move-2026-Q1-closed').waitFor();
    await movePeriod(org, '2026-Q1', 'closed');
    // closed is final: no more moves
    expect(await q1.locator('[data-testid^="move-"]').count()).toBe(0);
  });

  test('editing the spec after a period closed warns that a new version recomputes it', async () => {
    await org.goto('/campaigns/e2e-2026/spec');
    await poll(() => org.getByTestId('spec-recompute-warning').textContent()).toContain('包括已进入审核或已关闭的期次（2026-Q1）');
  });

  test('after closing, the grid refuses edits', async () => {
    await reporter.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await poll(() => reporter.getByTestId('period-locked').count()).toBe(1);
    expect(await reporter.getByTestId('period-state').getAttribute('data-state')).toBe('closed');
    await poll(() => reporter.locator('input[data-cell="a/fai"]').count()).toBe(1);
    expect(await reporter.locator('input[data-cell="a/fai"]').isEnabled()).toBe(false);
    await screenshot(reporter, 'entry-closed');

    // the organizer's grid is locked too, and the API says why
    await org.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await poll(() => org.locator('input[data-cell="c/fai"]').count()).toBe(1);
    expect(await org.locator('input[data-cell="c/fai"]').isEnabled()).toBe(false);
    const organizer = await apiSession(server.url, 'zuzhibu', 'organizer-pass-1');
    const r = await organizer<{ error: { code: string } }>('PUT', '/campaigns/e2e-2026/figures', { unit: 'c', indicator: 'fai', period: '2026-Q1', value: '5' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('period_locked');
  });

  test('a deadline set with the date picker marks a figure entered after it late', async () => {
    await org.goto('/campaigns/e2e-2026/periods');
    const picker = org.locator('tr[data-period="2026-Q2"] .ant-picker input');
    await picker.click();
    await picker.fill('2026-01-05 10:00');
    const put = org.waitForResponse((r) => /\/periods\/2026-Q2$/.test(r.url()) && r.request().method() === 'PUT');
    await picker.press('Enter');
    const saved = await (await put).json() as { period: { deadline: string; pastDeadline: boolean } };
    expect(saved.period.pastDeadline).toBe(true);
    await poll(() => org.locator('tr[data-period="2026-Q2"]').textContent()).toContain('已过截止');

    await reporter.goto('/campaigns/e2e-2026/entry?period=2026-Q2');
    const cell = reporter.locator('input[data-cell="a/fai"]');
    // 55 of the 50 expected by Q2: ahead of schedule, so no explanation is asked for
    await cell.fill('55');
    const written = reporter.waitForResponse((r) => r.url().endsWith('/figures') && r.request().method() === 'PUT');
    await cell.press('Enter');
    expect((await written).status()).toBe(200);
    await poll(() => reporter.locator('[data-figure-status="a/fai"] [data-late]').count()).toBe(1);
    await screenshot(reporter, 'entry-late');
  });

  test('a grid left open while the period moves on shows the API’s refusal and locks', async () => {
    await reporter.goto('/campaigns/e2e-2026/entry?period=2026-Q3');
    const cell = reporter.locator('input[data-cell="a/fai"]');
    await poll(() => cell.isEnabled()).toBe(true);
    const organizer = await apiSession(server.url, 'zuzhibu', 'organizer-pass-1');
    expect((await organizer('PUT', '/campaigns/e2e-2026/periods/2026-Q3', { state: 'verification' })).status).toBe(200);
    await cell.fill('55');
    const written = reporter.waitForResponse((r) => r.url().endsWith('/figures') && r.request().method() === 'PUT');
    await cell.press('Enter');
    expect((await written).status()).toBe(409);
    await poll(() => reporter.locator('.entry-cell-error').textContent()).toMatch(/\S/);
    await poll(() => reporter.getByTestId('period-verification').count()).toBe(1);
    await poll(() => cell.isEnabled()).toBe(false);
    await screenshot(reporter, 'entry-locked-meanwhile');
  });

  test('the audit log shows the moves, filtered by action, with a CSV export', async () => {
    await org.goto('/audit');
    await org.getByTestId('audit-actor').fill('zuzhibu');
    await org.getByTestId('audit-action').click();
    await org.keyboard.type('period.state');
    await org.keyboard.press('Enter');
    await org.getByTestId('audit-search').click();
    await poll(() => org.locator('[data-testid="audit-table"] [data-action]').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-action')))).toEqual(['period.state', 'period.state', 'period.state']);
    const href = await org.getByTestId('audit-export').getAttribute('href');
    expect(href).toContain('/api/v1/audit/export?');
    expect(href).toContain('actor=zuzhibu');
    expect(href).toContain('action=period.state');
    const csv = await org.evaluate(async (u) => (await fetch(u)).text(), href ?? '');
    expect(csv.split('\n')[0]).toContain('seq,at,actor');
    expect(csv).toContain('period.state');
    await screenshot(org, 'audit');
  });
});
