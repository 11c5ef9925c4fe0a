// Contract revision 1.1, rule by rule: each case is named after the rule it checks and works its
// arithmetic by hand from the contract's text. Groups g1 = {a, b} and g2 = {c, d} throughout.
import { describe, expect, it } from 'vitest';
import { checkData, evaluate, parseSpec, type Issue } from '../src/index.ts';
import {
  S100, TWO_GROUPS, UNITS_AB_CD, actions, dataIssues, dataset, flag, run, runAll, spec, specIssues, unit, val, type SpecParts,
} from './support/campaign.ts';

const G = { groups: TWO_GROUPS, units: UNITS_AB_CD };

function parts(p: Omit<SpecParts, 'groups' | 'units'>): SpecParts {
  return { ...G, ...p };
}

/** the single issue at `path` */
function issueAt(issues: Issue[], path: string): Issue {
  const found = issues.filter((i) => i.path === path);
  expect(found.map((i) => i.message), `issues at ${path}; all: ${issues.map((i) => `${i.path}: ${i.message}`).join(' | ')}`).toHaveLength(1);
  expect(found[0].message).toContain(path);
  expect(found[0].messageZh.length).toBeGreaterThan(0);
  return found[0];
}

describe('1.1 3.2a applies_to', () => {
  const s = parts({
    indicators:
      '[{id: x, name: X, input: value, weight: 10, method: completion, target: 10, applies_to: [g1]},' +
      ' {id: s, name: S, input: score, weight: 100}]',
    rules: '[{id: miss, name: 催报, action: reminder, when: {missing: true}}]',
  });

  it('3.2a a unit whose group is not listed has no entry, adds nothing to its total and is never missing', () => {
    const r = run(s, 'a,x,2026-01,5\na,s,2026-01,10\nb,s,2026-01,10\nc,s,2026-01,50\nd,s,2026-01,50');
    // a: 10 × 5/10 = 5 + 10 = 15; b: x missing → 0 + 10; c: only s → 50
    expect(unit(r, 'a').total).toBe(15);
    expect(unit(r, 'b').total).toBe(10);
    expect(val(r, 'b', 'x').missing).toBe(true);
    expect(unit(r, 'c').total).toBe(50);
    expect(Object.keys(unit(r, 'c').indicators)).toEqual(['s']);
    expect(Object.keys(unit(r, 'a').indicators)).toEqual(['x', 's']);
    // 8 missing: b only (c and d do not have x)
    expect(actions(r)).toEqual(['miss:b']);
  });

  it('3.2a / 5 the indicator ranks only the units it applies to', () => {
    const r = run(s, 'a,x,2026-01,5\nb,x,2026-01,8\nc,s,2026-01,50\nd,s,2026-01,50');
    expect(val(r, 'b', 'x').rank).toEqual({ all: 1, group: 1 });
    expect(val(r, 'a', 'x').rank).toEqual({ all: 2, group: 2 });
  });

  it('3.2a a rank scope holds only applicable units: n = 2, step = 10 / 2', () => {
    const r = run(parts({ indicators: '[{id: k, name: K, input: value, weight: 10, method: rank, scope: all, applies_to: [g1]}, {id: s, name: S, input: score, weight: 100}]' }),
      'a,k,2026-01,3\nb,k,2026-01,1\nc,s,2026-01,1\nd,s,2026-01,1');
    // a first: 10; b second: max(0, 10 − 5 × 1) = 5
    expect(val(r, 'a', 'k').score).toBe(10);
    expect(val(r, 'b', 'k').score).toBe(5);
  });

  it('3.2a best and range take m, lo, hi over applicable units only', () => {
    const r = run(parts({
      indicators: '[{id: bb, name: B, input: value, weight: 10, method: best, scope: all, applies_to: [g2]},' +
        ' {id: rr, name: R, input: value, weight: 10, method: range, scope: all, applies_to: [g2]}]',
    }), 'c,bb,2026-01,4\nd,bb,2026-01,8\nc,rr,2026-01,4\nd,rr,2026-01,8');
    // best: c = 10 × 4/8 = 5; range: c = 10 × (4 − 4)/(8 − 4) = 0, d = 10
    expect(val(r, 'c', 'bb').score).toBe(5);
    expect(val(r, 'c', 'rr').score).toBe(0);
    expect(val(r, 'd', 'rr').score).toBe(10);
    expect(unit(r, 'a').indicators).toEqual({});
  });

  it('3.2a / 6 a flag by the indicator: instances hold only applicable units; an instance with none awards nothing', () => {
    const r = run({ ...s, flags: '[{id: best, name: 先锋, award: top, indicator: x}, {id: worst, name: 后进, award: bottom, indicator: x}]' },
      'a,x,2026-01,5\nb,x,2026-01,8\nc,s,2026-01,50\nd,s,2026-01,50');
    expect(flag(r, 'best', 'g1').holders).toEqual(['b']);
    expect(flag(r, 'worst', 'g1').holders).toEqual(['a']);
    // g2 has no unit x applies to: nobody gets either flag there (c and d would tie at 0 otherwise)
    expect(flag(r, 'best', 'g2').holders).toEqual([]);
    expect(flag(r, 'worst', 'g2').holders).toEqual([]);
  });

  it('3.2a / 8 rule conditions: behind_schedule never holds for a unit the indicator does not apply to', () => {
    const r = run(parts({
      indicators: '[{id: x, name: X, input: value, weight: 10, method: schedule, target: 12, applies_to: [g1]}, {id: s, name: S, input: score, weight: 100}]',
      rules: '[{id: late, name: 落后, action: reminder, when: {behind_schedule: true}}]',
    }), 'a,x,2026-01,0.5\nb,x,2026-01,2\nc,s,2026-01,1\nd,s,2026-01,1');
    expect(actions(r)).toEqual(['late:a']);
  });

  it('3.2a tie_break: an indicator not applicable to a unit counts as a score of 0', () => {
    const r = run({
      ...G,
      campaign: '{id: t, name: T, year: 2026, cadence: month, tie_break: [x]}',
      indicators: '[{id: x, name: X, input: score, weight: 10, applies_to: [g2]}, {id: s, name: S, input: score, weight: 100}]',
    }, 'a,s,2026-01,50\nc,s,2026-01,49\nc,x,2026-01,1\nb,s,2026-01,49\nd,s,2026-01,48\nd,x,2026-01,0');
    // a: 50; c: 49 + 1 = 50 with x = 1; a has no x (0) → c before a
    expect(unit(r, 'c').rank.all).toBe(1);
    expect(unit(r, 'a').rank.all).toBe(2);
  });

  it('9 a data row for a unit the indicator does not apply to is an error naming the row', () => {
    const sp = spec(s);
    const issues = dataIssues(sp, 'a,x,2026-01,5\nc,x,2026-01,5');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'data', code: 'data.not_applicable', row: 3, text: '5' });
    expect(issues[0].messageZh).toContain('不适用');
  });

  it('3.2a event indicators may have applies_to: their rows are refused for other groups', () => {
    const sp = spec(parts({ indicators: '[{id: s, name: S, input: score, weight: 100}, {id: v, name: V, input: event, effect: veto, applies_to: [g1]}]' }));
    expect(dataIssues(sp, 'c,v,2026-01,1')[0].code).toBe('data.not_applicable');
    const r = evaluate(sp, dataset(sp, 'a,v,2026-01,1\nc,s,2026-01,1'));
    expect(unit(r, 'a').vetoed).toBe(true);
    expect(Object.keys(unit(r, 'c').indicators)).toEqual(['s']);
  });
});

