// The Excel round trip on the data-entry page: a file with problems shows each one on its row,
// offers the error workbook (read back here) and stores nothing; a filled-in period template
// previews, is confirmed, and the grid and the leaderboard show the new figures.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { createUser } from './support/users.ts';
import { leaderboardOrder, newPage, poll, screenshot, signIn } from './support/ui.ts';

type Call = Awaited<ReturnType<typeof apiSession>>;
interface FigureDto { unit: string; indicator: string; value: string }

describe.skipIf(skipBrowser)('upload', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: Call;

  const figures = async () => {
    const r = await admin<{ figures: FigureDto[] }>('GET', '/campaigns/e2e-2026/figures?period=2026-Q1');
    expect(r.status).toBe(200);
    return r.body.figures.map((f) => `${f.unit}/${f.indicator}=${f.value}`).sort();
  };
  /** The preview rows' data attributes and texts, keyed by spreadsheet row (and column). */
  const previewRows = () => page.locator('[data-testid="upload-rows"] tr[data-row]').evaluateAll((rows) => rows.map((r) => ({
    row: Number(r.getAttribute('data-row')),
    column: r.getAttribute('data-column') ?? '',
    status: r.getAttribute('data-status'),
    issue: r.querySelector('[data-testid="upload-issue"]')?.textContent ?? '',
    text: r.textContent ?? '',
  })));
  const uploadFile = async (name: string, mimeType: string, buffer: Buffer) => {
    const done = page.waitForResponse((r) => r.url().endsWith('/upload') && r.request().method() === 'POST');
    await page.locator('[data-testid="upload-panel"] input[type="file"]').setInputFiles({ name, mimeType, buffer });
    expect((await done).status()).toBe(200);
    await page.getByTestId('upload-preview').waitFor();
  };
  /** Downloads what a link of the page points at, with the page's session. */
  const download = async (testId: string) => {
    const href = await page.getByTestId(testId).getAttribute('href');
    expect(href).toBeTruthy();
    const res = await page.context().request.get(href!);
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.body() as unknown as ArrayBuffer);
    return wb;
  };

  beforeAll(async () => {
    server = await startServer();
    admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods('e2e-2026');
    await createUser(admin, 'organizer');
    expect((await admin('PUT', '/campaigns/e2e-2026/figures', { unit: 'b', indicator: 'fai', period: '2026-Q1', value: '12' })).status).toBe(200);
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    await signIn(page, 'zuzhibu', 'organizer-pass-1');
    await page.waitForURL(/\/campaigns$/);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a file with problems shows them row by row, offers the error workbook and stores nothing', async () => {
    await page.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await page.getByTestId('upload-panel').waitFor();
    const before = await figures();
    expect(before).toEqual(['b/fai=12']);

    const csv = [
      'unit,indicator,period,value',
      'a,fai,2026-Q1,30', // row 2: fine
      'b,fai,2026-Q1,abc', // row 3: not a number
      'c,dj,2026-Q1,50', // row 4: above the weight (20)
      'b,fai,2026-Q1,13', // row 5: b/fai given twice
    ].join('\n') + '\n';
    await uploadFile('bad.csv', 'text/csv', Buffer.from(csv, 'utf8'));

    expect(await page.getByTestId('upload-preview').getAttribute('data-valid')).toBe('false');
    const rows = await previewRows();
    const byRow = new Map(rows.map((r) => [r.row, r]));
    expect(byRow.get(2)?.issue).toBe('');
    expect(byRow.get(2)?.text).toContain('甲镇');
    expect(byRow.get(2)?.text).toContain('固定资产投资');
    expect(byRow.get(2)?.status).toBe('new');
    for (const n of [3, 4]) expect(byRow.get(n)?.issue, `row ${n}`).not.toBe('');
    expect(byRow.get(4)?.text).toContain('党建工作');
    // the problem is shown in red
    const color = await page.locator('[data-testid="upload-rows"] tr[data-row="3"] [data-testid="upload-issue"]').evaluate((e) => getComputedStyle(e).color);
    expect(color).toMatch(/rgb\((2[0-9]{2}), (\d+), (\d+)\)/);
    // nothing to confirm: only the error list
    expect(await page.getByTestId('upload-confirm').count()).toBe(0);
    expect(await page.getByTestId('upload-errors').count()).toBe(1);
    await screenshot(page, 'upload-errors');

    const wb = await download('upload-errors');
    const ws = wb.worksheets[0];
    let col = 0;
    ws.getRow(1).eachCell((cell, n) => { if (String(cell.value) === '错误说明') col = n; });
    expect(col).toBe(5); // after unit,indicator,period,value
    const note = (r: number) => String(ws.getRow(r).getCell(col).value ?? '');
    expect(note(2)).toBe('');
    expect(note(3)).toContain('abc');
    expect(note(4)).toContain('50');
    expect(note(5)).toContain('重复');
    expect(byRow.get(5)?.issue).toContain('重复');

    // confirming it anyway (with the page's session) is refused, and nothing was stored
    const uploadId = (await page.getByTestId('upload-errors').getAttribute('href'))!.split('/').at(-2)!;
    const refused = await page.context().request.post(`/api/v1/uploads/${uploadId}/confirm`);
    expect(refused.status()).toBe(422);
    expect(await figures()).toEqual(before);
  });

  test('the filled-in template previews, is confirmed, and the grid and leaderboard follow', async () => {
    await page.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await page.getByTestId('upload-panel').waitFor();
    const wb = await download('upload-template');
    const ws = wb.getWorksheet('填报')!;
    // row 2 (hidden) names the indicators; column A from row 3 the units
    const colOf = new Map<string, number>();
    ws.getRow(2).eachCell((cell, n) => colOf.set(String(cell.value), n));
    const rowOf = new Map<string, number>();
    for (let r = 3; r <= ws.rowCount; r++) rowOf.set(String(ws.getRow(r).getCell(1).value), r);
    expect([...rowOf.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(ws.getRow(rowOf.get('b')!).getCell(colOf.get('fai')!).value).toBe(12); // pre-filled
    const put = (unit: string, ind: string, v: number) => { ws.getRow(rowOf.get(unit)!).getCell(colOf.get(ind)!).value = v; };
    put('a', 'fai', 30);
    put('b', 'fai', 20);
    put('c', 'fai', 10);
    put('a', 'dj', 15);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await uploadFile('填报模板.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer);

    expect(await page.getByTestId('upload-preview').getAttribute('data-valid')).toBe('true');
    const rows = await previewRows();
    expect(rows.every((r) => r.issue === '')).toBe(true);
    const status = (text: string) => rows.find((r) => r.text.includes(text));
    expect(status('甲镇固定资产投资')?.status).toBe('new');
    expect(status('乙镇固定资产投资')?.status).toBe('changed');
    expect(status('甲镇党建工作')?.status).toBe('new');
    expect(rows.every((r) => r.column !== '')).toBe(true); // a template names the column
    expect(await page.getByTestId('upload-errors').count()).toBe(0);
    expect(await page.getByTestId('upload-counts').textContent()).toContain('新增 3');
    await screenshot(page, 'upload-preview');

    const confirmed = page.waitForResponse((r) => r.url().endsWith('/confirm') && r.request().method() === 'POST');
    await page.getByTestId('upload-confirm').click();
    expect(await (await confirmed).json()).toEqual({ saved: 4, unchanged: 0 });
    await poll(() => page.locator('.ant-message').textContent()).toContain('已导入 4 项数据');
    expect(await page.getByTestId('upload-preview').count()).toBe(0);
    await poll(() => page.locator('input[data-cell="a/fai"]').inputValue()).toBe('30');
    await poll(() => page.locator('input[data-cell="b/fai"]').inputValue()).toBe('20');
    await poll(() => page.locator('input[data-cell="a/dj"]').inputValue()).toBe('15');
    expect(await figures()).toEqual(['a/dj=15', 'a/fai=30', 'b/fai=20', 'c/fai=10']);

    await page.goto('/campaigns/e2e-2026?period=2026-Q1');
    await poll(() => leaderboardOrder(page)).toEqual(['a', 'b', 'c']);
    await screenshot(page, 'upload-leaderboard');
  });

  test('a reporter gets a template of their own unit and value indicators only', async () => {
    await createUser(admin, 'reporter');
    await page.context().clearCookies();
    await signIn(page, 'jiazhen', 'reporter-pass-1');
    await page.waitForURL(/\/campaigns$/);
    await page.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await page.getByTestId('upload-panel').waitFor();
    const wb = await download('upload-template');
    const ws = wb.getWorksheet('填报')!;
    const ids: string[] = [];
    ws.getRow(2).eachCell((cell, n) => { if (n > 2) ids.push(String(cell.value)); });
    // the value indicator, then the 情况说明 column (issue 10 item 2)
    expect(ids).toEqual(['fai', '#explanation']);
    expect(String(ws.getRow(1).getCell(4).value)).toBe('情况说明');
    expect(ws.rowCount).toBe(3);
    expect(String(ws.getRow(3).getCell(1).value)).toBe('a');
  });

  test('a reporter\'s upload of a figure behind schedule asks for its explanation in the preview, and confirm waits for it', async () => {
    // the reporter (甲镇) is on the form page already; their figure is 30 (ahead of the 25 expected by Q1)
    const wb = await download('upload-template');
    const ws = wb.getWorksheet('填报')!;
    expect(ws.getRow(3).getCell(3).value).toBe(30);
    ws.getRow(3).getCell(3).value = 10; // behind schedule: the form would ask for an explanation
    await uploadFile('甲镇一季度.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', Buffer.from(await wb.xlsx.writeBuffer()));

    // a valid upload, but the figure is marked and confirm waits
    expect(await page.getByTestId('upload-preview').getAttribute('data-valid')).toBe('true');
    const row = page.locator('[data-testid="upload-rows"] tr[data-row="3"]');
    expect(await row.getAttribute('data-needs-explanation')).toBe('explanation.behind_schedule');
    expect(await row.getByTestId('upload-need').textContent()).toContain('固定资产投资（甲镇，2026-Q1）落后序时进度');
    await page.getByTestId('upload-needs-explanation').waitFor();
    expect(await page.getByTestId('upload-confirm').isDisabled()).toBe(true);
    await screenshot(page, 'upload-needs-explanation');

    // typed right there in the preview: confirm is possible and stores the figure with it
    await row.getByTestId('upload-explanation').fill('两个项目推迟到二季度开工');
    await page.getByTestId('upload-needs-explanation').waitFor({ state: 'detached' });
    expect(await page.getByTestId('upload-confirm').isDisabled()).toBe(false);
    const confirmed = page.waitForResponse((r) => r.url().endsWith('/confirm') && r.request().method() === 'POST');
    await page.getByTestId('upload-confirm').click();
    expect((await confirmed).status()).toBe(200);
    await page.getByTestId('upload-preview').waitFor({ state: 'detached' });
    const stored = (await admin<{ figures: (FigureDto & { explanation: string | null })[] }>('GET', '/campaigns/e2e-2026/figures?period=2026-Q1')).body.figures.find((f) => f.unit === 'a' && f.indicator === 'fai');
    expect(stored).toMatchObject({ value: '10', explanation: '两个项目推迟到二季度开工' });
  });
});
