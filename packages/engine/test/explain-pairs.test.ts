// A pair is known by its units, not by its id: a pair flag's explanation names the other units
// ("与乙镇的结对中"), never "结对 pair-1" (issue 18: screens read as the organizer thinks).
import { describe, expect, it } from 'vitest';
import { checkData, evaluate, parseSpec } from '../src/index.ts';

const SPEC = `version: 1
campaign: { id: p-2026, name: 结对, year: 2026, cadence: quarter }
groups: [{ id: g, name: 乡镇组 }]
units:
  - { id: a, name: 甲镇, group: g }
  - { id: b, name: 乙镇, group: g }
  - { id: c, name: 丙镇, group: g }
pairs:
  - [a, b]
  - { id: town-3, units: [a, c] }
indicators:
  - { id: s, name: 作风, input: score, weight: 10 }
flags:
  - { id: pw, name: 结对胜旗, award: top, scope: pair }
`;

describe('pair flags explained', () => {
  it('name the other units of the pair', () => {
    const spec = parseSpec(SPEC);
    if (!spec.ok) throw new Error('bad spec');
    const data = checkData(spec.value, [
      { unit: 'a', indicator: 's', period: '2026-Q1', value: '9', row: 2 },
      { unit: 'b', indicator: 's', period: '2026-Q1', value: '7', row: 3 },
      { unit: 'c', indicator: 's', period: '2026-Q1', value: '8', row: 4 },
    ]);
    if (!data.ok) throw new Error('bad data');
    const r = evaluate(spec.value, data.value, { explain: true });
    const a = r.units.find((u) => u.unit === 'a')!;
    const texts = a.explain!.flags.map((e) => e.zh);
    expect(texts).toContain('获结对胜旗：与乙镇的结对中按总分排第 1 名，属前 1 名（第 1 名及以前）');
    expect(texts).toContain('获结对胜旗：与丙镇的结对中按总分排第 1 名，属前 1 名（第 1 名及以前）');
    expect(a.explain!.flags.map((e) => e.en)).toContain('won 结对胜旗: rank 1 by total in the pair with 丙镇, within the top 1 (rank ≤ 1)');
    expect(JSON.stringify(r.units.map((u) => u.explain))).not.toMatch(/pair-1|town-3/);
  });
});