describe('1.1 3.2a weights per group', () => {
  it('3.2a w(u) is the group entry, else default: s = w(u) × r', () => {
    const r = run(parts({ indicators: '[{id: x, name: X, input: value, weight: {default: 10, g2: 20}, method: completion, target: 10}]' }),
      'a,x,2026-01,5\nb,x,2026-01,10\nc,x,2026-01,5\nd,x,2026-01,2.5');
    // a: 10 × 0.5 = 5; b: 10; c: 20 × 0.5 = 10; d: 20 × 0.25 = 5
    expect(val(r, 'a', 'x').score).toBe(5);
    expect(val(r, 'b', 'x').score).toBe(10);
    expect(val(r, 'c', 'x').score).toBe(10);
    expect(val(r, 'd', 'x').score).toBe(5);
  });

  it('3.2a step defaults to w(u) / n', () => {
    const r = run(parts({ indicators: '[{id: k, name: K, input: value, weight: {default: 10, g2: 20}, method: rank, scope: all}]' }),
      'a,k,2026-01,4\nb,k,2026-01,3\nc,k,2026-01,2\nd,k,2026-01,1');
    // n = 4: a 10 × 4/4 = 10; b 10 × 3/4 = 7.5; c 20 × 2/4 = 10; d 20 × 1/4 = 5
    expect([val(r, 'a', 'k').score, val(r, 'b', 'k').score, val(r, 'c', 'k').score, val(r, 'd', 'k').score]).toEqual([10, 7.5, 10, 5]);
  });

  it('3.2a best and range scale by w(u); a range of equal figures gives w(u)', () => {
    const r = run(parts({
      indicators: '[{id: bb, name: B, input: value, weight: {g1: 10, g2: 30}, method: best, scope: all},' +
        ' {id: rr, name: R, input: value, weight: {g1: 10, g2: 30}, method: range}]',
    }), 'a,bb,2026-01,2\nb,bb,2026-01,4\nc,bb,2026-01,1\nd,bb,2026-01,4\na,rr,2026-01,1\nb,rr,2026-01,1\nc,rr,2026-01,1\nd,rr,2026-01,3');
    // best, m = 4: a 10 × 2/4 = 5; c 30 × 1/4 = 7.5; d 30
    expect(val(r, 'a', 'bb').score).toBe(5);
    expect(val(r, 'c', 'bb').score).toBe(7.5);
    expect(val(r, 'd', 'bb').score).toBe(30);
    // range per group: g1 all equal → 10 each; g2: c 0, d 30
    expect(val(r, 'a', 'rr').score).toBe(10);
    expect(val(r, 'c', 'rr').score).toBe(0);
    expect(val(r, 'd', 'rr').score).toBe(30);
  });

  it('3.3 a score input must satisfy 0 ≤ points ≤ w(u)', () => {
    const sp = spec(parts({ indicators: '[{id: s, name: S, input: score, weight: {default: 10, g2: 20}}]' }));
    expect(checkData(sp, [{ unit: 'c', indicator: 's', period: '2026-01', value: '15', row: 2 }]).ok).toBe(true);
    const issues = dataIssues(sp, 'a,s,2026-01,15');
    expect(issues[0]).toMatchObject({ code: 'data.score_range', row: 2, text: '15' });
    expect(issues[0].message).toContain('0…10');
  });

  it('3.2a the explanation names w(u)', () => {
    const sp = spec(parts({ indicators: '[{id: x, name: X, input: value, weight: {default: 10, g2: 20}, method: completion, target: 10}]' }));
    const r = evaluate(sp, dataset(sp, 'c,x,2026-01,5'), { explain: true });
    expect(val(r, 'c', 'x').explain?.formula).toContain('20 × 0.5 = 10.00');
  });
});

