// A published bulletin's Word document and Excel workbook, read back: the official layout (A4,
// GB/T 9704 margins and fonts named as East Asian fonts), the title, number, unit names and totals;
// one sheet per ranking.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/factories.ts';
import { PUB, publicationCampaign, publishPeriod } from './support/publication.ts';

let t: TestApp;
let organizer: string;
let bulletin: Awaited<ReturnType<typeof publishPeriod>>;

beforeAll(async () => {
  t = await testApp();
  ({ organizer } = await publicationCampaign(t.app));
  await publishPeriod(t.app, organizer, '2026-Q1');
  bulletin = await publishPeriod(t.app, organizer, '2026-Q2', { number: '青组通〔2026〕2号', intro: ['现将第二季度竞赛情况通报如下。'], closing: ['望各单位再接再厉。'] });
});
afterAll(async () => { await t.close(); });

const download = async (path: string) => {
  const res = await t.app.inject({ method: 'GET', url: path, headers: { cookie: organizer } });
  expect(res.statusCode).toBe(200);
  return res;
};
/** The visible text of a WordprocessingML part, paragraph by paragraph. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''));

describe('bulletin.docx', () => {
  let xml: string;
  let zip: JSZip;

  beforeAll(async () => {
    const res = await download(`/api/v1/bulletins/${bulletin.id}/bulletin.docx`);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('发布测试竞赛2026年第二季度通报.docx')}`);
    zip = await JSZip.loadAsync(res.rawPayload);
    xml = await zip.file('word/document.xml')!.async('string');
  });

  it('has the number, the title, the organizer\'s text, unit names and totals', () => {
    const text = paragraphs(xml);
    expect(text[0]).toBe('青组通〔2026〕2号');
    expect(text).toContain('发布测试竞赛2026年第二季度通报');
    expect(text.indexOf('青组通〔2026〕2号')).toBeLessThan(text.indexOf('发布测试竞赛2026年第二季度通报'));
    expect(text).toContain('现将第二季度竞赛情况通报如下。');
    expect(text).toContain('望各单位再接再厉。');
    expect(text).toContain('一、总体排名');
    // totals printed with the spec's precision (2 decimals by default): 97.8 → 97.80
    for (const [name, total] of [['乙镇', '98.00'], ['丁局', '97.80'], ['戊局', '89.00'], ['甲镇', '78.00'], ['丙镇', '66.00']]) {
      const row = xml.split('<w:tr>').find((r) => r.includes(`>${name}<`));
      expect(row, name).toBeDefined();
      expect(paragraphs(row ?? '')).toContain(total);
    }
    expect(text.some((p) => p.includes('约谈') || p.includes('丙镇连续2期获黄旗'))).toBe(true);
    expect(text).toContain('青山县委组织部');
    expect(text).toContain('2026年7月1日');
    expect(text.some((p) => p.includes('http://localhost:3000/m/pub-2026'))).toBe(true);
  });

  it('is A4 with the GB/T 9704 margins and an exact 28.9 pt body line', () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  });

  it('names the Chinese official fonts as East Asian fonts', async () => {
    const styles = await zip.file('word/styles.xml')!.async('string');
    // body default: 仿宋_GB2312 三号 (16 pt = 32 half-points), exact 28.9 pt line
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
    expect(styles).toMatch(/<w:spacing [^>]*w:line="578" w:lineRule="exact"/);
    // title 方正小标宋简体 二号 (22 pt) centred, headings 黑体 and 楷体_GB2312
    const title = xml.split('<w:p>').find((p) => p.includes('发布测试竞赛2026年第二季度通报'));
    expect(title).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(title).toMatch(/<w:sz w:val="44"\/>/);
    expect(title).toMatch(/<w:jc w:val="center"\/>/);
    const number = xml.split('<w:p>').find((p) => p.includes('青组通〔2026〕2号'));
    expect(number).toMatch(/<w:jc w:val="center"\/>/);
    expect(xml.split('<w:p>').find((p) => p.includes('一、总体排名'))).toMatch(/w:eastAsia="黑体"/);
    expect(xml.split('<w:p>').find((p) => p.includes('（一）乡镇组'))).toMatch(/w:eastAsia="楷体_GB2312"/);
  });

  it('carries the QR code of the phone page as an image', () => {
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toBe(true);
  });
});

describe('bulletin.xlsx', () => {
  let wb: ExcelJS.Workbook;
  const rowsOf = (name: string) => {
    const ws = wb.getWorksheet(name);
    expect(ws, name).toBeDefined();
    const out: unknown[][] = [];
    ws?.eachRow((row) => { out.push((row.values as unknown[]).slice(1)); });
    return out;
  };

  beforeAll(async () => {
    const res = await download(`/api/v1/bulletins/${bulletin.id}/bulletin.xlsx`);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  });

  it('has one sheet per ranking', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总排名', '乡镇组', '部门组', '结对', '评旗', '龙虎榜', '序时进度', '表扬', '问责', '说明']);
  });

  it('lists the overall and group rankings with the engine\'s totals', () => {
    const overall = rowsOf('总排名');
    expect(overall[0]).toEqual(['名次', '单位编码', '单位', '分组', '总分', '升降', '一票否决', '获旗', '等次']);
    expect(overall.slice(1).map((r) => [r[0], r[2], r[4], r[5]])).toEqual([[1, '乙镇', 98, 3], [2, '丁局', 97.8, 1], [3, '戊局', 89, -1], [4, '甲镇', 78, -3], [5, '丙镇', 66, 0]]);
    expect(rowsOf('部门组').slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([[1, '丁局', 97.8], [2, '戊局', 89]]);
    // number cells that show the spec's precision
    expect(wb.getWorksheet('总排名')?.getRow(2).getCell(5).numFmt).toBe('0.00');
  });

  it('lists pairs, flags, the 龙虎榜, the schedule and the actions', () => {
    expect(rowsOf('结对').slice(1).map((r) => [r[2], r[4], r[5]])).toEqual([['甲镇', 2, '乙镇'], ['乙镇', 1, '乙镇']]);
    const banner = rowsOf('评旗').find((r) => r[0] === '项目先锋旗');
    // holders, new holders, lost (nobody kept it)
    expect([banner?.[3], banner?.[4], banner?.[6], banner?.[7]]).toEqual(['全体单位', '乙镇', '乙镇', '甲镇']);
    const board = rowsOf('龙虎榜').slice(1);
    // (a column 并列 marks a rank shared at a board's boundary)
    expect(board.filter((r) => r[1] === '固定资产投资' && r[3] === '龙榜').map((r) => [r[7], r[8], r[9]])).toEqual([['乙镇', 55, 60], ['丁局', 49, 58.8], ['戊局', 45, 54]]);
    expect(board.filter((r) => r[1] === '固定资产投资' && r[3] === '虎榜').map((r) => r[7])).toEqual(['甲镇', '丙镇']);
    expect(rowsOf('序时进度').slice(1).map((r) => [r[0], r[2]])).toEqual([['超序时', '乙镇'], ['落后序时', '丁局'], ['落后序时', '戊局'], ['落后序时', '甲镇'], ['落后序时', '丙镇']]);
    expect(rowsOf('问责').slice(1).filter((r) => r[2] === '约谈').map((r) => r[1])).toEqual(['丙镇']);
    const info = Object.fromEntries(rowsOf('说明').slice(1).map((r) => [r[0], r[1]]));
    expect(info).toMatchObject({ 文号: '青组通〔2026〕2号', 版本: 1, '内容哈希（SHA-256）': bulletin.contentHash, 查询网址: `http://localhost:3000/m/${PUB}` });
  });
});

describe('drafts', () => {
  it('are rendered on the fly and say so in the file name', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${PUB}/bulletins`, payload: { period: '2026-Q2', changeNote: '更正' }, headers: { cookie: organizer } });
    const id = res.json().bulletin.id as number;
    const docx = await download(`/api/v1/bulletins/${id}/bulletin.docx`);
    expect(decodeURIComponent(String(docx.headers['content-disposition']))).toContain('（第2版）（草稿）.docx');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(paragraphs(xml)).toContain('更正说明：更正');
  });
});
