// Verification by the responsible section: a scorer assigned to an indicator returns a unit's
// figure with a reason; the unit's reporter finds it in the inbox (and marks it read) and sees the
// status and the reason on the entry grid, fixes the figure, and the scorer approves the new one.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { createUser } from './support/users.ts';
import { enterFigure, newPage, poll, screenshot, signIn } from './support/ui.ts';

const REASON = '与统计局台账不符，请核实后重报';

describe.skipIf(skipBrowser)('verification', () => {
  let server: TestServer;
  let browser: Browser;
  let scorer: Page;
  let reporter: Page;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods('e2e-2026');
    await createUser(admin, 'reporter');
    await createUser(admin, 'scorer');
    const jia = await apiSession(server.url, 'jiazhen', 'reporter-pass-1');
    expect((await jia('PUT', '/campaigns/e2e-2026/figures', { unit: 'a', indicator: 'fai', period: '2026-Q1', value: '26' })).status).toBe(200);
    // another section's figure: not in this scorer's queue
    expect((await admin('PUT', '/campaigns/e2e-2026/figures', { unit: 'b', indicator: 'dj', period: '2026-Q1', value: '15' })).status).toBe(200);
    browser = await launchChromium();
    scorer = await newPage(browser, server.url);
    reporter = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the scorer sees only their indicator’s figures and returns one with a reason', async () => {
    await signIn(scorer, 'tongji', 'scorer-pass-12');
    await scorer.waitForURL(/\/campaigns$/);
    await scorer.goto('/campaigns/e2e-2026/verification?period=2026-Q1');
    const row = scorer.locator('[data-testid="verify-table"] tr[data-figure="a/fai"]');
    await poll(() => row.count()).toBe(1);
    expect(await scorer.locator('[data-testid="verify-table"] tr[data-figure]').count()).toBe(1);
    expect(await row.getAttribute('data-status')).toBe('pending');

    await row.getByTestId('return').click();
    // a return without a reason is refused by the form (once the modal has finished opening: a
    // click during antd's zoom-in animation can land before the form is wired up)
    await scorer.getByTestId('return-reason').waitFor({ state: 'visible' });
    await scorer.locator('.ant-modal').last().evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    await scorer.getByTestId('return-ok').click();
    await poll(() => scorer.locator('.ant-form-item-explain-error').count()).toBe(1);
    await scorer.getByTestId('return-reason').fill(REASON);
    await screenshot(scorer, 'verification-return-modal');
    const decided = scorer.waitForResponse((r) => r.url().endsWith('/verification') && r.request().method() === 'POST');
    await scorer.getByTestId('return-ok').click();
    expect((await decided).status()).toBe(200);
    // the pending queue is empty now; the returned filter shows it with the reason
    await poll(() => scorer.locator('[data-testid="verify-table"] tr[data-figure]').count()).toBe(0);
    await scorer.goto('/campaigns/e2e-2026/verification?period=2026-Q1&status=returned');
    await poll(() => row.getAttribute('data-status')).toBe('returned');
    expect(await row.textContent()).toContain(REASON);
    await screenshot(scorer, 'verification-returned');
  });

  test('the reporter sees the returned figure in the inbox and on the grid', async () => {
    await signIn(reporter, 'jiazhen', 'reporter-pass-1');
    await reporter.waitForURL(/\/campaigns$/);
    await reporter.goto('/campaigns/e2e-2026/inbox');
    const item = reporter.locator('[data-testid="inbox-list"] [data-reminder]').first();
    await poll(() => item.count()).toBe(1);
    expect(await item.getAttribute('data-read')).toBe('0');
    expect(await item.getByTestId('inbox-message').textContent()).toContain(REASON);
    await poll(() => reporter.locator('[data-testid="inbox-unread-count"] .ant-scroll-number').count()).toBe(1);
    await screenshot(reporter, 'inbox-unread');
    const read = reporter.waitForResponse((r) => r.url().endsWith('/read') && r.request().method() === 'POST');
    await item.getByTestId('mark-read').click();
    expect((await read).status()).toBe(204);
    await poll(() => item.getAttribute('data-read')).toBe('1');
    // stored: a fresh load shows it read
    await reporter.reload();
    await poll(() => reporter.locator('[data-testid="inbox-list"] [data-reminder][data-read="1"]').count()).toBe(1);

    await reporter.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    const status = reporter.locator('[data-figure-status="a/fai"]');
    await poll(() => status.locator('[data-status]').getAttribute('data-status')).toBe('returned');
    expect(await status.locator('[data-review-reason]').textContent()).toContain(REASON);
    await screenshot(reporter, 'entry-returned');

    // the reporter fixes it; the figure is pending again
    // (27 of the 25 expected by Q1: ahead of schedule, so no explanation is asked for)
    await enterFigure(reporter, 'a', 'fai', '27');
    await poll(() => status.locator('[data-status]').getAttribute('data-status')).toBe('pending');
    expect(await status.locator('[data-review-reason]').count()).toBe(0);
  });

  test('the scorer approves the corrected figure', async () => {
    await scorer.goto('/campaigns/e2e-2026/verification?period=2026-Q1&status=pending');
    const row = scorer.locator('[data-testid="verify-table"] tr[data-figure="a/fai"]');
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('27');
    const decided = scorer.waitForResponse((r) => r.url().endsWith('/verification') && r.request().method() === 'POST');
    await row.getByTestId('approve').click();
    expect((await decided).status()).toBe(200);
    await reporter.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await poll(() => reporter.locator('[data-figure-status="a/fai"] [data-status]').getAttribute('data-status')).toBe('approved');
  });
});
