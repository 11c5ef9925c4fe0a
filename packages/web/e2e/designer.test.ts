// The campaign designer, as an organizer who is not a technician uses it: from an empty installation,
// a campaign of two groups, 8 units imported from Excel, 5 indicators of different methods (targets
// pasted from Excel), red and yellow flags and a 3-step ladder — no YAML typed anywhere. The spec
// saved means exactly what a hand-written one means. A bad sheet shows its errors on their rows and
// changes nothing; the designer refuses what the contract refuses, on the field. Next year's copy
// keeps the structure and raises the targets as previewed.
// Then the campaign's reporters are bulk-created from an Excel sheet, the account sheet is downloaded,
// and a new reporter signs in, chooses a password and enters a figure (issue 18's whole run).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ADMIN_PASSWORD, apiSession, startServer, type TestServer } from './support/server.ts';
import { newPage, numberInput, pick, poll, screenshot, signIn } from './support/ui.ts';
import { specMeaning } from '../src/designer/doc.ts';

const UNITS: [string, string, string][] = [
  ['青溪镇', '乡镇组', '1'], ['白石镇', '乡镇组', '1'], ['河口镇', '乡镇组', '2'], ['山阳镇', '乡镇组', '2'],
  ['龙潭镇', '乡镇组', '3'], ['桃源镇', '乡镇组', '3'], ['高新区', '园区组', '4'], ['经开区', '园区组', '4'],
];
const FAI = [12, 10, 9, 8, 8, 7, 30, 25];
const REV = [5000, 4200, 3900, 3600, 3500, 3000, 8000, 7000];
const REV_BASE = [4500, 3800, 3500, 3200, 3100, 2700, 7200, 6300];

// What an organizer would have written by hand for the same campaign.
const HAND_WRITTEN = `version: 1
campaign: { id: bxgcjs-2026, name: 2026年比学赶超竞赛, organizer: 县委组织部, year: 2026, cadence: month }
groups:
  - { id: xiangzhenzu, name: 乡镇组 }
  - { id: yuanquzu, name: 园区组 }
units:
  - { id: qingxizhen, name: 青溪镇, group: xiangzhenzu }
  - { id: baishizhen, name: 白石镇, group: xiangzhenzu }
  - { id: hekouzhen, name: 河口镇, group: xiangzhenzu }
  - { id: shanyangzhen, name: 山阳镇, group: xiangzhenzu }
  - { id: longtanzhen, name: 龙潭镇, group: xiangzhenzu }
  - { id: taoyuanzhen, name: 桃源镇, group: xiangzhenzu }
  - { id: gaoxinqu, name: 高新区, group: yuanquzu }
  - { id: jingkaiqu, name: 经开区, group: yuanquzu }
pairs:
  - [qingxizhen, baishizhen]
  - [hekouzhen, shanyangzhen]
  - [longtanzhen, taoyuanzhen]
  - [gaoxinqu, jingkaiqu]
indicators:
  - id: gudingzichantouzi
    name: 固定资产投资
    measure: 亿元
    input: value
    weight: 30
    method: schedule
    cap: 1.2
    target: { qingxizhen: 12, baishizhen: 10, hekouzhen: 9, shanyangzhen: 8, longtanzhen: 8, taoyuanzhen: 7, gaoxinqu: 30, jingkaiqu: 25 }
  - id: yibangonggongyusuanshouru
    name: 一般公共预算收入
    measure: 万元
    input: value
    weight: 30
    method: completion
    target: { qingxizhen: 5000, baishizhen: 4200, hekouzhen: 3900, shanyangzhen: 3600, longtanzhen: 3500, taoyuanzhen: 3000, gaoxinqu: 8000, jingkaiqu: 7000 }
    base: { qingxizhen: 4500, baishizhen: 3800, hekouzhen: 3500, shanyangzhen: 3200, longtanzhen: 3100, taoyuanzhen: 2700, gaoxinqu: 7200, jingkaiqu: 6300 }
  - { id: zhaoshangyinzi, name: 招商引资, measure: 亿元, input: value, weight: 20, method: rank }
  - { id: dangjiangongzuo, name: 党建工作, input: score, weight: 20, standard: 按党建工作考核细则评分 }
  - { id: anquanshengchanshigu, name: 安全生产事故, input: event, effect: penalty, points: 2 }
flags:
  - { id: red, name: 红旗, color: red, award: top, count: 1, scope: group }
  - { id: yellow, name: 黄旗, color: yellow, award: bottom, count: 1, scope: group }
rules:
  - { id: tixingtanhua, name: 提醒谈话, action: reminder, repeat: false, when: { flag: yellow } }
  - { id: duban, name: 督办, action: supervision, repeat: false, when: { flag: yellow, consecutive: 2 } }
  - { id: yuetan, name: 约谈, action: interview, repeat: false, when: { flag: yellow, consecutive: 3 } }
`;

