// Contract section 6: flags — top and bottom awards, ties at the boundary, vetoes, thresholds,
// indicator flags, mobile flags and tallies.
import { describe, expect, it } from 'vitest';
import { S100, TWO_GROUPS, UNITS_AB_CD, UNITS_ABCD, flag, run, runAll, unit } from './support/campaign.ts';

const S_VETO = '[{id: s, name: 评分, input: score, weight: 100}, {id: v, name: 否决, input: event, effect: veto}]';
const figures = (...t: number[]) => t.map((x, i) => `${'abcd'[i]},s,2026-01,${x}`).join('\n');
const four = (flags: string, indicators = S100) => ({ units: UNITS_ABCD, indicators, flags });

describe('6 flags', () => {
  it('6 top: the unit in position count, and everyone ranked as well', () => {
    const r = run(four('[{id: red, name: 红旗, color: red, award: top, count: 2}]'), figures(9, 7, 3, 1));
    expect(flag(r, 'red', 'g1').holders).toEqual(['a', 'b']);
    expect(unit(r, 'a').flags).toEqual(['red']);
    expect(unit(r, 'c').flags).toEqual([]);
  });

  it('6 top ties at the boundary are all included', () => {
    // count 1 (default), a and b share rank 1 → both
    const one = run(four('[{id: red, name: 红旗, award: top}]'), figures(9, 9, 5, 3));
    expect(flag(one, 'red', 'g1').holders).toEqual(['a', 'b']);
    // count 2: ranks 1, 2, 2, 4 → position 2 has rank 2 → a, b, c
    const two = run(four('[{id: red, name: 红旗, award: top, count: 2}]'), figures(9, 7, 7, 3));
    expect(flag(two, 'red', 'g1').holders).toEqual(['a', 'b', 'c']);
  });

  it('6 bottom ties at the boundary are all included', () => {
    // n = 4, count 1: position 4 has rank 3 (c and d share it) → c, d
    const r = run(four('[{id: yellow, name: 黄旗, color: yellow, award: bottom}]'), figures(9, 7, 3, 3));
    expect(flag(r, 'yellow', 'g1').holders).toEqual(['c', 'd']);
    // count 2: position 3 has rank 2 (b, c share 2 by competition ranking 1, 2, 2, 4) → b, c, d
    const two = run(four('[{id: yellow, name: 黄旗, award: bottom, count: 2}]'), figures(9, 5, 5, 1));
    expect(flag(two, 'yellow', 'g1').holders).toEqual(['b', 'c', 'd']);
  });

  it('6 vetoed units never get a top flag', () => {
    // count 4 covers every position; d is vetoed → a, b, c only
    const r = run(four('[{id: red, name: 红旗, award: top, count: 4}]', S_VETO), figures(9, 7, 3, 10) + '\nd,v,2026-01,1');
    expect(flag(r, 'red', 'g1').holders).toEqual(['a', 'b', 'c']);
    // every unit vetoed → nobody gets the top flag
    const all = run(four('[{id: red, name: 红旗, award: top}]', S_VETO), figures(9, 7, 3, 1) + '\na,v,2026-01,1\nb,v,2026-01,1\nc,v,2026-01,1\nd,v,2026-01,1');
    expect(flag(all, 'red', 'g1').holders).toEqual([]);
  });

  it('6 a vetoed unit is last, so it takes the bottom flag', () => {
    const r = run(four('[{id: yellow, name: 黄旗, award: bottom}]', S_VETO), figures(90, 7, 3, 1) + '\na,v,2026-01,1');
    expect(flag(r, 'yellow', 'g1').holders).toEqual(['a']);
  });

  it('6 bottom excludes a unit that got a top flag in the same instance on the same figure', () => {
    // all equal: every unit is top (rank 1 = rank of position 1) and bottom (rank of position 4 is 1)
    // → yellow goes to nobody; the yellow rule is listed first to show spec order does not matter
    const flags = '[{id: yellow, name: 黄旗, award: bottom}, {id: red, name: 红旗, award: top}]';
    const r = run(four(flags), figures(5, 5, 5, 5));
    expect(flag(r, 'red', 'g1').holders).toEqual(['a', 'b', 'c', 'd']);
    expect(flag(r, 'yellow', 'g1').holders).toEqual([]);
    // a pair of two with equal totals: both red in the pair, neither yellow
    const p = run({ units: UNITS_ABCD, pairs: '[[a, b]]', indicators: S100, flags: '[{id: red, name: R, award: top, scope: pair}, {id: yellow, name: Y, award: bottom, scope: pair}]' }, figures(5, 5, 1, 1));
    expect(flag(p, 'red', 'pair-1').holders).toEqual(['a', 'b']);
    expect(flag(p, 'yellow', 'pair-1').holders).toEqual([]);
  });

  it('6 bottom still applies when the top flag was won in another instance or on another figure', () => {
    // groups g1 {a, b}, g2 {c, d}: a tops g1 on total but is last over all units
    const s = {
      groups: TWO_GROUPS,
      units: UNITS_AB_CD,
      indicators: '[{id: x, name: X, input: score, weight: 10}, {id: y, name: Y, input: score, weight: 10}]',
      flags:
        '[{id: red, name: R, award: top, scope: group}, {id: yellow, name: Y, award: bottom, scope: all},' +
        ' {id: ylow, name: YL, award: bottom, scope: group, indicator: y}]',
    };
    // x: a 1, b 0.5, c 9, d 8;  y: a 0, b 3, c 1, d 2
    // totals a 1, b 3.5, c 10, d 10 → g1 red: b (3.5 > 1); g2 red: c, d (10 = 10)
    // yellow over all: lowest a (1) → a; ylow in g1 on y: a (0 < 3) — on another figure than red
    const r = run(s, 'a,x,2026-01,1\nb,x,2026-01,0.5\nc,x,2026-01,9\nd,x,2026-01,8\na,y,2026-01,0\nb,y,2026-01,3\nc,y,2026-01,1\nd,y,2026-01,2');
    expect(flag(r, 'red', 'g1').holders).toEqual(['b']);
    expect(flag(r, 'red', 'g2').holders).toEqual(['c', 'd']);
    expect(flag(r, 'yellow', 'all').holders).toEqual(['a']);
    // ylow in g2 on y: c (1 < 2); c won red in g2, but on the total, not on y → c keeps ylow
    expect(flag(r, 'ylow', 'g2').holders).toEqual(['c']);
    expect(unit(r, 'c').flags).toEqual(['red', 'ylow']);
    // b: red in g1 on the total; ylow on y in g1 goes to a (0)
    expect(flag(r, 'ylow', 'g1').holders).toEqual(['a']);
  });

  it('6 min_total / max_total', () => {
    const flags = '[{id: red, name: R, award: top, min_total: 60}, {id: yellow, name: Y, award: bottom, max_total: 60}]';
    // top 59.99 < 60 → no red; bottom 60 is not < 60 → no yellow
    const none = run(four(flags), figures(59.99, 61, 60, 60.5).replace('b,s,2026-01,61', 'b,s,2026-01,59'));
    // totals a 59.99, b 59, c 60, d 60.5 → top is d (60.5 ≥ 60) → red d; bottom is b (59 < 60) → yellow b
    expect(flag(none, 'red', 'g1').holders).toEqual(['d']);
    expect(flag(none, 'yellow', 'g1').holders).toEqual(['b']);
    const edge = run(four(flags), figures(59.99, 60, 60, 60));
    // top: b, c, d share rank 1 at exactly 60 ≥ 60 → red b, c, d; bottom: a 59.99 < 60 → yellow a
    expect(flag(edge, 'red', 'g1').holders).toEqual(['b', 'c', 'd']);
    expect(flag(edge, 'yellow', 'g1').holders).toEqual(['a']);
    const high = run(four(flags), figures(70, 65, 61, 60));
    // top 70 → red a; bottom 60 is not < 60 → nobody
    expect(flag(high, 'red', 'g1').holders).toEqual(['a']);
    expect(flag(high, 'yellow', 'g1').holders).toEqual([]);
    const low = run(four(flags), figures(59.99, 50, 40, 30));
    // top 59.99 < 60 → nobody; bottom 30 → d
    expect(flag(low, 'red', 'g1').holders).toEqual([]);
    expect(flag(low, 'yellow', 'g1').holders).toEqual(['d']);
  });

  it('6 indicator flags rank by that indicator\'s score', () => {
    const s = {
      indicators: '[{id: x, name: X, input: score, weight: 10}, {id: y, name: Y, input: score, weight: 10}, {id: v, name: V, input: event, effect: veto}]',
      flags:
        '[{id: xtop, name: XT, award: top, indicator: x}, {id: xbot, name: XB, award: bottom, indicator: x},' +
        ' {id: xmin, name: XM, award: top, indicator: x, min_total: 9.5}, {id: xmax, name: XX, award: bottom, indicator: x, max_total: 1}]',
    };
    // a: x 9, y 0 (total 9); b: x 5, y 10 (total 15); c: x 1, y 1 (total 2)
    const r = run(s, 'a,x,2026-01,9\na,y,2026-01,0\nb,x,2026-01,5\nb,y,2026-01,10\nc,x,2026-01,1\nc,y,2026-01,1');
    // best x is a (though b has the best total); worst x is c
    expect(flag(r, 'xtop', 'g1').holders).toEqual(['a']);
    expect(flag(r, 'xbot', 'g1').holders).toEqual(['c']);
    // min_total compares the x score: 9 < 9.5 → nobody; max_total: c's x 1 is not < 1 → nobody
    expect(flag(r, 'xmin', 'g1').holders).toEqual([]);
    expect(flag(r, 'xmax', 'g1').holders).toEqual([]);
    // a vetoed unit is last on the indicator too: a vetoed → xtop goes to b (5)
    const v = run(s, 'a,x,2026-01,9\nb,x,2026-01,5\nc,x,2026-01,1\na,v,2026-01,1');
    expect(flag(v, 'xtop', 'g1').holders).toEqual(['b']);
    expect(flag(v, 'xbot', 'g1').holders).toEqual(['a']);
  });

  it('6 scope all, group and pair: one entry per instance', () => {
    const s = {
      groups: TWO_GROUPS,
      units: UNITS_AB_CD,
      pairs: '[{id: p1, units: [a, b]}, {id: p2, units: [c, d]}]',
      indicators: S100,
      flags: '[{id: pr, name: P, award: top, scope: pair}, {id: gr, name: G, award: top}, {id: al, name: A, award: top, scope: all}]',
    };
    const r = run(s, 'a,s,2026-01,1\nb,s,2026-01,2\nc,s,2026-01,4\nd,s,2026-01,3');
    expect(r.flags.map((f) => [f.flag, f.scope, f.holders])).toEqual([
      ['pr', 'p1', ['b']],
      ['pr', 'p2', ['c']],
      ['gr', 'g1', ['b']],
      ['gr', 'g2', ['c']],
      ['al', 'all', ['c']],
    ]);
    // non-mobile flags carry no previous/kept/lost
    for (const f of r.flags) {
      expect(f).not.toHaveProperty('previous');
      expect(f).not.toHaveProperty('kept');
      expect(f).not.toHaveProperty('lost');
    }
  });

  it('6 mobile: holders, previous, kept, lost', () => {
    const s = four('[{id: m, name: 流动红旗, award: top, mobile: true}]');
    const d = [
      'a,s,2026-01,9', 'b,s,2026-01,5',
      'a,s,2026-02,4', 'b,s,2026-02,8',
      'a,s,2026-03,4', 'b,s,2026-03,8',
      'a,s,2026-04,7', 'b,s,2026-04,7',
      'a,s,2026-05,1', 'b,s,2026-05,2', 'c,s,2026-05,3',
    ].join('\n');
    const res = runAll(s, d).map((p) => flag(p, 'm', 'g1'));
    // Jan: a; no previous period → previous, kept, lost empty
    expect(res[0]).toEqual({ flag: 'm', scope: 'g1', holders: ['a'], previous: [], kept: [], lost: [] });
    // Feb: b takes it from a
    expect(res[1]).toEqual({ flag: 'm', scope: 'g1', holders: ['b'], previous: ['a'], kept: [], lost: ['a'] });
    // Mar: b keeps it
    expect(res[2]).toEqual({ flag: 'm', scope: 'g1', holders: ['b'], previous: ['b'], kept: ['b'], lost: [] });
    // Apr: a and b tie (7 = 7, c and d missing score 0) → both hold; b kept it
    expect(res[3]).toEqual({ flag: 'm', scope: 'g1', holders: ['a', 'b'], previous: ['b'], kept: ['b'], lost: [] });
    // May: c → a and b lost it. Lists follow the order of `units` of this period (section 10):
    // c 3, b 2, a 1, d 0 → previous and lost are [b, a]
    expect(res[4]).toEqual({ flag: 'm', scope: 'g1', holders: ['c'], previous: ['b', 'a'], kept: [], lost: ['b', 'a'] });
  });

  it('6 tally counts every instance won', () => {
    const s = {
      units: UNITS_ABCD,
      pairs: '[{id: p1, units: [a, b]}, {id: p2, units: [a, c]}]',
      indicators: S100,
      flags: '[{id: red, name: R, award: top, scope: pair}, {id: yellow, name: Y, award: bottom, scope: pair}, {id: gold, name: G, award: top, scope: all}]',
    };
    const d = 'a,s,2026-01,9\nb,s,2026-01,5\nc,s,2026-01,3\nd,s,2026-01,1\na,s,2026-02,9\nb,s,2026-02,5\nc,s,2026-02,3\nd,s,2026-02,10';
    const [jan, feb] = runAll(s, d);
    // Jan: a red in p1 and p2 → 2; b yellow p1, c yellow p2; gold a
    expect(unit(jan, 'a').tally).toEqual({ red: 2, yellow: 0, gold: 1 });
    expect(unit(jan, 'a').flags).toEqual(['red', 'gold']);
    expect(unit(jan, 'b').tally).toEqual({ red: 0, yellow: 1, gold: 0 });
    // d stands in no pair; tally still names every flag
    expect(unit(jan, 'd').tally).toEqual({ red: 0, yellow: 0, gold: 0 });
    // Feb: a red twice more → 4; gold goes to d (10)
    expect(unit(feb, 'a').tally).toEqual({ red: 4, yellow: 0, gold: 1 });
    expect(unit(feb, 'd').tally).toEqual({ red: 0, yellow: 0, gold: 1 });
    expect(unit(feb, 'c').tally).toEqual({ red: 0, yellow: 2, gold: 0 });
  });
});

