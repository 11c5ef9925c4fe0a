// The big screen's rotation: which panels there are, given what the latest bulletin holds. Long
// lists become several pages (总排名 1/2 …) rather than smaller type: it must read across a hall.
import type { BulletinContent, BulletinRankRow, KioskView } from '../../api/types.ts';
import { OVERALL_PAGE } from './OverallPanel.tsx';
import { GROUPS_PAGE } from './GroupsPanel.tsx';
import { flagPages, type FlagCard } from './FlagWallPanel.tsx';
import { CATEGORY_PAGE, type ScreenIndicator } from './CategoriesPanel.tsx';

export type PanelKind = 'overall' | 'groups' | 'flags' | 'categories' | 'trends' | 'counters';

export type Panel =
  | { kind: 'overall'; key: string; page: number; pages: number; rows: BulletinRankRow[] }
  | { kind: 'groups'; key: string; page: number; pages: number; groups: BulletinContent['groups'] }
  | { kind: 'flags'; key: string; page: number; pages: number; cards: FlagCard[] }
  | { kind: 'categories'; key: string; page: number; pages: number; indicators: ScreenIndicator[] }
  | { kind: 'trends'; key: string; page: 1; pages: 1 }
  | { kind: 'counters'; key: string; page: 1; pages: 1 };

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export function buildPanels(view: KioskView): Panel[] {
  const c = view.latest?.content;
  if (!c) return [];
  const panels: Panel[] = [];
  const paged = <T,>(kind: 'overall' | 'groups' | 'flags' | 'categories', xs: T[], size: number, make: (chunk: T[]) => object) => {
    const cs = chunks(xs, size);
    cs.forEach((chunk, i) => panels.push({ kind, key: cs.length > 1 ? `${kind}-${i + 1}` : kind, page: i + 1, pages: cs.length, ...make(chunk) } as Panel));
  };
  paged('overall', c.overall, OVERALL_PAGE, (rows) => ({ rows }));
  if (c.groups.length > 1) paged('groups', c.groups, GROUPS_PAGE, (groups) => ({ groups }));
  paged('flags', flagPages(c.flags), 1, ([cards]) => ({ cards }));
  const indicators: ScreenIndicator[] = c.categories.flatMap((k) => k.indicators.map((i) => ({ ...i, category: k.category })));
  paged('categories', indicators, CATEGORY_PAGE, (inds) => ({ indicators: inds }));
  if (view.periods.length > 1) panels.push({ kind: 'trends', key: 'trends', page: 1, pages: 1 });
  panels.push({ kind: 'counters', key: 'counters', page: 1, pages: 1 });
  return panels;
}
