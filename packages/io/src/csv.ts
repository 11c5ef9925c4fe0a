// RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), UTF-8 with or without BOM.
// Returns the records with the row number a spreadsheet shows for each (blank lines count as
// rows; a quoted cell spanning lines does not add any).
import { tooMany, type ReadLimits } from './limits.ts';

export interface CsvRecord {
  row: number;
  fields: string[];
}

/** `limits`: throws LimitExceeded past so many records or cells (uploads); none by default. */
export function parseCsv(text: string, limits?: Pick<ReadLimits, 'maxRows' | 'maxCells'>): CsvRecord[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out: CsvRecord[] = [];
  const maxRows = limits?.maxRows ?? Infinity;
  const maxCells = limits?.maxCells ?? Infinity;
  let cells = 0;
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        // a newline inside quotes stays in its cell: a spreadsheet shows the record as one row
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      atStart = false;
    } else if (ch === ',') {
      if (++cells > maxCells) throw tooMany('cells', maxCells, startLine);
      fields.push(field);
      field = '';
      atStart = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (!(atStart && fields.length === 1 && fields[0] === '')) {
        if (out.length >= maxRows) throw tooMany('rows', maxRows, startLine);
        if (++cells > maxCells) throw tooMany('cells', maxCells, startLine);
        out.push({ row: startLine, fields });
      }
      fields = [];
      field = '';
      line++;
      startLine = line;
      atStart = true;
    } else {
      field += ch;
      atStart = false;
    }
  }
  if (!atStart || field !== '' || fields.length > 0) {
    fields.push(field);
    out.push({ row: startLine, fields });
  }
  return out;
}
