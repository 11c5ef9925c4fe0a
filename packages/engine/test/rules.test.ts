// Contract section 8: accountability rules.
import { describe, expect, it } from 'vitest';
import { S100, TWO_GROUPS, UNITS_AB_CD, UNITS_ABCD, actions, run, runAll } from './support/campaign.ts';

const S_VETO = '[{id: s, name: S, input: score, weight: 100}, {id: v, name: V, input: event, effect: veto}]';

describe('8 accountability rules', () => {
  it('8 consecutive needs that many evaluated periods', () => {
    const s = {
      indicators: S100,
      flags: '[{id: yellow, name: 黄旗, award: bottom}]',
      rules:
        '[{id: iv, name: 约谈, action: interview, when: {flag: yellow, consecutive: 2}},' +
        ' {id: iv3, name: 约谈3, action: interview, when: {flag: yellow, consecutive: 3}}]',
    };
    const d = [1, 2, 3].flatMap((m) => [`a,s,2026-0${m},9`, `b,s,2026-0${m},8`, `c,s,2026-0${m},1`]).concat(['a,s,2026-04,9', 'b,s,2026-04,1', 'c,s,2026-04,8']);
    const res = runAll(s, d.join('\n'));
    // Jan: c yellow, but only one evaluated period → nothing
    expect(actions(res[0])).toEqual([]);
    // Feb: c yellow in Jan and Feb → iv;  Mar: Feb and Mar → iv, and Jan–Mar → iv3
    expect(actions(res[1])).toEqual(['iv:c']);
    expect(actions(res[2])).toEqual(['iv:c', 'iv3:c']);
    // Apr: b yellow, but not in March → nothing
    expect(actions(res[3])).toEqual([]);
    const a = res[1].actions[0];
    expect(a).toMatchObject({ rule: 'iv', action: 'interview', unit: 'c', period: '2026-02' });
    expect(typeof a.reason).toBe('string');
    expect(a.reason.trim()).not.toBe('');
  });

  it('8 rank bottom: scope group (default), count; scope all', () => {
    const s = {
      groups: TWO_GROUPS,
      units: UNITS_AB_CD,
      indicators: S100,
      rules:
        '[{id: low, name: L, action: supervision, when: {rank: bottom}},' +
        ' {id: low2, name: L2, action: supervision, when: {rank: bottom, count: 2}},' +
        ' {id: lowall, name: LA, action: supervision, when: {rank: bottom, scope: all}}]',
    };
    const r = run(s, 'a,s,2026-01,1\nb,s,2026-01,2\nc,s,2026-01,5\nd,s,2026-01,3');
    // units by rank.all: c 5, d 3, b 2, a 1
    // low: g1 bottom a, g2 bottom d → in unit order d, a
    // low2: n = 2, position 1 → every unit of each group;  lowall: a
    expect(actions(r)).toEqual(['low:d', 'low:a', 'low2:c', 'low2:d', 'low2:b', 'low2:a', 'lowall:a']);
  });

  it('8 rank bottom with ties at the boundary', () => {
    const s = { units: UNITS_ABCD, indicators: S100, rules: '[{id: low, name: L, action: supervision, when: {rank: bottom}}]' };
    // 9, 3, 3, 5 → b and c share the last rank
    expect(actions(run(s, 'a,s,2026-01,9\nb,s,2026-01,3\nc,s,2026-01,3\nd,s,2026-01,5'))).toEqual(['low:b', 'low:c']);
  });

  it('8 rank bottom in pairs: any pair', () => {
    const s = {
      units: UNITS_ABCD,
      pairs: '[{id: p1, units: [a, b]}, {id: p2, units: [a, c]}]',
      indicators: S100,
      rules: '[{id: low, name: L, action: supervision, when: {rank: bottom, scope: pair}}]',
    };
    // p1: a 5 < b 8 → a bottom; p2: c 1 < a 5 → c bottom. a matches through p1 though it tops p2.
    // d stands in no pair → never. Unit order: b 8, a 5, c 1, d 0
    expect(actions(run(s, 'a,s,2026-01,5\nb,s,2026-01,8\nc,s,2026-01,1'))).toEqual(['low:a', 'low:c']);
  });

  it('8 behind_schedule with a list', () => {
    const s = {
      indicators:
        '[{id: x, name: X, input: value, weight: 10, method: schedule, target: 12}, {id: y, name: Y, input: value, weight: 10, method: schedule, target: 12},' +
        ' {id: z, name: Z, input: value, weight: 10, method: completion, target: 1}]',
      rules:
        '[{id: any, name: 提醒, action: reminder, when: {behind_schedule: true}}, {id: onx, name: 提醒X, action: reminder, when: {behind_schedule: [x]}}]',
    };
    // January: expected = 12 × 1/12 = 1
    // a: x 0.5 (r 0.5, behind), y 2 (ahead), z 0 (completion, not schedule) → total 5 + 10 + 0 = 15
    // b: x 2 (ahead), y 0.5 (behind) → 10 + 5 = 15;  c: x missing (not behind), y 1 (r = 1, ahead) → 10
    const r = run(s, 'a,x,2026-01,0.5\na,y,2026-01,2\na,z,2026-01,0\nb,x,2026-01,2\nb,y,2026-01,0.5\nc,y,2026-01,1');
    expect(r.units.map((u) => u.unit)).toEqual(['a', 'b', 'c']);
    expect(actions(r)).toEqual(['any:a', 'any:b', 'onx:a']);
  });

  it('8 missing', () => {
    const s = {
      indicators:
        '[{id: x, name: X, input: value, weight: 10, method: best}, {id: s, name: S, input: score, weight: 10}, {id: h, name: H, input: event, effect: bonus, points: 1}]',
      rules: '[{id: rep, name: 催报, action: reminder, when: {missing: true}}]',
    };
    // a: x and s reported, no event row (events are never missing) → no action
    // b: s missing → action; c: x missing → action.  Totals: a 10 + 1 = 11, b 5 (x) , c 9 (s)
    const r = run(s, 'a,x,2026-01,2\na,s,2026-01,1\nb,x,2026-01,1\nc,s,2026-01,9');
    expect(actions(r)).toEqual(['rep:c', 'rep:b']);
  });

  it('8 vetoed', () => {
    const s = {
      indicators: S_VETO,
      rules: '[{id: rv, name: 否决, action: review, when: {vetoed: true}}, {id: rv2, name: 否决2, action: review, when: {vetoed: true, consecutive: 2}}]',
    };
    const res = runAll(s, 'a,s,2026-01,9\nb,v,2026-01,1\nc,v,2026-01,1\na,s,2026-02,9\nc,v,2026-02,1');
    // Jan: b, c vetoed (both total 0; order by id) → rv:b, rv:c
    expect(actions(res[0])).toEqual(['rv:b', 'rv:c']);
    // Feb: c vetoed again → rv:c, rv2:c
    expect(actions(res[1])).toEqual(['rv:c', 'rv2:c']);
    expect(res[1].actions.map((a) => a.action)).toEqual(['review', 'review']);
  });

  it('8 every condition given must hold', () => {
    const s = {
      indicators: '[{id: s, name: S, input: score, weight: 10}, {id: t, name: T, input: score, weight: 10}]',
      flags: '[{id: y2, name: 黄旗, award: bottom, count: 2}]',
      rules: '[{id: both, name: B, action: interview, when: {flag: y2, missing: true}}]',
    };
    // a 9 + 9 = 18; b 1 + 0 = 1; c 5 + missing = 5 → y2 (bottom 2): c and b; only c is missing too
    expect(actions(run(s, 'a,s,2026-01,9\na,t,2026-01,9\nb,s,2026-01,1\nb,t,2026-01,0\nc,s,2026-01,5'))).toEqual(['both:c']);
  });
});
