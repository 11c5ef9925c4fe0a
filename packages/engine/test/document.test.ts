// Contract sections 1 (document), 2 (periods) and 10 (results: order and presence of fields).
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateAll, periodKeys, type PeriodResult } from '../src/index.ts';
import { S100, UNITS_ABCD, allKeys, dataset, flag, run, runAll, spec, specText, unit, val } from './support/campaign.ts';

describe('1 document', () => {
  it('1 defaults: ranking competition, precision 2', () => {
    const s = spec({ units: UNITS_ABCD, indicators: S100 });
    expect(s.campaign.ranking).toBe('competition');
    expect(s.campaign.precision).toBe(2);
    const r = evaluate(s, dataset(s, 'a,s,2026-01,2.675\nb,s,2026-01,1\nc,s,2026-01,1\nd,s,2026-01,0.5'));
    // 2.675 → 2.68 at 2 decimals; totals 2.68, 1, 1, 0.5 → 1, 2, 2, 4
    expect(r.units.map((u) => [u.unit, u.total, u.rank.all])).toEqual([
      ['a', 2.68, 1],
      ['b', 1, 2],
      ['c', 1, 2],
      ['d', 0.5, 4],
    ]);
  });

  it('1 pairs: short form id becomes pair-N, N its 1-based place in the list', () => {
    const s = spec({ units: UNITS_ABCD, pairs: '[{id: p1, units: [a, b]}, [a, c], {id: zz, units: [c, d]}, [d, b]]', indicators: S100 });
    expect(s.pairs.map((p) => p.id)).toEqual(['p1', 'pair-2', 'zz', 'pair-4']);
  });

  it('1 names are free text in any script; organizer is optional', () => {
    const s = spec({
      campaign: '{id: gy-2026_x, name: "比学争赶超 — Ünïcödé", organizer: 某县委组织部, year: 2026, cadence: month}',
      indicators: '[{id: s, name: "党建 (评分) 🏳", input: score, weight: 10}]',
    });
    expect(s.campaign.name).toBe('比学争赶超 — Ünïcödé');
    expect(s.campaign.id).toBe('gy-2026_x');
  });

  it('1 JSON input works too, with the same results as YAML', () => {
    const json = JSON.stringify({
      version: 1,
      campaign: { id: 't', name: 'T', year: 2026, cadence: 'month' },
      groups: [{ id: 'g1', name: 'G' }],
      units: [
        { id: 'a', name: 'A', group: 'g1' },
        { id: 'b', name: 'B', group: 'g1' },
      ],
      indicators: [{ id: 'x', name: 'X', input: 'value', weight: 30, method: 'completion', target: { default: 33.3, b: 11.1 } }],
    });
    const s = spec(json);
    const r = evaluate(s, dataset(s, 'a,x,2026-01,11.1\nb,x,2026-01,11.1'));
    // a: 11.1/33.3 = 1/3 → 30/3 = 10;  b: 11.1/11.1 = 1 → 30
    expect(val(r, 'a', 'x')).toMatchObject({ target: 33.3, ratio: 0.3333, score: 10 });
    expect(val(r, 'b', 'x')).toMatchObject({ target: 11.1, ratio: 1, score: 30 });
  });
});

