// Builds a bulletin's content (schemas/bulletin-content.ts) from stored engine results: the
// period's, and the one of the period before (flags won, kept and lost). Pure: no database, no
// clock. Every number is copied from the engine's output; nothing here computes a score or a rank.
import type { IndicatorResult, PeriodResult, Spec, UnitResult, ValueIndicatorResult } from '@leitai/engine';
import type { PeriodState } from '../db/schema.ts';
import type { BulletinContent, BulletinRankRow } from '../schemas/bulletin-content.ts';
import { periodLabel } from './period-label.ts';
import { subjectWordsZh } from './subject-words.ts';

/** 龙虎榜: how many leaders and laggards each indicator lists. */
export const BOARD_SIZE = 3;

export interface ContentSource {
  spec: Spec;
  /** the stored result of the period and the campaign version it was computed with */
  result: PeriodResult;
  specVersion: number;
  computedAt: Date;
  /** the stored result of the closest earlier period, if any */
  previous: PeriodResult | undefined;
  periodState: PeriodState;
  intro: string[];
  closing: string[];
}

const isValueResult = (r: IndicatorResult | undefined): r is ValueIndicatorResult => r !== undefined && 'rank' in r;

type ItemRow = BulletinContent['categories'][number]['indicators'][number]['leaders'][number];

/**
 * The leaders and the laggards of one ranking (rows in any order): the first BOARD_SIZE by rank and
 * every unit tied with the last of them, the last BOARD_SIZE and every unit tied with the first of
 * them — a tie is never cut at a boundary — each row marked `tied` when its rank is shared; a unit
 * is never on both boards (small campaigns): the laggards are the ones after the leaders.
 */
export function boards(rows: Omit<ItemRow, 'tied'>[]): { leaders: ItemRow[]; laggards: ItemRow[] } {
  const ranked = [...rows].sort((x, y) => x.rank - y.rank || (x.unit < y.unit ? -1 : x.unit > y.unit ? 1 : 0));
  const count = new Map<number, number>();
  for (const r of ranked) count.set(r.rank, (count.get(r.rank) ?? 0) + 1);
  const mark = (r: Omit<ItemRow, 'tied'>): ItemRow => ({ ...r, tied: (count.get(r.rank) ?? 0) > 1 });
  if (ranked.length === 0) return { leaders: [], laggards: [] };
  const topCut = ranked[Math.min(BOARD_SIZE, ranked.length) - 1].rank;
  const leaders = ranked.filter((r) => r.rank <= topCut);
  const rest = ranked.slice(leaders.length);
  const bottomCut = rest.length > 0 ? ranked[Math.max(ranked.length - BOARD_SIZE, leaders.length)].rank : Infinity;
  const laggards = rest.filter((r) => r.rank >= bottomCut);
  return { leaders: leaders.map(mark), laggards: laggards.map(mark) };
}

