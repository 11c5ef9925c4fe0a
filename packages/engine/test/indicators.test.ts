// Contract section 3: the figure a value indicator scores, the five methods, the other inputs,
// missing data. Every expected number is worked out by hand in the comment beside it.
import { describe, expect, it } from 'vitest';
import { CAMPAIGN, TWO_GROUPS, UNITS_AB_CD, UNITS_ABCD, evt, run, scores, totals, unit, val } from './support/campaign.ts';

const completion = (extra: string) => `[{id: x, name: X, input: value, weight: 20, method: completion, target: 8${extra}}]`;

describe('3.1 the figure a value indicator scores: ytd', () => {
  const ind = (cum: string) => `[{id: x, name: X, input: value, weight: 10, method: completion, target: 10${cum}}]`;
  const data = `
    a,x,2026-01,3
    b,x,2026-01,4
    a,x,2026-02,5
    b,x,2026-02,6`;

  it('3.1 cumulative true (default) scores the figure reported for p', () => {
    const r = run({ indicators: ind('') }, data, { period: '2026-02' });
    // a: ytd = 5, r = 5/10 = 0.5, s = 10 × 0.5 = 5;  b: ytd = 6, s = 6
    expect(val(r, 'a', 'x')).toMatchObject({ value: 5, ytd: 5, ratio: 0.5, score: 5 });
    expect(val(r, 'b', 'x')).toMatchObject({ value: 6, ytd: 6, ratio: 0.6, score: 6 });
  });

  it('3.1 cumulative false sums the year so far', () => {
    const r = run({ indicators: ind(', cumulative: false') }, data, { period: '2026-02' });
    // a: ytd = 3 + 5 = 8, r = 0.8, s = 8;  b: ytd = 4 + 6 = 10, r = 1, s = 10; value stays the figure of p
    expect(val(r, 'a', 'x')).toMatchObject({ value: 5, ytd: 8, ratio: 0.8, score: 8 });
    expect(val(r, 'b', 'x')).toMatchObject({ value: 6, ytd: 10, ratio: 1, score: 10 });
  });

  it('3.1 cumulative false: a unit that reported nothing for p is missing, even with earlier figures', () => {
    const s = { indicators: ind(', cumulative: false') };
    const d = `
      a,x,2026-01,3
      b,x,2026-01,4
      b,x,2026-02,6
      a,x,2026-03,2
      b,x,2026-03,1`;
    const feb = run(s, d, { period: '2026-02' });
    expect(val(feb, 'a', 'x')).toMatchObject({ value: null, ytd: null, score: 0, missing: true });
    const mar = run(s, d, { period: '2026-03' });
    // a: ytd = 3 + 2 = 5 (every figure of the year up to p), r = 0.5, s = 5
    // b: ytd = 4 + 6 + 1 = 11, r = 1.1, clamp to cap 1 → s = 10
    expect(val(mar, 'a', 'x')).toMatchObject({ value: 2, ytd: 5, score: 5, missing: false });
    expect(val(mar, 'b', 'x')).toMatchObject({ value: 1, ytd: 11, ratio: 1.1, score: 10 });
  });
});

