// The Excel round trip, upload side. An upload (the period template, or the contract's long format
// as CSV or .xlsx) is read and every figure checked — against the spec by the engine, against the
// figure rules of policy.ts and against the period's state — and kept with its preview in the
// `uploads` table; nothing becomes a figure until its uploader confirms an upload without
// problems, and then all of it is written in one transaction by services/figures.ts.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Dec, periodKeys, type DataRow, type Issue, type Spec } from '@leitai/engine';
import { parseCsv, readers, readXlsxGrid } from '@leitai/io';
import { AppError } from '../errors.ts';
import type { Lang } from '../http/language.ts';
import { can, roleIn } from '../policy.ts';
import { figureKey, type FigureKey } from '../repositories/figures.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { deleteUploadsBefore, findUpload, insertUpload, markUploadConfirmed, type UploadRecord } from '../repositories/uploads.ts';
import type { UploadIssueDto, UploadPreviewDto, UploadRowDto } from '../schemas/uploads.ts';
import { campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { mustExplain } from './explanation-rule.ts';
import { figureSnapshot } from './figure-store.ts';
import { explanationNeeds, mergeFigures, periodRefusal, writeFiguresTx, type Writer } from './figures.ts';
import { columnLetter, EXPLANATION_ID, FIRST_DATA_ROW, FIRST_FIGURE_COL, ID_ROW, TEMPLATE_MARKER } from './template.ts';

/** An upload can be confirmed (and its error workbook fetched) for a day. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/** A figure read from an upload, as stored in `uploads.rows`. */
interface StoredRow {
  row: number;
  column?: string;
  unit: string;
  indicator: string;
  period: string;
  value: string;
  status: 'new' | 'changed' | 'same';
  /** indexes into the upload's issues */
  issues: number[];
  /** the explanation (情况说明) the file gives the figure */
  explanation?: string;
  /** (a reporter's upload) why the figure needs an explanation: the issue naming unit, indicator, period */
  need?: UploadIssueDto;
}

interface Candidate extends DataRow {
  column?: string;
  issues: number[];
  status?: StoredRow['status'];
  explanation?: string;
}

/** A problem of the upload: where (row, column, and the figure's keys when it is about one) and what. */
function uploadIssue(code: string, row: number, column: string | undefined, text: string | undefined, en: string, zh: string, figure?: FigureKey): UploadIssueDto {
  const at = column ? { en: `row ${row}, column ${column}`, zh: `第 ${row} 行 ${column} 列` } : { en: `row ${row}`, zh: `第 ${row} 行` };
  return {
    kind: 'data', code, row, ...(column ? { column } : {}), ...(figure ? { unit: figure.unit, indicator: figure.indicator, period: figure.period } : {}),
    ...(text !== undefined ? { text } : {}), message: `${at.en}: ${en}`, messageZh: `${at.zh}：${zh}`, detail: en, detailZh: zh,
  };
}

const fileError = (issues: Issue[]) => new AppError('data_invalid', undefined, issues);
const fileIssue = (code: string, en: string, zh: string, row?: number): Issue => ({ kind: 'data', code, ...(row ? { row } : {}), message: row ? `row ${row}: ${en}` : en, messageZh: row ? `第 ${row} 行：${zh}` : zh });

/** The figures of a period template (see services/template.ts), or null when the file is not one. */
async function readTemplate(bytes: Uint8Array, spec: Spec, campaignId: string, period: string, issues: UploadIssueDto[]): Promise<Candidate[] | null> {
  // off the event loop, within time and memory limits (issue 13)
  const grid = await readers.readGrid(bytes, 'upload.xlsx');
  if (!grid.ok) throw fileError(grid.issues);
  const idRow = grid.value.find((r) => r.row === ID_ROW);
  if (!idRow || idRow.fields[0] !== TEMPLATE_MARKER) return null;
  const [forCampaign, forPeriod] = (idRow.fields[1] ?? '').split('|');
  if (forCampaign !== campaignId || forPeriod !== period) {
    throw fileError([fileIssue('upload.other_template', `this is the template of ${forCampaign} / ${forPeriod}, not of ${campaignId} / ${period}`, `这是“${forCampaign}”${forPeriod} 期的模板，不是“${campaignId}”${period} 期的`, ID_ROW)]);
  }
  const indIds = new Set(spec.indicators.map((d) => d.id));
  const isValue = new Set(spec.indicators.filter((d) => d.input === 'value').map((d) => d.id));
  const columns: { col: number; letter: string; indicator: string | null }[] = [];
  let noteCol = -1;
  for (let c = FIRST_FIGURE_COL - 1; c < idRow.fields.length; c++) {
    const id = idRow.fields[c];
    if (!id) continue;
    if (id === EXPLANATION_ID) {
      noteCol = c;
      continue;
    }
    const letter = columnLetter(c + 1);
    if (!indIds.has(id)) {
      issues.push(uploadIssue('data.unknown_indicator', ID_ROW, letter, id, `unknown indicator "${id}" in the id row`, `编码行中的未知指标“${id}”`));
      columns.push({ col: c, letter, indicator: null });
    } else columns.push({ col: c, letter, indicator: id });
  }
  const unitIds = new Set(spec.units.map((u) => u.id));
  const out: Candidate[] = [];
  for (const r of grid.value) {
    if (r.row < FIRST_DATA_ROW) continue;
    const filled = columns.filter((c) => (r.fields[c.col] ?? '') !== '');
    if (filled.length === 0) continue;
    const unit = r.fields[0] ?? '';
    if (!unitIds.has(unit)) {
      const issue = unit === ''
        ? uploadIssue('data.unknown_unit', r.row, 'A', '', 'figures without a unit id in column A', '有数据但 A 列缺少单位编码')
        : uploadIssue('data.unknown_unit', r.row, 'A', unit, `unknown unit "${unit}"`, `未知单位“${unit}”`);
      issues.push(issue);
    }
    const unitIssue = unitIds.has(unit) ? [] : [issues.length - 1];
    // the row's 情况说明 goes with each of its value figures
    const note = noteCol >= 0 ? (r.fields[noteCol] ?? '').trim() : '';
    for (const c of filled) {
      const colIssue = c.indicator === null ? issues.findIndex((i) => i.row === ID_ROW && i.column === c.letter) : -1;
      out.push({
        unit, indicator: c.indicator ?? idRow.fields[c.col], period, value: r.fields[c.col], row: r.row, column: c.letter, issues: [...unitIssue, ...(colIssue >= 0 ? [colIssue] : [])],
        ...(note && c.indicator !== null && isValue.has(c.indicator) ? { explanation: note } : {}),
      });
    }
  }
  return out;
}

async function readLong(bytes: Uint8Array, filename: string, period: string, issues: UploadIssueDto[]): Promise<Candidate[]> {
  const read = await readers.readRows(bytes, filename);
  if (!read.ok) throw fileError(read.issues);
  return read.value.map((r) => {
    const own: number[] = [];
    if (r.period.trim() !== period) {
      issues.push(uploadIssue('upload.other_period', r.row, undefined, r.period.trim(), `period "${r.period.trim()}" is not the period being uploaded (${period})`, `考核期“${r.period.trim()}”不是本次上传的考核期（${period}）`));
      own.push(issues.length - 1);
    }
    const note = r.explanation?.trim();
    return { unit: r.unit.trim(), indicator: r.indicator.trim(), period: r.period.trim(), value: r.value.trim(), row: r.row, issues: own, ...(note ? { explanation: note } : {}) };
  });
}

/** Reads and checks an upload, stores it with its preview, and returns the preview. Stores no figure. */
export async function createUpload(ctx: Ctx, actor: Writer, campaignId: string, period: string, file: { data: Uint8Array; filename: string }, lang: Lang): Promise<UploadPreviewDto> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  if (campaign.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档，不能再填报', en: 'The campaign is archived' });
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  if (!periodKeys(spec).includes(period)) throw AppError.notFound({ zh: `考核期“${period}”`, en: `Period "${period}"` });

  const issues: UploadIssueDto[] = [];
  const isZip = file.data.length > 3 && file.data[0] === 0x50 && file.data[1] === 0x4b;
  const grid = isZip ? await readTemplate(file.data, spec, campaignId, period, issues) : null;
  const format = grid ? 'grid' : 'long';
  const rows = grid ?? await readLong(file.data, file.filename, period, issues);
  if (rows.length === 0) throw fileError([fileIssue('data.empty', 'the file has no figures', '文件中没有数据')]);

  const view = await figureSnapshot(ctx, campaignId);
  const stored = [...view.values()].map(([, f]) => f);
  const byKey = new Map(stored.map((s) => [figureKey(s), s]));
  const infos = await periodInfos(ctx.db, campaignId);
  const inputs = new Map(spec.indicators.map((d) => [d.id, d.input]));
  const unitIds = new Set(spec.units.map((u) => u.id));
  const add = (r: Candidate, code: string, text: string | undefined, en: string, zh: string) => {
    issues.push(uploadIssue(code, r.row, r.column, text, en, zh, r));
    r.issues.push(issues.length - 1);
  };

  // a figure given twice: the later one is the problem (the engine would name internal row numbers)
  const first = new Map<string, Candidate>();
  const once: { c: Candidate; i: number }[] = [];
  rows.forEach((r, i) => {
    const k = figureKey(r);
    const before = first.get(k);
    if (before) {
      const where = before.column ? `row ${before.row}, column ${before.column}` : `row ${before.row}`;
      const whereZh = before.column ? `第 ${before.row} 行 ${before.column} 列` : `第 ${before.row} 行`;
      add(r, 'data.duplicate', `${r.unit},${r.indicator},${r.period}`, `second figure for ${r.unit} / ${r.indicator} / ${r.period} (first on ${where})`, `${r.unit} / ${r.indicator} / ${r.period} 重复填报（首次在${whereZh}）`);
    } else {
      first.set(k, r);
      if (r.issues.length === 0) once.push({ c: r, i });
    }
  });

  // the engine checks each figure (value, score range, event count, unknown ids) as a write would
  // merge it over the stored figures; rows are numbered by position and mapped back to their cells
  const merged = mergeFigures(spec, view, once.map(({ c, i }) => ({ unit: c.unit, indicator: c.indicator, period: c.period, value: c.value, row: i + 2 })));
  for (const issue of merged.issues) {
    const r = issue.row !== undefined ? rows[issue.row - 2] : undefined;
    if (!r) throw fileError([issue]);
    add(r, issue.code, issue.text, issue.detail ?? issue.message, issue.detailZh ?? issue.messageZh);
  }

  for (const r of rows) {
    const s = byKey.get(figureKey(r));
    const same = s !== undefined && (s.value === r.value || (Dec.parse(s.value) !== null && Dec.parse(r.value)?.cmp(Dec.parse(s.value) as Dec) === 0));
    r.status = s === undefined ? 'new' : same ? 'same' : 'changed';
    const known = unitIds.has(r.unit) && inputs.has(r.indicator);
    if (!known) continue;
    if (!can(actor, 'figure.enter', { campaignId, unitId: r.unit, indicatorId: r.indicator, input: inputs.get(r.indicator) })) {
      add(r, 'upload.forbidden', `${r.unit},${r.indicator}`, `you may not enter figures for ${r.unit} / ${r.indicator}`, `无权填报 ${r.unit} / ${r.indicator}`);
      continue;
    }
    if (same || r.period !== period) continue;
    // the write path's lock, as confirm will meet it
    const refused = periodRefusal(actor, campaignId, r, infoOf(infos, r.period).state, s?.status);
    if (refused) add(r, refused.code, r.period, refused.en, refused.zh);
  }

  // a reporter's upload meets the explanation rule as the form does: each figure it would write
  // that, with the upload, falls behind schedule or jumps against the period before is marked, and
  // confirm waits until it has its explanation (from the file's 情况说明 column or typed in the preview)
  const needs = new Map<Candidate, UploadIssueDto>();
  if (mustExplain(roleIn(actor, campaignId))) {
    const written = rows.filter((r) => r.issues.length === 0 && r.status !== 'same');
    for (const [r, n] of explanationNeeds(ctx, spec, mergeFigures(spec, view, written).after, written)) {
      needs.set(r as Candidate, uploadIssue(n.issue.code, r.row, (r as Candidate).column, r.value, n.bare.en, n.bare.zh, r));
    }
  }

  // problems in sheet order: by row, then column
  const colKey = (c: string | undefined) => (c ? c.padStart(3, ' ') : '');
  const order = issues.map((_, i) => i).sort((x, y) => (issues[x].row ?? 0) - (issues[y].row ?? 0) || colKey(issues[x].column).localeCompare(colKey(issues[y].column)) || x - y);
  const newIndex = new Map(order.map((old, i) => [old, i]));
  const sortedIssues = order.map((i) => issues[i]);
  const storedRows: StoredRow[] = rows.map((r) => ({
    row: r.row, ...(r.column ? { column: r.column } : {}), unit: r.unit, indicator: r.indicator, period: r.period, value: r.value,
    status: r.status ?? 'new', issues: r.issues.map((i) => newIndex.get(i) ?? i).sort((a, b) => a - b),
    ...(r.explanation ? { explanation: r.explanation } : {}), ...(needs.has(r) ? { need: needs.get(r) } : {}),
  }));
  const now = ctx.now();
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await deleteUploadsBefore(tx, new Date(now.getTime() - UPLOAD_TTL_MS));
    await insertUpload(tx, { id, campaignId, period, userId: actor.id, filename: file.filename.slice(0, 200), format, file: file.data, rows: storedRows, issues: sortedIssues, status: 'pending', createdAt: now });
  });
  return previewOf({ id, format, period, filename: file.filename.slice(0, 200) }, storedRows, sortedIssues, lang);
}

