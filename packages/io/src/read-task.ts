// What an off-loop reader does (see off-loop.ts): one task in, a plain result out (structured-
// cloneable: rows, grids and issues are plain objects). The same functions the CLI calls directly.
import { parseSpec, type Issue, type Result } from '@leitai/engine';
import { parseCsv } from './csv.ts';
import { DEFAULT_LIMITS, LimitExceeded, type ReadLimits } from './limits.ts';
import { readRows, type LongRow } from './rows.ts';
import { readXlsxGrid } from './xlsx.ts';

export type Grid = { row: number; fields: string[] }[];

export type ReadTask =
  /** the contract's long format (CSV or .xlsx), as readRows */
  | { kind: 'rows'; bytes: Uint8Array; filename: string; limits?: ReadLimits }
  /** the first sheet of an .xlsx, or a CSV, as rows of cell texts */
  | { kind: 'grid'; bytes: Uint8Array; filename: string; limits?: ReadLimits }
  /** a spec text: read and validated, only the issues come back (a Spec holds class instances) */
  | { kind: 'spec'; text: string };

export type TaskResult<T extends ReadTask> = T extends { kind: 'rows' } ? Result<LongRow[]> : T extends { kind: 'grid' } ? Result<Grid> : Result<null>;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

export const NOT_UTF8: Issue = {
  kind: 'data', code: 'data.encoding',
  message: 'the file is neither an .xlsx workbook nor UTF-8 text (save the CSV as UTF-8)',
  messageZh: '文件既不是 .xlsx 工作簿，也不是 UTF-8 编码的文本（请将 CSV 另存为 UTF-8）',
};

/** A sheet of cell texts: .xlsx by name or content, else a UTF-8 CSV. */
export async function readGrid(bytes: Uint8Array, filename: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<Result<Grid>> {
  if (/\.xlsx$/i.test(filename) || (isZip(bytes) && !/\.csv$/i.test(filename))) return readXlsxGrid(bytes, limits);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, issues: [NOT_UTF8] };
  }
  try {
    return { ok: true, value: parseCsv(text, limits) };
  } catch (e) {
    if (e instanceof LimitExceeded) return { ok: false, issues: [e.issue] };
    throw e;
  }
}

export async function runReadTask(task: ReadTask): Promise<Result<LongRow[]> | Result<Grid> | Result<null>> {
  switch (task.kind) {
    case 'rows':
      return readRows(task.bytes, task.filename, task.limits);
    case 'grid':
      return readGrid(task.bytes, task.filename, task.limits);
    case 'spec': {
      const r = parseSpec(task.text);
      return r.ok ? { ok: true, value: null } : { ok: false, issues: r.issues };
    }
  }
}