describe('3.2 completion', () => {
  it('3.2 completion higher: r = ytd / target, s = weight × clamp(r, 0, cap), cap default 1', () => {
    const r = run({ indicators: completion('') }, 'a,x,2026-01,6\nb,x,2026-01,10\nc,x,2026-01,-2');
    // a: r = 6/8 = 0.75, s = 20 × 0.75 = 15
    // b: r = 10/8 = 1.25, clamp to 1 → s = 20; ratio shows r itself
    // c: r = -2/8 = -0.25, clamp to 0 → s = 0
    expect(val(r, 'a', 'x')).toMatchObject({ ratio: 0.75, score: 15, target: 8 });
    expect(val(r, 'b', 'x')).toMatchObject({ ratio: 1.25, score: 20 });
    expect(val(r, 'c', 'x')).toMatchObject({ ratio: -0.25, score: 0 });
  });

  it('3.2 completion: cap is the highest ratio that earns points', () => {
    const r = run({ indicators: completion(', cap: 1.2') }, 'a,x,2026-01,12\nb,x,2026-01,9\nc,x,2026-01,8.8');
    // a: r = 12/8 = 1.5 → 1.2, s = 20 × 1.2 = 24;  b: r = 9/8 = 1.125, s = 22.5;  c: r = 1.1, s = 22
    expect(scores(r, 'x')).toEqual({ a: 24, b: 22.5, c: 22 });
    expect(val(r, 'a', 'x').ratio).toBe(1.5);
  });

  it('3.2 completion lower: r = target / ytd; ytd ≤ 0 gives r = cap', () => {
    const ind = '[{id: x, name: X, input: value, weight: 10, method: completion, direction: lower, target: 4, cap: 1.5}]';
    const d = 'a,x,2026-01,5\nb,x,2026-01,2\nc,x,2026-01,0\na,x,2026-02,5\nb,x,2026-02,2\nc,x,2026-02,-1';
    const jan = run({ indicators: ind }, d, { period: '2026-01' });
    // a: r = 4/5 = 0.8, s = 8;  b: r = 4/2 = 2 → cap 1.5, s = 15;  c: ytd 0 → r = cap = 1.5, s = 15
    expect(val(jan, 'a', 'x')).toMatchObject({ ratio: 0.8, score: 8 });
    expect(val(jan, 'b', 'x')).toMatchObject({ ratio: 2, score: 15 });
    expect(val(jan, 'c', 'x')).toMatchObject({ ratio: 1.5, score: 15 });
    const feb = run({ indicators: ind }, d, { period: '2026-02' });
    // c: ytd −1 ≤ 0 → r = cap = 1.5, s = 15 (not 4/−1 = −4 → 0)
    expect(val(feb, 'c', 'x')).toMatchObject({ ratio: 1.5, score: 15 });
  });

  it('3.2 completion: a per-unit target overrides the default', () => {
    const ind = '[{id: x, name: X, input: value, weight: 10, method: completion, target: {default: 10, b: 20}}]';
    const r = run({ indicators: ind }, 'a,x,2026-01,5\nb,x,2026-01,5\nc,x,2026-01,5');
    // a, c: 5/10 = 0.5 → 5;  b: 5/20 = 0.25 → 2.5
    expect(val(r, 'a', 'x')).toMatchObject({ target: 10, ratio: 0.5, score: 5 });
    expect(val(r, 'b', 'x')).toMatchObject({ target: 20, ratio: 0.25, score: 2.5 });
    expect(val(r, 'c', 'x')).toMatchObject({ target: 10, score: 5 });
  });
});

