// Six months (2026-01 … 2026-06) of figures for the demo campaign, the same on every machine: a
// seeded generator, no clock, no Math.random. Each unit has a steady "form" so that leaders,
// laggards, flags and accountability actions appear the way they would in a real year. A unit
// reports only the indicators of its group (spec 1.1 applies_to): a row for another would be refused.
import { readFileSync } from 'node:fs';
import { isApplicable, parseSpec, type DataRow, type Spec } from '@leitai/engine';

let demoSpec: Spec | null = null;

/** The demo spec (demo/qingshan-2026.yaml), read once: which indicators each unit reports. */
function spec(): Spec {
  if (demoSpec) return demoSpec;
  const r = parseSpec(readFileSync(new URL('./qingshan-2026.yaml', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`the demo spec is invalid: ${r.issues.map((i) => i.message).join('; ')}`);
  return (demoSpec = r.value);
}

export const DEMO_MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

/** mulberry32: a tiny deterministic PRNG */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixed = (n: number, digits: number) => n.toFixed(digits);

export interface DemoUnit {
  id: string;
  /** the spec's fai / rev target for this unit */
  faiTarget: number;
  revTarget: number;
}

export function demoFigures(units: DemoUnit[]): Omit<DataRow, 'row'>[] {
  const out: Omit<DataRow, 'row'>[] = [];
  const s = spec();
  units.forEach((u, ui) => {
    const rnd = prng(20260101 + ui * 7919);
    const form = 0.75 + rnd() * 0.5; // 0.75 … 1.25 of schedule
    const thrift = 0.35 + rnd() * 0.3; // energy intensity level
    const satisfied = 90 + form * 6; // service satisfaction level, %
    const group = s.units.find((x) => x.id === u.id)?.group;
    // every figure is drawn (the same sequence for every unit), but only those of its group are reported
    const reports = (indicator: string) => {
      const ind = s.indicators.find((d) => d.id === indicator);
      return group === undefined || ind === undefined || isApplicable(ind, group);
    };
    let fai = 0;
    let petition = 0;
    DEMO_MONTHS.forEach((period, mi) => {
      const add = (indicator: string, value: string) => {
        if (reports(indicator)) out.push({ unit: u.id, indicator, period, value });
      };
      // fixed-asset investment: year-to-date, roughly on the unit's form
      fai += (u.faiTarget / 12) * form * (0.8 + rnd() * 0.4);
      add('fai', fixed(fai, 3));
      // budget revenue: monthly amount; the cultural park forgets to report it in May
      if (!(u.id === 'wenchuang' && period === '2026-05')) add('rev', fixed((u.revTarget / 12) * form * (0.85 + rnd() * 0.3), 3));
      add('proj', String(Math.floor(rnd() * 4 * form)));
      add('energy', fixed(thrift * (1.05 - mi * 0.01) + rnd() * 0.02, 3));
      petition += Math.floor(rnd() * 4 * form);
      add('petition', String(petition));
      // rated out of the group's weight (departments 40, others 20)
      const full = group === 'dept' ? 40 : 20;
      add('style', fixed(Math.min(full, full * (0.7 + form * 0.2 + rnd() * 0.1)), 1));
      add('service', fixed(Math.min(99.5, satisfied + rnd() * 2 - mi * 0.1), 1));
      if (rnd() < 0.12) add('honor', '1');
      if (rnd() < 0.08 + (form < 0.85 ? 0.1 : 0)) add('notice', String(1 + Math.floor(rnd() * 2)));
      // one serious accident in the demo year
      if (u.id === 'liuhe' && period === '2026-04') add('safety', '1');
    });
  });
  return out;
}
