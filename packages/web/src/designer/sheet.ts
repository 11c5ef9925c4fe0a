// Rows from an Excel sheet (read by the server) or pasted from one (tab-separated text), checked
// row by row before anything reaches the draft: units with their group and pairs, and an
// indicator's targets per unit. A sheet with any bad row changes nothing.
import { Dec } from '@leitai/engine';
import type { DGroup, DPair, DUnit } from './doc.ts';
import { newId } from './ids.ts';

export interface SheetRow {
  /** the row number as the spreadsheet shows it */
  row: number;
  cells: string[];
}

export interface RowProblem {
  /** i18n key under designer.rowError */
  code: string;
  params?: Record<string, string>;
}

export interface CheckedRow<T> {
  row: number;
  cells: string[];
  value?: T;
  problems: RowProblem[];
}

/** Tab-separated text as Excel puts it on the clipboard: one row a line. */
export function rowsFromPaste(text: string): SheetRow[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const rows: SheetRow[] = [];
  lines.forEach((line, i) => {
    const cells = line.split('\t').map((c) => c.trim());
    if (cells.some((c) => c !== '')) rows.push({ row: i + 1, cells });
  });
  return rows;
}

const has = (cell: string, words: string[]) => words.some((w) => cell.toLowerCase().includes(w));

/** A figure as written: a plain decimal, no thousands separators or units. */
export function numberOf(text: string): number | null {
  const d = Dec.parse(text.trim());
  return d === null ? null : Number(d.toString());
}

export interface UnitImport {
  rows: CheckedRow<{ name: string; group: string; pairs: string[] }>[];
  /** problems of the sheet as a whole (no header …) */
  sheet: RowProblem[];
  units: DUnit[];
  pairs: DPair[];
  ok: boolean;
}

/**
 * Units from a sheet whose header names 单位名称 and 赛组 (and optionally 结对): one unit a row, its
 * group by name, its pairs as labels (several separated by 、 or ,); units sharing a label form a pair.
 */
export function importUnits(rows: SheetRow[], groups: DGroup[]): UnitImport {
  const out: UnitImport = { rows: [], sheet: [], units: [], pairs: [], ok: false };
  if (rows.length === 0) {
    out.sheet.push({ code: 'empty' });
    return out;
  }
  const header = rows[0].cells;
  const col = (words: string[]) => header.findIndex((c) => has(c, words));
  const nameCol = col(['单位', '名称', 'name', 'unit']);
  const groupCol = col(['赛组', '组别', '分组', 'group']);
  const pairCol = col(['结对', 'pair']);
  if (nameCol < 0 || groupCol < 0) {
    out.sheet.push({ code: 'unitHeader' });
    return out;
  }
  const groupByName = new Map<string, DGroup>();
  for (const g of groups) {
    groupByName.set(g.name.trim(), g);
    groupByName.set(g.id, g);
  }
  const seenNames = new Map<string, number>();
  const taken = new Set<string>();
  const labelMembers = new Map<string, { unit: string; group: string; row: number }[]>();
  for (const r of rows.slice(1)) {
    const name = (r.cells[nameCol] ?? '').trim();
    const groupName = (r.cells[groupCol] ?? '').trim();
    const labels = pairCol < 0 ? [] : (r.cells[pairCol] ?? '').split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean);
    const problems: RowProblem[] = [];
    if (!name) problems.push({ code: 'noName' });
    else if (seenNames.has(name)) problems.push({ code: 'duplicateName', params: { name, row: String(seenNames.get(name)) } });
    const group = groupByName.get(groupName);
    if (!groupName) problems.push({ code: 'noGroup' });
    else if (!group) problems.push({ code: 'unknownGroup', params: { group: groupName, groups: groups.map((g) => g.name).join('、') || '—' } });
    if (name && !seenNames.has(name)) seenNames.set(name, r.row);
    const checked: CheckedRow<{ name: string; group: string; pairs: string[] }> = { row: r.row, cells: r.cells, problems };
    if (problems.length === 0 && group) {
      const id = newId(name, taken, 'unit');
      out.units.push({ id, name, group: group.id });
      checked.value = { name, group: group.id, pairs: labels };
      for (const l of labels) labelMembers.set(l, [...(labelMembers.get(l) ?? []), { unit: id, group: group.id, row: r.row }]);
    }
    out.rows.push(checked);
  }
  let n = 0;
  for (const [label, members] of labelMembers) {
    const rowOf = (m: { row: number }) => out.rows.find((x) => x.row === m.row) as CheckedRow<unknown>;
    if (members.length < 2) {
      rowOf(members[0]).problems.push({ code: 'pairAlone', params: { pair: label } });
      continue;
    }
    if (new Set(members.map((m) => m.group)).size > 1) {
      for (const m of members) rowOf(m).problems.push({ code: 'pairGroups', params: { pair: label } });
      continue;
    }
    out.pairs.push({ id: `pair-${++n}`, units: members.map((m) => m.unit) });
  }
  if (out.rows.length === 0) out.sheet.push({ code: 'empty' });
  out.ok = out.sheet.length === 0 && out.rows.every((r) => r.problems.length === 0);
  return out;
}