describe('3.2 schedule', () => {
  const sched = (extra = '', weight = 30) => `[{id: x, name: X, input: value, weight: ${weight}, method: schedule, target: 12${extra}}]`;

  it('3.2 schedule: r = ytd / (target × elapsed), capped', () => {
    // period 2026-03: elapsed = 3/12, expected = 12 × 3/12 = 3 (data only in March: elapsed is the calendar's)
    const r = run({ indicators: sched() }, 'a,x,2026-03,2.4\nb,x,2026-03,3\nc,x,2026-03,3.6');
    // a: r = 2.4/3 = 0.8, s = 30 × 0.8 = 24, behind;  b: r = 1, s = 30, ahead (r ≥ 1)
    // c: r = 3.6/3 = 1.2 → cap 1, s = 30, ahead
    expect(val(r, 'a', 'x')).toMatchObject({ target: 12, expected: 3, ratio: 0.8, score: 24, ahead: false });
    expect(val(r, 'b', 'x')).toMatchObject({ expected: 3, ratio: 1, score: 30, ahead: true });
    expect(val(r, 'c', 'x')).toMatchObject({ expected: 3, ratio: 1.2, score: 30, ahead: true });
  });

  it('3.2 schedule: cap above 1 earns points up to cap', () => {
    const r = run({ indicators: sched(', cap: 1.2') }, 'a,x,2026-03,4.5\nb,x,2026-03,3.3\nc,x,2026-03,1');
    // a: r = 4.5/3 = 1.5 → 1.2, s = 36;  b: r = 3.3/3 = 1.1, s = 33
    // c: r = 1/3 = 0.33333…, ratio shown 0.3333, s = 30/3 = 10
    expect(val(r, 'a', 'x')).toMatchObject({ ratio: 1.5, score: 36 });
    expect(val(r, 'b', 'x')).toMatchObject({ ratio: 1.1, score: 33 });
    expect(val(r, 'c', 'x')).toMatchObject({ ratio: 0.3333, score: 10, ahead: false });
  });

  it('3.2 schedule: expected and ratio are shown rounded to 4 decimals, the score uses exact r', () => {
    const ind = '[{id: x, name: X, input: value, weight: 10, method: schedule, target: 7}]';
    const r = run({ indicators: ind }, 'a,x,2026-01,0.5\nb,x,2026-01,0.7\nc,x,2026-01,0.35');
    // expected = 7 × 1/12 = 0.583333… → 0.5833
    // a: r = 0.5 × 12/7 = 6/7 = 0.857142… → 0.8571; s = 10 × 6/7 = 8.571428… → 8.57
    // b: r = 0.7 × 12/7 = 1.2, s = 10;  c: r = 0.35 × 12/7 = 0.6, s = 6
    expect(val(r, 'a', 'x')).toMatchObject({ expected: 0.5833, ratio: 0.8571, score: 8.57, ahead: false });
    expect(val(r, 'b', 'x')).toMatchObject({ ratio: 1.2, score: 10, ahead: true });
    expect(val(r, 'c', 'x')).toMatchObject({ ratio: 0.6, score: 6 });
  });

  it.each([
    // cadence, period, elapsed, expected = 8 × elapsed, r = 3/expected, s = 20 × min(r, 1)
    ['quarter', '2026-Q2', '2/4', 4, 0.75, 15],
    ['half', '2026-H1', '1/2', 4, 0.75, 15],
    ['year', '2026', '1', 8, 0.375, 7.5],
    ['month', '2026-06', '6/12', 4, 0.75, 15],
  ])('3.2 schedule / 2 elapsed by cadence: %s %s elapsed %s', (cadence, period, _elapsed, expected, ratio, score) => {
    const s = {
      campaign: `{id: t, name: T, year: 2026, cadence: ${cadence}}`,
      indicators: '[{id: x, name: X, input: value, weight: 20, method: schedule, target: 8}]',
    };
    const r = run(s, `a,x,${period},3`);
    expect(r.period).toBe(period);
    expect(val(r, 'a', 'x')).toMatchObject({ expected, ratio, score });
  });

  it('3.2 schedule lower: r = expected / ytd, capped', () => {
    const ind = '[{id: x, name: X, input: value, weight: 10, method: schedule, direction: lower, target: 12, cap: 1.2}]';
    // 2026-06: expected = 12 × 6/12 = 6
    const r = run({ indicators: ind }, 'a,x,2026-06,4\nb,x,2026-06,8', { period: '2026-06' });
    // a: r = 6/4 = 1.5 → cap 1.2, s = 12, ahead;  b: r = 6/8 = 0.75, s = 7.5, behind
    expect(val(r, 'a', 'x')).toMatchObject({ expected: 6, ratio: 1.5, score: 12, ahead: true });
    expect(val(r, 'b', 'x')).toMatchObject({ ratio: 0.75, score: 7.5, ahead: false });
  });

  it('3.2 schedule lower: ytd ≤ 0 gives r = cap', () => {
    const ind = '[{id: x, name: X, input: value, weight: 10, method: schedule, direction: lower, target: 12, cap: 1.2}]';
    const r = run({ indicators: ind }, 'a,x,2026-06,0\nb,x,2026-06,-3');
    // a: ytd 0 → r = 1.2, s = 12, ahead (1.2 ≥ 1);  b: ytd −3 → r = 1.2, s = 12
    expect(val(r, 'a', 'x')).toMatchObject({ ratio: 1.2, score: 12, ahead: true });
    expect(val(r, 'b', 'x')).toMatchObject({ ratio: 1.2, score: 12, ahead: true });
  });
});

