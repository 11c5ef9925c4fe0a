// Contract section 9: data rows. Every bad row is an error with its spreadsheet row number (the header
// is row 1) and the offending text; all errors come together and nothing is evaluated.
import { describe, expect, it } from 'vitest';
import { checkData, type Issue } from '../src/index.ts';
import { dataIssues, dataset, rows, spec } from './support/campaign.ts';

const S = spec({
  units: '[{id: a, name: 甲, group: g1}, {id: b, name: 乙, group: g1}]',
  indicators:
    '[{id: x, name: X, input: value, weight: 10, method: best}, {id: s, name: S, input: score, weight: 10},' +
    ' {id: h, name: H, input: event, effect: bonus, points: 1}]',
});

/** the one issue of a data text whose bad row is its second line (row 3) */
function single(line: string): Issue {
  const issues = dataIssues(S, `a,x,2026-01,1\n${line}`);
  expect(issues, issues.map((i) => i.message).join(' | ')).toHaveLength(1);
  const i = issues[0];
  expect(i.kind).toBe('data');
  expect(i.row).toBe(3);
  expect(i.message).toContain('3');
  expect(i.messageZh).toContain('3');
  return i;
}

describe('9 data', () => {
  it('9 a well-formed file is accepted', () => {
    expect(dataset(S, 'a,x,2026-01,-12\nb,x,2026-01,3.275\na,s,2026-01,0\nb,s,2026-01,10\na,h,2026-01,0\nb,h,2026-01,3').periods).toBe(12);
  });

  it('9 unknown unit', () => {
    const i = single('zz,x,2026-01,1');
    expect(i.text).toBe('zz');
    expect(i.message).toContain('zz');
  });

  it('9 unknown indicator', () => {
    const i = single('a,nope,2026-01,1');
    expect(i.text).toBe('nope');
    expect(i.message).toContain('nope');
  });

  it.each([
    ['wrong year', '2025-01'],
    ['wrong cadence', '2026-Q1'],
    ['no such month', '2026-13'],
    ['unpadded month', '2026-1'],
    ['a year key in a monthly campaign', '2026'],
  ])('9 unknown period: %s (%s)', (_why, period) => {
    const i = single(`b,x,${period},1`);
    expect(i.text).toBe(period);
    expect(i.message).toContain(period);
  });

  it.each(['1e3', '1,000', '1 000', '', 'abc', 'NaN', 'Infinity', '0x10', '１２', '3.2.1'])('9 %j is not a plain decimal', (v) => {
    const issues = checkData(S, [
      { unit: 'a', indicator: 'x', period: '2026-01', value: '1', row: 2 },
      { unit: 'b', indicator: 'x', period: '2026-01', value: v, row: 3 },
    ]);
    expect(issues.ok).toBe(false);
    if (issues.ok) return;
    expect(issues.issues).toHaveLength(1);
    expect(issues.issues[0]).toMatchObject({ kind: 'data', row: 3, text: v });
    if (v !== '') expect(issues.issues[0].message).toContain(v);
  });

  // (1.1) at most 15 significant digits: 100000000000000000000.000001 (27) is refused in spec-1.1.test.ts
  it.each(['-12', '3.275', '0', '-0.5', '10000000000000.5', '100000000000000000000', '3.2750'])('9 %s is a plain decimal', (v) => {
    expect(checkData(S, rows(`a,x,2026-01,${v}`)).ok).toBe(true);
  });

  it.each(['10.5', '-0.5', '10.0001'])('9 score outside 0…weight: %s', (v) => {
    const i = single(`b,s,2026-01,${v}`);
    expect(i.text).toBe(v);
    expect(i.message).toContain(v);
  });

  it('9 score 0 and score = weight are inside', () => {
    expect(checkData(S, rows('a,s,2026-01,0\nb,s,2026-01,10')).ok).toBe(true);
  });

  it.each(['1.5', '-1', '0.1'])('9 event count %s is not a whole number ≥ 0', (v) => {
    const i = single(`b,h,2026-01,${v}`);
    expect(i.text).toBe(v);
    expect(i.message).toContain(v);
  });

  it('9 duplicate row naming the first row', () => {
    const issues = dataIssues(S, 'a,x,2026-01,1\nb,x,2026-01,2\na,s,2026-01,3\na,x,2026-01,4');
    expect(issues).toHaveLength(1);
    // the second figure for (a, x, 2026-01) is on row 5; the first on row 2
    expect(issues[0].row).toBe(5);
    expect(issues[0].message).toMatch(/\b5\b/);
    expect(issues[0].message).toMatch(/\b2\b/);
    // named as people know them, with the ids the file uses
    expect(issues[0].messageZh).toBe('第 5 行：“甲”（a） / “X”（x） / 2026-01 重复填报（首次在第 2 行）');
  });

  it('9 a score or event count out of range names the indicator by its name and id', () => {
    expect(single('b,s,2026-01,11').messageZh).toBe('第 3 行：分数 11 超出指标“S”（s）的范围 0…10');
    expect(single('b,h,2026-01,1.5').message).toBe('row 3: event count 1.5 is not a whole number ≥ 0 for indicator "H" (h)');
  });

  it('9 the same unit and indicator in another period, or another indicator, is no duplicate', () => {
    expect(checkData(S, rows('a,x,2026-01,1\na,x,2026-02,1\na,s,2026-01,1')).ok).toBe(true);
  });

  it('9 all errors reported together with row numbers as a spreadsheet shows them (header = row 1)', () => {
    const text = [
      'a,x,2026-01,1', // row 2 ok
      'zz,x,2026-01,1', // row 3 unknown unit
      'a,s,2026-01,11', // row 4 score outside
      'b,x,2026-01,2', // row 5 ok
      'b,h,2026-01,1.5', // row 6 event count
      'a,x,2025-01,1', // row 7 period
      'a,x,2026-01,9', // row 8 duplicate of row 2
      'b,x,2026-02,1e3', // row 9 not a decimal
    ].join('\n');
    const issues = dataIssues(S, text);
    expect(issues.map((i) => i.row)).toEqual([3, 4, 6, 7, 8, 9]);
    expect(issues.map((i) => i.text)).toEqual(['zz', '11', '1.5', '2025-01', expect.any(String), '1e3']);
    for (const i of issues) expect(i.message).toContain(String(i.row));
  });
});
