// Contract section 7: the year so far — summary methods, rounding, vetoes, ranks and grades.
import { describe, expect, it } from 'vitest';
import { run, runAll, unit } from './support/campaign.ts';

const UNITS5 =
  '[{id: a, name: 甲, group: g1}, {id: b, name: 乙, group: g1}, {id: c, name: 丙, group: g1}, {id: d, name: 丁, group: g1}, {id: e, name: 戊, group: g1}]';
const S10 = '[{id: s, name: S, input: score, weight: 10}]';
const S_VETO = '[{id: s, name: S, input: score, weight: 100}, {id: v, name: V, input: event, effect: veto}]';

const summaryOf = (res: ReturnType<typeof run>) => Object.fromEntries(res.units.map((u) => [u.unit, u.summary?.score]));
const summaryRank = (res: ReturnType<typeof run>) => Object.fromEntries(res.units.map((u) => [u.unit, u.summary?.rank.all]));
const grades = (res: ReturnType<typeof run>) => Object.fromEntries(res.units.map((u) => [u.unit, u.summary?.grade]));

describe('7 summary', () => {
  it('7 flags: Σ points of flags won + Σ bonus − Σ penalty, over the evaluated periods', () => {
    const s = {
      indicators:
        '[{id: s, name: S, input: score, weight: 10}, {id: hon, name: H, input: event, effect: bonus, points: 1, cap: 2},' +
        ' {id: pen, name: P, input: event, effect: penalty, points: 0.5}, {id: v, name: V, input: event, effect: veto}]',
      flags: '[{id: red, name: R, award: top}, {id: blue, name: B, award: top, scope: all, indicator: s}, {id: yellow, name: Y, award: bottom}]',
      summary: '{method: flags, points: {red: 2, blue: 1}}',
    };
    const d = [
      'a,s,2026-01,9', 'b,s,2026-01,8', 'c,s,2026-01,7', 'b,hon,2026-01,3', 'c,pen,2026-01,1',
      'a,s,2026-02,6', 'b,s,2026-02,8', 'c,s,2026-02,7', 'b,hon,2026-02,1', 'c,pen,2026-02,2',
    ].join('\n');
    const [jan, feb] = runAll(s, d);
    // Jan totals: a 9; b 8 + min(3, 2) = 10; c 7 − 0.5 = 6.5 → red b, yellow c; blue (on s) a (9)
    // Jan summary: a blue 1 = 1; b red 2 + bonus 2 = 4; c −0.5
    expect(summaryOf(jan)).toEqual({ a: 1, b: 4, c: -0.5 });
    // Feb totals: a 6; b 8 + 1 = 9; c 7 − 1 = 6 → red b; yellow a and c (tie); blue b (s 8)
    // Feb summary: a 1 (yellow counts 0); b 2 + 2 + 1 (blue) + bonus 2 + 1 = 8; c −0.5 − 1 = −1.5
    expect(summaryOf(feb)).toEqual({ a: 1, b: 8, c: -1.5 });
    expect(summaryRank(feb)).toEqual({ b: 1, a: 2, c: 3 });
    expect(unit(feb, 'b').summary).toMatchObject({ vetoed: false, rank: { all: 1, group: 1 } });
  });

  const three = [
    'a,s,2026-01,8', 'b,s,2026-01,9', 'c,s,2026-01,1.01',
    'a,s,2026-02,7', 'c,s,2026-02,1.02',
    'a,s,2026-03,6.5', 'b,s,2026-03,7', 'c,s,2026-03,1.02',
  ].join('\n');
  // totals: a 8, 7, 6.5;  b 9, 0 (missing in Feb), 7;  c 1.01, 1.02, 1.02

  it('7 mean: mean of the unit\'s period totals, rounded', () => {
    const r = run({ indicators: S10, summary: '{method: mean}' }, three);
    // a 21.5/3 = 7.1666… → 7.17;  b 16/3 = 5.333… → 5.33;  c 3.05/3 = 1.01666… → 1.02
    expect(summaryOf(r)).toEqual({ a: 7.17, b: 5.33, c: 1.02 });
  });

  it('7 sum: sum of the unit\'s period totals', () => {
    const r = run({ indicators: S10, summary: '{method: sum}' }, three);
    // a 8 + 7 + 6.5 = 21.5;  b 9 + 0 + 7 = 16;  c 1.01 + 1.02 + 1.02 = 3.05
    expect(summaryOf(r)).toEqual({ a: 21.5, b: 16, c: 3.05 });
    expect(summaryRank(r)).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('7 latest: the total of p', () => {
    const r = run({ indicators: S10, summary: '{method: latest}' }, three);
    expect(summaryOf(r)).toEqual({ a: 6.5, b: 7, c: 1.02 });
    expect(summaryRank(r)).toEqual({ b: 1, a: 2, c: 3 });
  });

  it('7 the summary score is rounded half away from zero, like an indicator score', () => {
    const s = {
      indicators:
        '[{id: s, name: S, input: score, weight: 10}, {id: p1, name: P1, input: event, effect: penalty, points: 2.67},' +
        ' {id: p2, name: P2, input: event, effect: penalty, points: 0.01}]',
      summary: '{method: mean}',
    };
    // a: (2.67 + 2.68)/2 = 2.675 → 2.68;  b: (−2.67 + −2.68)/2 = −2.675 → −2.68
    const r = run(s, 'a,s,2026-01,2.67\na,s,2026-02,2.68\nb,p1,2026-01,1\nb,p1,2026-02,1\nb,p2,2026-02,1');
    expect(unit(r, 'b').total).toBe(-2.68);
    expect(summaryOf(r)).toMatchObject({ a: 2.68, b: -2.68 });
  });

  it('7 grades compare the rounded summary score', () => {
    const s = { indicators: S10, summary: '{method: mean, grades: [{id: pass, name: 合格, min_total: 6}, {id: fail, name: 不合格}]}' };
    // a: (5.99 + 6)/2 = 5.995 → 6.00 ≥ 6 → pass (the unrounded 5.995 would fail);  b: (5.98 + 6)/2 = 5.99 → fail
    const r = run(s, 'a,s,2026-01,5.99\na,s,2026-02,6\nb,s,2026-01,5.98\nb,s,2026-02,6');
    expect(summaryOf(r)).toMatchObject({ a: 6, b: 5.99 });
    expect(grades(r)).toMatchObject({ a: 'pass', b: 'fail' });
  });

  it('7 grades: share uses floor(share × units)', () => {
    const g = (share: string) => ({
      units: UNITS5,
      indicators: S10,
      summary: `{method: latest, grades: [{id: ex, name: 优秀, share: ${share}}, {id: good, name: 良好, min_total: 5}, {id: rest, name: 一般}]}`,
    });
    const d = 'a,s,2026-01,9\nb,s,2026-01,8\nc,s,2026-01,5\nd,s,2026-01,4.99\ne,s,2026-01,1';
    // 0.3 × 5 = 1.5 → 1: only rank 1 (a) is excellent; b 8 ≥ 5, c 5 ≥ 5 good; d 4.99, e 1 rest
    expect(grades(run(g('0.3'), d))).toEqual({ a: 'ex', b: 'good', c: 'good', d: 'rest', e: 'rest' });
    // 0.4 × 5 = 2 → a, b
    expect(grades(run(g('0.4'), d))).toEqual({ a: 'ex', b: 'ex', c: 'good', d: 'rest', e: 'rest' });
    // 0.19 × 5 = 0.95 → 0: nobody is excellent
    expect(grades(run(g('0.19'), d))).toEqual({ a: 'good', b: 'good', c: 'good', d: 'rest', e: 'rest' });
    // a tie at rank 1 with floor 1: both rank 1 ≤ 1
    expect(grades(run(g('0.3'), d.replace('b,s,2026-01,8', 'b,s,2026-01,9')))).toMatchObject({ a: 'ex', b: 'ex', c: 'good' });
  });

  it('7 vetoed takes the last grade; vetoed in any period is vetoed in the summary', () => {
    const s = {
      indicators: S_VETO,
      summary: '{method: latest, grades: [{id: ex, name: 优秀, share: 1}, {id: mid, name: 中, min_total: 0}, {id: last, name: 末}]}',
    };
    const r = run(s, 'a,s,2026-01,90\nb,s,2026-01,50\nc,s,2026-01,30\na,v,2026-01,1\na,s,2026-02,90\nb,s,2026-02,50\nc,s,2026-02,30');
    // February: a is not vetoed for the period, but was in January → vetoed in the summary
    expect(unit(r, 'a').vetoed).toBe(false);
    expect(unit(r, 'a').rank.all).toBe(1);
    expect(unit(r, 'a').summary).toMatchObject({ score: 90, vetoed: true, grade: 'last' });
    // summary ranks: vetoed last → b 1, c 2, a 3; share 1 × 3 = 3 → b, c excellent
    expect(summaryRank(r)).toEqual({ a: 3, b: 1, c: 2 });
    expect(grades(r)).toEqual({ a: 'last', b: 'ex', c: 'ex' });
  });

  it('7 summary ranks ignore tie_break: equal scores share a rank', () => {
    const s = {
      campaign: '{id: t, name: T, year: 2026, cadence: month, tie_break: [x]}',
      units: '[{id: a, name: 甲, group: g1}, {id: b, name: 乙, group: g1}, {id: c, name: 丙, group: g1}]',
      indicators: '[{id: x, name: X, input: score, weight: 10}, {id: y, name: Y, input: score, weight: 10}]',
      summary: '{method: latest}',
    };
    // a 5 + 5 = 10, b 6 + 4 = 10, c 1: period ranks b 1 (x 6 > 5), a 2; summary both 10 → rank 1, c 3
    const r = run(s, 'a,x,2026-01,5\na,y,2026-01,5\nb,x,2026-01,6\nb,y,2026-01,4\nc,x,2026-01,1');
    expect(unit(r, 'b').rank.all).toBe(1);
    expect(unit(r, 'a').rank.all).toBe(2);
    expect(summaryRank(r)).toEqual({ a: 1, b: 1, c: 3 });
    expect(unit(r, 'a').summary?.rank.group).toBe(1);
  });

  it('7 summary ranks follow the campaign ranking (dense)', () => {
    const s = {
      campaign: '{id: t, name: T, year: 2026, cadence: month, ranking: dense}',
      indicators: S10,
      summary: '{method: sum}',
    };
    // sums a 10, b 10, c 4 → dense 1, 1, 2
    const r = run(s, 'a,s,2026-01,5\na,s,2026-02,5\nb,s,2026-01,4\nb,s,2026-02,6\nc,s,2026-01,2\nc,s,2026-02,2');
    expect(summaryRank(r)).toEqual({ a: 1, b: 1, c: 2 });
  });
});