describe('3.2 best', () => {
  const best = (extra = '', weight = 30) => `[{id: x, name: X, input: value, weight: ${weight}, method: best${extra}}]`;

  it('3.2 best: s = weight × max(ytd, 0) / m, m the largest ytd in the scope', () => {
    const r = run({ indicators: best() }, 'a,x,2026-01,4\nb,x,2026-01,2\nc,x,2026-01,-1');
    // m = 4: a = 30 × 4/4 = 30; b = 30 × 2/4 = 15; c = 30 × max(−1, 0)/4 = 0
    expect(scores(r, 'x')).toEqual({ a: 30, b: 15, c: 0 });
    expect(val(r, 'a', 'x').ratio).toBeUndefined();
    expect(val(r, 'a', 'x').target).toBeUndefined();
  });

  it('3.2 best: scores are rounded to precision', () => {
    const r = run({ indicators: best('', 10) }, 'a,x,2026-01,3\nb,x,2026-01,2\nc,x,2026-01,1');
    // m = 3: b = 10 × 2/3 = 6.666… → 6.67; c = 10/3 = 3.333… → 3.33
    expect(scores(r, 'x')).toEqual({ a: 10, b: 6.67, c: 3.33 });
  });

  it('3.2 best: m ≤ 0 gives 0', () => {
    const r = run({ indicators: best() }, 'a,x,2026-01,0\nb,x,2026-01,-2\nc,x,2026-01,-1');
    // m = 0 → every score is 0
    expect(scores(r, 'x')).toEqual({ a: 0, b: 0, c: 0 });
    const neg = run({ indicators: best() }, 'a,x,2026-01,-3\nb,x,2026-01,-2\nc,x,2026-01,-1');
    // m = −1 < 0 → 0
    expect(scores(neg, 'x')).toEqual({ a: 0, b: 0, c: 0 });
  });

  it('3.2 best: scope group (default) compares within the group, scope all over every unit', () => {
    const d = 'a,x,2026-01,4\nb,x,2026-01,2\nc,x,2026-01,8\nd,x,2026-01,1';
    const g = run({ groups: TWO_GROUPS, units: UNITS_AB_CD, indicators: best('', 10) }, d);
    // g1: m = 4 → a 10, b 5;  g2: m = 8 → c 10, d 10 × 1/8 = 1.25
    expect(scores(g, 'x')).toEqual({ a: 10, b: 5, c: 10, d: 1.25 });
    const all = run({ groups: TWO_GROUPS, units: UNITS_AB_CD, indicators: best(', scope: all', 10) }, d);
    // m = 8: a 5, b 2.5, c 10, d 1.25
    expect(scores(all, 'x')).toEqual({ a: 5, b: 2.5, c: 10, d: 1.25 });
  });

  it('3.2 best: missing units take no part in m', () => {
    const r = run({ indicators: best('', 10) }, 'a,x,2026-01,2\nb,x,2026-01,1\nc,x,2026-02,100', { period: '2026-01' });
    // c reported nothing for 2026-01 → missing; m = 2: a 10, b 5, c 0
    expect(scores(r, 'x')).toEqual({ a: 10, b: 5, c: 0 });
    expect(val(r, 'c', 'x').missing).toBe(true);
  });

  it('3.2 best with cumulative false scores the sum', () => {
    const r = run({ indicators: best(', cumulative: false', 10) }, 'a,x,2026-01,1\nb,x,2026-01,4\na,x,2026-02,5\nb,x,2026-02,1');
    // ytd: a = 1 + 5 = 6, b = 4 + 1 = 5; m = 6: a 10, b 10 × 5/6 = 8.333… → 8.33
    expect(scores(r, 'x')).toMatchObject({ a: 10, b: 8.33 });
  });
});

describe('3.2 range', () => {
  const range = (extra = '', weight = 20) => `[{id: x, name: X, input: value, weight: ${weight}, method: range${extra}}]`;
  const d = 'a,x,2026-01,10\nb,x,2026-01,7\nc,x,2026-01,4';

  it('3.2 range higher: s = weight × (ytd − lo)/(hi − lo)', () => {
    // lo = 4, hi = 10: a = 20 × 6/6 = 20; b = 20 × 3/6 = 10; c = 0
    expect(scores(run({ indicators: range() }, d), 'x')).toEqual({ a: 20, b: 10, c: 0 });
  });

  it('3.2 range lower: s = weight × (hi − ytd)/(hi − lo)', () => {
    // a = 20 × 0/6 = 0; b = 20 × 3/6 = 10; c = 20 × 6/6 = 20
    expect(scores(run({ indicators: range(', direction: lower') }, d), 'x')).toEqual({ a: 0, b: 10, c: 20 });
  });

  it('3.2 range: hi = lo gives full weight', () => {
    expect(scores(run({ indicators: range() }, 'a,x,2026-01,5\nb,x,2026-01,5\nc,x,2026-01,5'), 'x')).toEqual({ a: 20, b: 20, c: 20 });
    // a single unit not missing: lo = hi = its figure → weight
    const one = run({ indicators: range() }, 'a,x,2026-01,-7');
    expect(val(one, 'a', 'x').score).toBe(20);
    expect(val(one, 'b', 'x')).toMatchObject({ score: 0, missing: true });
  });

  it('3.2 range: rounded to precision', () => {
    const r = run({ indicators: range('', 10) }, 'a,x,2026-01,10\nb,x,2026-01,8\nc,x,2026-01,7');
    // lo 7, hi 10: b = 10 × 1/3 = 3.333… → 3.33
    expect(scores(r, 'x')).toEqual({ a: 10, b: 3.33, c: 0 });
  });

  it('3.2 range: missing units take no part in lo and hi; scope all spans groups', () => {
    const s = { groups: TWO_GROUPS, units: UNITS_AB_CD, indicators: range(', scope: all') };
    const r = run(s, 'a,x,2026-01,10\nb,x,2026-01,2\nc,x,2026-01,4');
    // d missing; lo = 2, hi = 10 over a, b, c: a 20, b 0, c = 20 × 2/8 = 5
    expect(scores(r, 'x')).toEqual({ a: 20, b: 0, c: 5, d: 0 });
  });
});

