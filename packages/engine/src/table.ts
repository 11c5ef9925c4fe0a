// `--format table`: the same results as the JSON, laid out for a terminal. CJK characters take two
// columns, so widths are measured in display cells.
import type { PeriodResult } from './results.ts';

function cells(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return n;
}

function grid(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(cells(h), ...rows.map((r) => cells(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(w[i] - cells(c))).join('  ').trimEnd();
  return [line(head), w.map((x) => '-'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));

export function renderTable(r: PeriodResult): string {
  const out: string[] = [`${r.campaign}  ${r.period}`, ''];
  // (1.1) units may have different indicators: every one any unit has, a blank where it does not apply
  const indIds = [...new Set(r.units.flatMap((u) => Object.keys(u.indicators)))];
  const catIds = [...new Set(r.units.flatMap((u) => Object.keys(u.categories ?? {})))];
  const hasSummary = r.units.some((u) => u.summary);
  const head = ['rank', 'unit', 'group', 'grp', 'total', 'delta', 'flags', ...indIds, ...catIds, ...(hasSummary ? ['summary', 'grade'] : [])];
  const rows = r.units.map((u) => [
    String(u.rank.all),
    u.unit + (u.vetoed ? ' (vetoed)' : ''),
    u.group,
    String(u.rank.group),
    n(u.total),
    u.delta === null ? '—' : u.delta > 0 ? `↑${u.delta}` : u.delta < 0 ? `↓${-u.delta}` : '0',
    u.flags.join(',') || '—',
    ...indIds.map((id) => {
      const x = u.indicators[id];
      if (!x) return '';
      return 'events' in x ? `${n(x.score)} (${x.events})` : x.missing ? `${n(x.score)} missing` : n(x.score);
    }),
    ...catIds.map((c) => {
      const x = u.categories?.[c];
      return x ? `${n(x.score)} #${x.rank.all}` : '';
    }),
    ...(hasSummary ? [n(u.summary?.score), u.summary?.grade ?? '—'] : []),
  ]);
  out.push(grid(head, rows));
  if (r.pairs.length) {
    out.push('', grid(['pair', 'units', 'winner', 'margin'], r.pairs.map((p) => [p.pair, p.units.join(' / '), p.winner ?? '—', n(p.margin)])));
  }
  if (r.flags.length) {
    out.push('', grid(['flag', 'scope', 'holders', 'kept', 'lost'], r.flags.map((f) => [f.flag, f.scope, f.holders.join(',') || '—', f.kept?.join(',') ?? '', f.lost?.join(',') ?? ''])));
  }
  if (r.actions.length) {
    out.push('', grid(['rule', 'action', 'unit', 'reason'], r.actions.map((a) => [a.rule, a.action, a.unit, a.reason])));
  }
  return out.join('\n') + '\n';
}
