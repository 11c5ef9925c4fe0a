// What a spec sent to the server may hold is bounded by counts (services/specs.ts SPEC_LIMITS: its
// characters, units, indicators and units × indicators × periods), each refusal naming what is too
// big and the limit; nothing here depends on how long reading takes.
import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import { parseFreshSpec, SPEC_LIMITS, type SpecLimits } from '../src/services/specs.ts';
import { smallSpec } from './support/factories.ts';

/** smallSpec: 4 units × 3 indicators × 4 quarters = 48 figures a year, 630 characters or so */
const roomy: SpecLimits = { chars: 10_000, units: 4, indicators: 3, slots: 48 };

async function refusal(text: string, limits: SpecLimits): Promise<{ path?: string; message: string; messageZh: string; code: string }> {
  try {
    await parseFreshSpec(text, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('spec_invalid');
    expect(err.issues).toHaveLength(1);
    return err.issues![0] as never;
  }
  throw new Error('the spec should be refused');
}

describe('a spec is bounded by counts', () => {
  it('a spec at every limit is read', async () => {
    const spec = await parseFreshSpec(smallSpec(), roomy);
    expect(spec.units).toHaveLength(4);
  });

  it('one over each limit is refused, naming what is too big and the limit', async () => {
    const units = await refusal(smallSpec(), { ...roomy, units: 3 });
    expect(units).toMatchObject({ code: 'spec.too_large', path: 'units' });
    expect(units.message).toBe('units: 4 units; a campaign may have at most 3');
    expect(units.messageZh).toContain('最多 3 个');
    const inds = await refusal(smallSpec(), { ...roomy, indicators: 2 });
    expect(inds).toMatchObject({ code: 'spec.too_large', path: 'indicators' });
    expect(inds.message).toContain('at most 2');
    const slots = await refusal(smallSpec(), { ...roomy, slots: 47 });
    expect(slots.code).toBe('spec.too_large');
    expect(slots.message).toBe('4 units × 3 indicators × 4 periods = 48 figures a year; a campaign may have at most 47 (fewer units or indicators, or a longer period)');
    expect(slots.messageZh).toContain('最多 47 个');
    const chars = await refusal(smallSpec(), { ...roomy, chars: 100 });
    expect(chars.code).toBe('spec.too_large');
    expect(chars.message).toContain('at most 100 are read');
  });

  it('the server takes the issue\'s 10,000 units × 30 indicators × 12 months', () => {
    expect(10_000 * 30 * 12).toBeLessThanOrEqual(SPEC_LIMITS.slots);
    expect(10_000).toBeLessThanOrEqual(SPEC_LIMITS.units);
  });
});