describe('1.1 3.2 base targets', () => {
  const sched = (extra = '') => parts({
    indicators: `[{id: x, name: X, input: value, weight: 10, method: schedule, target: 12, base: {default: 6, d: 9}${extra}}]`,
    rules: '[{id: low, name: 停职反省, action: suspension, when: {below_base: true}}]',
  });

  it('3.2 schedule, higher: below base when ytd < base × elapsed (March: 6 × 3/12 = 1.5; d: 9 × 3/12 = 2.25)', () => {
    const r = run(sched(), 'a,x,2026-03,1.4\nb,x,2026-03,1.5\nd,x,2026-03,2.2');
    expect(val(r, 'a', 'x')).toMatchObject({ base: 6, below_base: true });
    expect(val(r, 'b', 'x')).toMatchObject({ base: 6, below_base: false });
    expect(val(r, 'd', 'x')).toMatchObject({ base: 9, below_base: true });
    // the base does not change the score: a = 10 × 1.4 / 3 = 4.6667 → 4.67
    expect(val(r, 'a', 'x').score).toBe(4.67);
    // missing: base shown, below_base left out, and no action
    expect(val(r, 'c', 'x').base).toBe(6);
    expect('below_base' in val(r, 'c', 'x')).toBe(false);
    // in the order of units (d: 10 × 2.2 / 3 = 7.33 ranks before a)
    expect(actions(r)).toEqual(['low:d', 'low:a']);
  });

  it('3.2 completion, lower: below base when ytd > base', () => {
    const r = run(parts({ indicators: '[{id: e, name: 能耗, input: value, weight: 10, method: completion, direction: lower, target: 4, base: 5}]' }),
      'a,e,2026-01,5.01\nb,e,2026-01,5');
    expect(val(r, 'a', 'e').below_base).toBe(true);
    expect(val(r, 'b', 'e').below_base).toBe(false);
  });

  it('8 below_base: [ids] looks at the listed indicators only', () => {
    const r = run(parts({
      indicators: '[{id: x, name: X, input: value, weight: 10, method: completion, target: 10, base: 8}, {id: y, name: Y, input: value, weight: 10, method: completion, target: 10, base: 8}]',
      rules: '[{id: low, name: L, action: suspension, when: {below_base: [y]}}]',
    }), 'a,x,2026-01,1\na,y,2026-01,9\nb,x,2026-01,9\nb,y,2026-01,1');
    expect(actions(r)).toEqual(['low:b']);
    expect(r.actions[0].reason).toContain('低于基本目标');
  });
});