describe('3.2 rank', () => {
  const rank = (extra = '', campaign = CAMPAIGN) => ({
    campaign,
    units: UNITS_ABCD,
    indicators: `[{id: x, name: X, input: value, weight: 20, method: rank${extra}}]`,
  });
  const tie = 'a,x,2026-01,5\nb,x,2026-01,5\nc,x,2026-01,3\nd,x,2026-01,1';

  it('3.2 rank: s = max(0, weight − step × (rank − 1)), step = weight / n, competition ranks', () => {
    // ranks by ytd 5, 5, 3, 1 → 1, 1, 3, 4; step = 20/4 = 5 → 20, 20, 10, 5
    expect(scores(run(rank(), tie), 'x')).toEqual({ a: 20, b: 20, c: 10, d: 5 });
  });

  it('3.2 rank: dense ranking changes places', () => {
    const dense = '{id: t, name: T, year: 2026, cadence: month, ranking: dense}';
    // dense ranks 1, 1, 2, 3; step = 5 → 20, 20, 15, 10
    expect(scores(run(rank('', dense), tie), 'x')).toEqual({ a: 20, b: 20, c: 15, d: 10 });
  });

  it('3.2 rank: explicit step, never below 0', () => {
    const r = run(rank(', step: 8'), 'a,x,2026-01,4\nb,x,2026-01,3\nc,x,2026-01,2\nd,x,2026-01,1');
    // 20 − 8×0 = 20; 20 − 8 = 12; 20 − 16 = 4; max(0, 20 − 24) = 0
    expect(scores(r, 'x')).toEqual({ a: 20, b: 12, c: 4, d: 0 });
  });

  it('3.2 rank: direction lower ranks the smallest figure first', () => {
    const r = run(rank(', direction: lower'), 'a,x,2026-01,4\nb,x,2026-01,3\nc,x,2026-01,2\nd,x,2026-01,1');
    // d rank 1 → 20, c 2 → 15, b 3 → 10, a 4 → 5
    expect(scores(r, 'x')).toEqual({ a: 5, b: 10, c: 15, d: 20 });
  });

  it('3.2 rank: n counts only units that are not missing', () => {
    const s = { units: UNITS_ABCD, indicators: '[{id: x, name: X, input: value, weight: 30, method: rank}]' };
    const r = run(s, 'a,x,2026-01,3\nb,x,2026-01,2\nc,x,2026-01,1');
    // d missing; n = 3, step = 10 → 30, 20, 10; d 0
    expect(scores(r, 'x')).toEqual({ a: 30, b: 20, c: 10, d: 0 });
    expect(val(r, 'd', 'x').missing).toBe(true);
  });

  it('3.2 rank: step = weight / n is exact thirds, rounded at the end', () => {
    const s = { indicators: '[{id: x, name: X, input: value, weight: 10, method: rank}]' };
    const r = run(s, 'a,x,2026-01,3\nb,x,2026-01,2\nc,x,2026-01,1');
    // step = 10/3: b = 10 − 10/3 = 6.666… → 6.67; c = 10 − 20/3 = 3.333… → 3.33
    expect(scores(r, 'x')).toEqual({ a: 10, b: 6.67, c: 3.33 });
  });

  it('3.2 rank: scope group ranks within each group', () => {
    const s = { groups: TWO_GROUPS, units: UNITS_AB_CD, indicators: '[{id: x, name: X, input: value, weight: 10, method: rank}]' };
    const r = run(s, 'a,x,2026-01,1\nb,x,2026-01,2\nc,x,2026-01,30\nd,x,2026-01,40');
    // g1: b 1st → 10, a 2nd → 10 − 5 = 5 (n = 2, step 5); g2: d 10, c 5
    expect(scores(r, 'x')).toEqual({ a: 5, b: 10, c: 5, d: 10 });
  });
});

