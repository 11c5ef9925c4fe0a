// Issue 15 item 4: a 季度过堂会. The organizer arranges it for a closed period — the period's
// laggards (its last place, the yellow flag's holder) come preselected — records a unit's statement
// and commitments, adds a follow-up that becomes a 督办单 through the case service, and downloads
// the minutes in Word; the unit's reporter sees its own part of the meeting.
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, pick, poll, screenshot, signIn } from './support/ui.ts';

const C = 'meet-e2e-2026';
const SPEC = `version: 1
campaign: { id: ${C}, name: 过堂测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙镇, group: g1 }
  - { id: d, name: 丁镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
flags:
  - { id: yellow, name: 黄旗, color: yellow, award: bottom, count: 1, scope: group }
`;

/** a due date a month from today (a case's due date must not be past) */
const DUE = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);

describe.skipIf(skipBrowser)('review meetings', () => {
  let server: TestServer;
  let browser: Browser;
  let organizer: Page;
  let reporter: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  let meetingUrl = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    await server.openPeriods(C);
    expect((await admin('POST', '/users', { username: 'kaohe', password: 'organizer-pass-1', displayName: '考核办', role: 'organizer' })).status).toBe(201);
    expect((await admin('POST', '/users', { username: 'dingzhen', password: 'reporter-pass-1', displayName: '丁镇填报员', role: 'reporter', assignments: [{ campaignId: C, unitId: 'd' }] })).status).toBe(201);
    const figures = [['a', '100'], ['b', '80'], ['c', '60'], ['d', '40']].map(([unit, value]) => ({ unit, indicator: 'gdp', period: '2026-Q1', value }));
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, { figures })).status).toBe(200);
    expect((await admin('PUT', `/campaigns/${C}/periods/2026-Q1`, { state: 'verification' })).status).toBe(200);
    const stored = (await admin<{ figures: { unit: string; indicator: string; period: string; version: number }[] }>('GET', `/campaigns/${C}/verification?period=2026-Q1`)).body.figures;
    expect((await admin('POST', `/campaigns/${C}/verification`, { decisions: stored.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' })) })).status).toBe(200);
    expect((await admin('PUT', `/campaigns/${C}/periods/2026-Q1`, { state: 'closed' })).status).toBe(200);
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

  const called = (page: Page, unit: string) => page.locator(`[data-called="${unit}"]`);

  test('the organizer arranges a 季度过堂会 of the closed quarter with its laggards preselected', async () => {
    await organizer.goto(`/campaigns/${C}/cases`);
    await organizer.getByTestId('nav-meetings').click();
    await organizer.getByTestId('new-meeting').click();
    await pick(organizer, 'meeting-period', '2026-Q1');
    await poll(() => organizer.getByTestId('laggards-hint').count()).toBe(1);
    const box = (unit: string) => organizer.locator(`[data-testid="meeting-form"] [data-unit="${unit}"] input[type=checkbox]`);
    await poll(() => box('d').isChecked()).toBe(true);
    expect(await box('a').isChecked()).toBe(false);
    expect(await organizer.locator('[data-testid="meeting-form"] [data-unit="d"]').textContent()).toContain('黄旗');
    // the organizer also calls 丙镇
    await box('c').check();
    await organizer.getByTestId('meeting-date').fill('2026-07-10');
    await organizer.getByTestId('meeting-place').fill('县委第一会议室');
    await organizer.getByTestId('meeting-agenda').fill('通报一季度考核结果\n后进单位表态');
    await organizer.getByTestId('meeting-save').click();
    await organizer.waitForURL(/\/meetings\/\d+$/);
    meetingUrl = new URL(organizer.url()).pathname;
    await poll(() => organizer.locator('[data-called]').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-called')))).toEqual(['d', 'c']);
    expect(await called(organizer, 'd').textContent()).toContain('黄旗');
    expect(await called(organizer, 'c').textContent()).toContain('组织者指定');
    expect(await organizer.getByTestId('meeting-state').getAttribute('data-state')).toBe('planned');
  });

  test('records 丁镇\'s statement and a follow-up that becomes a 督办单', async () => {
    await called(organizer, 'd').getByTestId('record-statement').click();
    await organizer.getByTestId('statement-text').fill('丁镇表态：认清差距，迎头赶上');
    await organizer.getByTestId('statement-commitments').fill('二季度产值完成率达到90%\n每周调度重点项目');
    await organizer.getByTestId('dialog-ok').click();
    await poll(() => called(organizer, 'd').getByTestId('statement').textContent()).toContain('认清差距');
    expect(await called(organizer, 'd').getByTestId('commitments').textContent()).toContain('每周调度重点项目');

    await organizer.getByTestId('meeting-add-follow-up').click();
    const dialog = organizer.getByTestId('meeting-dialog');
    await dialog.getByTestId('follow-up-unit').getByText('丁镇').click();
    await organizer.getByTestId('follow-up-text').fill('限期整改产值滞后问题');
    await organizer.getByTestId('follow-up-due').fill(DUE);
    await dialog.getByTestId('follow-up-kind').getByText('督办单').click();
    await poll(() => dialog.locator('[data-testid="follow-up-kind"] .ant-radio-wrapper-checked').textContent()).toBe('督办单');
    await organizer.getByTestId('dialog-ok').click();
    const row = organizer.locator('[data-testid="follow-ups"] tr[data-unit-name="丁镇"]');
    await poll(() => row.getByTestId('follow-up-case').textContent()).toBe('〔2026〕督字第1号');
    expect(await row.textContent()).toContain(DUE);
    await screenshot(organizer, 'meeting-follow-up');

    // the case is on the board, from the meeting
    await row.getByTestId('follow-up-case').click();
    await organizer.waitForURL(/\/cases\/\d+$/);
    await poll(() => organizer.getByTestId('case-summary').textContent()).toContain('限期整改产值滞后问题');
    expect(await organizer.getByTestId('case-summary').textContent()).toContain('过堂测试竞赛2026年第一季度季度过堂会');
  });

  test('the minutes download in Word with the statement and the follow-up\'s case number', async () => {
    await organizer.goto(meetingUrl);
    await organizer.getByTestId('meeting-hold').click();
    await poll(() => organizer.getByTestId('meeting-state').getAttribute('data-state')).toBe('held');
    const download = organizer.waitForEvent('download');
    await organizer.getByTestId('meeting-minutes').click();
    const bytes = readFileSync(await (await download).path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const text = ((await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '');
    for (const s of ['季度过堂会纪要', '县委第一会议室', '丁镇表态：认清差距，迎头赶上', '二季度产值完成率达到90%', '限期整改产值滞后问题', '〔2026〕督字第1号', '丙镇']) expect(text).toContain(s);
  });

  test('丁镇\'s reporter sees its own part only', async () => {
    await reporter.goto(`/campaigns/${C}/meetings`);
    await reporter.getByTestId('meeting-link').click();
    await poll(() => called(reporter, 'd').getByTestId('statement').textContent()).toContain('认清差距');
    expect(await reporter.locator('[data-called]').count()).toBe(1);
    expect(await reporter.getByTestId('meeting-hold').count()).toBe(0);
  });

  test('丁镇\'s reporter makes the statement\'s commitments a draft public commitment, which names the meeting', async () => {
    await called(reporter, 'd').getByTestId('to-commitment').click();
    await reporter.waitForURL(/\/commitments\/\d+$/);
    await poll(() => reporter.getByTestId('commitment-meeting').textContent()).toContain('过堂测试竞赛2026年第一季度季度过堂会');
    const items = await reporter.getByTestId('commitment').textContent();
    expect(items).toContain('二季度产值完成率达到90%');
    expect(items).toContain('每周调度重点项目');
    expect(items).toContain('不设第一目标');
    // back at the meeting, the statement links to it instead of offering another
    await reporter.getByTestId('commitment-meeting').locator('a').click();
    await poll(() => called(reporter, 'd').getByTestId('meeting-commitment').count()).toBe(1);
    expect(await called(reporter, 'd').getByTestId('to-commitment').count()).toBe(0);
  });
});
