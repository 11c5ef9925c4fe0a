// A bulletin as a Word document in the official layout (GB/T 9704-2012): A4, margins 37/35/28/26
// mm, document number centred over a red rule, title in 方正小标宋简体 二号 centred, body in
// 仿宋_GB2312 三号 at an exact 28.9 pt line (22 lines a page), headings in 黑体 and 楷体_GB2312,
// page numbers "— n —" at the foot. Font names are written as eastAsia names (w:eastAsia) so that
// Word on an office PC picks the installed Chinese fonts; Latin text and digits use Times New Roman.
import {
  AlignmentType, BorderStyle, Document, Footer, ImageRun, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow,
  TextRun, VerticalAlign, WidthType, type IRunOptions,
} from 'docx';
import type { BulletinContent } from '../schemas/bulletin-content.ts';
import type { RenderMeta } from './bulletin-render.ts';
import { subjectWordsZh } from './subject-words.ts';

export const FONTS = { body: '仿宋_GB2312', title: '方正小标宋简体', heading1: '黑体', heading2: '楷体_GB2312', footer: '宋体', latin: 'Times New Roman' } as const;

const mm = (v: number) => Math.round((v * 1440) / 25.4);
/** A4 in twentieths of a point */
export const A4 = { width: 11906, height: 16838 };
export const MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 };
const TEXT_WIDTH = A4.width - mm(MARGINS_MM.left) - mm(MARGINS_MM.right);
/** 28.9 pt exact, in twentieths of a point */
const BODY_LINE = 578;
/** sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt */
export const SIZE = { title: 44, body: 32, footer: 28, table: 24 };

export const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin, eastAsia });
export const run = (text: string, opts: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, font: font(FONTS.body), size: SIZE.body, ...opts });

const ZH_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

export function bodyParagraph(text: string): Paragraph {
  // two characters of first-line indent, as official documents have
  return new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED });
}

export function heading1(n: number, text: string): Paragraph {
  return new Paragraph({ children: [run(`${ZH_NUM[n] ?? n + 1}、${text}`, { font: font(FONTS.heading1) })], indent: { firstLine: 640 }, keepNext: true });
}

function heading2(n: number, text: string): Paragraph {
  return new Paragraph({ children: [run(`（${ZH_NUM[n] ?? n + 1}）${text}`, { font: font(FONTS.heading2) })], indent: { firstLine: 640 }, keepNext: true });
}

function cellParagraph(text: string, bold = false): Paragraph {
  return new Paragraph({
    children: [run(text, { size: SIZE.table, bold, font: font(bold ? FONTS.heading1 : FONTS.body) })],
    alignment: AlignmentType.CENTER,
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 40, after: 40 },
  });
}

/** A full-width table; `widths` are relative column widths; a cell given as a list has one line per item. */
export function table(headers: string[], rows: (string | string[])[][], widths: number[]): Table {
  const sum = widths.reduce((a, b) => a + b, 0);
  const columnWidths = widths.map((w) => Math.floor((TEXT_WIDTH * w) / sum));
  const cell = (text: string | string[], i: number, header: boolean) => new TableCell({
    children: (typeof text === 'string' ? [text] : text.length > 0 ? text : ['—']).map((t) => cellParagraph(t, header)),
    width: { size: columnWidths[i], type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({ children: headers.map((h, i) => cell(h, i, true)), tableHeader: true }),
      ...rows.map((r) => new TableRow({ children: r.map((t, i) => cell(t, i, false)), cantSplit: true })),
    ],
  });
}

export const blank = () => new Paragraph({ children: [] });
const num = (n: number) => String(n);
/** a score with the campaign's decimals: the engine's rounded number, printed as the spec's precision says */
const fixed = (n: number, precision: number) => n.toFixed(precision);
const movement = (d: number | null) => (d === null ? '—' : d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '—');
const names = (units: { name: string }[]) => (units.length === 0 ? '—' : units.map((u) => u.name).join('、'));

export function chineseDate(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(d);
}