describe('6 more rules', () => {
  it('6 a top flag withheld by min_total does not shield from the bottom flag', () => {
    const flags = '[{id: red, name: R, award: top, min_total: 60}, {id: yellow, name: Y, award: bottom}]';
    const s = { units: '[{id: a, name: 甲, group: g1}, {id: b, name: 乙, group: g1}]', indicators: S100, flags };
    // a 50 = b 50: nobody reaches 60 → no red; both share the last rank → both yellow
    const r = run(s, 'a,s,2026-01,50\nb,s,2026-01,50');
    expect(flag(r, 'red', 'g1').holders).toEqual([]);
    expect(flag(r, 'yellow', 'g1').holders).toEqual(['a', 'b']);
  });

  it('6 mobile flags per scope instance: each pair passes its own flag', () => {
    const s = {
      units: UNITS_ABCD,
      pairs: '[{id: p1, units: [a, b]}, {id: p2, units: [c, d]}]',
      indicators: S100,
      flags: '[{id: m, name: M, award: top, scope: pair, mobile: true}]',
    };
    const [, feb] = runAll(s, 'a,s,2026-01,9\nb,s,2026-01,1\nc,s,2026-01,9\nd,s,2026-01,1\na,s,2026-02,9\nb,s,2026-02,1\nc,s,2026-02,1\nd,s,2026-02,9');
    expect(flag(feb, 'm', 'p1')).toEqual({ flag: 'm', scope: 'p1', holders: ['a'], previous: ['a'], kept: ['a'], lost: [] });
    expect(flag(feb, 'm', 'p2')).toEqual({ flag: 'm', scope: 'p2', holders: ['d'], previous: ['c'], kept: [], lost: ['c'] });
  });
});