export function buildBulletinContent(src: ContentSource): BulletinContent {
  const { spec, result } = src;
  const unitName = new Map(spec.units.map((u) => [u.id, u.name]));
  const groupName = new Map(spec.groups.map((g) => [g.id, g.name]));
  const flagRule = new Map(spec.flags.map((f) => [f.id, f]));
  const gradeName = new Map((spec.summary?.grades ?? []).map((g) => [g.id, g.name]));
  const nameOf = (unit: string) => unitName.get(unit) ?? unit;
  const ref = (unit: string) => ({ unit, name: nameOf(unit) });

  // The engine's `delta` is the movement of the GROUP rank (contract section 5). A bulletin's overall
  // table needs the movement of the overall rank: the difference of the engine's two `rank.all`
  // values (this period's and the stored period before), so each table shows the movement of the
  // rank it lists.
  const previousAll = new Map((src.previous?.units ?? []).map((u) => [u.unit, u.rank.all]));
  const moveAll = (u: UnitResult): number | null => {
    const before = previousAll.get(u.unit);
    return before === undefined ? null : before - u.rank.all;
  };
  const row = (u: UnitResult, rank: number, delta: number | null): BulletinRankRow => ({
    unit: u.unit,
    name: nameOf(u.unit),
    group: u.group,
    groupName: groupName.get(u.group) ?? u.group,
    total: u.total,
    rank,
    delta,
    vetoed: u.vetoed,
    flags: u.flags.map((f) => flagRule.get(f)?.name ?? f),
    grade: u.summary?.grade ? (gradeName.get(u.summary.grade) ?? u.summary.grade) : null,
  });

  // units come ordered by rank.all, then id (contract section 10)
  const overall = result.units.map((u) => row(u, u.rank.all, moveAll(u)));
  const groups = spec.groups.map((g) => ({
    id: g.id,
    name: g.name,
    rows: result.units.filter((u) => u.group === g.id).sort((x, y) => x.rank.group - y.rank.group).map((u) => row(u, u.rank.group, u.delta)),
  }));

  const byUnit = new Map(result.units.map((u) => [u.unit, u]));
  const pairs = result.pairs.map((p) => ({
    id: p.pair,
    units: p.units.map((unit) => {
      const u = byUnit.get(unit);
      return { unit, name: nameOf(unit), total: u?.total ?? 0, rank: u?.rank.pairs[p.pair] ?? 0 };
    }),
    winner: p.winner,
    margin: p.margin,
  }));

  const scopeName = (scope: string): string => {
    if (scope === 'all') return subjectWordsZh(spec.campaign.subject).all;
    if (groupName.has(scope)) return groupName.get(scope) ?? scope;
    const pair = spec.pairs.find((p) => p.id === scope);
    return pair ? pair.units.map(nameOf).join('—') : scope;
  };

  const flags = result.flags.map((f) => {
    const rule = flagRule.get(f.flag);
    // mobile flags: the engine names the previous holders; other flags: the previous stored period's holders
    const before = f.previous ?? src.previous?.flags.find((p) => p.flag === f.flag && p.scope === f.scope)?.holders ?? [];
    const kept = f.kept ?? f.holders.filter((u) => before.includes(u));
    const lost = f.lost ?? before.filter((u) => !f.holders.includes(u));
    return {
      flag: f.flag,
      name: rule?.name ?? f.flag,
      color: rule?.color ?? null,
      award: rule?.award ?? 'top',
      scope: f.scope,
      scopeName: scopeName(f.scope),
      indicator: rule?.indicator ?? null,
      holders: f.holders.map(ref),
      kept: kept.map(ref),
      lost: lost.map(ref),
      won: f.holders.filter((u) => !before.includes(u)).map(ref),
    };
  });

  // 龙虎榜: every value and score indicator, by category in the spec's order ('' = without one); a
  // category of the spec (1.1) with more than one indicator first lists its subtotal's board (the
  // engine's categories; with one indicator, that is the indicator's board)
  const categories: BulletinContent['categories'] = [];
  const sizeOf = new Map<string, number>();
  for (const ind of spec.indicators) if (ind.input !== 'event' && ind.category !== undefined) sizeOf.set(ind.category, (sizeOf.get(ind.category) ?? 0) + 1);
  const categoryOf = (name: string) => {
    let cat = categories.find((c) => c.category === name);
    if (!cat) categories.push((cat = { category: name, indicators: [] }));
    return cat;
  };
  for (const ind of spec.indicators) {
    if (ind.input === 'event') continue;
    const cat = categoryOf(ind.category ?? '');
    if (ind.category !== undefined && (sizeOf.get(ind.category) ?? 0) > 1 && cat.indicators.length === 0 && result.units.some((u) => u.categories?.[ind.category as string])) {
      const c = ind.category;
      const ranked = result.units.flatMap((u) => {
        const x = u.categories?.[c];
        return x ? [{ unit: u.unit, name: nameOf(u.unit), score: x.score, value: null, rank: x.rank.all }] : [];
      });
      cat.indicators.push({ id: `category:${c}`, name: `${c}（类别得分）`, measure: null, kind: 'category', ...boards(ranked) });
    }
    const ranked = result.units.flatMap((u) => {
      const r = u.indicators[ind.id];
      return isValueResult(r) ? [{ unit: u.unit, name: nameOf(u.unit), score: r.score, value: ind.input === 'value' ? (r.ytd ?? r.value) : null, rank: r.rank.all }] : [];
    });
    cat.indicators.push({ id: ind.id, name: ind.name, measure: ind.measure ?? null, ...boards(ranked) });
  }

  // 序时进度: the engine's `ahead` on schedule indicators (a missing figure is neither)
  const scheduleOf = (ahead: boolean) => result.units.flatMap((u) => {
    const names = spec.indicators.filter((ind) => {
      const r = u.indicators[ind.id];
      return isValueResult(r) && r.ahead === ahead;
    }).map((ind) => ind.name);
    return names.length > 0 ? [{ ...ref(u.unit), indicators: names }] : [];
  });

  const ruleOf = new Map(spec.rules.map((r) => [r.id, r]));
  const actions = result.actions.map((a) => ({ rule: a.rule, ruleName: ruleOf.get(a.rule)?.name ?? a.rule, action: a.action, ...ref(a.unit), reason: a.reason }));

  // 表扬: the holders of top flags this period, in overall order
  const praised = new Map<string, string[]>();
  for (const f of flags) {
    if (f.award !== 'top') continue;
    for (const h of f.holders) {
      const names = praised.get(h.unit) ?? [];
      if (!names.includes(f.name)) names.push(f.name);
      praised.set(h.unit, names);
    }
  }
  const commendations = result.units.filter((u) => praised.has(u.unit)).map((u) => ({ ...ref(u.unit), flags: praised.get(u.unit) ?? [] }));

  return {
    format: 1,
    campaign: {
      id: spec.campaign.id, name: spec.campaign.name, year: spec.campaign.year, organizer: spec.campaign.organizer ?? null, precision: spec.campaign.precision,
      ...(spec.campaign.subject === 'person' ? { subject: 'person' as const } : {}),
    },
    period: result.period,
    periodLabel: periodLabel(result.period),
    periodState: src.periodState,
    specVersion: src.specVersion,
    computedAt: src.computedAt.toISOString(),
    intro: src.intro,
    closing: src.closing,
    overall,
    groups,
    pairs,
    flags,
    categories,
    schedule: { ahead: scheduleOf(true), behind: scheduleOf(false) },
    actions,
    commendations,
  };
}

/** The part of the content that comes from the results: what must not have changed since the draft was reviewed. */
export function resultPart(c: BulletinContent): Omit<BulletinContent, 'intro' | 'closing' | 'computedAt' | 'specVersion' | 'periodState'> {
  const { intro: _i, closing: _c, computedAt: _a, specVersion: _v, periodState: _s, ...rest } = c;
  return rest;
}