describe('1.1 3.2 quantity and bounds', () => {
  it('3.2 a rate must be year-to-date: quantity rate with cumulative false is a spec error', () => {
    const i = issueAt(specIssues(parts({ indicators: '[{id: x, name: X, input: value, weight: 10, method: best, quantity: rate, cumulative: false}]' })), 'indicators[0].quantity');
    expect(i.code).toBe('spec.rate_cumulative');
  });

  it('3.2 quantity changes no score', () => {
    const a = run(parts({ indicators: '[{id: x, name: X, input: value, weight: 10, method: best, quantity: rate}]' }), 'a,x,2026-01,0.544\nb,x,2026-01,0.531');
    const b = run(parts({ indicators: '[{id: x, name: X, input: value, weight: 10, method: best}]' }), 'a,x,2026-01,0.544\nb,x,2026-01,0.531');
    expect(a).toEqual(b);
  });

  const bounded = parts({ indicators: '[{id: n, name: 项目数, input: value, weight: 10, method: best, min: 0, max: 50, whole: true}]' });

  it.each([
    ['-3', 'data.below_min'],
    ['51', 'data.above_max'],
    ['2.5', 'data.not_whole'],
    ['99999999999999999999999', 'data.too_many_digits'],
    ['100000000000000000000.000001', 'data.too_many_digits'],
  ])('9 %s is a data error (%s) naming the row', (v, code) => {
    const issues = dataIssues(spec(bounded), `a,n,2026-01,3\nb,n,2026-01,${v}`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'data', code, row: 3, text: v });
    expect(issues[0].message).toContain('row 3');
  });

  it('9 min and max themselves are inside; all errors come together', () => {
    expect(checkData(spec(bounded), [{ unit: 'a', indicator: 'n', period: '2026-01', value: '0', row: 2 }, { unit: 'b', indicator: 'n', period: '2026-01', value: '50', row: 3 }]).ok).toBe(true);
    expect(dataIssues(spec(bounded), 'a,n,2026-01,-1\nb,n,2026-01,1.5').map((i) => i.row)).toEqual([2, 3]);
  });

  it('9 more than 15 significant digits is an error for every indicator', () => {
    const sp = spec(parts({ indicators: S100 }));
    expect(dataIssues(sp, 'a,s,2026-01,1.0000000000000001')[0].code).toBe('data.too_many_digits');
    expect(checkData(sp, [{ unit: 'a', indicator: 's', period: '2026-01', value: '12.34567890123450', row: 2 }]).ok).toBe(true);
  });
});

