// How much a file may hold before it is refused: everything a stranger or a reporter uploads is read
// within these bounds, so that a small file cannot unpack into gigabytes or millions of cells.
import type { Issue } from '@leitai/engine';

export interface ReadLimits {
  /** rows with anything in them */
  maxRows: number;
  /** cells over all rows (an .xlsx row counts up to its last cell) */
  maxCells: number;
  /** bytes an .xlsx unpacks to, over all its parts */
  maxInflatedBytes: number;
  /** parts in an .xlsx */
  maxEntries: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxRows: 100_000,
  maxCells: 1_000_000,
  maxInflatedBytes: 64 * 1024 * 1024,
  maxEntries: 2_000,
};

export class LimitExceeded extends Error {
  readonly issue: Issue;
  constructor(issue: Issue) {
    super(issue.message);
    this.name = 'LimitExceeded';
    this.issue = issue;
  }
}

const MB = 1024 * 1024;

export function tooMany(what: 'rows' | 'cells', limit: number, row?: number): LimitExceeded {
  const zh = what === 'rows' ? '行' : '个单元格';
  return new LimitExceeded({
    kind: 'data', code: what === 'rows' ? 'data.too_many_rows' : 'data.too_many_cells', ...(row ? { row } : {}),
    message: `the file has more than ${limit.toLocaleString('en')} ${what}; split it into smaller files`,
    messageZh: `文件超过 ${limit} ${zh}的上限，请拆分成较小的文件`,
  });
}

export function tooBig(limit: number): LimitExceeded {
  return new LimitExceeded({
    kind: 'data', code: 'data.too_large',
    message: `the workbook unpacks to more than ${Math.round(limit / MB)} MB (a "zip bomb" or a sheet far larger than figures need); save only the figures as a new .xlsx`,
    messageZh: `该工作簿解压后超过 ${Math.round(limit / MB)} MB（压缩炸弹，或远超数据所需的表格），请只保留数据另存为新的 .xlsx`,
  });
}
