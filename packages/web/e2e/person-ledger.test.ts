// A person campaign's performance ledger [实绩台账] (issue 17 items 1–2): the reporter of 张三 records
// an entry with an evidence file and submits it; the section responsible for the key work sees it
// waiting from its verification page and returns it with a reason; the reporter finds the notice
// and the reason in the inbox, corrects the entry and submits it again; the section approves it;
// the entry shows on 张三's page. The entry grid and the public phone page say 人员/姓名, not 单位.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { createUser, USERS } from './support/users.ts';
import { newPage, pick, poll, screenshot, signIn } from './support/ui.ts';

const C = 'cadre-ledger-e2e';
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const REASON = '请补充信访事项办结回执';
const REPORTER = { username: 'zs-tianbao', password: 'reporter-pass-1', displayName: '张三填报员', role: 'reporter', assignments: [{ campaignId: C, unitId: 'zs' }] };
const SECTION = { username: 'xinfangke', password: 'scorer-pass-12', displayName: '信访科', role: 'scorer', assignments: [{ campaignId: C, indicatorId: 'work' }] };

describe.skipIf(skipBrowser)('a person campaign\'s performance ledger', () => {
  let server: TestServer;
  let browser: Browser;
  let reporter: Page;
  let section: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  const person: Record<string, number> = {};
  const entryState = async () => (await admin<{ entries: { state: string; returnReason: string | null; what: string; files: unknown[] }[] }>('GET', `/campaigns/${C}/ledger-entries`)).body.entries[0];

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    await createUser(admin, 'organizer');
    for (const [name, unit] of [['张三', '甲镇'], ['李四', '乙镇']]) {
      const res = await admin<{ person: { id: number } }>('POST', '/persons', { name, unit, post: 'secretary' });
      expect(res.status).toBe(201);
      person[name] = res.body.person.id;
    }
    const spec = `version: 1
campaign: { id: ${C}, name: 书记实绩考评, year: 2026, cadence: quarter, subject: person }
groups: [{ id: town, name: 乡镇党委书记 }]
units:
  - { id: zs, name: 张三, group: town, person: ${person['张三']} }
  - { id: ls, name: 李四, group: town, person: ${person['李四']} }
indicators:
  - { id: work, name: 重点工作, input: score, weight: 60 }
  - { id: style, name: 作风建设, input: score, weight: 40 }
`;
    expect((await admin('POST', '/campaigns', { spec })).status).toBe(201);
    await server.openPeriods(C);
    expect((await admin('POST', '/users', REPORTER)).status).toBe(201);
    expect((await admin('POST', '/users', SECTION)).status).toBe(201);
    const figures = [['zs', 'work', '55'], ['zs', 'style', '36'], ['ls', 'work', '50'], ['ls', 'style', '38']].map(([unit, indicator, value]) => ({ unit, indicator, period: '2026-Q1', value }));
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, { figures })).status).toBe(200);
    browser = await launchChromium();
    reporter = await newPage(browser, server.url);
    section = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the reporter records an entry with an evidence file and submits it; the entry grid says 人员', async () => {
    await signIn(reporter, REPORTER.username, REPORTER.password);
    await reporter.waitForURL((u) => !u.pathname.startsWith('/login'));
    // the entry grid of a person campaign: 人员, with the person's unit and post
    await reporter.goto(`/campaigns/${C}/entry`);
    const grid = reporter.getByTestId('entry-grid');
    await poll(() => grid.locator('thead th').first().textContent()).toBe('人员');
    await poll(() => grid.getByTestId('entry-person-post').textContent()).toBe('甲镇 · 书记');
    expect(await grid.locator('thead').textContent()).not.toContain('单位');
    await screenshot(reporter, 'person-ledger-entry-grid');

    await reporter.getByTestId('nav-ledger').click();
    await reporter.waitForURL(/\/ledger$/);
    const form = reporter.getByTestId('ledger-new');
    await poll(() => form.getByTestId('new-person').textContent()).toContain('张三（甲镇 · 书记）');
    await reporter.getByTestId('new-date').fill('2026-02-14');
    await pick(reporter, 'new-indicator', '重点工作');
    await reporter.getByTestId('new-keywork').fill('信访维稳');
    await reporter.getByTestId('new-what').fill('牵头化解信访积案 3 件');
    await form.locator('input[type=file]').setInputFiles({ name: '化解记录.png', mimeType: 'image/png', buffer: PNG });
    await poll(() => form.locator('.ant-upload-list-item').count()).toBe(1);
    await reporter.getByTestId('new-submit').click();

    const row = reporter.locator('[data-testid="ledger-entries"] tr.ant-table-row');
    await poll(() => row.count()).toBe(1);
    await poll(() => row.first().getAttribute('data-state')).toBe('pending');
    await poll(() => row.first().locator('[data-evidence-for] a').allTextContents()).toEqual(['化解记录.png']);
    expect(await row.first().getByTestId('entry-state').textContent()).toBe('待审核');
    expect(await row.first().getByTestId('entry-person').textContent()).toBe('张三');
    const stored = await entryState();
    expect(stored).toMatchObject({ state: 'pending', what: '牵头化解信访积案 3 件' });
    expect(stored.files).toHaveLength(1);
    await screenshot(reporter, 'person-ledger-reporter');

    // a file attached by mistake is removed from the waiting entry (through its 删除 confirmation)
    await row.first().locator('[data-evidence-for] input[type=file]').setInputFiles({ name: '误传.png', mimeType: 'image/png', buffer: PNG });
    await poll(() => row.first().locator('[data-evidence-for] a').allTextContents()).toEqual(['化解记录.png', '误传.png']);
    const wrong = row.first().locator('[data-evidence-for] .evidence-item', { hasText: '误传.png' });
    const ok = reporter.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary');
    for (let attempt = 1; (await row.first().locator('[data-evidence-for] a').count()) > 1; attempt++) {
      await wrong.locator('[data-remove-evidence]').click();
      const del = reporter.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes('/files/'), { timeout: 5_000 }).catch(() => null);
      await ok.click();
      const res = await del;
      if (res && res.status() !== 204) throw new Error(`removing the file: ${res.status()} ${await res.text()}`);
      if (!res && attempt === 3) throw new Error('the confirm click sent no DELETE in 3 attempts');
      if (!res) await ok.waitFor({ state: 'hidden' }).catch(() => undefined);
      if (res) await poll(() => row.first().locator('[data-evidence-for] a').allTextContents()).toEqual(['化解记录.png']);
    }
    expect((await entryState()).files).toHaveLength(1);
  });

  test('the section sees it waiting on its verification page and returns it with a reason', async () => {
    await signIn(section, SECTION.username, SECTION.password);
    await section.waitForURL((u) => !u.pathname.startsWith('/login'));
    await section.goto(`/campaigns/${C}/verification`);
    await poll(() => section.getByTestId('ledger-queue').textContent()).toContain('实绩台账待审核 1 条');
    // the figure list of a person campaign says 人员
    await poll(() => section.locator('[data-testid="verify-table"] thead th').allTextContents()).toContain('人员');
    await section.getByTestId('ledger-queue-open').click();
    await section.waitForURL(/\/ledger\?state=pending$/);
    const row = section.locator('[data-testid="ledger-entries"] tr.ant-table-row[data-person="张三"]');
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('甲镇 · 书记');
    await row.getByTestId('entry-return').click();
    const reason = section.getByTestId('entry-return-reason');
    await reason.waitFor({ state: 'visible' });
    await reason.fill(REASON);
    await screenshot(section, 'person-ledger-return');
    await section.getByTestId('entry-return-ok').click();
    // returned: it leaves the waiting list
    await poll(() => row.count()).toBe(0);
    expect(await entryState()).toMatchObject({ state: 'returned', returnReason: REASON });
  });

  test('the reporter finds the notice and the reason, corrects the entry and submits it again', async () => {
    await reporter.goto(`/campaigns/${C}/inbox`);
    await poll(() => reporter.getByTestId('inbox-message').first().textContent()).toBe(`2026-02-14 的实绩台账记录（“牵头化解信访积案 3 件”）被退回：${REASON}`);
    await reporter.getByTestId('open-ledger').first().click();
    await reporter.waitForURL(/\/ledger\?state=returned$/);
    const row = reporter.locator('[data-testid="ledger-entries"] tr.ant-table-row');
    await poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('entry-state').textContent()).toBe('已退回');
    expect(await row.getByTestId('entry-reason').textContent()).toBe(`退回原因：${REASON}`);
    await row.getByTestId('entry-edit').click();
    const what = reporter.getByTestId('edit-what');
    await what.waitFor({ state: 'visible' });
    await poll(() => what.inputValue()).toBe('牵头化解信访积案 3 件');
    await what.fill('牵头化解信访积案 3 件，均已办结并取得回执');
    await reporter.getByTestId('edit-ok').click();
    await poll(async () => (await entryState()).state).toBe('pending');
    await reporter.goto(`/campaigns/${C}/ledger`);
    await poll(() => row.first().getAttribute('data-state')).toBe('pending');
    expect(await row.first().getByTestId('entry-what').textContent()).toBe('牵头化解信访积案 3 件，均已办结并取得回执');
  });

  test('the section approves it; the entry shows on the person\'s page', async () => {
    await section.goto(`/campaigns/${C}/ledger?state=pending`);
    const row = section.locator('[data-testid="ledger-entries"] tr.ant-table-row[data-person="张三"]');
    await poll(() => row.count()).toBe(1);
    await row.getByTestId('entry-approve').click();
    await poll(async () => (await entryState()).state).toBe('approved');
    await poll(() => row.count()).toBe(0);

    const org = await newPage(browser, server.url);
    await signIn(org, USERS.organizer.username, USERS.organizer.password);
    await org.waitForURL((u) => !u.pathname.startsWith('/login'));
    await org.goto(`/people/${person['张三']}`);
    await poll(() => org.getByTestId('person-title').textContent()).toBe('张三');
    await poll(async () => (await org.locator('.ant-table-row').allTextContents()).join('\n')).toContain('牵头化解信访积案 3 件，均已办结并取得回执');
    const text = (await org.locator('.ant-table-row').allTextContents()).join('\n');
    expect(text).toContain('科室已审核');
    // the key work by name and the evidence file, to download
    expect(text).toContain('重点工作 · 信访维稳');
    expect(await org.locator('[data-testid="person-ledger"] [data-evidence-for] a').allTextContents()).toEqual(['化解记录.png']);
    // scores and ranks over time: a chart per campaign, and the table; Q1 is not closed, so both say 预计
    const scores = org.getByTestId('person-scores');
    const chart = scores.getByTestId(`person-chart-${C}`);
    await poll(() => chart.locator('svg text').allTextContents()).toContain('2026-Q1（预计）');
    expect(await chart.locator('svg text').allTextContents()).toContain('91');
    const q1 = scores.locator('tr.ant-table-row', { has: org.getByTestId('score-period').filter({ hasText: '2026-Q1' }) });
    expect(await q1.getByTestId('score-provisional').textContent()).toBe('预计');
    expect(await q1.textContent()).toContain('1 / 2');
    await screenshot(org, 'person-ledger-person-page');
    await org.context().close();
  });

  test('the public phone page says 姓名 / 人员', async () => {
    const draft = await admin<{ bulletin: { id: number } }>('POST', `/campaigns/${C}/bulletins`, { period: '2026-Q1' });
    expect(draft.status).toBe(201);
    expect((await admin('POST', `/bulletins/${draft.body.bulletin.id}/publish`)).status).toBe(200);
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const phone = await context.newPage();
    await phone.goto(`/m/${C}`);
    await poll(() => phone.locator('[data-testid="phone-ranking"] li[data-unit]').count()).toBe(2);
    expect(await phone.getByTestId('phone-search').getAttribute('placeholder')).toBe('输入姓名');
    await phone.getByTestId('phone-search').fill('赵六');
    await poll(() => phone.getByTestId('phone-matches').textContent()).toBe('没有找到该人员');
    expect(await phone.locator('body').textContent()).not.toContain('单位');
    await screenshot(phone, 'person-ledger-phone');
    await context.close();
  });

  test('a draft is saved without submitting (the section does not see it), then submitted', async () => {
    await reporter.goto(`/campaigns/${C}/ledger`);
    const form = reporter.getByTestId('ledger-new');
    await poll(() => form.getByTestId('new-person').textContent()).toContain('张三（甲镇 · 书记）');
    await reporter.getByTestId('new-date').fill('2026-03-20');
    await pick(reporter, 'new-indicator', '重点工作');
    await reporter.getByTestId('new-what').fill('起草作风建设专项方案');
    await reporter.getByTestId('new-draft').click();
    const row = reporter.locator('[data-testid="ledger-entries"] tr.ant-table-row[data-state="draft"]');
    await poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('entry-state').textContent()).toBe('草稿');
    const sectionSees = async () => (await section.evaluate(async (c) => (await (await fetch(`/api/v1/campaigns/${c}/ledger-entries`)).json()) as { entries: { what: string }[] }, C)).entries.map((e) => e.what);
    expect(await sectionSees()).not.toContain('起草作风建设专项方案');
    await row.getByTestId('entry-edit').click();
    const what = reporter.getByTestId('edit-what');
    await what.waitFor({ state: 'visible' });
    await what.fill('印发作风建设专项方案');
    await reporter.getByTestId('edit-ok').click();
    const submitted = reporter.locator('[data-testid="ledger-entries"] tr.ant-table-row', { hasText: '印发作风建设专项方案' });
    await poll(() => submitted.getAttribute('data-state')).toBe('pending');
    expect(await sectionSees()).toContain('印发作风建设专项方案');
  });
});