describe('1.1 4a categories', () => {
  const s = parts({
    indicators:
      '[{id: x, name: X, input: value, weight: 10, method: completion, target: 10, category: 经济},' +
      ' {id: y, name: Y, input: score, weight: 10, category: 经济, applies_to: [g2]},' +
      ' {id: z, name: Z, input: score, weight: 10, category: 党建, applies_to: [g1]},' +
      ' {id: w, name: W, input: score, weight: 10},' +
      ' {id: h, name: H, input: event, effect: bonus, points: 1, category: 经济},' +
      ' {id: v, name: V, input: event, effect: veto}]',
  });
  const data = 'a,x,2026-01,5\na,z,2026-01,3\na,w,2026-01,1\na,h,2026-01,2\nb,x,2026-01,6\nb,z,2026-01,1\nc,x,2026-01,2\nc,y,2026-01,4\nd,x,2026-01,10\nd,y,2026-01,10\nd,v,2026-01,1';

  it('4a score is the sum of the applicable value and score indicators of the category (events and uncategorised left out)', () => {
    const r = run(s, data);
    // a: 经济 x 5; 党建 z 3   b: 经济 6; 党建 1   c: 经济 2 + 4 = 6   d: 经济 10 + 10 = 20 (vetoed)
    expect(unit(r, 'a').categories).toEqual({ 经济: { score: 5, rank: { all: 3, group: 2 } }, 党建: { score: 3, rank: { all: 1, group: 1 } } });
    expect(unit(r, 'b').categories?.经济).toEqual({ score: 6, rank: { all: 1, group: 1 } });
    // c ties b at 6: equal scores share a rank; d is vetoed: last, whatever its score
    expect(unit(r, 'c').categories).toEqual({ 经济: { score: 6, rank: { all: 1, group: 1 } } });
    expect(unit(r, 'd').categories).toEqual({ 经济: { score: 20, rank: { all: 4, group: 2 } } });
  });

  it('4a category scores sum to the total minus the events', () => {
    const r = run(s, data);
    // a: 5 + 3 + w 1 (no category) + bonus 2 = 11; categories 8 = 11 − 1 (w) − 2 (h)
    expect(unit(r, 'a').total).toBe(11);
  });

  it('4a no categories key when no value or score indicator has a category', () => {
    const r = run(parts({ indicators: S100 }), 'a,s,2026-01,1');
    expect('categories' in unit(r, 'a')).toBe(false);
  });
});

describe('1.1 6 a flag\'s own tie_break', () => {
  const s = parts({
    campaign: '{id: t, name: T, year: 2026, cadence: month, tie_break: [p]}',
    indicators: '[{id: p, name: P, input: score, weight: 50}, {id: q, name: Q, input: score, weight: 50}]',
    flags:
      '[{id: camp, name: C, award: top, scope: all},' +
      ' {id: own, name: O, award: top, scope: all, tie_break: [q]},' +
      ' {id: none, name: N, award: top, scope: all, tie_break: []},' +
      ' {id: ind, name: I, award: top, scope: all, indicator: p, tie_break: [q]},' +
      ' {id: ind0, name: I0, award: top, scope: all, indicator: p}]',
  });
  // totals: a = 10 + 5 = 15, b = 5 + 10 = 15, c = 10 + 1, d = 1
  const data = 'a,p,2026-01,10\na,q,2026-01,5\nb,p,2026-01,5\nb,q,2026-01,10\nc,p,2026-01,10\nc,q,2026-01,1\nd,p,2026-01,1';

  it('6 on the total: the campaign tie_break by default (p: a), its own when given (q: b), none with [] (a and b share)', () => {
    const r = run(s, data);
    expect(flag(r, 'camp', 'all').holders).toEqual(['a']);
    expect(flag(r, 'own', 'all').holders).toEqual(['b']);
    expect(flag(r, 'none', 'all').holders.sort()).toEqual(['a', 'b']);
  });

  it('6 on an indicator: none by default (a and c tie at p = 10), its own when given (q: a 5 > c 1)', () => {
    const r = run(s, data);
    expect(flag(r, 'ind0', 'all').holders.sort()).toEqual(['a', 'c']);
    expect(flag(r, 'ind', 'all').holders).toEqual(['a']);
  });

  it('6 a flag tie_break is decided in periods that are not presented too (mobile flag, previous holders)', () => {
    const sp = spec({ ...s, flags: '[{id: m, name: M, award: top, scope: all, indicator: p, tie_break: [q], mobile: true}]' });
    const d = dataset(sp, `${data}\na,p,2026-02,1\nb,p,2026-02,1`);
    const feb = evaluate(sp, d, { period: '2026-02' });
    expect(flag(feb, 'm', 'all').previous).toEqual(['a']);
  });
});

