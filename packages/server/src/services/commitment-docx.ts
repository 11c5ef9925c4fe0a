// A commitment as a printable 承诺书 in the official layout of the bulletins (services/bulletin-docx.ts:
// GB/T 9704, A4, margins 37/35/28/26 mm, title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 at an exact
// 28.9 pt line, page numbers "— n —"): the items as a table, the QR code of its public page, the
// committer's signature line and the date. The signed paper is scanned and attached back (kind scan).
import {
  AlignmentType, Document, Footer, ImageRun, LineRuleType, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType,
  type IRunOptions,
} from 'docx';
import type { CommitmentDto } from '../schemas/commitments.ts';
import { A4, chineseDate, FONTS, MARGINS_MM } from './bulletin-docx.ts';

const mm = (v: number) => Math.round((v * 1440) / 25.4);
const TEXT_WIDTH = A4.width - mm(MARGINS_MM.left) - mm(MARGINS_MM.right);
const SIZE = { title: 44, body: 32, footer: 28, table: 24 };
const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, cs: FONTS.latin, eastAsia });
const run = (text: string, opts: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, font: font(FONTS.body), size: SIZE.body, ...opts });
const body = (text: string) => new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED });
const blank = () => new Paragraph({ children: [] });

export const BENCHMARK_ZH: Record<CommitmentDto['items'][number]['benchmark'], string> = {
  national: '争全国第一', province: '争全省第一', city: '争全市第一', county: '争全县第一', indicator: '对标指标', none: '—',
};

export function benchmarkText(i: CommitmentDto['items'][number]): string {
  return i.benchmark === 'indicator' ? `${i.indicatorName ?? ''}达到 ${i.target ?? ''}` : BENCHMARK_ZH[i.benchmark];
}

function cell(text: string, width: number, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({
      children: [run(text, { size: SIZE.table, font: font(header ? FONTS.heading1 : FONTS.body) })],
      alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 40, after: 40 },
    })],
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
  });
}

export async function renderCommitmentDocx(c: CommitmentDto, meta: { qrPng: Buffer; url: string; date: Date }): Promise<Uint8Array> {
  const widths = [0.8, 5, 2.2, 1.6].map((w, _i, all) => Math.floor((TEXT_WIDTH * w) / all.reduce((a, b) => a + b, 0)));
  const items = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ children: ['序号', '承诺事项', '目标', '完成时限'].map((h, i) => cell(h, widths[i], true)), tableHeader: true }),
      ...c.items.map((it, n) => new TableRow({ children: [String(n + 1), it.text, benchmarkText(it), it.due ?? '年底前'].map((t, i) => cell(t, widths[i], false)), cantSplit: true })),
    ],
  });
  const right = { alignment: AlignmentType.RIGHT, indent: { right: 1280 } } as const;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [run(`${c.owner}公开承诺书`, { font: font(FONTS.title), size: SIZE.title })], alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT } }),
    new Paragraph({ children: [run(c.title, { font: font(FONTS.heading2) })], alignment: AlignmentType.CENTER }),
    blank(),
    body(`为深入开展${c.campaignName}，${c.owner}${c.post ? `（${c.post}）` : ''}郑重作出如下公开承诺，接受组织和群众监督，年底向组织述诺、接受评诺。`),
    items,
    blank(),
    new Paragraph({
      children: [new ImageRun({ type: 'png', data: meta.qrPng, transformation: { width: 96, height: 96 }, altText: { name: 'QR', title: '扫码查看承诺', description: meta.url } })],
      spacing: { line: 240, lineRule: LineRuleType.AUTO },
    }),
    new Paragraph({ children: [run(`扫码查看承诺及践诺情况：${meta.url}`, { size: SIZE.table })], spacing: { line: 240, lineRule: LineRuleType.AUTO } }),
    blank(),
    new Paragraph({ children: [run(`承诺${c.unit ? '单位' : '人'}：${c.owner}`)], ...right }),
    new Paragraph({ children: [run('签字（盖章）：　　　　　　')], ...right }),
    new Paragraph({ children: [run(chineseDate(meta.date))], ...right }),
  ];
  const doc = new Document({
    creator: 'Leitai',
    title: `${c.owner}公开承诺书`,
    description: `${c.campaignName} commitment ${c.id}`,
    styles: { default: { document: { run: { font: font(FONTS.body), size: SIZE.body }, paragraph: { spacing: { line: 578, lineRule: LineRuleType.EXACT, before: 0, after: 0 } } } } },
    sections: [{
      properties: {
        page: {
          size: { width: A4.width, height: A4.height },
          margin: { top: mm(MARGINS_MM.top), bottom: mm(MARGINS_MM.bottom), left: mm(MARGINS_MM.left), right: mm(MARGINS_MM.right), footer: mm(23) },
        },
      },
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.footer), size: SIZE.footer })] })] }) },
      children,
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