describe('3.3 other inputs', () => {
  it('3.3 score: the reported points are the score, not accumulated', () => {
    const s = { indicators: '[{id: s, name: S, input: score, weight: 10}]' };
    const r = run(s, 'a,s,2026-01,8\nb,s,2026-01,6\na,s,2026-02,7\nb,s,2026-02,9.5');
    // February: a = 7 (not 8 + 7), b = 9.5; c reported nothing → 0, missing
    expect(val(r, 'a', 's')).toMatchObject({ value: 7, score: 7, missing: false });
    expect(val(r, 'b', 's')).toMatchObject({ value: 9.5, score: 9.5 });
    expect(val(r, 'c', 's')).toMatchObject({ value: null, score: 0, missing: true });
  });

  const events =
    '[{id: s, name: S, input: score, weight: 10}, {id: hon, name: 荣誉, input: event, effect: bonus, points: 1, cap: 2},' +
    ' {id: pen, name: 事故, input: event, effect: penalty, points: 5, cap: 10}, {id: v, name: 否决, input: event, effect: veto}]';

  it('3.3 bonus adds points per event, penalty subtracts; no report means 0 events', () => {
    const r = run({ indicators: events }, 'a,s,2026-01,5\nb,s,2026-01,5\nc,s,2026-01,5\na,hon,2026-01,1\nb,pen,2026-01,1');
    // a: bonus 1 × 1 = 1 → total 5 + 1 = 6;  b: penalty 1 × 5 → −5, total 0;  c: no events → 0
    expect(evt(r, 'a', 'hon')).toEqual({ events: 1, score: 1 });
    expect(evt(r, 'b', 'pen')).toEqual({ events: 1, score: -5 });
    expect(evt(r, 'c', 'hon')).toEqual({ events: 0, score: 0 });
    expect(evt(r, 'c', 'pen')).toEqual({ events: 0, score: 0 });
    expect(unit(r, 'a').total).toBe(6);
    expect(unit(r, 'b').total).toBe(0);
  });

  it('3.3 event cap bounds one period', () => {
    const d = 'a,s,2026-01,5\na,hon,2026-01,3\nb,pen,2026-01,3\na,s,2026-02,5\na,hon,2026-02,1\nb,pen,2026-02,1';
    const jan = run({ indicators: events }, d, { period: '2026-01' });
    // a: 3 × 1 = 3, cap 2 → 2;  b: 3 × 5 = 15, cap 10 → −10
    expect(evt(jan, 'a', 'hon')).toEqual({ events: 3, score: 2 });
    expect(evt(jan, 'b', 'pen')).toEqual({ events: 3, score: -10 });
    expect(unit(jan, 'b').total).toBe(-10);
    const feb = run({ indicators: events }, d, { period: '2026-02' });
    // the cap is per period, not per year: February a = 1, b = −5
    expect(evt(feb, 'a', 'hon')).toEqual({ events: 1, score: 1 });
    expect(evt(feb, 'b', 'pen')).toEqual({ events: 1, score: -5 });
  });

  it('3.3 veto: one event or more makes the unit vetoed for p (only for p)', () => {
    const d = 'a,s,2026-01,9\nb,s,2026-01,5\nc,s,2026-01,1\na,v,2026-01,2\na,s,2026-02,9\nb,s,2026-02,5\nc,s,2026-02,1\nb,v,2026-02,1';
    const jan = run({ indicators: events }, d, { period: '2026-01' });
    expect(unit(jan, 'a').vetoed).toBe(true);
    expect(evt(jan, 'a', 'v').events).toBe(2);
    expect(unit(jan, 'b').vetoed).toBe(false);
    const feb = run({ indicators: events }, d, { period: '2026-02' });
    expect(unit(feb, 'a').vetoed).toBe(false);
    expect(unit(feb, 'b').vetoed).toBe(true);
    // a veto adds or subtracts nothing: totals stay 9, 5, 1
    expect(unit(feb, 'b').total).toBe(5);
  });
});

describe('3.4 missing data', () => {
  it('3.4 missing scores 0 and has null value and ytd', () => {
    const s = {
      indicators:
        '[{id: x, name: X, input: value, weight: 10, method: schedule, target: 12}, {id: y, name: Y, input: value, weight: 10, method: completion, target: 5},' +
        ' {id: z, name: Z, input: value, weight: 10, method: best}, {id: s, name: S, input: score, weight: 10}]',
    };
    const r = run(s, 'b,x,2026-01,1\nb,y,2026-01,1\nb,z,2026-01,1\nb,s,2026-01,1');
    for (const id of ['x', 'y', 'z']) {
      const m = val(r, 'a', id);
      expect(m).toMatchObject({ value: null, ytd: null, score: 0, missing: true });
      expect(m).not.toHaveProperty('ratio');
      expect(m).not.toHaveProperty('ahead');
    }
    // a missing figure keeps its target (and expected for schedule): 12 × 1/12 = 1
    expect(val(r, 'a', 'x')).toMatchObject({ target: 12, expected: 1 });
    expect(val(r, 'a', 'y')).toMatchObject({ target: 5 });
    expect(val(r, 'a', 's')).toMatchObject({ value: null, score: 0, missing: true });
    expect(val(r, 'a', 's').ytd ?? null).toBeNull();
    expect(unit(r, 'a').total).toBe(0);
  });

  it('3.4 a unit with no row at all is still listed, all missing', () => {
    const r = run({ indicators: '[{id: s, name: S, input: score, weight: 10}]' }, 'a,s,2026-01,1');
    expect(r.units.map((u) => u.unit).sort()).toEqual(['a', 'b', 'c']);
    expect(val(r, 'c', 's').missing).toBe(true);
  });
});