export async function renderBulletinDocx(c: BulletinContent, meta: RenderMeta): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  // 发文字号 centred, the red rule under it, then the title
  children.push(new Paragraph({
    children: [run(meta.number)],
    alignment: AlignmentType.CENTER,
    border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 8 } },
  }));
  children.push(blank());
  children.push(new Paragraph({
    children: [run(meta.title, { font: font(FONTS.title), size: SIZE.title })],
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT },
  }));
  if (meta.version > 1) {
    children.push(new Paragraph({ children: [run(`（第${meta.version}版 · 更正）`, { font: font(FONTS.heading2) })], alignment: AlignmentType.CENTER }));
  }
  if (c.periodState !== 'closed') {
    children.push(new Paragraph({ children: [run('（本期考核尚未关账，以下为初步结果）', { font: font(FONTS.heading2) })], alignment: AlignmentType.CENTER }));
  }
  children.push(blank());
  if (meta.version > 1 && meta.changeNote) children.push(bodyParagraph(`更正说明：${meta.changeNote}`));
  const intro = c.intro.length > 0 ? c.intro : [`现将${c.campaign.name}${c.periodLabel.zh}情况通报如下。`];
  for (const p of intro) children.push(bodyParagraph(p));

  let section = 0;
  const w = subjectWordsZh(c.campaign.subject);
  const hasGrade = c.overall.some((r) => r.grade !== null);

  children.push(heading1(section++, '总体排名'));
  children.push(table(
    ['名次', w.name, '分组', '总分', '升降', '获旗', ...(hasGrade ? ['等次'] : [])],
    c.overall.map((r) => [num(r.rank), r.name, r.groupName, fixed(r.total, c.campaign.precision) + (r.vetoed ? '（否决）' : ''), movement(r.delta), r.flags.join('、') || '—', ...(hasGrade ? [r.grade ?? '—'] : [])]),
    [1.1, 2.5, 2.1, 1.3, 1.5, 3, ...(hasGrade ? [1.1] : [])],
  ));

  if (c.groups.length > 1) {
    children.push(heading1(section++, '分组排名'));
    c.groups.forEach((g, i) => {
      children.push(heading2(i, g.name));
      children.push(table(['组内名次', w.name, '总分', '升降', '获旗'],
        g.rows.map((r) => [num(r.rank), r.name, fixed(r.total, c.campaign.precision) + (r.vetoed ? '（否决）' : ''), movement(r.delta), r.flags.join('、') || '—']),
        [1.4, 3, 1.8, 1.4, 2.8]));
    });
  }

  if (c.pairs.length > 0) {
    children.push(heading1(section++, '结对竞赛'));
    children.push(table([w.pairs, '总分', w.leading, '分差'],
      c.pairs.map((p) => {
        const winner = p.units.find((u) => u.unit === p.winner);
        return [p.units.map((u) => u.name).join(' — '), p.units.map((u) => fixed(u.total, c.campaign.precision)).join(' : '), winner?.name ?? '持平', p.margin === null ? '—' : fixed(p.margin, c.campaign.precision)];
      }),
      [3.4, 2.4, 2, 1.4]));
  }

  if (c.flags.length > 0) {
    children.push(heading1(section++, '评旗情况'));
    children.push(table(['旗帜', '范围', '本期获得', '保持', '新获', '失去'],
      c.flags.map((f) => [f.name, f.scopeName, names(f.holders), names(f.kept), names(f.won), names(f.lost)]),
      [1.8, 1.6, 2, 1.6, 1.6, 1.6]));
  }

  if (c.categories.length > 0) {
    children.push(heading1(section++, '单项龙虎榜'));
    const item = (r: { name: string; score: number; rank: number; tied?: boolean }) => `${r.tied ? `${r.rank}（并列）` : r.rank}. ${r.name} ${fixed(r.score, c.campaign.precision)}`;
    c.categories.forEach((cat, i) => {
      children.push(heading2(i, cat.category || '其他指标'));
      children.push(table(['指标', '龙榜（前三，含并列）', '虎榜（后三，含并列）'],
        cat.indicators.map((ind) => [ind.name, ind.leaders.map(item), ind.laggards.map(item)]),
        [2.4, 3.5, 3.5]));
    });
  }

  if (c.schedule.ahead.length > 0 || c.schedule.behind.length > 0) {
    children.push(heading1(section++, '序时进度'));
    const line = (rows: BulletinContent['schedule']['ahead']) => rows.map((r) => `${r.name}（${r.indicators.join('、')}）`).join('、');
    if (c.schedule.ahead.length > 0) children.push(bodyParagraph(`超序时进度：${line(c.schedule.ahead)}。`));
    if (c.schedule.behind.length > 0) children.push(bodyParagraph(`落后序时进度：${line(c.schedule.behind)}。`));
  }

  if (c.commendations.length > 0 || c.actions.length > 0) {
    children.push(heading1(section++, '表扬与督查问责'));
    if (c.commendations.length > 0) {
      children.push(bodyParagraph(`通报表扬：${c.commendations.map((u) => `${u.name}（${u.flags.join('、')}）`).join('、')}。`));
    }
    if (c.actions.length > 0) {
      children.push(table([w.name, '措施', '原因'], c.actions.map((a) => [a.name, a.ruleName, a.reason]), [2.4, 1.8, 5.4]));
    }
  }

  for (const p of c.closing) children.push(bodyParagraph(p));

  children.push(blank());
  children.push(new Paragraph({
    children: [
      new ImageRun({ type: 'png', data: meta.qrPng, transformation: { width: 96, height: 96 }, altText: { name: 'QR', title: '扫码查询排名', description: meta.phoneUrl } }),
    ],
    // an exact body line would clip the image to 28.9 pt
    spacing: { line: 240, lineRule: LineRuleType.AUTO },
  }));
  children.push(new Paragraph({ children: [run(`扫码查询排名：${meta.phoneUrl}`, { size: SIZE.table })], spacing: { line: 240, lineRule: LineRuleType.AUTO } }));
  children.push(blank());
  // 发文机关署名 and 成文日期, right-aligned with about four characters of space on the right
  const right = { alignment: AlignmentType.RIGHT, indent: { right: 1280 } } as const;
  children.push(new Paragraph({ children: [run(c.campaign.organizer ?? c.campaign.name)], ...right }));
  children.push(new Paragraph({ children: [run(chineseDate(meta.date))], ...right }));

  return officialDocx(meta.title, `${c.campaign.name} ${c.period} v${meta.version}`, children);
}

/** The page, fonts and footer of an official document (GB/T 9704) around `children` (bulletins, case documents, minutes). */
export async function officialDocx(title: string, description: string, children: (Paragraph | Table)[]): Promise<Uint8Array> {
  const footer = new Footer({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.footer), size: SIZE.footer })],
    })],
  });

  const doc = new Document({
    creator: 'Leitai',
    title,
    description,
    styles: {
      default: {
        document: {
          run: { font: font(FONTS.body), size: SIZE.body },
          paragraph: { spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: A4.width, height: A4.height },
          margin: { top: mm(MARGINS_MM.top), bottom: mm(MARGINS_MM.bottom), left: mm(MARGINS_MM.left), right: mm(MARGINS_MM.right), footer: mm(23) },
        },
      },
      footers: { default: footer },
      children,
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
