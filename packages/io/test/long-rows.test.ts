// 9: "no thousands separators". An unquoted 1,000 in a CSV splits into two cells; it must come
// back as the figure it was written as (and be refused by the data check), never as "1".
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../src/index.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('9 a figure with a thousands separator is not silently cut', () => {
  it('value as the last column: the cells are put back together', () => {
    const r = readCsvRows(bytes('unit,indicator,period,value\na,x,2026-01,"1,000"\nb,x,2026-01,1,000\n'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.map((x) => x.value)).toEqual(['1,000', '1,000']);
  });

  it('value in another column: the long row is an error naming its row', () => {
    const r = readCsvRows(bytes('value,unit,indicator,period\n1,000,a,x,2026-01\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0].row).toBe(2);
      expect(r.issues[0].code).toBe('data.extra_cells');
      expect(r.issues[0].message).toMatch(/5 cells but the header has 4 columns/);
    }
  });
});
