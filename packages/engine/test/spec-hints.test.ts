// 1: every error at once, in the order of the document, with a hint for a misspelt key.
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../src/index.ts';

const TEXT = `version: 1
campaign: {id: Bad_ID, name: T, year: 2026, cadence: monthly}
groups: [{id: g, name: G}]
units:
  - {id: a, name: A, group: h}
indicators:
  - {id: y, name: Y, input: value, wieght: 10, method: best}
`;

describe('1 spec errors read top to bottom', () => {
  it('issues come in line order', () => {
    const r = parseSpec(TEXT);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = r.issues.map((i) => i.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(r.issues.map((i) => i.path)).toEqual(['campaign.id', 'campaign.cadence', 'units[0].group', 'indicators[0].wieght', 'indicators[0].weight']);
  });

  it('a misspelt key names the key it was probably meant to be', () => {
    const r = parseSpec(TEXT);
    if (r.ok) throw new Error('expected errors');
    const typo = r.issues.find((i) => i.code === 'spec.unknown_key');
    expect(typo?.message).toContain('did you mean "weight"?');
    expect(typo?.messageZh).toContain('是否应为“weight”');
  });
});