describe('3.5 exactness and rounding', () => {
  const score = (precision?: number) => ({
    campaign: precision === undefined ? CAMPAIGN : `{id: t, name: T, year: 2026, cadence: month, precision: ${precision}}`,
    indicators: '[{id: s, name: S, input: score, weight: 10}]',
  });

  it('3.5 half away from zero: 2.675 → 2.68 and −x', () => {
    // 2.675 as a double is 2.67499999…; exact decimal rounding gives 2.68. 1.005 → 1.01 likewise.
    expect(scores(run(score(), 'a,s,2026-01,2.675\nb,s,2026-01,1.005\nc,s,2026-01,0.125'), 's')).toEqual({ a: 2.68, b: 1.01, c: 0.13 });
    const pen = {
      indicators:
        '[{id: p1, name: P1, input: event, effect: penalty, points: 0.125}, {id: p2, name: P2, input: event, effect: penalty, points: 1.005},' +
        ' {id: b1, name: B1, input: event, effect: bonus, points: 2.675}]',
    };
    const r = run(pen, 'a,p1,2026-01,1\nb,p2,2026-01,1\nc,b1,2026-01,1');
    // −0.125 → −0.13 (away from zero, not −0.12); −1.005 → −1.01; +2.675 → 2.68
    expect(evt(r, 'a', 'p1').score).toBe(-0.13);
    expect(evt(r, 'b', 'p2').score).toBe(-1.01);
    expect(evt(r, 'c', 'b1').score).toBe(2.68);
    expect(totals(r)).toEqual({ a: -0.13, b: -1.01, c: 2.68 });
  });

  it.each([
    [0, '2.5', 3],
    [0, '3.5', 4],
    [1, '0.35', 0.4],
    [1, '0.25', 0.3],
    [3, '1.0005', 1.001],
    [4, '1.00005', 1.0001],
    [4, '9.99995', 10],
  ])('3.5 precision %i: %s → %d', (p, figure, expected) => {
    expect(val(run(score(p), `a,s,2026-01,${figure}`), 'a', 's').score).toBe(expected);
  });

  it('3.5 a total is the exact sum of its rounded scores', () => {
    const s = { indicators: '[{id: x, name: X, input: score, weight: 10}, {id: y, name: Y, input: score, weight: 10}]' };
    const r = run(s, 'a,x,2026-01,1.005\na,y,2026-01,1.005\nb,x,2026-01,0.1\nb,y,2026-01,0.2');
    // a: 1.01 + 1.01 = 2.02 (rounding the true sum 2.01 would give 2.01)
    // b: 0.1 + 0.2 = 0.3 exactly (a double sum would be 0.30000000000000004)
    expect(unit(r, 'a').total).toBe(2.02);
    expect(unit(r, 'b').total).toBe(0.3);
  });

  it('3.5 0.1+0.2 style: equal true scores tie', () => {
    const s = {
      units: '[{id: a, name: 甲, group: g1}, {id: b, name: 乙, group: g1}, {id: c, name: 丙, group: g1}]',
      indicators: '[{id: x, name: X, input: score, weight: 10}, {id: y, name: Y, input: score, weight: 10}, {id: z, name: Z, input: score, weight: 10}]',
      flags: '[{id: red, name: 红旗, award: top}]',
    };
    // a: 0.1 + 0.2 = 0.3; b: 0.3 + 0 = 0.3; c: 0.15 + 0.15 = 0.3 — three equal totals
    const r = run(s, 'a,x,2026-01,0.1\na,y,2026-01,0.2\na,z,2026-01,0\nb,x,2026-01,0.3\nb,y,2026-01,0\nb,z,2026-01,0\nc,x,2026-01,0.15\nc,y,2026-01,0.15\nc,z,2026-01,0');
    expect(totals(r)).toEqual({ a: 0.3, b: 0.3, c: 0.3 });
    expect(r.units.map((u) => u.rank.all)).toEqual([1, 1, 1]);
    expect(r.units.map((u) => u.unit)).toEqual(['a', 'b', 'c']);
    expect(r.flags[0].holders).toEqual(['a', 'b', 'c']);
  });

  it('3.5 ratios computed from decimals tie exactly: 0.3/0.9 and 0.1/0.3 are both 1/3', () => {
    const s = { indicators: '[{id: x, name: X, input: value, weight: 30, method: completion, target: {default: 0.9, b: 0.3, c: 0.6}}]' };
    const r = run(s, 'a,x,2026-01,0.3\nb,x,2026-01,0.1\nc,x,2026-01,0.2');
    // every r = 1/3 exactly, s = 30 × 1/3 = 10; ranks on x all 1
    expect(scores(r, 'x')).toEqual({ a: 10, b: 10, c: 10 });
    expect(r.units.map((u) => u.rank.all)).toEqual([1, 1, 1]);
    expect(r.units.map((u) => val(r, u.unit, 'x').rank.all)).toEqual([1, 1, 1]);
  });

  it('3.5 numbers are read as the decimals they are written as: target 33.3', () => {
    const s = { indicators: '[{id: x, name: X, input: value, weight: 10, method: completion, target: 33.3}]' };
    const r = run(s, 'a,x,2026-01,11.1\nb,x,2026-01,33.30\nc,x,2026-01,3.33');
    // a: 11.1/33.3 = 1/3 → ratio 0.3333, s = 3.333… → 3.33; b: exactly 1 → 10; c: 0.1 → 1
    expect(val(r, 'a', 'x')).toMatchObject({ target: 33.3, ratio: 0.3333, score: 3.33 });
    expect(val(r, 'b', 'x')).toMatchObject({ ratio: 1, score: 10, value: 33.3 });
    expect(val(r, 'c', 'x')).toMatchObject({ ratio: 0.1, score: 1 });
  });
});