function previewOf(u: { id: string; format: 'grid' | 'long'; period: string; filename: string }, rows: StoredRow[], issues: UploadIssueDto[], lang: Lang): UploadPreviewDto {
  const text = (i: UploadIssueDto) => (lang === 'en' ? i.message : i.messageZh);
  const out: UploadRowDto[] = rows.map((r) => ({
    row: r.row, ...(r.column ? { column: r.column } : {}), unit: r.unit, indicator: r.indicator, period: r.period, value: r.value, status: r.status,
    ...(r.issues.length > 0 ? { issue: r.issues.map((i) => text(issues[i])).join(lang === 'en' ? '; ' : '；') } : {}),
    ...(r.explanation ? { explanation: r.explanation } : {}),
    ...(r.need ? { needsExplanation: { code: r.need.code, message: text(r.need) } } : {}),
  }));
  const counts = { new: 0, changed: 0, same: 0, invalid: 0, needsExplanation: 0 };
  for (const r of rows) {
    if (r.issues.length > 0) counts.invalid++;
    else counts[r.status]++;
    if (r.need) counts.needsExplanation++;
  }
  return { uploadId: u.id, format: u.format, period: u.period, filename: u.filename, rows: out, issues, counts };
}

/** The caller's own upload, not expired (404 otherwise: another user's upload is not theirs to see). */
function ownUpload(ctx: Ctx, actor: Writer, u: UploadRecord | undefined): UploadRecord {
  if (!u || u.userId !== actor.id || ctx.now().getTime() - u.createdAt.getTime() > UPLOAD_TTL_MS) {
    throw AppError.notFound({ zh: '该上传（可能已过期）', en: 'Upload (it may have expired)' });
  }
  return u;
}

