// Issue 16 in the browser, the ledgers' remainder: the organizer creates a key project with two milestones
// (one already past its date shows red, overdue); the owner unit records a month's progress with an
// evidence file; the organizer opens a case for the overdue milestone (once: the button gives way to the
// case's number); the leader of the unit sees that case on 我的分管, drafts their own commitment there and
// edits the draft.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const C = 'ledger-2026';
const SPEC = `version: 1
campaign: { id: ${C}, name: 台账测试, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
`;
const REPORTER = { username: 'jiazhen2', password: 'reporter-pass-123', displayName: '甲镇填报员' };
const LEADER = { username: 'lingban', password: 'leader-pass-123', displayName: '领办领导' };
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe.skipIf(skipBrowser)('key-project ledgers', () => {
  let server: TestServer;
  let browser: Browser;
  let organizer: Page;
  let unit: Page;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: SPEC })).status).toBe(201);
    expect((await admin('POST', '/users', { ...REPORTER, grants: [{ role: 'reporter', campaignId: C, unitId: 'a' }] })).status).toBe(201);
    expect((await admin('POST', '/users', { ...LEADER, grants: ['a', 'b'].map((unitId) => ({ role: 'leader', campaignId: C, unitId })) })).status).toBe(201);
    browser = await launchChromium();
    organizer = await newPage(browser, server.url);
    unit = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const project = (page: Page) => page.locator('[data-testid="project"]', { hasText: '智能制造产业园' });
  const milestone = (page: Page, name: string) => project(page).locator('[data-milestone-row]', { hasText: name });

  test('the organizer creates a project with two milestones; the one past its date is red', async () => {
    await signIn(organizer, 'admin', ADMIN_PASSWORD);
    await organizer.waitForURL(/\/campaigns$/);
    await organizer.goto(`/campaigns/${C}/projects`);
    await organizer.getByTestId('project-new').click();
    await organizer.getByTestId('project-name').fill('智能制造产业园');
    // the owner unit: the first (甲镇) is chosen already
    await poll(() => organizer.getByTestId('project-owner').textContent()).toContain('甲镇');
    await organizer.getByTestId('milestone-add').click();
    const rows = organizer.getByTestId('milestone-form');
    await poll(() => rows.count()).toBe(2);
    await rows.nth(0).getByTestId('milestone-name').fill('完成土地征收');
    await rows.nth(0).getByTestId('milestone-due').fill('2026-06-30');
    await rows.nth(1).getByTestId('milestone-name').fill('主体竣工');
    await rows.nth(1).getByTestId('milestone-due').fill('2099-12-31');
    await organizer.getByTestId('project-save').click();

    await poll(() => project(organizer).count()).toBe(1);
    expect(await project(organizer).getAttribute('data-overdue')).toBe('true');
    await poll(() => milestone(organizer, '完成土地征收').getAttribute('data-overdue')).toBe('true');
    expect(await milestone(organizer, '完成土地征收').getByTestId('milestone-overdue').textContent()).toBe('逾期');
    // red: the danger colour of antd's text
    const color = await milestone(organizer, '完成土地征收').locator('.milestone-name').evaluate((el) => getComputedStyle(el).color);
    expect(color).toMatch(/rgb\(255, 77, 79\)|rgb\(207, 19, 34\)/);
    expect(await milestone(organizer, '主体竣工').getAttribute('data-overdue')).toBe('false');
    await screenshot(organizer, 'project-created');
  });

  test('the owner unit records a month\'s progress with an evidence file', async () => {
    await signIn(unit, REPORTER.username, REPORTER.password);
    await unit.waitForURL((u) => !u.pathname.endsWith('/login'));
    await unit.goto(`/campaigns/${C}/projects`);
    const form = project(unit).getByTestId('progress-form');
    await form.getByTestId('project-progress-month').fill('2026-11');
    await form.getByTestId('project-progress-text').fill('土地征收完成 90%，剩余 2 户正在协商');
    await form.getByTestId('project-progress-investment').fill('1200');
    await form.locator('input[type=file]').setInputFiles({ name: '现场照片.pdf', mimeType: 'application/pdf', buffer: PDF });
    await poll(() => form.locator('.ant-upload-list-item').count()).toBe(1);
    await form.getByTestId('project-progress-send').click();
    await poll(() => project(unit).getByTestId('progress-file').allTextContents()).toEqual(['现场照片.pdf']);
    expect(await project(unit).locator('[data-progress]').textContent()).toContain('土地征收完成 90%');
    // the file downloads with the session (the link is the API's)
    const href = await project(unit).getByTestId('progress-file').getAttribute('href');
    const res = await unit.request.get(href!);
    expect(res.status()).toBe(200);
    expect(Buffer.from(await res.body()).equals(PDF)).toBe(true);
    // another unit's reporter would see no form; the milestone case is the organizer's, not the unit's
    expect(await milestone(unit, '完成土地征收').getByTestId('milestone-case').count()).toBe(0);
  });

  test('the organizer opens a case for the overdue milestone, once', async () => {
    await organizer.reload();
    await milestone(organizer, '完成土地征收').getByTestId('milestone-case').click();
    const select = organizer.getByTestId('ledger-case-kind');
    // picked until the select shows it (a click on a dropdown still opening selects nothing)
    await poll(async () => {
      if (((await select.textContent()) ?? '').includes('督办单')) return true;
      await select.click();
      await organizer.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '督办单' }).last().click({ timeout: 3_000 }).catch(() => undefined);
      return ((await select.textContent()) ?? '').includes('督办单');
    }, 30_000).toBe(true);
    await organizer.getByTestId('ledger-case-send').click();
    await poll(() => milestone(organizer, '完成土地征收').getByTestId('ledger-case').textContent()).toContain('〔2026〕督字第1号');
    expect(await milestone(organizer, '完成土地征收').getByTestId('milestone-case').count()).toBe(0);
    // the case itself: from the project, the owner unit's
    await milestone(organizer, '完成土地征收').getByTestId('ledger-case').click();
    await poll(() => organizer.textContent('body')).toContain('项目“智能制造产业园”节点“完成土地征收”');
    await screenshot(organizer, 'project-case');
  });

  test('the leader of the unit sees the case on 我的分管, drafts their own commitment and edits the draft', async () => {
    const page = await newPage(browser, server.url);
    await signIn(page, LEADER.username, LEADER.password);
    await page.waitForURL(/\/leader$/);
    const card = page.locator(`[data-testid="leader-campaign"][data-campaign="${C}"]`);
    await poll(() => card.locator('[data-testid="leader-cases"] tr[data-case-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case-unit')))).toEqual(['a']);
    expect(await card.getByTestId('leader-cases').textContent()).toContain('〔2026〕督字第1号');

    await card.getByTestId('leader-commitment-new').click();
    await page.getByTestId('commitment-title').fill('分管领域年度承诺');
    await page.getByTestId('item-text').first().fill('分管镇营商环境争全县第一');
    await page.getByTestId('commitment-save').click();
    await page.waitForURL(/\/commitments\/\d+$/);
    await poll(() => page.getByTestId('commitment-status').getAttribute('data-status')).toBe('draft');
    await poll(() => page.textContent('body')).toContain('领办领导 · 分管领域年度承诺');

    await page.getByTestId('commitment-edit').click();
    await poll(() => page.getByTestId('commitment-title').inputValue()).toBe('分管领域年度承诺');
    await page.getByTestId('commitment-title').fill('分管领域年度承诺（修订）');
    await page.getByTestId('commitment-save').click();
    await poll(() => page.textContent('body')).toContain('领办领导 · 分管领域年度承诺（修订）');
    expect(await page.getByTestId('commitment-status').getAttribute('data-status')).toBe('draft');
    await screenshot(page, 'leader-own-commitment');
  });
});
