// 述比排序 (issue 17 item 5): the combined ranking of a quantified part and a panel part, worked
// numbers by hand. Each part is put on a 100-point scale (share of the top score, or of a full mark),
// weighted, and only the combined score is rounded (half away from zero); ranks go by the rounded score.
import { describe, expect, it } from 'vitest';
import { combineScores, CombineError, Rat, selectQuota, type CombineCandidate, type CombinedCandidate, type CombineOptions } from '../src/index.ts';

const byId = (r: { candidates: CombinedCandidate[] }, id: string) => r.candidates.find((c) => c.id === id) as CombinedCandidate;

describe('量化考核 60 % + 述职评议 40 %, each as its share of the top score', () => {
  const opts: CombineOptions = {
    precision: 2,
    parts: [{ id: 'q', name: '量化考核', weight: '60', scale: 'top' }, { id: 'p', name: '述职评议', weight: '40', scale: 'top' }],
  };
  const candidates: CombineCandidate[] = [
    { id: 'C', scores: { q: '80', p: '88' } },
    { id: 'A', scores: { q: '95', p: '86.5' } },
    { id: 'D', scores: { q: '76', p: null } },
    { id: 'B', scores: { q: '90', p: Rat.int(90) } },
  ];
  const r = combineScores(candidates, opts);

  it.each([
    // top 量化 95, top 述职 90
    // A: 95 → 100; 86.5 ÷ 90 × 100 = 96.1111; (60 × 100 + 40 × 96.1111) ÷ 100 = 60 + 38.4444 = 98.4444 → 98.44
    ['A', '100', '96.1111', '98.44', 1],
    // B: 90 ÷ 95 × 100 = 94.7368; 90 → 100; (5684.2105 + 4000) ÷ 100 = 96.8421 → 96.84
    ['B', '94.7368', '100', '96.84', 2],
    // C: 80 ÷ 95 × 100 = 84.2105; 88 ÷ 90 × 100 = 97.7778; (5052.6316 + 3911.1111) ÷ 100 = 89.6374 → 89.64
    ['C', '84.2105', '97.7778', '89.64', 3],
    // D: 76 ÷ 95 × 100 = 80; no marks → 0; 60 × 80 ÷ 100 = 48 → 48.00
    ['D', '80', '0', '48.00', 4],
  ])('%s: 量化 %s, 述职 %s → %s, rank %i', (id, q, p, score, rank) => {
    const c = byId(r, id);
    expect(c.parts.map((x) => x.scaled)).toEqual([q, p]);
    expect(c.score).toBe(score);
    expect(c.rank).toBe(rank);
  });

  it('lists best first and says the tops', () => {
    expect(r.candidates.map((c) => c.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(r.parts).toEqual([
      { id: 'q', name: '量化考核', weight: '60', scale: 'top', top: '95', unscaled: false },
      { id: 'p', name: '述职评议', weight: '40', scale: 'top', top: '90', unscaled: false },
    ]);
  });

  it('explains each part, its weight and the result', () => {
    const a = byId(r, 'A');
    expect(a.explain.formula).toBe('(60 × 100 + 40 × 96.1111) ÷ (60 + 40) = 98.4444 → 98.44');
    expect(a.explain.zh).toBe('各部分折算为百分制后按权重加权：量化考核 95 ÷ 最高分 95 × 100 = 100；述职评议 86.5 ÷ 最高分 90 × 100 = 96.1111；量化考核权重 60，述职评议权重 40');
    expect(a.explain.en).toContain('述职评议 86.5 ÷ top 90 × 100 = 96.1111');
    expect(byId(r, 'D').explain.zh).toContain('述职评议无得分，按 0 计');
    expect(byId(r, 'D').parts[1]).toMatchObject({ score: null, scaled: '0' });
  });

  it('is exact: the combined score is a rational, not a float', () => {
    // C: (60 × 1600/19 + 40 × 880/9) ÷ 100 = (96000/19 + 35200/9) ÷ 100 = 1532800/17100 = 15328/171
    expect(byId(r, 'C').exact.cmp(Rat.of(15328n, 171n))).toBe(0);
  });
});

describe('on a full mark; ties at the rounded score; the quota', () => {
  const opts: CombineOptions = {
    precision: 1,
    parts: [{ id: 'q', name: '量化考核', weight: '0.5', scale: { full: '100' } }, { id: 'p', name: '述职评议', weight: '0.5', scale: { full: '10' } }],
  };
  // E: 90 → 90; 8 of 10 → 80; (0.5 × 90 + 0.5 × 80) ÷ 1 = 85 → 85.0
  // F: 80 → 80; 9 → 90 → 85.0
  // G: 84.96 → 84.96; 8.5 → 85 → 84.98 → 85.0 (equal when rounded: ranks with E and F)
  // H: 70; 9.5 → 95 → 82.5 → 82.5
  const r = combineScores([
    { id: 'E', scores: { q: '90', p: '8' } }, { id: 'F', scores: { q: '80', p: '9' } },
    { id: 'G', scores: { q: '84.96', p: '8.5' } }, { id: 'H', scores: { q: '70', p: '9.5' } },
  ], opts);

  it('scales by the full mark and ranks by the rounded score', () => {
    expect(r.candidates.map((c) => [c.id, c.score, c.rank])).toEqual([['E', '85.0', 1], ['F', '85.0', 1], ['G', '85.0', 1], ['H', '82.5', 4]]);
    expect(byId(r, 'G').explain.formula).toBe('(0.5 × 84.96 + 0.5 × 85) ÷ (0.5 + 0.5) = 84.98 → 85.0');
    expect(byId(r, 'F').explain.zh).toContain('述职评议 9 ÷ 满分 10 × 100 = 90');
  });

  it('a tie at the quota is left for a decision: quota 2, three tied at 85.0', () => {
    const sel = selectQuota(r.candidates.map((c) => ({ id: c.id, score: c.score })), { quota: 2, threshold: '60' });
    expect(sel).toMatchObject({ selected: [], tie: { candidates: ['E', 'F', 'G'], places: 2 }, outside: ['H'] });
    const four = selectQuota(r.candidates.map((c) => ({ id: c.id, score: c.score })), { quota: 3 });
    expect(four.selected).toEqual(['E', 'F', 'G']);
    expect(four.tie).toBeNull();
  });
});

describe('edges', () => {
  it('a part whose top score is not above 0 is taken as it is', () => {
    const r = combineScores([{ id: 'a', scores: { q: '50', p: '0' } }, { id: 'b', scores: { q: '100', p: '0' } }], {
      precision: 2, parts: [{ id: 'q', name: '量化考核', weight: '60', scale: 'top' }, { id: 'p', name: '述职评议', weight: '40', scale: 'top' }],
    });
    expect(r.parts[1]).toMatchObject({ top: '0', unscaled: true });
    // a: 50 ÷ 100 × 100 = 50; 述职 0 → 60 × 50 ÷ 100 = 30
    expect(r.candidates.map((c) => [c.id, c.score])).toEqual([['b', '60.00'], ['a', '30.00']]);
    expect(byId(r, 'a').explain.zh).toContain('最高分不大于 0，不折算');
  });

  it('one part alone is its scaled score; precision 0 rounds half away from zero', () => {
    // 2.5 ÷ 5 × 100 = 50; 3.75 ÷ 5 × 100 = 75; 4.99 → 99.8 → 100
    const r = combineScores([{ id: 'a', scores: { p: '2.5' } }, { id: 'b', scores: { p: '3.75' } }, { id: 'c', scores: { p: '4.99' } }], {
      precision: 0, parts: [{ id: 'p', name: '述职评议', weight: '1', scale: { full: '5' } }],
    });
    expect(r.candidates.map((c) => [c.id, c.score])).toEqual([['c', '100'], ['b', '75'], ['a', '50']]);
    expect(byId(r, 'c').explain.formula).toBe('(1 × 99.8) ÷ 1 = 99.8 → 100');
    // 0.125 × 100 × 1 = 12.5 → 13 (half away from zero)
    expect(combineScores([{ id: 'x', scores: { p: '0.125' } }], { precision: 0, parts: [{ id: 'p', name: 'P', weight: '1', scale: { full: '1' } }] }).candidates[0].score).toBe('13');
  });

  it('bad input: every problem named at once, nothing computed', () => {
    let err: unknown;
    try {
      combineScores([{ id: 'a', scores: { q: 'x', z: '1' } }, { id: 'a', scores: {} }], {
        precision: 7, parts: [{ id: 'q', name: '量化考核', weight: '0', scale: { full: '-1' } }],
      });
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(CombineError);
    expect((err as CombineError).issues.map((i) => i.code)).toEqual(['combine.precision', 'combine.weight', 'combine.full', 'combine.candidates', 'combine.score', 'combine.part']);
    expect((err as CombineError).issues[1].zh).toBe('“量化考核”的权重须为大于 0 的数：0');
  });
});
