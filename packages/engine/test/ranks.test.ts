// Contract sections 4 (totals) and 5 (ranks, deltas, pairs).
import { describe, expect, it } from 'vitest';
import { S100, TWO_GROUPS, UNITS_AB_CD, UNITS_ABCD, pair, ranksAll, run, runAll, totals, unit, val } from './support/campaign.ts';

const DENSE = '{id: t, name: T, year: 2026, cadence: month, ranking: dense}';
const S_VETO = '[{id: s, name: 评分, input: score, weight: 100}, {id: v, name: 否决, input: event, effect: veto}]';

describe('4 totals', () => {
  it('4 total = Σ value and score scores + Σ bonus − Σ penalty, not clamped', () => {
    const s = {
      indicators:
        '[{id: x, name: X, input: value, weight: 10, method: completion, target: 10}, {id: s, name: S, input: score, weight: 10},' +
        ' {id: hon, name: H, input: event, effect: bonus, points: 2}, {id: pen, name: P, input: event, effect: penalty, points: 3}]',
    };
    const r = run(s, 'a,x,2026-01,5\na,s,2026-01,4\na,hon,2026-01,1\na,pen,2026-01,5\nb,pen,2026-01,1\nc,hon,2026-01,2');
    // a: 5 (x: 5/10 × 10) + 4 + 2 − 15 = −4;  b: 0 + 0 − 3 = −3;  c: 0 + 0 + 4 = 4
    expect(totals(r)).toEqual({ a: -4, b: -3, c: 4 });
    // c 4 > b −3 > a −4
    expect(ranksAll(r)).toEqual({ c: 1, b: 2, a: 3 });
  });
});

