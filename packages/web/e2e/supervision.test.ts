// Issue 15 item 3 in the browser: the organizer records a 四不两直 check of 丁镇 with a photo,
// counts the finding as a penalty — a figure of the event indicator through the figure path,
// pending verification — and issues a 督办单 from it; the board filters by kind; 丁镇's reporter
// reads its own record.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, pick, poll, screenshot, signIn } from './support/ui.ts';

const C = 'sup-e2e-2026';
const SPEC = `version: 1
campaign: { id: ${C}, name: 督查测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: d, name: 丁镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
  - { id: fine, name: 督查扣分, input: event, effect: penalty, points: 2 }
`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe.skipIf(skipBrowser)('supervision records', () => {
  let server: TestServer;
  let browser: Browser;
  let organizer: Page;
  let reporter: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    await server.openPeriods(C);
    expect((await admin('POST', '/users', { username: 'kaohe', password: 'organizer-pass-1', displayName: '考核办', role: 'organizer' })).status).toBe(201);
    expect((await admin('POST', '/users', { username: 'dingzhen', password: 'reporter-pass-1', displayName: '丁镇填报员', role: 'reporter', assignments: [{ campaignId: C, unitId: 'd' }] })).status).toBe(201);
    browser = await launchChromium();
    organizer = await newPage(browser, server.url);
    await signIn(organizer, 'kaohe', 'organizer-pass-1');
    await organizer.waitForURL(/\/campaigns$/);
    reporter = await newPage(browser, server.url);
    await signIn(reporter, 'dingzhen', 'reporter-pass-1');
    await reporter.waitForURL(/\/campaigns/);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const row = (page: Page) => page.locator('[data-testid="records-table"] tr[data-unit-name="丁镇"]');

  test('the organizer records a 四不两直 check with a photo', async () => {
    await organizer.goto(`/campaigns/${C}/cases`);
    await organizer.getByTestId('nav-supervision').click();
    await organizer.getByTestId('new-record').click();
    const dialog = organizer.getByTestId('supervision-dialog');
    await dialog.getByTestId('record-kind').getByText('四不两直').click();
    await poll(() => dialog.locator('[data-testid="record-kind"] .ant-radio-button-wrapper-checked').textContent()).toBe('四不两直');
    await pick(organizer, 'record-unit', '丁镇');
    await organizer.getByTestId('record-date').fill('2026-03-10');
    await organizer.getByTestId('record-findings-input').fill('工地安全措施不到位');
    await organizer.getByTestId('record-checkers').fill('李督查、王督查');
    await organizer.getByTestId('dialog-ok').click();
    await poll(() => row(organizer).count()).toBe(1);
    expect(await row(organizer).textContent()).toContain('李督查、王督查');
    await row(organizer).locator('input[type=file]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
    await poll(() => row(organizer).getByTestId('record-file').textContent()).toBe('现场.png');
  });

  test('counts the finding as a penalty through the figure path and issues a 督办单 from it', async () => {
    await row(organizer).getByTestId('record-event').click();
    const dialog = organizer.getByTestId('supervision-dialog');
    await poll(() => dialog.locator('[data-testid="event-indicator"] .ant-radio-wrapper-checked').textContent()).toContain('督查扣分');
    expect(await organizer.getByTestId('event-period').textContent()).toContain('2026-Q1');
    const saved = organizer.waitForResponse((r) => r.url().endsWith('/event') && r.request().method() === 'POST');
    await organizer.getByTestId('dialog-ok').click();
    expect((await saved).status()).toBe(200);
    const figures = (await admin<{ figures: { unit: string; indicator: string; value: string; status: string }[] }>('GET', `/campaigns/${C}/figures?period=2026-Q1`)).body.figures;
    expect(figures.find((f) => f.unit === 'd' && f.indicator === 'fine')).toMatchObject({ value: '1', status: 'pending' });

    await row(organizer).getByTestId('record-case-open').click();
    await dialog.getByTestId('case-kind').getByText('督办单').click();
    await poll(() => dialog.locator('[data-testid="case-kind"] .ant-radio-wrapper-checked').textContent()).toBe('督办单');
    await organizer.getByTestId('dialog-ok').click();
    await poll(() => row(organizer).getByTestId('record-case').textContent()).toBe('〔2026〕督字第1号');
    await screenshot(organizer, 'supervision-record');
  });

  test('the board filters by kind; 丁镇\'s reporter reads its record', async () => {
    await organizer.getByTestId('filter-kind').getByText('周督查').click();
    await poll(() => row(organizer).count()).toBe(0);
    await organizer.getByTestId('filter-kind').getByText('四不两直').click();
    await poll(() => row(organizer).count()).toBe(1);

    await reporter.goto(`/campaigns/${C}/supervision`);
    await poll(() => row(reporter).getByTestId('record-findings').textContent()).toBe('工地安全措施不到位');
    expect(await reporter.getByTestId('new-record').count()).toBe(0);
    expect(await row(reporter).getByTestId('record-event').count()).toBe(0);
  });
});
