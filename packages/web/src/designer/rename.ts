// Renaming an indicator, flag, rule or grade that is new in this editing session also gives it an id
// made from its new name (and every reference to it follows); once saved, an id never changes, since
// stored figures and results refer to it.
import type { DraftSpec } from './doc.ts';
import { newId } from './ids.ts';

export type Kind = 'indicator' | 'flag' | 'rule' | 'grade';

function list(d: DraftSpec, kind: Kind): { id: string; name: string }[] {
  if (kind === 'indicator') return d.indicators;
  if (kind === 'flag') return d.flags;
  if (kind === 'rule') return d.rules;
  return d.summary?.grades ?? [];
}

function replaceIn(xs: string[] | undefined, from: string, to: string): string[] | undefined {
  return xs?.map((x) => (x === from ? to : x));
}

export function rename(d: DraftSpec, kind: Kind, index: number, name: string, saved: DraftSpec | null): void {
  const items = list(d, kind);
  const item = items[index];
  if (!item) return;
  item.name = name;
  const savedIds = new Set(saved ? list(saved, kind).map((x) => x.id) : []);
  if (savedIds.has(item.id) || !name.trim()) return;
  const taken = new Set(items.filter((_, i) => i !== index).map((x) => x.id));
  for (const id of savedIds) taken.add(id);
  const prefix = kind === 'indicator' ? 'ind' : kind;
  const next = newId(name, taken, prefix);
  const old = item.id;
  if (next === old) return;
  item.id = next;
  if (kind === 'indicator') {
    d.campaign.tie_break = replaceIn(d.campaign.tie_break, old, next);
    for (const f of d.flags) {
      if (f.indicator === old) f.indicator = next;
      f.tie_break = replaceIn(f.tie_break, old, next);
    }
    for (const r of d.rules) {
      if (Array.isArray(r.when.behind_schedule)) r.when.behind_schedule = replaceIn(r.when.behind_schedule, old, next);
      if (Array.isArray(r.when.below_base)) r.when.below_base = replaceIn(r.when.below_base, old, next);
    }
  }
  if (kind === 'flag') {
    for (const r of d.rules) if (r.when.flag === old) r.when.flag = next;
    const pts = d.summary?.points;
    if (pts && old in pts) {
      pts[next] = pts[old];
      delete pts[old];
    }
  }
}