export async function readUpload(ctx: Ctx, actor: Writer, id: string, lang: Lang): Promise<UploadPreviewDto> {
  const u = ownUpload(ctx, actor, await findUpload(ctx.db, id));
  return previewOf(u, u.rows as StoredRow[], u.issues as UploadIssueDto[], lang);
}

/** An explanation typed in the preview for one of the upload's figures. */
export interface TypedExplanation { unit: string; indicator: string; period: string; explanation: string }

/**
 * Stores every figure of a valid upload in one transaction; refuses an upload with problems or one
 * confirmed already, and (a reporter's) a figure that needs an explanation without one (422
 * explanation_required naming unit, indicator and period). `typed`: explanations typed in the
 * preview, over those of the file.
 */
export async function confirmUpload(ctx: Ctx, actor: Writer, id: string, typed: TypedExplanation[] = []): Promise<{ saved: number; unchanged: number }> {
  const notes = new Map(typed.filter((e) => e.explanation.trim() !== '').map((e) => [figureKey(e), e.explanation.trim()]));
  return ctx.db.transaction(async (tx) => {
    const u = ownUpload(ctx, actor, await findUpload(tx, id, true));
    if (u.status === 'confirmed') throw new AppError('conflict', { zh: '该上传已确认保存，不能重复确认', en: 'This upload was confirmed already' });
    const issues = u.issues as UploadIssueDto[];
    if (issues.length > 0) {
      throw new AppError('data_invalid', { zh: '上传的数据有误，请修改后重新上传', en: 'The upload has problems; fix them and upload again' }, issues);
    }
    const rows = (u.rows as StoredRow[]).filter((r) => r.status !== 'same');
    // an upload replaces figures deliberately, like a file import: versions are not checked (the
    // audit log keeps every earlier value); the period, the permissions, the engine and the
    // explanation rule are checked again, as the figures stand now
    if (rows.length > 0) {
      const write = rows.map((r) => {
        const note = notes.get(figureKey(r)) ?? r.explanation;
        return { unit: r.unit, indicator: r.indicator, period: r.period, value: r.value, row: r.row, ...(note ? { explanation: note } : {}) };
      });
      await writeFiguresTx(tx, ctx, actor, u.campaignId, write, [], { reason: `upload ${u.filename} (${u.id})`, explanations: true });
    }
    await markUploadConfirmed(tx, u.id, ctx.now());
    return { saved: rows.length, unchanged: (u.rows as StoredRow[]).length - rows.length };
  });
}

