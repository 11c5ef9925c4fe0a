// Issue 10 item 4: a file that cannot be read is refused with a message in the interface's
// language, without the internals of the library that tried to read it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { E2E_SPEC } from './support/specs.ts';
import { newPage, poll, signIn } from './support/ui.ts';

describe.skipIf(skipBrowser)('upload errors', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods('e2e-2026');
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/campaigns$/);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const upload = async (name: string, mimeType: string, buffer: Buffer) => {
    const done = page.waitForResponse((r) => r.url().endsWith('/upload') && r.request().method() === 'POST');
    await page.locator('[data-testid="upload-panel"] input[type="file"]').setInputFiles({ name, mimeType, buffer });
    expect((await done).status()).toBe(422);
    await poll(() => page.getByTestId('upload-error').count()).toBe(1);
    return (await page.getByTestId('upload-error').textContent()) ?? '';
  };
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  // another period's template: the message names the campaign and period, in the interface's language
  const otherTemplate = async () => {
    const res = await page.context().request.get('/api/v1/campaigns/e2e-2026/periods/2026-Q2/template.xlsx');
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.body() as unknown as ArrayBuffer);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  test('in Chinese: a broken workbook, a CSV that is not UTF-8, another period’s template', async () => {
    await page.goto('/campaigns/e2e-2026/entry?period=2026-Q1');
    await page.getByTestId('upload-panel').waitFor();

    const broken = await upload('填报.xlsx', XLSX, Buffer.from('this is not a zip file at all'));
    expect(broken).toContain('无法读取');
    expect(broken).not.toMatch(/zip|central directory|jszip|[A-Za-z]{6,}/i);

    const gbk = Buffer.from([0x75, 0x6e, 0x69, 0x74, 0x2c, 0x69, 0x6e, 0x64, 0x69, 0x63, 0x61, 0x74, 0x6f, 0x72, 0x0a, 0xbc, 0xd7, 0xd5, 0xf2, 0x2c, 0x31, 0x0a]);
    const csv = await upload('填报.csv', 'text/csv', gbk);
    expect(csv).toContain('UTF-8');
    expect(csv).not.toMatch(/the file is not/);

    const other = await upload('模板.xlsx', XLSX, await otherTemplate());
    expect(other).toContain('模板');
    expect(other).not.toMatch(/this is the template|row \d/);
  });

  test('in English: the same refusals in English', async () => {
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByText('Data entry').count()).toBeGreaterThan(0);
    const broken = await upload('data.xlsx', XLSX, Buffer.from('this is not a zip file at all'));
    expect(broken).toMatch(/not a readable \.xlsx workbook/);
    expect(broken).not.toMatch(/central directory|jszip|[\u4e00-\u9fff]/i);
    await page.getByTestId('lang-switch').click();
  });
});
