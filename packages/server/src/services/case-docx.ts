// An issued case as a Word document in the bulletins' official layout (GB/T 9704): the number over
// the red rule, the kind as the title, the unit addressed, the reason, what it must do and by when,
// the organizer and the date of issue.
import { AlignmentType, BorderStyle, LineRuleType, Paragraph } from 'docx';
import { xmlSafe } from '../text/clean.ts';
import { beijingDate } from './case-rules.ts';
import { blank, bodyParagraph, chineseDate, font, FONTS, officialDocx, run, SIZE } from './bulletin-docx.ts';

export interface CaseDocument {
  number: string;
  kindName: string;
  title: string;
  unitName: string;
  reason: string;
  requirement: string;
  persons: string[];
  dueAt: Date;
  issuedAt: Date;
  organizer: string;
  campaignName: string;
}

const dayText = (d: Date) => chineseDate(new Date(`${beijingDate(d)}T04:00:00Z`));

export async function renderCaseDocx(input: CaseDocument): Promise<Uint8Array> {
  const c = xmlSafe(input);
  const right = { alignment: AlignmentType.RIGHT, indent: { right: 1280 } } as const;
  const children = [
    new Paragraph({
      children: [run(c.number)],
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 8 } },
    }),
    blank(),
    new Paragraph({ children: [run(c.title, { font: font(FONTS.title), size: SIZE.title })], alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT } }),
    blank(),
    new Paragraph({ children: [run(`${c.unitName}：`)] }),
    bodyParagraph(`事由：${c.reason}`),
    ...(c.persons.length > 0 ? [bodyParagraph(`责任人：${c.persons.join('、')}`)] : []),
    ...(c.requirement ? [bodyParagraph(`要求：${c.requirement}`)] : []),
    bodyParagraph(`请于${dayText(c.dueAt)}前报送整改报告（整改措施及佐证材料），逾期未报的将按规定升级处理。`),
    bodyParagraph(`办理期限：${beijingDate(c.dueAt)}`),
    blank(),
    new Paragraph({ children: [run(c.organizer)], ...right }),
    new Paragraph({ children: [run(chineseDate(c.issuedAt))], ...right }),
  ];
  return officialDocx(`${c.number} ${c.title}`, `${c.campaignName} ${c.kindName}`, children);
}
