// Issue 10 item 10 (a returned score reaches its scoring section's inbox, not the unit's) and the
// small ones of item 13: English mode fully English (a capped formula, the phone's period menu),
// 删除草稿 apart from 发布.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { newPage, poll, signIn } from './support/ui.ts';

const C = 'e2e-2026';

describe.skipIf(skipBrowser)('month walkthrough: small items', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods(C);
    for (const u of [
      { username: 'dangjian', password: 'Pingfen-Ke-2026x', displayName: '党建科', role: 'scorer', assignments: [{ campaignId: C, indicatorId: 'dj' }] },
      { username: 'jiazhen', password: 'Tianbao-Yuan-2026', displayName: '甲镇填报员', role: 'reporter', assignments: [{ campaignId: C, unitId: 'a' }] },
    ]) expect((await admin('POST', '/users', u)).status).toBe(201);
    // a is ahead of schedule (30 of the 25 expected by Q1): its ratio is capped at 1
    expect((await admin('POST', `/campaigns/${C}/figures/batch`, { figures: [
      { unit: 'a', indicator: 'fai', period: '2026-Q1', value: '30' },
      { unit: 'a', indicator: 'dj', period: '2026-Q1', value: '15' },
      { unit: 'b', indicator: 'fai', period: '2026-Q1', value: '20' },
    ] })).status).toBe(200);
    browser = await launchChromium();
    page = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** signs in, changing an initial password when the server asks for it */
  const enter = async (username: string, password: string) => {
    await page.context().clearCookies();
    await signIn(page, username, password);
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  };

  test('a returned score is in its scoring section’s inbox, not in the unit’s', async () => {
    const figures = (await admin<{ figures: { unit: string; indicator: string; period: string; version: number }[] }>('GET', `/campaigns/${C}/figures?period=2026-Q1`)).body.figures;
    const dj = figures.find((f) => f.unit === 'a' && f.indicator === 'dj');
    expect((await admin('POST', `/campaigns/${C}/verification`, { decisions: [{ ...dj, decision: 'return', reason: '缺少评分依据' }] })).status).toBe(200);

    await enter('dangjian', 'Pingfen-Ke-2026x');
    await page.goto(`/campaigns/${C}/inbox`);
    await poll(() => page.getByTestId('inbox-message').count()).toBe(1);
    expect(await page.getByTestId('inbox-message').textContent()).toContain('党建工作');

    await enter('jiazhen', 'Tianbao-Yuan-2026');
    await page.goto(`/campaigns/${C}/inbox`);
    await poll(() => page.locator('.ant-empty, [data-testid="inbox-list"]').count()).toBeGreaterThan(0);
    expect(await page.getByText('缺少评分依据').count()).toBe(0);
  });

  test('English mode: a capped formula reads in English', async () => {
    await enter('admin', ADMIN_PASSWORD);
    await page.goto(`/campaigns/${C}/units/a?period=2026-Q1`);
    await poll(() => page.getByTestId('unit-indicators').locator('.explain-formula').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('unit-indicators').textContent()).toContain('封顶');
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('unit-indicators').textContent()).toContain('capped at');
    expect(await page.getByTestId('unit-indicators').locator('.explain-formula').allTextContents()).not.toContainEqual(expect.stringMatching(/[\u4e00-\u9fff]/));
    await page.getByTestId('lang-switch').click();
  });

  test('删除草稿 sits apart from 发布', async () => {
    const draft = await admin<{ bulletin: { id: number } }>('POST', `/campaigns/${C}/bulletins`, { period: '2026-Q1' });
    expect(draft.status).toBe(201);
    await page.goto(`/campaigns/${C}/bulletins/${draft.body.bulletin.id}`);
    await page.getByTestId('publish').waitFor();
    const del = await page.getByTestId('delete-draft').boundingBox();
    const pub = await page.getByTestId('publish').boundingBox();
    const regen = await page.getByTestId('regenerate').boundingBox();
    expect(del && pub && regen).toBeTruthy();
    // another button between them, and a clear gap
    expect(del!.x + del!.width < regen!.x && regen!.x + regen!.width <= pub!.x).toBe(true);
    expect(pub!.x - (del!.x + del!.width)).toBeGreaterThan(80);
    expect((await admin('POST', `/bulletins/${draft.body.bulletin.id}/publish`)).status).toBe(200);
  });

  test('English mode: the phone page’s period menu is in English', async () => {
    await page.goto(`/m/${C}`);
    await poll(() => page.getByTestId('phone-period').locator('option').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('phone-period').locator('option').allTextContents()).toContainEqual(expect.stringMatching(/年|Q1/));
    await page.getByText('English').click();
    await poll(() => page.getByTestId('phone-period').locator('option').allTextContents()).not.toContainEqual(expect.stringMatching(/[\u4e00-\u9fff]/));
  });
});