describe('1.1 7 grades by count', () => {
  it('7 count: summary rank.all ≤ count; every condition a grade gives must hold', () => {
    const r = run(parts({
      indicators: S100,
      summary: '{method: latest, grades: [{id: top, name: 先进, count: 2, min_total: 50}, {id: first, name: 前三, count: 3}, {id: rest, name: 其他}]}',
    }), 'a,s,2026-01,90\nb,s,2026-01,40\nc,s,2026-01,30\nd,s,2026-01,20');
    // a: rank 1 ≤ 2 and 90 ≥ 50 → top; b: rank 2 but 40 < 50 → first (rank ≤ 3); c: rank 3 → first; d → rest
    expect(r.units.map((u) => [u.unit, u.summary?.grade])).toEqual([['a', 'top'], ['b', 'first'], ['c', 'first'], ['d', 'rest']]);
  });
});

describe('1.1 8 at and repeat', () => {
  const S = parts({ indicators: S100, flags: '[{id: yellow, name: 黄旗, award: bottom, scope: all}]' });
  /** d is last in the months listed, c otherwise */
  function months(dLast: number[], n = 6): string {
    const out: string[] = [];
    for (let m = 1; m <= n; m++) {
      const k = `2026-0${m}`;
      out.push(`a,s,${k},90`, `b,s,${k},80`, `c,s,${k},${dLast.includes(m) ? 70 : 10}`, `d,s,${k},${dLast.includes(m) ? 10 : 70}`);
    }
    return out.join('\n');
  }

  it('8 at: only in the listed periods', () => {
    const res = runAll({ ...S, rules: '[{id: chk, name: 半年检查, action: review, at: [2026-03, 2026-06], when: {flag: yellow}}]' }, months([1, 2, 3, 4, 5, 6]));
    expect(res.map((p) => actions(p))).toEqual([[], [], ['chk:d'], [], [], ['chk:d']]);
  });

  it('8 repeat false: once per streak, again after the streak breaks', () => {
    const res = runAll({ ...S, rules: '[{id: warn, name: 提醒单, action: reminder, repeat: false, when: {flag: yellow}}]' }, months([1, 2, 3, 5, 6]));
    // d yellow Jan–Mar (warned in Jan), c in Apr (warned), d again May–Jun (warned in May)
    expect(res.map((p) => actions(p))).toEqual([['warn:d'], [], [], ['warn:c'], ['warn:d'], []]);
  });

  it('8 the ladder: 提醒单 at the first yellow flag, 督办单 at the second in a row, 约谈 at the third, each once', () => {
    const res = runAll({
      ...S,
      rules: '[{id: warn, name: 提醒单, action: reminder, repeat: false, when: {flag: yellow}},' +
        ' {id: sup, name: 督办单, action: supervision, repeat: false, when: {flag: yellow, consecutive: 2}},' +
        ' {id: talk, name: 约谈, action: interview, repeat: false, when: {flag: yellow, consecutive: 3}}]',
    }, months([1, 2, 3, 4, 5]));
    expect(res.map((p) => actions(p))).toEqual([['warn:d'], ['sup:d'], ['talk:d'], [], [], ['warn:c']]);
  });

  it('8 a period nobody reported is skipped: the streak runs over evaluated periods', () => {
    const data = months([1, 2, 3, 4]).split('\n').filter((l) => !l.includes('2026-02')).join('\n');
    const res = runAll({ ...S, rules: '[{id: sup, name: 督办单, action: supervision, repeat: false, when: {flag: yellow, consecutive: 2}}]' }, data);
    // d: Jan, Mar (2 in a row: Feb is not evaluated), Apr; then c: May, Jun
    expect(res.map((p) => [p.period, actions(p)])).toEqual([['2026-01', []], ['2026-03', ['sup:d']], ['2026-04', []], ['2026-05', []], ['2026-06', ['sup:c']]]);
  });

  it('8 --explain says why a rule fired or did not: 已于 2026-02 发出，本轮未再触发', () => {
    const sp = spec({ ...S, rules: '[{id: warn, name: 提醒单, action: reminder, repeat: false, when: {flag: yellow}}, {id: chk, name: 检查, action: review, at: [2026-06], when: {flag: yellow}}]' });
    const d = dataset(sp, months([2, 3, 4]));
    const apr = evaluate(sp, d, { period: '2026-04', explain: true });
    const rules = unit(apr, 'd').explain?.rules ?? [];
    expect(rules[0]).toMatchObject({ code: 'rule.once' });
    expect(rules[0].zh).toContain('已于 2026-02 发出，本轮未再触发');
    expect(rules[1].code).toBe('rule.not_at');
    const feb = evaluate(sp, d, { period: '2026-02', explain: true });
    expect(unit(feb, 'd').explain?.rules?.[0].code).toBe('rule.fired');
    expect(unit(feb, 'a').explain?.rules?.[0]).toMatchObject({ code: 'rule.not_met' });
  });
});

