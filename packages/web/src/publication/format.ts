// Display helpers shared by the bulletin renderers, the big screen and the phone pages. They only
// print what a published bulletin carries (the engine's numbers as they are) and never load antd,
// so the public pages stay small.
import { createContext, useContext } from 'react';
import type { BulletinContent } from '../api/types.ts';

/**
 * A score with the campaign's decimals (92.4 → 92.40): the number is the engine's, already rounded to
 * that precision, so toFixed only pads it. Without a precision (older content) the number as it is.
 */
export const fixed = (x: number, precision: number | null | undefined): string => {
  if (!Number.isFinite(x)) return String(x);
  // never in exponent form (toFixed writes one from 1e21 on, String below 1e-6)
  const digits = precision === null || precision === undefined ? { maximumFractionDigits: 20 } : { minimumFractionDigits: precision, maximumFractionDigits: precision };
  return new Intl.NumberFormat('en-US', { useGrouping: false, ...digits }).format(x);
};

/** The precision of the bulletin a subtree shows (the big screen sets it once for all its panels). */
export const PrecisionContext = createContext<number | undefined>(undefined);
export function useScore(): (x: number) => string {
  const precision = useContext(PrecisionContext);
  return (x) => fixed(x, precision);
}

/** CSS colours for the spec's flag colours (a spec may name them in English or Chinese, or give any CSS colour). */
const FLAG_CSS: Record<string, string> = {
  red: '#d4111b', 红: '#d4111b', yellow: '#e8b600', 黄: '#e8b600', gold: '#e8b600', green: '#2f9e44', 绿: '#2f9e44',
  blue: '#1c6fd1', 蓝: '#1c6fd1', orange: '#f0780a', purple: '#8d3fc7', gray: '#8c8c8c', grey: '#8c8c8c', black: '#262626',
};
export const flagCss = (color: string | null | undefined, fallback = '#d4111b') =>
  color ? FLAG_CSS[color.toLowerCase()] ?? color : fallback;

/** flag name → its colour, from the flags of the content (rank rows carry flag names only) */
export function flagColorByName(content: BulletinContent): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const f of content.flags) if (!m.has(f.name)) m.set(f.name, f.color);
  return m;
}

export type Lang = 'zh' | 'en';
export const periodLabel = (content: Pick<BulletinContent, 'periodLabel' | 'period'>, lang: string) =>
  (lang === 'en' ? content.periodLabel.en : content.periodLabel.zh) || content.period;

/** 一、二、三… for the numbered sections of an official document */
const ZH_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
export const sectionNumber = (i: number, lang: string) => (lang === 'en' ? `${i + 1}. ` : `${ZH_NUM[i] ?? String(i + 1)}、`);

export type SectionKey = 'overall' | 'groups' | 'pairs' | 'flags' | 'categories' | 'schedule' | 'commendations' | 'actions';

/** The sections a bulletin has, in document order: empty ones are left out (a campaign without pairs has no 结对 section). */
export function bulletinSections(c: BulletinContent): SectionKey[] {
  const all: [SectionKey, boolean][] = [
    ['overall', c.overall.length > 0],
    ['groups', c.groups.length > 1],
    ['pairs', c.pairs.length > 0],
    ['flags', c.flags.length > 0],
    ['categories', c.categories.some((k) => k.indicators.length > 0)],
    ['schedule', c.schedule.ahead.length + c.schedule.behind.length > 0],
    ['commendations', c.commendations.length > 0],
    ['actions', c.actions.length > 0],
  ];
  return all.filter(([, has]) => has).map(([k]) => k);
}

export const names = (xs: { name: string }[], sep = '、', empty = '—') => (xs.length ? xs.map((x) => x.name).join(sep) : empty);

/** "2026-05-03 14:05" in the viewer's time zone, without loading a date library */
export function shortDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The date line at the end of an official document: 2026年5月3日 */
export function documentDate(iso: string | null | undefined, lang: string): string {
  const d = iso ? new Date(iso) : new Date();
  if (lang === 'en') return d.toLocaleDateString('en-GB', { year: 'numeric', month: 'long', day: 'numeric' });
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** The phone page of a campaign (or of one unit), absolute, for share links. */
export function phoneUrl(campaignId: string, unitId?: string): string {
  const path = `/m/${encodeURIComponent(campaignId)}${unitId ? `/u/${encodeURIComponent(unitId)}` : ''}`;
  return typeof window === 'undefined' ? path : window.location.origin + path;
}