async function workbook(file: string, rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

/**
 * Picks an option of the antd Select carrying the test id, until the Select shows it: on a loaded
 * machine the option clicked may belong to a dropdown still fading out (the one just opened is not
 * rendered yet), and that click selects nothing.
 */

describe.skipIf(skipBrowser)('campaign designer', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await newPage(browser, server.url);
    dir = mkdtempSync(path.join(os.tmpdir(), 'leitai-e2e-designer-'));
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', '/users', { username: 'zuzhibu', password: 'organizer-pass-1', displayName: '县委组织部考核办', role: 'organizer' })).status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('an organizer designs a whole campaign without typing YAML; it means what a hand-written spec means', async () => {
    const organizer = await apiSession(server.url, 'zuzhibu', 'organizer-pass-1');
    await signIn(page, 'zuzhibu', 'organizer-pass-1');
    await page.waitForURL(/\/campaigns$/);
    await page.getByTestId('design-campaign').click();
    await page.getByTestId('start-blank').click();

    // basics
    await page.getByTestId('basics-name').fill('2026年比学赶超竞赛');
    await page.getByTestId('basics-organizer').fill('县委组织部');
    await numberInput(page, 'basics-year').fill('2026');
    await poll(() => page.getByTestId('basics-id').inputValue()).toBe('bxgcjs-2026');

    // groups
    await page.getByTestId('tab-units').click();
    for (const g of ['乡镇组', '园区组']) {
      await page.getByTestId('group-name').fill(g);
      await page.getByTestId('group-add').click();
    }

    // a bad sheet: every problem on its row, and nothing imported
    await page.getByTestId('units-import').click();
    const bad = await workbook(path.join(dir, 'bad.xlsx'), [
      ['单位名称', '赛组', '结对'], ['青溪镇', '乡镇组', '1'], ['白石镇', '乡镇组', '1'], ['青溪镇', '乡镇组', ''], ['河口镇', '山区组', ''],
    ]);
    await page.locator('[data-testid="units-sheet"] input[type=file]').setInputFiles(bad);
    await poll(() => page.getByTestId('units-sheet-summary').textContent()).toContain('未导入');
    expect(await page.getByTestId('units-sheet-row-4-problem').textContent()).toContain('重复');
    expect(await page.getByTestId('units-sheet-row-5-problem').textContent()).toContain('“山区组”不存在');
    expect(await page.getByTestId('units-sheet-row-2-problem').count()).toBe(0);
    expect(await page.getByTestId('units-sheet-apply').isDisabled()).toBe(true);
    await screenshot(page, 'designer-units-bad-sheet');

    // the good sheet
    const good = await workbook(path.join(dir, 'units.xlsx'), [['单位名称', '赛组', '结对'], ...UNITS]);
    await page.locator('[data-testid="units-sheet"] input[type=file]').setInputFiles(good);
    await poll(() => page.getByTestId('units-sheet-summary').textContent()).toContain('全部正确');
    await page.getByTestId('units-sheet-apply').click();
    await poll(() => page.locator('[data-testid="units-table"] tbody tr.ant-table-row').count()).toBe(8);
    await poll(() => page.getByTestId('pairs-list').textContent()).toContain('高新区 — 经开区');

    // indicators
    await page.getByTestId('tab-indicators').click();
    const addIndicator = async (name: string, kind: string) => {
      await page.getByTestId('ind-add').click();
      await page.getByTestId('ind-name').fill(name);
      await pick(page, 'ind-kind', kind);
    };
    const pasteTargets = async (tsv: string) => {
      await page.getByTestId('targets-sheet-paste').fill(tsv);
      await page.getByTestId('targets-sheet-check').click();
    };
    const done = () => page.getByTestId('ind-done').click();

    await addIndicator('固定资产投资', '序时进度');
    await numberInput(page, 'ind-weight').fill('30');
    await page.getByTestId('ind-measure').fill('亿元');
    await numberInput(page, 'ind-cap').fill('1.2');
    // a figure that is not a number stays on its row and nothing applies
    await pasteTargets('单位名称\t目标\n青溪镇\t1,200\n无名镇\t3');
    expect(await page.getByTestId('targets-sheet-row-2-problem').textContent()).toContain('不是数字');
    expect(await page.getByTestId('targets-sheet-row-3-problem').textContent()).toContain('没有名为“无名镇”的单位');
    expect(await page.getByTestId('targets-sheet-apply').isDisabled()).toBe(true);
    await pasteTargets(['单位名称\t目标', ...UNITS.map((u, i) => `${u[0]}\t${FAI[i]}`)].join('\n'));
    await page.getByTestId('targets-sheet-apply').click();
    // the live trial: 青溪镇 in June expects 12 × 6/12 = 6; a figure of 6 earns the full 30
    await page.getByTestId('preview-figure').fill('6');
    await poll(() => page.getByTestId('preview-result').textContent()).toContain('30');
    await poll(() => page.getByTestId('preview-explain').textContent()).toMatch(/\S/);
    await screenshot(page, 'designer-indicator');
    await done();

    await addIndicator('一般公共预算收入', '完成率');
    await numberInput(page, 'ind-weight').fill('30');
    await page.getByTestId('ind-measure').fill('万元');
    await pasteTargets(['单位名称\t目标\t基本目标', ...UNITS.map((u, i) => `${u[0]}\t${REV[i]}\t${REV_BASE[i]}`)].join('\n'));
    await page.getByTestId('targets-sheet-apply').click();
    await done();

    await addIndicator('招商引资', '排位赋分');
    await numberInput(page, 'ind-weight').fill('20');
    await page.getByTestId('ind-measure').fill('亿元');
    await done();

    await addIndicator('党建工作', '科室评分');
    // the designer refuses what the contract refuses, with the message on the field
    await numberInput(page, 'ind-weight').fill('-20');
    await poll(() => page.locator('[data-testid="issue-indicators[3].weight"]').count()).toBe(1);
    await numberInput(page, 'ind-weight').fill('20');
    await poll(() => page.locator('[data-testid="issue-indicators[3].weight"]').count()).toBe(0);
    await page.getByTestId('ind-standard').fill('按党建工作考核细则评分');
    await done();

    await addIndicator('安全生产事故', '扣分');
    await numberInput(page, 'ind-points').fill('2');
    await done();
    await poll(() => page.locator('[data-testid="indicators-table"] tbody tr.ant-table-row').count()).toBe(5);

    // flags and the ladder
    await page.getByTestId('tab-flags').click();
    await page.getByTestId('flags-preset').click();
    await poll(() => page.getByTestId('flag-1-sentence').textContent()).toContain('后 1 名');
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('rules-ladder').click();
    await poll(() => page.getByTestId('rule-2-sentence').textContent()).toBe('连续 3 期获“黄旗”的单位：约谈（每轮一次）');
    await poll(() => page.getByTestId('designer-ok').count()).toBe(1);
    await screenshot(page, 'designer-rules');

    await page.getByTestId('designer-save').click();
    await page.waitForURL(/\/campaigns\/bxgcjs-2026$/);

    const stored = await organizer<{ specText: string }>('GET', '/campaigns/bxgcjs-2026');
    expect(specMeaning(stored.body.specText)).toEqual(specMeaning(HAND_WRITTEN));
  });

  test('editing: a new version with a readable summary, listed in the history by name', async () => {
    await page.goto('/campaigns/bxgcjs-2026/design');
    await page.getByTestId('tab-indicators').click();
    await page.getByTestId('ind-edit-0').click();
    await numberInput(page, 'ind-weight').fill('25');
    await page.getByTestId('ind-done').click();
    await page.getByTestId('designer-save').click();
    await poll(() => page.getByTestId('designer-diff').textContent()).toContain('指标 固定资产投资：权重 30→25');
    await page.getByTestId('designer-confirm').click();
    await poll(async () => (await page.getByTestId('designer-error').count()) > 0 ? await page.getByTestId('designer-error').textContent() : page.url()).toMatch(/\/versions$/);
    await poll(() => page.getByTestId('version-2-changes').textContent()).toContain('权重 30→25');
    expect(await page.getByTestId('versions-table').textContent()).toContain('县委组织部考核办');
    await screenshot(page, 'designer-versions');
  });

  test('next year keeps the structure and raises targets as previewed', async () => {
    const organizer = await apiSession(server.url, 'zuzhibu', 'organizer-pass-1');
    // this year's actual figures of 一般公共预算收入 for two units
    await server.openPeriods('bxgcjs-2026', ['2026-12']);
    for (const [unit, value] of [['qingxizhen', '5200'], ['baishizhen', '4000']]) {
      expect((await organizer('PUT', '/campaigns/bxgcjs-2026/figures', { unit, indicator: 'yibangonggongyusuanshouru', period: '2026-12', value })).status).toBe(200);
    }
    await page.goto('/campaigns/bxgcjs-2026/next-year');
    await pick(page, 'next-gudingzichantouzi-rule', '本年目标 ×');
    await pick(page, 'next-yibangonggongyusuanshouru-rule', '本年实际完成 ×');
    await poll(() => page.getByTestId('next-gudingzichantouzi-qingxizhen').textContent()).toBe('13.2');
    await poll(() => page.getByTestId('next-yibangonggongyusuanshouru-qingxizhen').textContent()).toBe('5720');
    expect(await page.getByTestId('next-yibangonggongyusuanshouru-baishizhen').textContent()).toBe('4400');
    // no figure this year: this year's target × 1.1
    expect(await page.getByTestId('next-yibangonggongyusuanshouru-gaoxinqu').textContent()).toContain('8800');
    await screenshot(page, 'designer-next-year');
    await page.getByTestId('next-create').click();
    await page.waitForURL(/\/campaigns\/bxgcjs-2027\/design$/);

    const next = (await organizer<{ specText: string }>('GET', '/campaigns/bxgcjs-2027')).body.specText;
    const expected = HAND_WRITTEN
      // version 2 gave 固定资产投资 25 points
      .replace('weight: 30\n    method: schedule', 'weight: 25\n    method: schedule')
      .replace('bxgcjs-2026, name: 2026年比学赶超竞赛', 'bxgcjs-2027, name: 2027年比学赶超竞赛').replace('year: 2026', 'year: 2027')
      .replace('target: { qingxizhen: 12, baishizhen: 10, hekouzhen: 9, shanyangzhen: 8, longtanzhen: 8, taoyuanzhen: 7, gaoxinqu: 30, jingkaiqu: 25 }',
        'target: { qingxizhen: 13.2, baishizhen: 11, hekouzhen: 9.9, shanyangzhen: 8.8, longtanzhen: 8.8, taoyuanzhen: 7.7, gaoxinqu: 33, jingkaiqu: 27.5 }')
      .replace('target: { qingxizhen: 5000, baishizhen: 4200, hekouzhen: 3900, shanyangzhen: 3600, longtanzhen: 3500, taoyuanzhen: 3000, gaoxinqu: 8000, jingkaiqu: 7000 }',
        'target: { qingxizhen: 5720, baishizhen: 4400, hekouzhen: 4290, shanyangzhen: 3960, longtanzhen: 3850, taoyuanzhen: 3300, gaoxinqu: 8800, jingkaiqu: 7700 }')
      .replace('base: { qingxizhen: 4500, baishizhen: 3800, hekouzhen: 3500, shanyangzhen: 3200, longtanzhen: 3100, taoyuanzhen: 2700, gaoxinqu: 7200, jingkaiqu: 6300 }',
        'base: { qingxizhen: 4950, baishizhen: 4180, hekouzhen: 3850, shanyangzhen: 3520, longtanzhen: 3410, taoyuanzhen: 2970, gaoxinqu: 7920, jingkaiqu: 6930 }');
    expect(specMeaning(next)).toEqual(specMeaning(expected));

    // the unit's page of the new year shows how it did the year before
    await server.openPeriods('bxgcjs-2027', ['2027-01']);
    expect((await organizer('PUT', '/campaigns/bxgcjs-2027/figures', { unit: 'qingxizhen', indicator: 'yibangonggongyusuanshouru', period: '2027-01', value: '500' })).status).toBe(200);
    await page.goto('/campaigns/bxgcjs-2027/units/qingxizhen');
    await poll(() => page.getByTestId('unit-other-years').textContent()).toContain('2026 第 1 名');
  });

  test('the reporters are bulk-created from Excel, the account sheet is downloaded, and a new reporter enters a figure', async () => {
    await server.openPeriods('bxgcjs-2026', ['2026-06']);
    await page.goto('/users');
    await page.getByTestId('users-bulk').click();
    await pick(page, 'bulk-campaign', '2026年比学赶超竞赛');

    // the campaign's template, filled in as a county's staff would: names, units and roles; accounts left empty
    const templateDownload = page.waitForEvent('download');
    await page.getByTestId('bulk-template').click();
    const template = path.join(dir, 'accounts-template.xlsx');
    await (await templateDownload).saveAs(template);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const ws = wb.worksheets[0];
    expect(String(ws.getRow(1).getCell(1).value)).toBe('姓名');
    ws.getRow(2).values = ['张青溪', '', '', '青溪镇', '填报员', ''];
    ws.getRow(3).values = ['李白石', '', '13900139000', '白石镇', '填报员', ''];
    const filled = path.join(dir, 'accounts.xlsx');
    await wb.xlsx.writeFile(filled);

    await page.locator('.ant-modal input[type=file]').setInputFiles(filled);
    await poll(() => page.locator('[data-testid="bulk-preview"] tbody tr.ant-table-row').count()).toBe(2);
    expect(await page.getByTestId('bulk-preview').textContent()).toContain('zhangqingxi');
    await page.getByTestId('bulk-confirm').click();

    // the account sheet: one card per person with the initial password, and its .xlsx
    const card = page.locator('[data-testid="account-card"][data-username="zhangqingxi"]');
    await poll(() => card.count()).toBe(1);
    expect(await page.locator('[data-testid="account-card"]').count()).toBe(2);
    expect(await card.textContent()).toContain('青溪镇');
    const password = (await card.getByTestId('card-password').textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
    const sheetDownload = page.waitForEvent('download');
    await page.getByTestId('sheet-export').click();
    const sheetFile = path.join(dir, 'account-sheet.xlsx');
    await (await sheetDownload).saveAs(sheetFile);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.readFile(sheetFile);
    const cells: string[] = [];
    sheet.worksheets[0].eachRow((row) => row.eachCell((c) => { cells.push(String(c.value ?? '')); }));
    expect(cells).toEqual(expect.arrayContaining(['张青溪', 'zhangqingxi', password]));
    await page.getByTestId('sheet-done').click();
    await page.getByTestId('sheet-done-ok').click();
    await poll(() => page.getByTestId('users-table').textContent()).toContain('李白石');

    // the new reporter signs in with the printed password, must choose their own, and reports June
    await page.getByTestId('current-user').hover();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/login$/);
    await signIn(page, 'zhangqingxi', password);
    await page.waitForURL(/\/password$/);
    await page.locator('#current-password').fill(password);
    await page.locator('#new-password').fill('Qingxi-own-2026');
    await page.locator('#repeat-password').fill('Qingxi-own-2026');
    await page.getByTestId('password-submit').click();
    await page.waitForURL(/\/campaigns$/);

    await page.goto('/campaigns/bxgcjs-2026/units/qingxizhen/entry?period=2026-06');
    // 6 of the year's 12 by June: on schedule, no explanation asked
    await page.locator('input[data-cell="qingxizhen/gudingzichantouzi"]').fill('6');
    await poll(() => page.getByTestId('form-submit').isDisabled()).toBe(false);
    const submitted = page.waitForResponse((r) => r.url().endsWith('/figures/batch') && r.request().method() === 'POST');
    await page.getByTestId('form-submit').click();
    expect((await submitted).status()).toBe(200);
    const reporter = await apiSession(server.url, 'zhangqingxi', 'Qingxi-own-2026');
    const stored = await reporter<{ figures: { unit: string; indicator: string; value: string }[] }>('GET', '/campaigns/bxgcjs-2026/figures?period=2026-06');
    expect(stored.body.figures).toEqual([expect.objectContaining({ unit: 'qingxizhen', indicator: 'gudingzichantouzi', value: '6' })]);
  });
});