/** The uploaded workbook (a CSV becomes one) with a 错误说明 column naming each row's problems. */
export async function errorWorkbook(ctx: Ctx, actor: Writer, id: string): Promise<{ data: Buffer; filename: string }> {
  const u = ownUpload(ctx, actor, await findUpload(ctx.db, id));
  const issues = u.issues as UploadIssueDto[];
  const wb = new ExcelJS.Workbook();
  const isZip = u.file.length > 3 && u.file[0] === 0x50 && u.file[1] === 0x4b;
  let ws: ExcelJS.Worksheet;
  if (isZip) {
    await wb.xlsx.load(u.file as unknown as ArrayBuffer);
    ws = wb.worksheets[0];
  } else {
    ws = wb.addWorksheet('数据');
    const text = new TextDecoder('utf-8').decode(u.file);
    for (const rec of parseCsv(text)) ws.getRow(rec.row).values = rec.fields;
  }
  let headerRow = 1;
  if (u.format === 'long') {
    // the header is the first row with anything in it (as the reader takes it)
    const grid = isZip ? await readXlsxGrid(u.file) : { ok: true as const, value: parseCsv(new TextDecoder('utf-8').decode(u.file)) };
    if (grid.ok) headerRow = grid.value.find((r) => r.fields.some((f) => f.trim() !== ''))?.row ?? 1;
  }
  const col = ws.columnCount + 1;
  const head = ws.getCell(headerRow, col);
  head.value = '错误说明';
  head.font = { bold: true, color: { argb: 'FFC00000' } };
  ws.getColumn(col).width = 60;
  const byRow = new Map<number, UploadIssueDto[]>();
  for (const i of issues) if (i.row !== undefined) byRow.set(i.row, [...(byRow.get(i.row) ?? []), i]);
  for (const [row, list] of byRow) {
    // a problem in the template's hidden id row must be seen
    if (u.format === 'grid' && row === ID_ROW) ws.getRow(ID_ROW).hidden = false;
    const cell = ws.getCell(row, col);
    cell.value = list.map((i) => i.messageZh).join('\n');
    cell.font = { color: { argb: 'FFC00000' } };
    cell.alignment = { wrapText: true, vertical: 'top' };
    for (const i of list) {
      if (!i.column) continue;
      const bad = ws.getCell(`${i.column}${row}`);
      bad.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
      bad.note = list.filter((x) => x.column === i.column).map((x) => x.messageZh).join('\n');
    }
  }
  // the uploader's own name (Chinese included: the route sends it RFC 5987-encoded), minus anything path-like
  const base = [...u.filename.replace(/\.(xlsx|csv)$/i, '')].map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('') || 'upload';
  return { data: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${base}-errors.xlsx` };
}