export interface TargetImport {
  rows: CheckedRow<{ unit: string; target?: number; base?: number }>[];
  sheet: RowProblem[];
  targets: Record<string, number>;
  bases: Record<string, number>;
  ok: boolean;
}

/**
 * Targets per unit: rows of 单位名称, 目标 and optionally 基本目标 (a header row is recognised and
 * skipped). Units are matched by name (or id); every unit the indicator applies to must be there
 * unless a default is given.
 */
export function importTargets(rows: SheetRow[], units: DUnit[], applicable: Set<string>): TargetImport {
  const out: TargetImport = { rows: [], sheet: [], targets: {}, bases: {}, ok: false };
  const byName = new Map<string, DUnit>();
  for (const u of units) {
    byName.set(u.name.trim(), u);
    if (!byName.has(u.id)) byName.set(u.id, u);
  }
  let body = rows;
  let baseCol = 2;
  let targetCol = 1;
  const first = rows[0];
  if (first && !byName.has(first.cells[0] ?? '') && numberOf(first.cells[1] ?? '') === null) {
    // a header: find the columns by their titles
    const t = first.cells.findIndex((c, i) => i > 0 && has(c, ['目标', 'target']) && !has(c, ['基本', '保底', 'base']));
    const b = first.cells.findIndex((c, i) => i > 0 && has(c, ['基本', '保底', 'base']));
    if (t > 0) targetCol = t;
    baseCol = b > 0 ? b : -1;
    body = rows.slice(1);
  }
  const seen = new Map<string, number>();
  for (const r of body) {
    const name = (r.cells[0] ?? '').trim();
    const problems: RowProblem[] = [];
    const unit = byName.get(name);
    if (!name) problems.push({ code: 'noName' });
    else if (!unit) problems.push({ code: 'unknownUnit', params: { name } });
    else if (!applicable.has(unit.id)) problems.push({ code: 'notApplicable', params: { name } });
    else if (seen.has(unit.id)) problems.push({ code: 'duplicateName', params: { name, row: String(seen.get(unit.id)) } });
    const cellT = (r.cells[targetCol] ?? '').trim();
    const cellB = baseCol > 0 ? (r.cells[baseCol] ?? '').trim() : '';
    const target = cellT === '' ? undefined : numberOf(cellT);
    const base = cellB === '' ? undefined : numberOf(cellB);
    if (cellT === '') problems.push({ code: 'noTarget' });
    else if (target === null) problems.push({ code: 'notNumber', params: { text: cellT } });
    if (base === null) problems.push({ code: 'notNumber', params: { text: cellB } });
    const checked: CheckedRow<{ unit: string; target?: number; base?: number }> = { row: r.row, cells: r.cells, problems };
    if (unit && !seen.has(unit.id)) seen.set(unit.id, r.row);
    if (problems.length === 0 && unit) {
      checked.value = { unit: unit.id, target: target ?? undefined, base: base ?? undefined };
      if (target != null) out.targets[unit.id] = target;
      if (base != null) out.bases[unit.id] = base;
    }
    out.rows.push(checked);
  }
  if (out.rows.length === 0) out.sheet.push({ code: 'empty' });
  out.ok = out.sheet.length === 0 && out.rows.every((r) => r.problems.length === 0);
  return out;
}
