// A bad spec uploaded as a file: every issue is listed and marked on its line in the editor, and
// nothing is stored (the campaign list stays empty).
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { BAD_SPEC, E2E_SPEC } from './support/specs.ts';
import { newPage, poll, screenshot, signIn } from './support/ui.ts';

interface IssueBody {
  error: { code: string; issues: { line?: number; path?: string; messageZh: string }[] };
}

describe.skipIf(skipBrowser)('spec errors', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await newPage(browser, server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a bad spec file shows its errors on their lines and stores nothing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'leitai-e2e-spec-'));
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, BAD_SPEC);

    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/campaigns$/);
    await page.goto('/campaigns/new');
    await page.locator('input[type="file"]').setInputFiles(file);
    await poll(() => page.getByTestId('spec-text').inputValue()).toBe(BAD_SPEC);

    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/campaigns') && r.request().method() === 'POST');
    await page.getByTestId('spec-submit').click();
    const res = await answer;
    expect(res.status()).toBe(422);
    const body = (await res.json()) as IssueBody;
    expect(body.error.code).toBe('spec_invalid');
    const lines = [...new Set(body.error.issues.map((i) => i.line).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
    // the three planted mistakes are on lines 6, 9 and 10
    expect(lines).toEqual(expect.arrayContaining([6, 9, 10]));

    // every issue is listed …
    await poll(() => page.getByTestId('spec-issues').locator('.ant-list-item').count()).toBe(body.error.issues.length);
    for (const i of body.error.issues) {
      expect(await page.getByTestId('spec-issues').textContent()).toContain(i.messageZh);
    }
    // … and marked on exactly its lines
    const marked = await page.locator('.spec-line-no.has-issue').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-line'))));
    expect(marked).toEqual(lines);
    await screenshot(page, 'spec-errors');

    // nothing stored
    expect(page.url()).toContain('/campaigns/new');
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    const list = await admin<{ campaigns: unknown[] }>('GET', '/campaigns');
    expect(list.body.campaigns).toEqual([]);
    expect((await admin('GET', '/campaigns/bad-2026')).status).toBe(404);
  });

  test('editing a stored spec: an error is marked and keeps the old version, a fix saves a new one', async () => {
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/campaigns', { spec: E2E_SPEC })).status).toBe(201);
    // the organizer's 开启 step: a period not yet open takes no figures
    await server.openPeriods('e2e-2026');
    await page.goto('/campaigns/e2e-2026/spec');
    await poll(() => page.getByTestId('spec-text').inputValue(), 10_000).toBe(E2E_SPEC);

    // line 12 of E2E_SPEC is the fai indicator: give it a negative weight
    const broken = E2E_SPEC.replace('weight: 80', 'weight: -80');
    await page.getByTestId('spec-text').fill(broken);
    await page.getByTestId('spec-submit').click();
    await poll(() => page.locator('.spec-line-no.has-issue').evaluateAll((els) => els.map((e) => e.getAttribute('data-line')))).toEqual(['12']);
    const versions = await admin<{ versions: unknown[] }>('GET', '/campaigns/e2e-2026/versions');
    expect(versions.body.versions).toHaveLength(1);

    await page.getByTestId('spec-text').fill(E2E_SPEC.replace('端到端测试竞赛', '端到端测试竞赛（修订）'));
    await page.getByTestId('spec-submit').click();
    await page.waitForURL(/\/campaigns\/e2e-2026$/);
    await poll(() => page.getByText('端到端测试竞赛（修订）').count()).toBeGreaterThan(0);
    expect((await admin<{ versions: unknown[] }>('GET', '/campaigns/e2e-2026/versions')).body.versions).toHaveLength(2);
  });
});