describe('3 more rules', () => {
  it('3.1 schedule with cumulative false: ytd is the sum, expected uses elapsed(p)', () => {
    const ind = '[{id: x, name: X, input: value, weight: 10, method: schedule, target: 12, cumulative: false}]';
    const r = run({ indicators: ind }, 'a,x,2026-01,1\na,x,2026-02,1.5\na,x,2026-03,0.5\nb,x,2026-03,0.5');
    // a: ytd = 1 + 1.5 + 0.5 = 3, expected = 12 × 3/12 = 3, r = 1 → 10, ahead
    // b: ytd = 0.5, r = 0.5/3 = 0.16666… → ratio 0.1667, s = 1.666… → 1.67, behind
    expect(val(r, 'a', 'x')).toMatchObject({ value: 0.5, ytd: 3, expected: 3, ratio: 1, score: 10, ahead: true });
    expect(val(r, 'b', 'x')).toMatchObject({ ytd: 0.5, ratio: 0.1667, score: 1.67, ahead: false });
  });

  it('3.5 ratio, target and expected are shown rounded half away from zero to 4 decimals', () => {
    const ind =
      '[{id: x, name: X, input: value, weight: 10, method: completion, target: 2}, {id: y, name: Y, input: value, weight: 10, method: schedule, target: 1.0001},' +
      ' {id: z, name: Z, input: value, weight: 10, method: completion, target: 1.23456}]';
    const r = run({ indicators: ind }, 'a,x,2026-06,0.2469\na,y,2026-06,1\na,z,2026-06,1.23456');
    // x: r = 0.2469/2 = 0.12345 → 0.1235; s = 1.2345 → 1.23
    expect(val(r, 'a', 'x')).toMatchObject({ ratio: 0.1235, score: 1.23 });
    // y: expected = 1.0001 × 6/12 = 0.50005 → 0.5001
    expect(val(r, 'a', 'y').expected).toBe(0.5001);
    // z: target 1.23456 → 1.2346; r = 1 exactly → 10
    expect(val(r, 'a', 'z')).toMatchObject({ target: 1.2346, ratio: 1, score: 10 });
  });

  it('3.5 ranks use the rounded scores: 1.004 and 1.001 both score 1.00 and tie', () => {
    const s = { indicators: '[{id: s, name: S, input: score, weight: 10}]' };
    const r = run(s, 'a,s,2026-01,1.004\nb,s,2026-01,1.001\nc,s,2026-01,0.995');
    // a 1.00, b 1.00, c 0.995 → 1.00 (half away): all three 1.00 → all rank 1
    expect(scores(r, 's')).toEqual({ a: 1, b: 1, c: 1 });
    expect(r.units.map((u) => [u.unit, u.rank.all, val(r, u.unit, 's').rank.all])).toEqual([
      ['a', 1, 1],
      ['b', 1, 1],
      ['c', 1, 1],
    ]);
  });
});
