// Issue 15 item 4 (settings): the organizer changes a campaign's case settings in the browser — a
// kind's number format and days, the nearing days, the public switch — and the next case issued
// carries the new number.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, poll, signIn } from './support/ui.ts';

const C = 'set-e2e-2026';
const SPEC = `version: 1
campaign: { id: ${C}, name: 设置测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: d, name: 丁镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
`;

describe.skipIf(skipBrowser)('case settings', () => {
  let server: TestServer;
  let browser: Browser;
  let organizer: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    expect((await admin('POST', '/users', { username: 'kaohe', password: 'organizer-pass-1', displayName: '考核办', role: 'organizer' })).status).toBe(201);
    browser = await launchChromium();
    organizer = await newPage(browser, server.url);
    await signIn(organizer, 'kaohe', 'organizer-pass-1');
    await organizer.waitForURL(/\/campaigns$/);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the organizer changes the 督办单 number format, the nearing days and the public switch', async () => {
    await organizer.goto(`/campaigns/${C}/cases`);
    await organizer.getByTestId('case-settings').click();
    const form = organizer.getByTestId('case-settings-form');
    const row = form.getByTestId('case-kind-row').nth(1);
    await poll(() => row.getByTestId('kind-name').inputValue()).toBe('督办单');
    await row.getByTestId('kind-format').fill('青督〔{year}〕{n}号');
    await row.getByTestId('kind-days').fill('20');
    await form.getByTestId('nearing-days').fill('5');
    await form.getByTestId('public-accountability').click();
    await poll(() => form.getByTestId('public-accountability').getAttribute('aria-checked')).toBe('true');
    const saved = organizer.waitForResponse((r) => r.url().endsWith('/case-settings') && r.request().method() === 'PUT');
    await organizer.getByTestId('case-settings-ok').click();
    expect((await saved).status()).toBe(200);
    const { settings } = (await admin<{ settings: { nearingDays: number; publicAccountability: boolean; kinds: { id: string; numberFormat: string; dueDays: number }[] } }>('GET', `/campaigns/${C}/case-settings`)).body;
    expect(settings).toMatchObject({ nearingDays: 5, publicAccountability: true });
    expect(settings.kinds.find((k) => k.id === 'supervision')).toMatchObject({ numberFormat: '青督〔{year}〕{n}号', dueDays: 20 });
    const opened = await admin<{ case: { number: string } }>('POST', `/campaigns/${C}/cases`, { unit: 'd', kind: 'supervision', reason: '进度滞后' });
    expect(opened.body.case.number).toBe('青督〔2026〕1号');

    // the dialog opens again with what was saved
    await organizer.getByTestId('case-settings').click();
    await poll(() => organizer.getByTestId('case-settings-form').getByTestId('nearing-days').inputValue()).toBe('5');
  });
});
