// A person campaign (issue 17 items 1 and 3): the organizer designs a campaign whose competitors are
// persons (campaign.subject: person), picking them by name from the people register — the designer
// says 人员, the saved spec links each competitor to its person record — then opens a 民主测评
// (levels) ballot with its outcome rules, three raters vote on phone-sized pages through their
// one-time links, the organizer closes it and the result shows each person by name with the level
// shares and the outcome the rules give.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { createUser, USERS } from './support/users.ts';
import { newPage, numberInput, pick, poll, screenshot, signIn } from './support/ui.ts';

const PEOPLE: [string, string, string][] = [['张三', '甲镇', '书记'], ['李四', '乙镇', '书记'], ['王五', '丙镇', '书记']];

describe.skipIf(skipBrowser)('a person campaign', () => {
  let server: TestServer;
  let browser: Browser;
  let org: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  const person: Record<string, number> = {};
  let campaignId = '';
  let links: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    await createUser(admin, 'organizer');
    for (const [name, unit] of PEOPLE) {
      const res = await admin<{ person: { id: number } }>('POST', '/persons', { name, unit, post: 'secretary' });
      expect(res.status).toBe(201);
      person[name] = res.body.person.id;
    }
    browser = await launchChromium();
    org = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the organizer designs it: competitors picked by name from the people register, the wording says 人员', async () => {
    await signIn(org, USERS.organizer.username, USERS.organizer.password);
    await org.waitForURL(/\/campaigns$/);
    await org.getByTestId('design-campaign').click();
    await org.getByTestId('start-blank').click();
    await org.getByTestId('basics-name').fill('好班长评选');
    await numberInput(org, 'basics-year').fill('2026');
    const personRadio = org.getByTestId('basics-subject').locator('input[value="person"]');
    await poll(async () => {
      if (!(await personRadio.isChecked())) await org.getByTestId('basics-subject').locator('label').nth(1).click();
      return personRadio.isChecked();
    }).toBe(true);

    await org.getByTestId('tab-units').click();
    await org.getByTestId('group-name').fill('乡镇党委书记');
    await org.getByTestId('group-add').click();
    const rows = org.locator('[data-testid="units-table"] tbody tr.ant-table-row');
    for (const [i, [name, unit, post]] of PEOPLE.entries()) {
      await pick(org, 'person-pick', `${name}（${unit} · ${post}）`, name);
      await org.getByTestId('person-add-unit').click();
      await poll(() => rows.count()).toBe(i + 1);
    }
    // names shown, never ids; each with the register's unit and post
    await poll(() => rows.allTextContents()).toEqual(PEOPLE.map(([, unit, post]) => expect.stringContaining(`${unit} · ${post}`)));
    expect(await org.locator('.ant-card-head-title', { hasText: '参赛人员（3 人）' }).count()).toBe(1);
    for (const [name] of PEOPLE) expect(await rows.locator(`input[value="${name}"]`).count()).toBe(1);
    expect(await org.getByTestId('unit-name').count()).toBe(0);

    await org.getByTestId('tab-indicators').click();
    await org.getByTestId('ind-add').click();
    await org.getByTestId('ind-name').fill('民主测评');
    await pick(org, 'ind-kind', '科室评分');
    await numberInput(org, 'ind-weight').fill('100');
    await org.getByTestId('ind-done').click();
    await poll(() => org.getByTestId('designer-ok').count()).toBe(1);
    await screenshot(org, 'person-campaign-designer');
    await org.getByTestId('designer-save').click();
    await org.waitForURL(/\/campaigns\/[a-z0-9][a-z0-9_-]*$/);
    campaignId = new URL(org.url()).pathname.split('/').pop() ?? '';

    // the spec says who competes and links each competitor to its person record
    const stored = await admin<{ specText: string; model: { subject: string; units: { name: string; person?: number }[] } }>('GET', `/campaigns/${campaignId}`);
    expect(stored.body.specText).toContain('subject: person');
    expect(stored.body.model.subject).toBe('person');
    expect(stored.body.model.units.map((u) => [u.name, u.person])).toEqual(PEOPLE.map(([name]) => [name, person[name]]));
  });

  test('the periods page chases persons: with nothing for their reporters to enter, the 催报 list says everyone (人员) has reported', async () => {
    await server.openPeriods(campaignId);
    await org.goto(`/campaigns/${campaignId}/periods`);
    const card = org.getByTestId('missing-card');
    // the campaign's only indicator is marked by ballot, not reported: nobody to chase
    await poll(() => card.textContent().catch(() => '')).toContain('本期所有人员都已报齐');
    expect(await card.textContent()).not.toContain('单位');
  });

  test('a 民主测评 ballot with outcome rules; three raters vote on their phones through their links', async () => {
    await org.goto(`/campaigns/${campaignId}/ballots`);
    await org.getByTestId('ballot-title').fill('2026年一季度民主测评');
    await pick(org, 'ballot-kind', '等次测评（民主测评）');
    // the outcome rules offered for the 民主测评 form: 优秀票 ≥ 0.6 → 优秀; 不称职票 > 1/3 → 不称职
    await poll(() => org.getByTestId('outcome-rules').locator('[data-testid^="outcome-"]').count()).toBe(2);
    await numberInput(org, 'ballot-raters-0').fill('3');
    await numberInput(org, 'ballot-raters-1').fill('0');
    await org.getByTestId('ballot-create').click();
    await poll(() => org.getByTestId('rater-link').count()).toBe(3);
    links = await org.getByTestId('rater-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    await poll(() => org.getByTestId('ballot-outcome-rules').textContent()).toBe('结论规则：优秀票占比 ≥ 0.6 → 优秀；不称职票占比 > 1/3 → 不称职');

    // levels in order 优秀, 称职, 基本称职, 不称职
    const choices: Record<string, number>[] = [{ 张三: 0, 李四: 1, 王五: 3 }, { 张三: 0, 李四: 1, 王五: 3 }, { 张三: 1, 李四: 0, 王五: 1 }];
    for (const [i, link] of links.entries()) {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const p = await context.newPage();
      p.setDefaultTimeout(15_000);
      await p.goto(link);
      await poll(() => p.getByTestId('vote-subject').evaluateAll((xs) => xs.map((x) => x.getAttribute('data-name')))).toEqual(['张三', '李四', '王五']);
      for (const [name, level] of Object.entries(choices[i])) {
        const radio = p.locator(`[data-testid="vote-subject"][data-name="${name}"] [data-testid="vote-level"]`).nth(level);
        await radio.check();
        await poll(() => radio.isChecked()).toBe(true);
      }
      if (i === 0) await screenshot(p, 'person-campaign-phone-vote');
      await p.getByTestId('vote-submit').click();
      await poll(() => p.getByTestId('vote-done').count()).toBe(1);
      await context.close();
    }
  });

  test('the organizer closes it: each person by name with level shares and the outcome the rules give', async () => {
    await org.reload();
    const ballot = org.getByTestId('ballot').first();
    await poll(() => ballot.textContent()).toContain('已投 3 / 发放 3');
    // close through the Popconfirm, retried until the ballot says it is closed (a lost confirm click changes nothing)
    await poll(async () => {
      if ((await ballot.getAttribute('data-state')) === 'closed') return true;
      const confirm = org.locator('.ant-popover:not(.ant-popover-hidden) [data-testid="confirm-close-ballot"]');
      if (!(await confirm.isVisible())) await ballot.getByTestId('close-ballot').click({ timeout: 3_000 }).catch(() => undefined);
      await confirm.click({ timeout: 3_000 }).catch(() => undefined);
      return (await ballot.getAttribute('data-state')) === 'closed';
    }, 30_000).toBe(true);
    const row = (name: string) => ballot.locator(`[data-testid="ballot-result"] tr[data-name="${name}"]`);
    await poll(() => row('张三').count()).toBe(1);
    // 张三: 优秀 2 of 3 (0.6667 ≥ 0.6) → 优秀, marks (100 + 100 + 80) / 3 = 93.33…
    // 李四: 优秀 1/3, 不称职 0 → no outcome; 王五: 不称职 2/3 > 1/3 → 不称职
    expect(await row('张三').getByTestId('ballot-outcome').textContent()).toBe('优秀');
    expect(await row('李四').getByTestId('ballot-outcome').textContent()).toBe('—');
    expect(await row('王五').getByTestId('ballot-outcome').textContent()).toBe('不称职');
    expect(await row('张三').textContent()).toContain('93.33');
    expect(await row('王五').textContent()).toContain('不称职 0.6667');
    const text = (await ballot.getByTestId('ballot-result').textContent()) ?? '';
    for (const id of Object.values(person)) expect(text).not.toContain(`person-${id}`);
    await screenshot(org, 'person-campaign-ballot-result');
  });
});
