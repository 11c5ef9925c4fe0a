// Bulletin 龙虎榜 (issue 10 item 12, spec 1.1 categories): a tie at a board's boundary is never cut —
// every tied unit is listed, marked 并列 — and each category of the spec gets the board of its
// subtotal (the engine's categories), ranked by that subtotal.
import { describe, expect, it } from 'vitest';
import { checkData, evaluate, parseSpec, type Spec } from '@leitai/engine';
import { boards, buildBulletinContent } from '../src/services/bulletin-content.ts';

const units = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const SPEC = `version: 1
campaign: { id: t, name: 测试, year: 2026, cadence: month }
groups: [{ id: g, name: 一组 }, { id: h, name: 二组 }]
units: [${units.map((u, i) => `{ id: ${u}, name: 单位${u.toUpperCase()}, group: ${i < 6 ? 'g' : 'h'} }`).join(', ')}]
indicators:
  - { id: s, name: 评分, input: score, weight: 50, category: 党建 }
  - { id: x, name: 投资, input: score, weight: 50, category: 经济, applies_to: [g] }
  - { id: y, name: 项目, input: score, weight: 50, category: 经济, applies_to: [g] }
`;

function content(scores: Record<string, [number, number?, number?]>) {
  const parsed = parseSpec(SPEC);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const spec: Spec = parsed.value;
  const rows = Object.entries(scores).flatMap(([u, [s, x, y]], i) => [
    { unit: u, indicator: 's', period: '2026-01', value: String(s), row: 3 * i + 2 },
    ...(x === undefined ? [] : [{ unit: u, indicator: 'x', period: '2026-01', value: String(x), row: 3 * i + 3 }]),
    ...(y === undefined ? [] : [{ unit: u, indicator: 'y', period: '2026-01', value: String(y), row: 3 * i + 4 }]),
  ]);
  const data = checkData(spec, rows);
  if (!data.ok) throw new Error(JSON.stringify(data.issues));
  const result = evaluate(spec, data.value);
  return buildBulletinContent({ spec, result, specVersion: 1, computedAt: new Date(0), previous: undefined, periodState: 'closed', intro: [], closing: [] });
}

describe('龙虎榜 boards never cut a tie', () => {
  it('five units tied third: all five are leaders, marked 并列; the laggards come after them', () => {
    const c = content({ a: [40], b: [35], c: [30], d: [30], e: [30], f: [30], g: [30], h: [10] });
    const s = c.categories.find((k) => k.category === '党建')?.indicators.find((i) => i.id === 's');
    expect(s?.leaders.map((r) => [r.unit, r.rank, r.tied])).toEqual([['a', 1, false], ['b', 2, false], ['c', 3, true], ['d', 3, true], ['e', 3, true], ['f', 3, true], ['g', 3, true]]);
    expect(s?.laggards.map((r) => r.unit)).toEqual(['h']);
  });

  it('a tie at the laggards\' boundary brings every tied unit in', () => {
    const b = boards(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((u, i) => ({ unit: u, name: u, score: 0, value: null, rank: i < 4 ? i + 1 : 5 })));
    expect(b.leaders.map((r) => r.unit)).toEqual(['a', 'b', 'c']);
    // the last three are at rank 5 with e: all four tied at 5
    expect(b.laggards.map((r) => [r.unit, r.tied])).toEqual([['e', true], ['f', true], ['g', true], ['h', true]]);
  });

  it('a category of several indicators first lists its subtotal board, ranked by the subtotal; units without the category are not on it', () => {
    const c = content({ a: [10, 40, 1], b: [20, 10, 35], c: [30, 5, 2], d: [1, 1, 1], e: [2, 2, 2], f: [3, 3, 3], g: [50], h: [49] });
    const econ = c.categories.find((k) => k.category === '经济');
    expect(econ?.indicators.map((i) => i.id)).toEqual(['category:经济', 'x', 'y']);
    expect(econ?.indicators[0]).toMatchObject({ kind: 'category', name: '经济（类别得分）' });
    // 经济 = x + y: b 45, a 41, c 7 lead; g and h (group h) have no 经济 at all
    expect(econ?.indicators[0].leaders.map((r) => [r.unit, r.score, r.rank])).toEqual([['b', 45, 1], ['a', 41, 2], ['c', 7, 3]]);
    const all = [...(econ?.indicators[0].leaders ?? []), ...(econ?.indicators[0].laggards ?? [])].map((r) => r.unit);
    expect(all).not.toContain('g');
    // one indicator in 党建: its board alone
    const party = c.categories.find((k) => k.category === '党建');
    expect(party?.indicators.map((i) => i.id)).toEqual(['s']);
  });
});
