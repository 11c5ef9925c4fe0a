// 模范星评选 (issue 17): the organizer opens a star selection, three raters vote on phone-sized
// pages through their one-time links, the organizer closes the vote, the elected stars appear on
// the public 公示 page, an objection is filed there and dismissed by the organizer, and after the
// notice period the stars enter the honours register and show on the person's page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { createUser, USERS } from './support/users.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

const C = 'e2e-2026';

describe.skipIf(skipBrowser)('model stars', () => {
  let server: TestServer;
  let browser: Browser;
  let org: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;
  /** the server's clock runs this far ahead of the wall clock (the notice period ends when the test says so) */
  let offset = 0;
  const person: Record<string, number> = {};
  let links: string[] = [];
  let publicPath = '';

  const phone = async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.error('[browser error]', e.message));
    return page;
  };
  const selection = () => org.getByTestId('selection').first();

  beforeAll(async () => {
    server = await startServer({ now: () => new Date(Date.now() + offset) });
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    await createUser(admin, 'organizer');
    for (const [name, unit] of [['王五', '丙镇'], ['张三', '甲镇'], ['李四', '乙镇']]) {
      const res = await admin<{ person: { id: number } }>('POST', '/persons', { name, unit, post: 'member' });
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

  test('the organizer opens a star selection; units nominate', async () => {
    await signIn(org, USERS.organizer.username, USERS.organizer.password);
    await org.waitForURL(/\/campaigns$/);
    await org.goto(`/campaigns/${C}/selections`);
    await org.getByTestId('selection-honour').fill('党员模范星');
    await org.getByTestId('selection-category').fill('致富带富星');
    await org.getByTestId('selection-quota').fill('2');
    await org.getByTestId('selection-threshold').fill('0.5');
    await org.getByTestId('selection-create').click();
    await poll(() => selection().getAttribute('data-state')).toBe('nominating');
    const list = await admin<{ selections: { id: number }[] }>('GET', `/campaigns/${C}/selections`);
    const sel = list.body.selections[0].id;
    for (const [name, unit, reason] of [['王五', 'c', '带领群众发展茶叶产业，户均增收两万元'], ['张三', 'a', '创办合作社带动就业'], ['李四', 'b', '帮扶困难群众']]) {
      expect((await admin('POST', `/campaigns/${C}/selections/${sel}/nominations`, { personId: person[name], unit, reason })).status).toBe(201);
    }
    await org.reload();
    await poll(() => org.getByTestId('nominee').allTextContents()).toEqual(['王五', '张三', '李四']);
  });

  test('voting opens with one link per rater; three raters vote on their phones', async () => {
    await org.getByTestId('voting-raters').fill('3');
    await org.getByTestId('open-voting').click();
    await poll(() => org.getByTestId('rater-link').count()).toBe(3);
    links = await org.getByTestId('rater-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    await screenshot(org, 'stars-links');
    const choices = [['王五', '张三'], ['王五', '张三'], ['王五', '李四']];
    for (const [i, link] of links.entries()) {
      const p = await phone();
      await p.goto(link);
      await poll(() => p.getByTestId('vote-subject').count()).toBe(3);
      for (const name of choices[i]) await p.locator(`[data-testid="vote-subject"][data-name="${name}"] [data-testid="vote-approve"]`).check();
      if (i === 0) await screenshot(p, 'stars-phone-vote');
      await p.getByTestId('vote-submit').click();
      await poll(() => p.getByTestId('vote-done').count()).toBe(1);
      // the link votes once
      await p.reload();
      await poll(() => p.getByTestId('vote-status').count()).toBe(1);
      await p.context().close();
    }
  });

  test('the organizer sees the turnout (counts only) and closes the vote: the top 2 reaching 50 % are elected', async () => {
    await poll(() => org.getByTestId('turnout-cast').first().textContent()).toBe('3');
    await org.getByTestId('close-voting').click();
    await poll(() => selection().getAttribute('data-state')).toBe('elected');
    // 王五 3/3, 张三 2/3 elected; 李四 1/3 below the threshold
    await poll(() => org.getByTestId('nominee-status').allTextContents()).toEqual(['当选', '当选', '未当选']);
  });

  test('公示: the elected stars are on the public page; an objection is filed there and dismissed', async () => {
    const until = await org.evaluate(() => {
      const d = new Date(Date.now() + 10 * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await org.getByTestId('publicity-until').fill(until);
    await org.getByTestId('start-publicity').click();
    await poll(() => selection().getAttribute('data-state')).toBe('publicity');
    publicPath = (await org.getByTestId('publicity-link').getAttribute('href')) ?? '';
    expect(publicPath).toMatch(/^\/p\/selections\/\d+$/);

    const citizen = await phone();
    await citizen.goto(publicPath);
    await poll(() => citizen.locator('[data-testid="publicity-elected"] b').allTextContents()).toEqual(['王五', '张三']);
    await citizen.getByTestId('objection-about').selectOption({ label: '张三' });
    await citizen.getByTestId('objection-text').fill('张三的合作社曾拖欠社员分红');
    await citizen.getByTestId('objection-contact').fill('13800000000');
    await screenshot(citizen, 'stars-publicity');
    await citizen.getByTestId('objection-submit').click();
    await poll(() => citizen.getByTestId('objection-filed').count()).toBe(1);
    await citizen.context().close();

    await org.reload();
    await poll(() => org.getByTestId('objection').getAttribute('data-status')).toBe('open');
    expect(await org.getByTestId('objection').textContent()).toContain('拖欠社员分红');
    await org.getByTestId('objection-reply').fill('经核查，分红已按章程足额发放，异议不成立');
    await org.getByTestId('objection-dismiss').click();
    await poll(() => org.getByTestId('objection').getAttribute('data-status')).toBe('dismissed');
  });

  test('after the notice period the stars are confirmed into the register and show on the person\'s page', async () => {
    offset = 11 * 60_000;
    await org.getByTestId('confirm-selection').click();
    await poll(() => selection().getAttribute('data-state')).toBe('confirmed');
    await org.goto('/honours');
    await poll(() => org.getByTestId('honour-person').allTextContents()).toEqual(expect.arrayContaining(['王五', '张三']));
    await org.goto('/people');
    await org.getByTestId('person-link').filter({ hasText: '王五' }).click();
    await poll(() => org.getByTestId('person-title').textContent()).toBe('王五');
    await poll(() => org.getByTestId('honour').allTextContents()).toEqual([expect.stringContaining('党员模范星·致富带富星')]);
    await screenshot(org, 'stars-person');
    // the public page says the honours are confirmed and takes no more objections
    const citizen = await phone();
    await citizen.goto(publicPath);
    await poll(() => citizen.getByTestId('publicity-state').textContent()).toBe('已确认表彰');
    expect(await citizen.getByTestId('objection-submit').count()).toBe(0);
    await citizen.context().close();
  });
});