describe('2 periods', () => {
  it.each([
    ['month', ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']],
    ['quarter', ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']],
    ['half', ['2026-H1', '2026-H2']],
    ['year', ['2026']],
  ])('2 period keys for cadence %s', (cadence, keys) => {
    const s = spec({ campaign: `{id: t, name: T, year: 2026, cadence: ${cadence}}`, indicators: S100 });
    expect(periodKeys(s)).toEqual(keys);
  });

  const skipped = {
    indicators: '[{id: s, name: S, input: score, weight: 10}]',
    flags: '[{id: red, name: R, award: top}, {id: yellow, name: Y, award: bottom}]',
    summary: '{method: mean}',
    rules:
      '[{id: miss2, name: M2, action: reminder, when: {missing: true, consecutive: 2}}, {id: miss3, name: M3, action: reminder, when: {missing: true, consecutive: 3}}]',
  };
  // nobody reports in February; c never reports
  const skippedData = 'a,s,2026-01,8\nb,s,2026-01,6\na,s,2026-03,7\nb,s,2026-03,9';

  it('2 a period nobody reported is skipped, not scored as zeros', () => {
    const all = runAll(skipped, skippedData);
    expect(all.map((p) => p.period)).toEqual(['2026-01', '2026-03']);
    const mar = all[1];
    // tallies: red a (Jan), b (Mar) → 1 each; in a zero-scored February all three would tie and win red
    expect(unit(mar, 'a').tally).toEqual({ red: 1, yellow: 0 });
    expect(unit(mar, 'b').tally).toEqual({ red: 1, yellow: 0 });
    expect(unit(mar, 'c').tally).toEqual({ red: 0, yellow: 2 });
    // delta against January (the previous evaluated period): group ranks Jan a 1, b 2, c 3; Mar b 1, a 2, c 3
    expect(Object.fromEntries(mar.units.map((u) => [u.unit, u.delta]))).toEqual({ a: -1, b: 1, c: 0 });
    // mean over Jan and Mar only: a (8 + 7)/2 = 7.5, b (6 + 9)/2 = 7.5, c 0 (÷3 would give 5, 5)
    expect(Object.fromEntries(mar.units.map((u) => [u.unit, u.summary?.score]))).toEqual({ a: 7.5, b: 7.5, c: 0 });
    // c missing in Jan and Mar → consecutive 2 holds; consecutive 3 needs 3 evaluated periods → none
    expect(mar.actions.map((x) => `${x.rule}:${x.unit}`)).toEqual(['miss2:c']);
  });

  it('2 evaluate defaults to the latest period with data; an explicit period is honoured', () => {
    const s = spec(skipped);
    const d = dataset(s, skippedData);
    expect(evaluate(s, d).period).toBe('2026-03');
    expect(evaluate(s, d, { period: '2026-01' }).period).toBe('2026-01');
    expect(evaluateAll(s, d).map((p) => p.period)).toEqual(['2026-01', '2026-03']);
  });

  it('2 the previous period of p is the evaluated period right before it', () => {
    const s = { indicators: S100, flags: '[{id: m, name: M, award: top, mobile: true}]' };
    // Jan: a; Apr: b (Feb, Mar nobody reported) → previous [a], lost [a]
    const r = run(s, 'a,s,2026-01,9\nb,s,2026-01,1\na,s,2026-04,1\nb,s,2026-04,9');
    expect(flag(r, 'm', 'g1')).toEqual({ flag: 'm', scope: 'g1', holders: ['b'], previous: ['a'], kept: [], lost: ['a'] });
  });
});

describe('10 results', () => {
  const full = {
    groups: '[{id: zz, name: 后组}, {id: aa, name: 前组}]',
    units: '[{id: u3, name: 三, group: zz}, {id: u1, name: 一, group: zz}, {id: u2, name: 二, group: aa}, {id: u4, name: 四, group: aa}]',
    pairs: '[[u3, u1], {id: b1, units: [u4, u2]}]',
    indicators:
      '[{id: sch, name: 序时, input: value, weight: 10, method: schedule, target: 12}, {id: com, name: 完成, input: value, weight: 10, method: completion, target: 2},' +
      ' {id: bst, name: 最高, input: value, weight: 10, method: best}, {id: sc, name: 评分, input: score, weight: 10},' +
      ' {id: ev, name: 加分, input: event, effect: bonus, points: 1}]',
    flags: '[{id: gf, name: 组旗, award: top}, {id: pf, name: 对旗, award: bottom, scope: pair}, {id: af, name: 总旗, award: top, scope: all}]',
    rules: '[{id: r1, name: 催报, action: reminder, when: {missing: true}}, {id: r2, name: 末位, action: supervision, when: {rank: bottom, scope: all}}]',
  };
  // u1, u2: all reported; u3: only sc (missing sch, com, bst); u4: nothing
  const fullData = [
    'u1,sch,2026-01,1', 'u1,com,2026-01,1', 'u1,bst,2026-01,1', 'u1,sc,2026-01,5',
    'u2,sch,2026-01,1', 'u2,com,2026-01,1', 'u2,bst,2026-01,1', 'u2,sc,2026-01,5',
    'u3,sc,2026-01,9',
  ].join('\n');
  // u1 = u2: sch 1/1 → 10, com 1/2 → 5, bst 10, sc 5 = 30;  u3 = 9;  u4 = 0

  it('10 output order: units by rank.all then id; flags by spec order then groups/pairs; actions by rule then unit order', () => {
    const r = run(full, fullData);
    expect(r.campaign).toBe('t');
    expect(r.period).toBe('2026-01');
    expect(r.units.map((u) => [u.unit, u.total, u.rank.all])).toEqual([
      ['u1', 30, 1],
      ['u2', 30, 1],
      ['u3', 9, 3],
      ['u4', 0, 4],
    ]);
    // groups in the spec's order (zz before aa), pairs in the spec's order
    expect(r.flags.map((f) => [f.flag, f.scope])).toEqual([
      ['gf', 'zz'],
      ['gf', 'aa'],
      ['pf', 'pair-1'],
      ['pf', 'b1'],
      ['af', 'all'],
    ]);
    // af: u1 and u2 tie for first → listed in the order of units
    expect(flag(r, 'af', 'all').holders).toEqual(['u1', 'u2']);
    // pairs in spec order; their units keep the spec's order
    expect(r.pairs.map((p) => [p.pair, p.units])).toEqual([
      ['pair-1', ['u3', 'u1']],
      ['b1', ['u4', 'u2']],
    ]);
    // r1 (missing): u3, u4 in unit order; r2 (bottom over all): u4
    expect(r.actions.map((a) => `${a.rule}:${a.unit}`)).toEqual(['r1:u3', 'r1:u4', 'r2:u4']);
    for (const a of r.actions) expect(a.reason.length).toBeGreaterThan(0);
  });

  it('10 target/expected/ratio/ahead presence rules', () => {
    const r = run(full, fullData);
    const keys = (u: string, i: string) => Object.keys(val(r, u, i)).sort();
    // schedule, reported: target, expected, ratio, ahead
    expect(keys('u1', 'sch')).toEqual(['ahead', 'expected', 'missing', 'rank', 'ratio', 'score', 'target', 'value', 'ytd']);
    // schedule, missing: target and expected, no ratio or ahead
    expect(keys('u3', 'sch')).toEqual(['expected', 'missing', 'rank', 'score', 'target', 'value', 'ytd']);
    // completion: target, ratio when not missing; never expected or ahead
    expect(keys('u1', 'com')).toEqual(['missing', 'rank', 'ratio', 'score', 'target', 'value', 'ytd']);
    expect(keys('u4', 'com')).toEqual(['missing', 'rank', 'score', 'target', 'value', 'ytd']);
    // best: no target, expected, ratio or ahead
    expect(keys('u1', 'bst')).toEqual(['missing', 'rank', 'score', 'value', 'ytd']);
    expect(val(r, 'u1', 'sch')).toMatchObject({ target: 12, expected: 1, ratio: 1, ahead: true, value: 1, ytd: 1, score: 10 });
    // event indicators: events and score
    expect(Object.keys(unit(r, 'u1').indicators.ev).sort()).toEqual(['events', 'score']);
  });

  it('10 every unit carries its fields; tally names every flag; summary only when the spec has one', () => {
    const r = run(full, fullData);
    for (const u of r.units) {
      expect(Object.keys(u).sort()).toEqual(['delta', 'flags', 'group', 'indicators', 'rank', 'tally', 'total', 'unit', 'vetoed']);
      expect(Object.keys(u.tally).sort()).toEqual(['af', 'gf', 'pf']);
      expect(Object.keys(u.indicators)).toEqual(['sch', 'com', 'bst', 'sc', 'ev']);
    }
    expect(unit(r, 'u2').rank.pairs).toEqual({ b1: 1 });
    const withSummary = run({ ...full, summary: '{method: sum}' }, fullData);
    for (const u of withSummary.units) expect(u.summary).toBeDefined();
  });

  it('10 a unit\'s flags follow the spec\'s order of flags', () => {
    const r = run(full, fullData);
    // u1: gf (tops zz: 30 > 9), af (shares first); u3: pf (bottom of pair-1)
    expect(unit(r, 'u1').flags).toEqual(['gf', 'af']);
    expect(unit(r, 'u3').flags).toEqual(['pf']);
  });

  it('10 output numbers are JSON numbers; the result survives JSON unchanged', () => {
    const r = run({ ...full, summary: '{method: mean}' }, fullData);
    const back = JSON.parse(JSON.stringify(r)) as PeriodResult;
    expect(back).toEqual(r);
    expect(typeof r.units[0].total).toBe('number');
    expect(typeof val(r, 'u1', 'sch').ratio).toBe('number');
  });

  it('10 explain keys appear only when asked for', () => {
    const s = spec({ ...full, summary: '{method: mean}' });
    const d = dataset(s, fullData);
    expect(allKeys(evaluate(s, d)).has('explain')).toBe(false);
    expect(allKeys(evaluateAll(s, d)).has('explain')).toBe(false);
    const ex = evaluate(s, d, { explain: true });
    expect(allKeys(ex).has('explain')).toBe(true);
    // explanations change no figure
    const strip = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(strip) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'explain').map(([k, x]) => [k, strip(x)])) : v;
    expect(strip(ex)).toEqual(evaluate(s, d));
  });

  it('10 explanations print scores with the spec\'s decimals, as every page does (1.00, not 1)', () => {
    const s = spec({ units: UNITS_ABCD, indicators: S100 });
    const r = evaluate(s, dataset(s, 'a,s,2026-01,2.675\nb,s,2026-01,1\nc,s,2026-01,1\nd,s,2026-01,0.5'), { explain: true });
    const texts = (u: string) => JSON.stringify([unit(r, u).explain, unit(r, u).indicators.s.explain]);
    // b's total is 1 at precision 2: its explanations say 1.00; d's 0.5 reads 0.50
    expect(texts('b')).toContain('总分 1.00');
    expect(texts('b')).toContain('total 1.00');
    expect(texts('d')).toContain('评分 0.50 分');
    expect(texts('d')).not.toMatch(/[^.\d]0\.5(?!0)/);
    // the JSON numbers themselves stay numbers
    expect(unit(r, 'b').total).toBe(1);
  });

  it('10 specText helper sanity: the YAML it builds parses', () => {
    expect(specText({ indicators: S100 })).toContain('version: 1');
  });
});