describe('1.1 texts', () => {
  it('1 description and standard are kept on the model and change no result', () => {
    const sp = spec(parts({
      campaign: '{id: t, name: T, year: 2026, cadence: month, description: 说明}',
      indicators: '[{id: s, name: S, input: score, weight: 100, standard: 每件扣2分, description: 指标说明}]',
      flags: '[{id: r, name: R, award: top, description: 旗说明}]',
      rules: '[{id: m, name: M, action: reminder, when: {missing: true}, description: 规则说明}]',
    }));
    expect(sp.campaign.description).toBe('说明');
    expect(sp.indicators[0]).toMatchObject({ standard: '每件扣2分', description: '指标说明' });
    expect(sp.flags[0].description).toBe('旗说明');
    expect(sp.rules[0].description).toBe('规则说明');
  });
});

describe('1.1 spec errors: every misuse with its path and line', () => {
  const base = (ind: string, extra: Partial<SpecParts> = {}) => parts({ indicators: ind, ...extra });
  it.each([
    ['unknown group in applies_to', base('[{id: x, name: X, input: score, weight: 10, applies_to: [g1, g9]}]'), 'indicators[0].applies_to[1]', 'spec.unknown_id'],
    ['empty applies_to', base('[{id: x, name: X, input: score, weight: 10, applies_to: []}]'), 'indicators[0].applies_to', 'spec.empty'],
    ['weight map without an entry for an applicable unit', base('[{id: x, name: X, input: score, weight: {g1: 10}}]'), 'indicators[0].weight', 'spec.weight_missing'],
    ['weight for a group the indicator does not apply to', base('[{id: x, name: X, input: score, weight: {default: 10, g2: 5}, applies_to: [g1]}]'), 'indicators[0].weight.g2', 'spec.not_applicable_group'],
    ['weight for an unknown group', base('[{id: x, name: X, input: score, weight: {default: 10, g7: 5}}]'), 'indicators[0].weight.g7', 'spec.unknown_id'],
    ['base on a method that has none', base('[{id: x, name: X, input: value, weight: 10, method: rank, base: 3}]'), 'indicators[0].base', 'spec.not_applicable'],
    ['base on a score indicator', base('[{id: x, name: X, input: score, weight: 10, base: 3}]'), 'indicators[0].base', 'spec.not_applicable'],
    ['base not > 0', base('[{id: x, name: X, input: value, weight: 10, method: completion, target: 5, base: 0}]'), 'indicators[0].base', 'spec.range'],
    ['base for a unit the indicator does not apply to', base('[{id: x, name: X, input: value, weight: 10, method: completion, target: 5, base: {default: 3, c: 2}, applies_to: [g1]}]'), 'indicators[0].base.c', 'spec.not_applicable_unit'],
    ['target for a unit the indicator does not apply to', base('[{id: x, name: X, input: value, weight: 10, method: completion, target: {default: 5, d: 2}, applies_to: [g1]}]'), 'indicators[0].target.d', 'spec.not_applicable_unit'],
    ['base missing for an applicable unit', base('[{id: x, name: X, input: value, weight: 10, method: completion, target: 5, base: {a: 1}, applies_to: [g1]}]'), 'indicators[0].base', 'spec.base_missing'],
    ['min above max', base('[{id: x, name: X, input: value, weight: 10, method: best, min: 5, max: 1}]'), 'indicators[0].max', 'spec.range'],
    ['bounds on a score indicator', base('[{id: x, name: X, input: score, weight: 10, max: 1}]'), 'indicators[0].max', 'spec.not_applicable'],
    ['quantity on an event indicator', base('[{id: x, name: X, input: event, effect: veto, quantity: amount}]'), 'indicators[0].quantity', 'spec.not_applicable'],
    ['unknown quantity', base('[{id: x, name: X, input: value, weight: 10, method: best, quantity: level}]'), 'indicators[0].quantity', 'spec.enum'],
    ['whole not a boolean', base('[{id: x, name: X, input: value, weight: 10, method: best, whole: yes}]'), 'indicators[0].whole', 'spec.type'],
    ['flag tie_break naming an unknown indicator', base(S100, { flags: '[{id: r, name: R, award: top, tie_break: [zz]}]' }), 'flags[0].tie_break[0]', 'spec.unknown_id'],
    ['grade count below 1', base(S100, { summary: '{method: latest, grades: [{id: g, name: G, count: 0}]}' }), 'summary.grades[0].count', 'spec.range'],
    ['at naming a period not of the campaign', base(S100, { rules: '[{id: r, name: R, action: a, at: [2026-13], when: {missing: true}}]' }), 'rules[0].at[0]', 'spec.unknown_period'],
    ['at naming a quarter of a monthly campaign', base(S100, { rules: '[{id: r, name: R, action: a, at: [2026-Q2], when: {missing: true}}]' }), 'rules[0].at[0]', 'spec.unknown_period'],
    ['empty at', base(S100, { rules: '[{id: r, name: R, action: a, at: [], when: {missing: true}}]' }), 'rules[0].at', 'spec.empty'],
    ['repeat not a boolean', base(S100, { rules: '[{id: r, name: R, action: a, repeat: once, when: {missing: true}}]' }), 'rules[0].repeat', 'spec.type'],
    ['below_base naming an indicator without a base', base(S100, { rules: '[{id: r, name: R, action: a, when: {below_base: [s]}}]' }), 'rules[0].when.below_base[0]', 'spec.no_base'],
  ])('%s', (_name, p, path, code) => {
    const i = issueAt(specIssues(p), path);
    expect(i.code).toBe(code);
    expect(i.line).toBeGreaterThan(0);
  });

  it('every 1.1 error comes at once, in document order', () => {
    const issues = specIssues(parts({
      indicators: '\n  - {id: x, name: X, input: score, weight: 10, applies_to: [g9]}\n  - {id: y, name: Y, input: value, weight: 10, method: best, quantity: rate, cumulative: false}',
      rules: '[{id: r, name: R, action: a, at: [2026-13], when: {missing: true}}]',
    }));
    expect(issues.map((i) => i.path)).toEqual(['indicators[0].applies_to[0]', 'indicators[1].quantity', 'rules[0].at[0]']);
    expect(issues.map((i) => i.line)).toEqual([6, 7, 8]);
  });

  it('1 a version-1.0 document still parses to the same model (parseSpec of a 1.0 example)', () => {
    expect(parseSpec('version: 1\ncampaign: {id: t, name: T, year: 2026, cadence: month}\ngroups: [{id: g, name: G}]\nunits: [{id: a, name: A, group: g}]\nindicators: [{id: s, name: S, input: score, weight: 10}]\n').ok).toBe(true);
  });
});
