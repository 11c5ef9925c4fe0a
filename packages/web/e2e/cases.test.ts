// Issue 15: after the verdict. The organizer closes a period in the browser and issues a 督办单 from
// the proposal its rule made; the unit's reporter signs for it and submits a rectification report
// with a file; the organizer returns it once, then accepts it; the board's counts and the unit page
// follow; the public phone page shows no case and no action.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { movePeriod, newPage, poll, screenshot, signIn } from './support/ui.ts';

const C = 'cases-e2e-2026';
const SPEC = `version: 1
campaign: { id: ${C}, name: 问责测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙镇, group: g1 }
  - { id: d, name: 丁镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
rules:
  - { id: lag, name: 末位督办, action: supervision, when: { rank: bottom, scope: all, count: 1 } }
`;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe.skipIf(skipBrowser)('accountability cases', () => {
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
    const figures = [['a', '100'], ['b', '80'], ['c', '60'], ['d', '40']].map(([unit, value]) => ({ unit, indicator: 'gdp', period: '2026-Q1', value }));
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, { figures })).status).toBe(200);
    const stored = (await admin<{ figures: { unit: string; indicator: string; period: string; version: number }[] }>('GET', `/campaigns/${C}/verification?period=2026-Q1`)).body.figures;
    expect((await admin('POST', `/campaigns/${C}/verification`, { decisions: stored.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' })) })).status).toBe(200);
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

  const modalOk = (page: Page) => page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal-footer .ant-btn-primary');
  const state = (page: Page) => page.locator('h4 [data-testid="case-state"], .ant-page-header [data-testid="case-state"], [data-testid="case-state"]').first();
  let caseUrl = '';

  test('the organizer closes the period and issues a 督办单 from the proposal', async () => {
    await organizer.goto(`/campaigns/${C}/periods`);
    const q1 = organizer.locator('tr[data-period="2026-Q1"]');
    await poll(() => q1.getByTestId('period-state').getAttribute('data-state')).toBe('open');
    for (const to of ['verification', 'closed']) await movePeriod(organizer, '2026-Q1', to);
    await organizer.getByTestId('nav-cases').click();
    const proposal = organizer.locator('[data-testid="case-proposals"] tr[data-unit-name="丁镇"]');
    await poll(() => proposal.count()).toBe(1);
    expect(await proposal.textContent()).toContain('末位督办');
    await proposal.getByTestId('proposal-issue').click();
    const row = organizer.locator('[data-testid="cases-table"] tr[data-unit-name="丁镇"]');
    await poll(() => row.getAttribute('data-state')).toBe('issued');
    expect(await row.textContent()).toContain('〔2026〕督字第1号');
    expect(await row.textContent()).toContain('督办单');
    await poll(() => proposal.count()).toBe(0);
    caseUrl = `/campaigns/${C}/cases/${await row.getAttribute('data-case')}`;
  });

  test('the reporter signs for it and submits a rectification with a file', async () => {
    await reporter.goto(`/campaigns/${C}/cases`);
    await reporter.getByTestId('case-link').click();
    await reporter.getByTestId('case-sign').click();
    await poll(() => state(reporter).textContent()).toBe('整改中');
    await reporter.locator('[data-testid="case-report"] input[type=file]').setInputFiles({ name: '整改佐证.pdf', mimeType: 'application/pdf', buffer: PDF });
    await poll(() => reporter.getByTestId('pending-file').count()).toBe(1);
    await reporter.getByTestId('report-text').fill('已召开专题会议，制定整改方案');
    await reporter.getByTestId('report-measures').fill('一、加快项目落地');
    await reporter.getByTestId('report-submit').click();
    await poll(() => state(reporter).textContent()).toBe('待审核');
    await poll(() => reporter.locator('[data-testid="case-timeline"] [data-step="report"] [data-testid="case-file"]').textContent()).toBe('整改佐证.pdf');
  });

  test('the organizer returns it once, then accepts the second report', async () => {
    await organizer.goto(caseUrl);
    await organizer.getByTestId('case-return').click();
    await organizer.getByTestId('dialog-reason').fill('措施不够具体');
    await modalOk(organizer).click();
    await poll(() => state(organizer).textContent()).toBe('已退回');

    await reporter.goto(caseUrl);
    await poll(() => reporter.locator('[data-step="return"]').textContent()).toContain('措施不够具体');
    await reporter.getByTestId('report-text').fill('补充了具体措施和时间表');
    await reporter.getByTestId('report-submit').click();
    await poll(() => state(reporter).textContent()).toBe('待审核');

    await organizer.goto(caseUrl);
    await organizer.getByTestId('case-accept').click();
    await poll(() => state(organizer).textContent()).toBe('已销号');
    const steps = await organizer.locator('[data-testid="case-timeline"] [data-step]').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-step')));
    expect(steps).toEqual(['issue', 'sign', 'report', 'return', 'report', 'accept']);
    await screenshot(organizer, 'case-closed');
  });

  test('the board counts it and the unit page lists it', async () => {
    await organizer.goto(`/campaigns/${C}/cases`);
    const count = organizer.locator('[data-testid="case-counts"] tr[data-unit-name="丁镇"][data-kind-name="督办单"]');
    await poll(() => count.getByTestId('count-documents').textContent()).toBe('1');
    expect(await count.getByTestId('count-persons').textContent()).toBe('1');
    await poll(() => organizer.locator('[data-testid="cases-table"] tr[data-unit-name="丁镇"]').getAttribute('data-state')).toBe('closed');
    await organizer.goto(`/campaigns/${C}/units/d`);
    const unitCase = organizer.locator('[data-testid="unit-cases"] tr[data-case]');
    await poll(() => unitCase.getAttribute('data-state')).toBe('closed');
    expect(await unitCase.textContent()).toContain('〔2026〕督字第1号');
  });

  test('the public phone page shows no case and no action', async () => {
    const draft = await admin<{ bulletin: { id: number } }>('POST', `/campaigns/${C}/bulletins`, { period: '2026-Q1' });
    expect(draft.status).toBe(201);
    expect((await admin('POST', `/bulletins/${draft.body.bulletin.id}/publish`)).status).toBe(200);
    const phone = await newPage(browser, server.url);
    await phone.goto(`/m/${C}`);
    await poll(async () => (await phone.locator('body').textContent()) ?? '').toContain('丁镇');
    const text = (await phone.locator('body').textContent()) ?? '';
    expect(text).not.toContain('末位督办');
    expect(text).not.toContain('督字');
    expect(text).not.toContain('督办单');
    await phone.close();
  });
});
