// Issue 15 item 1, the interview form: the organizer records a 约谈 on an interview case — time,
// place, 谈话人 / 被谈话人, the minutes, what was promised and a follow-up with its due date — reads
// it back on the case, ticks the follow-up done, and the unit's reporter reads the record.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const C = 'talk-e2e-2026';
const SPEC = `version: 1
campaign: { id: ${C}, name: 约谈测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: d, name: 丁镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
`;
const DUE = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe.skipIf(skipBrowser)('interview record', () => {
  let server: TestServer;
  let browser: Browser;
  let organizer: Page;
  let reporter: Page;
  let caseUrl = '';

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    expect((await admin('POST', '/users', { username: 'kaohe', password: 'organizer-pass-1', displayName: '考核办', role: 'organizer' })).status).toBe(201);
    expect((await admin('POST', '/users', { username: 'dingzhen', password: 'reporter-pass-1', displayName: '丁镇填报员', role: 'reporter', assignments: [{ campaignId: C, unitId: 'd' }] })).status).toBe(201);
    const opened = await admin<{ case: { id: number } }>('POST', `/campaigns/${C}/cases`, { unit: 'd', kind: 'interview', reason: '连续两季度末位', persons: ['王书记'] });
    expect(opened.status).toBe(201);
    caseUrl = `/campaigns/${C}/cases/${opened.body.case.id}`;
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

  test('the organizer records the interview with a follow-up', async () => {
    await organizer.goto(caseUrl);
    await organizer.getByTestId('interview-edit').click();
    const form = organizer.getByTestId('interview-form');
    // the case's responsible person is proposed as the interviewee
    await poll(() => form.getByTestId('interview-interviewees').inputValue()).toBe('王书记');
    await form.getByTestId('interview-at').fill('2026-08-20T10:00');
    await form.getByTestId('interview-place').fill('县委组织部第二会议室');
    await form.getByTestId('interview-interviewers').fill('李部长、张科长');
    await form.getByTestId('interview-minutes').fill('指出产值连续两季度末位的问题，听取原因分析');
    await form.getByTestId('interview-promises').fill('一个月内拿出整改方案');
    await form.getByTestId('interview-add-follow-up').click();
    await form.getByTestId('interview-follow-up').getByTestId('follow-up-text').fill('报送整改方案');
    await form.getByTestId('interview-follow-up').getByTestId('follow-up-due').fill(DUE);
    await organizer.getByTestId('interview-ok').click();
    const summary = organizer.getByTestId('interview-summary');
    await poll(() => summary.textContent()).toContain('县委组织部第二会议室');
    const text = await summary.textContent();
    for (const s of ['李部长、张科长', '王书记', '2026-08-20 10:00', '一个月内拿出整改方案', '听取原因分析']) expect(text).toContain(s);
    const row = organizer.locator('[data-testid="interview-follow-ups"] tbody tr');
    await poll(() => row.textContent()).toContain('报送整改方案');
    expect(await row.textContent()).toContain(DUE);
    // the box follows the saved record (it is ticked once the server stored it)
    await row.getByTestId('interview-follow-up-done').click();
    await poll(() => organizer.locator('[data-testid="interview-follow-ups"] [data-testid="interview-follow-up-done"]').isChecked()).toBe(true);
    await organizer.reload();
    await poll(() => organizer.locator('[data-testid="interview-follow-ups"] [data-testid="interview-follow-up-done"]').isChecked()).toBe(true);
    await poll(() => organizer.locator('[data-testid="case-timeline"] [data-step="interview"]').count()).toBe(2);
    await screenshot(organizer, 'interview');
  });

  test('the unit\'s reporter reads the record and cannot edit it', async () => {
    await reporter.goto(caseUrl);
    await poll(() => reporter.getByTestId('interview-summary').textContent()).toContain('李部长、张科长');
    expect(await reporter.getByTestId('interview-edit').count()).toBe(0);
  });
});