describe('5 ranks', () => {
  const four = 'a,s,2026-01,10\nb,s,2026-01,8\nc,s,2026-01,8\nd,s,2026-01,5';

  it('5 competition vs dense', () => {
    // totals 10, 8, 8, 5 → competition 1, 2, 2, 4; dense 1, 2, 2, 3
    expect(ranksAll(run({ units: UNITS_ABCD, indicators: S100 }, four))).toEqual({ a: 1, b: 2, c: 2, d: 4 });
    const dense = run({ campaign: DENSE, units: UNITS_ABCD, indicators: S100 }, four);
    expect(ranksAll(dense)).toEqual({ a: 1, b: 2, c: 2, d: 3 });
    // per-indicator ranks follow the campaign's ranking too
    expect(['a', 'b', 'c', 'd'].map((u) => val(dense, u, 's').rank.all)).toEqual([1, 2, 2, 3]);
  });

  it('5 vetoed units come after all others', () => {
    const r = run({ units: UNITS_ABCD, indicators: S_VETO }, 'a,s,2026-01,90\nb,s,2026-01,50\nc,s,2026-01,10\nd,s,2026-01,70\na,v,2026-01,1\nb,v,2026-01,1');
    // not vetoed: d 70 → 1, c 10 → 2; then the vetoed by total: a 90 → 3, b 50 → 4
    expect(r.units.map((u) => u.unit)).toEqual(['d', 'c', 'a', 'b']);
    expect(ranksAll(r)).toEqual({ d: 1, c: 2, a: 3, b: 4 });
    expect(unit(r, 'a')).toMatchObject({ vetoed: true, total: 90 });
    // per-indicator ranks put vetoed units last as well
    expect(['d', 'c', 'a', 'b'].map((u) => val(r, u, 's').rank.all)).toEqual([1, 2, 3, 4]);
  });

  it('5 tie_break decides in turn', () => {
    const s = {
      campaign: '{id: t, name: T, year: 2026, cadence: month, tie_break: [x, y]}',
      units: UNITS_ABCD,
      indicators: '[{id: x, name: X, input: score, weight: 10}, {id: y, name: Y, input: score, weight: 10}, {id: z, name: Z, input: score, weight: 10}]',
    };
    const d = ['a,5,3,2', 'b,5,4,1', 'c,6,1,3', 'd,5,3,2']
      .flatMap((l) => {
        const [u, x, y, z] = l.split(',');
        return [`${u},x,2026-01,${x}`, `${u},y,2026-01,${y}`, `${u},z,2026-01,${z}`];
      })
      .join('\n');
    const r = run(s, d);
    // every total is 10. x: c 6 first; b, a, d 5 → y: b 4 next; a, d (5, 3) still equal → share rank 3
    expect(totals(r)).toEqual({ a: 10, b: 10, c: 10, d: 10 });
    expect(ranksAll(r)).toEqual({ c: 1, b: 2, a: 3, d: 3 });
    expect(r.units.map((u) => u.unit)).toEqual(['c', 'b', 'a', 'd']);
    // indicator ranks have no tie_break: x: c 1, a/b/d 2;  y: b 1, a/d 2, c 4;  z: c 1, a/d 2, b 4
    expect(['a', 'b', 'c', 'd'].map((u) => val(r, u, 'x').rank.all)).toEqual([2, 2, 1, 2]);
    expect(['a', 'b', 'c', 'd'].map((u) => val(r, u, 'y').rank.all)).toEqual([2, 1, 4, 2]);
    expect(['a', 'b', 'c', 'd'].map((u) => val(r, u, 'z').rank.all)).toEqual([2, 4, 1, 2]);
  });

  it('5 tie_break does not lift a vetoed unit', () => {
    const s = {
      campaign: '{id: t, name: T, year: 2026, cadence: month, tie_break: [s]}',
      indicators: '[{id: s, name: S, input: score, weight: 10}, {id: h, name: H, input: event, effect: bonus, points: 5}, {id: v, name: V, input: event, effect: veto}]',
    };
    // a: 10 vetoed; b: 5 + 5 = 10; c: 9 → order b (10), c (9), then vetoed a
    const r = run(s, 'a,s,2026-01,10\nb,s,2026-01,5\nb,h,2026-01,1\nc,s,2026-01,9\na,v,2026-01,1');
    expect(ranksAll(r)).toEqual({ b: 1, c: 2, a: 3 });
  });

  it('5 rank.group ranks within the group, rank.all over everyone', () => {
    const r = run({ groups: TWO_GROUPS, units: UNITS_AB_CD, indicators: S100 }, 'a,s,2026-01,10\nb,s,2026-01,8\nc,s,2026-01,30\nd,s,2026-01,20');
    // all: c 30, d 20, a 10, b 8;  g1: a 1, b 2;  g2: c 1, d 2
    expect(r.units.map((u) => [u.unit, u.rank.all, u.rank.group])).toEqual([
      ['c', 1, 1],
      ['d', 2, 2],
      ['a', 3, 1],
      ['b', 4, 2],
    ]);
    expect(val(r, 'a', 's').rank).toEqual({ all: 3, group: 1 });
  });

  it('5 delta is previous group rank minus now', () => {
    const [jan, feb] = runAll(
      { groups: TWO_GROUPS, units: UNITS_AB_CD, indicators: S100 },
      'a,s,2026-01,10\nb,s,2026-01,8\nc,s,2026-01,30\nd,s,2026-01,20\na,s,2026-02,5\nb,s,2026-02,8\nc,s,2026-02,1\nd,s,2026-02,2',
    );
    expect(jan.units.map((u) => u.delta)).toEqual([null, null, null, null]);
    // group ranks Jan: a 1, b 2, c 1, d 2;  Feb: a 2 (5 < 8), b 1, c 2 (1 < 2), d 1
    // delta: a 1 − 2 = −1; b 2 − 1 = 1; c 1 − 2 = −1; d 2 − 1 = 1  (rank.all would give a 3 − 2 = 1)
    expect(Object.fromEntries(feb.units.map((u) => [u.unit, u.delta]))).toEqual({ a: -1, b: 1, c: -1, d: 1 });
  });

  it('5 rank.pairs: the rank within each pair a unit stands in', () => {
    const s = { units: UNITS_ABCD, pairs: '[{id: p1, units: [a, b]}, [a, c, d]]', indicators: S100 };
    const r = run(s, 'a,s,2026-01,5\nb,s,2026-01,8\nc,s,2026-01,1\nd,s,2026-01,5');
    // p1: b 8 → 1, a 5 → 2;  pair-2 (short form, 2nd in the list): a 5, d 5 share 1, c 3
    expect(unit(r, 'a').rank.pairs).toEqual({ p1: 2, 'pair-2': 1 });
    expect(unit(r, 'b').rank.pairs).toEqual({ p1: 1 });
    expect(unit(r, 'c').rank.pairs).toEqual({ 'pair-2': 3 });
    expect(unit(r, 'd').rank.pairs).toEqual({ 'pair-2': 1 });
    // p1: winner b, margin 8 − 5 = 3;  pair-2: first place shared → winner null, margin 0
    expect(pair(r, 'p1')).toEqual({ pair: 'p1', units: ['a', 'b'], winner: 'b', margin: 3 });
    expect(pair(r, 'pair-2')).toEqual({ pair: 'pair-2', units: ['a', 'c', 'd'], winner: null, margin: 0 });
  });

  it('5 pair winner null when first place shared; margin null when win by veto', () => {
    const s = { units: UNITS_ABCD, pairs: '[{id: p1, units: [a, b]}, {id: p2, units: [c, d]}, {id: p3, units: [a, b, c]}]', indicators: S_VETO };
    // a 5, b 9 vetoed → p1: a first, b second and vetoed → winner a, margin null
    // c 2 vetoed, d 7 vetoed → p2: both vetoed → winner d, margin 7 − 2 = 5
    // p3: a 5 (not vetoed) first, then b 9 (vetoed) and c 2 (vetoed): second place vetoed → margin null
    const r = run(s, 'a,s,2026-01,5\nb,s,2026-01,9\nc,s,2026-01,2\nd,s,2026-01,7\nb,v,2026-01,1\nc,v,2026-01,1\nd,v,2026-01,1');
    expect(pair(r, 'p1')).toMatchObject({ winner: 'a', margin: null });
    expect(unit(r, 'b').rank.pairs).toEqual({ p1: 2, p3: 2 });
    expect(pair(r, 'p2')).toMatchObject({ winner: 'd', margin: 5 });
    expect(pair(r, 'p3')).toMatchObject({ winner: 'a', margin: null });
    const tie = run(s, 'a,s,2026-01,6\nb,s,2026-01,6\nc,s,2026-01,2\nd,s,2026-01,2.5');
    // p1: 6 = 6 → winner null, margin 0;  p2: d 2.5 − c 2 = 0.5;  p3: a and b share first → null, 0
    expect(pair(tie, 'p1')).toMatchObject({ winner: null, margin: 0 });
    expect(pair(tie, 'p2')).toMatchObject({ winner: 'd', margin: 0.5 });
    expect(pair(tie, 'p3')).toMatchObject({ winner: null, margin: 0 });
  });

  it('5 pair margin with three units: first minus second, exact', () => {
    const s = { units: UNITS_ABCD, pairs: '[[a, b, c]]', indicators: S100 };
    // 10.1 − 7.35 = 2.75 (a double gives 2.749999…)
    const r = run(s, 'a,s,2026-01,10.1\nb,s,2026-01,7.35\nc,s,2026-01,7.35');
    expect(pair(r, 'pair-1')).toEqual({ pair: 'pair-1', units: ['a', 'b', 'c'], winner: 'a', margin: 2.75 });
  });
});
