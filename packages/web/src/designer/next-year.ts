// Next year's campaign [下一年度] from this year's: the same groups, units, pairs, indicators, flags,
// summary and rules; the year (and the id and name that carry it) moved on; targets raised by the
// rule the organizer picks per indicator — this year's target × a factor, or this year's actual
// figure × a factor (a unit without a figure keeps target × factor). Exact decimals throughout.
import { Dec } from '@leitai/engine';
import { asMap, compactPerKey, perKeyOf, type DIndicator, type DraftSpec, type PerKey } from './doc.ts';

export type RaiseRule = { kind: 'keep' } | { kind: 'target'; factor: string } | { kind: 'actual'; factor: string };

export interface TargetPreview {
  indicator: string;
  unit: string;
  before?: number;
  actual?: string;
  after?: number;
  /** the actual figure was asked for but the unit has none: target × factor was used */
  fallback: boolean;
}

/** Half away from zero, as the engine rounds. */
export function roundDec(d: Dec, places: number): Dec {
  if (d.scale <= places) return d;
  const div = 10n ** BigInt(d.scale - places);
  let q = d.mant / div;
  const r = d.mant % div;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= div) q += d.mant < 0n ? -1n : 1n;
  return new Dec(q, places);
}

const times = (n: number, factor: string, places: number) => Number(roundDec(Dec.fromNumber(n).mul(Dec.of(factor)), places).toString());

/** The units an indicator applies to. */
export function applicableUnits(doc: DraftSpec, ind: DIndicator): string[] {
  const groups = ind.applies_to && ind.applies_to.length > 0 ? new Set(ind.applies_to) : null;
  return doc.units.filter((u) => !groups || groups.has(u.group)).map((u) => u.id);
}

export const hasTargets = (ind: DIndicator) => ind.input === 'value' && (ind.method === 'completion' || ind.method === 'schedule');

function scaleAll(v: PerKey | undefined, factor: string, places: number): PerKey | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return times(v, factor, places);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, times(x, factor, places)]));
}

function moveYear(text: string, from: number, to: number): string {
  return text.includes(String(from)) ? text.split(String(from)).join(String(to)) : text;
}

export interface NextYearOptions {
  year: number;
  rules: Record<string, RaiseRule>;
  /** this year's year-to-date figures at the year's last period with data: indicator → unit → figure */
  actuals: Record<string, Record<string, string>>;
  places?: number;
}

export function nextYear(doc: DraftSpec, opts: NextYearOptions): { doc: DraftSpec; preview: TargetPreview[] } {
  const from = doc.campaign.year;
  const to = opts.year;
  const places = opts.places ?? 2;
  const preview: TargetPreview[] = [];
  const indicators = doc.indicators.map((ind): DIndicator => {
    if (!hasTargets(ind) || ind.target === undefined) return ind;
    const rule = opts.rules[ind.id] ?? { kind: 'keep' };
    const units = applicableUnits(doc, ind);
    let target: PerKey | undefined = ind.target;
    let base: PerKey | undefined = ind.base;
    if (rule.kind === 'target') {
      target = scaleAll(ind.target, rule.factor, places);
      base = scaleAll(ind.base, rule.factor, places);
    } else if (rule.kind === 'actual') {
      const map: Record<string, number> = {};
      for (const u of units) {
        const actual = opts.actuals[ind.id]?.[u];
        const t = perKeyOf(ind.target, u);
        if (actual !== undefined && Dec.parse(actual) !== null) map[u] = Number(roundDec(Dec.parse(actual)!.mul(Dec.of(rule.factor)), places).toString());
        else if (t !== undefined) map[u] = times(t, rule.factor, places);
      }
      target = compactPerKey(map);
      base = scaleAll(ind.base, rule.factor, places);
    }
    for (const u of units) {
      const actual = opts.actuals[ind.id]?.[u];
      preview.push({
        indicator: ind.id, unit: u, before: perKeyOf(ind.target, u), actual, after: perKeyOf(target, u),
        fallback: rule.kind === 'actual' && (actual === undefined || Dec.parse(actual) === null),
      });
    }
    const next: DIndicator = { ...ind, target };
    if (base !== undefined) next.base = base;
    else delete next.base;
    return next;
  });
  const id = doc.campaign.id.includes(String(from)) ? moveYear(doc.campaign.id, from, to) : `${doc.campaign.id}-${to}`.slice(0, 64);
  const next: DraftSpec = {
    ...doc,
    campaign: { ...doc.campaign, id, name: moveYear(doc.campaign.name, from, to), year: to },
    indicators,
    rules: doc.rules.map((r) => (r.at ? { ...r, at: r.at.map((p) => moveYear(p, from, to)) } : r)),
  };
  return { doc: next, preview };
}

/** Every unit's figure or the default, as a map (for showing a target column). */
export function targetsByUnit(doc: DraftSpec, ind: DIndicator): Record<string, number | undefined> {
  const m = asMap(ind.target);
  return Object.fromEntries(applicableUnits(doc, ind).map((u) => [u, m[u] ?? m.default]));
}
