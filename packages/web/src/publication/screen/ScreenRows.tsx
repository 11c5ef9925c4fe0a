// One unit's line on the big screen, sized to read from across a hall: rank badge, name, total and
// movement arrow on the first line; its group and flags smaller on the second, so that long unit
// and flag names never push the numbers off the screen. Used by the overall and the group boards.
import { useTranslation } from 'react-i18next';
import type { BulletinRankRow } from '../../api/types.ts';
import { flagCss, useScore } from '../format.ts';

export function ScreenArrow({ delta }: { delta: number | null }) {
  if (delta === null || delta === 0) return <span className="scr-arrow same">—</span>;
  return <span className={`scr-arrow ${delta > 0 ? 'up' : 'down'}`}>{delta > 0 ? '▲' : '▼'}{Math.abs(delta)}</span>;
}

export function FlagChip({ name, color }: { name: string; color: string | null | undefined }) {
  return <span className="scr-flag" style={{ background: flagCss(color) }}>⚑ {name}</span>;
}

export function ScreenRankRow({ row, colors, showGroup, height }: {
  row: BulletinRankRow; colors: Map<string, string | null>; showGroup?: boolean; height: number;
}) {
  const { t } = useTranslation();
  const score = useScore();
  const sub = showGroup || row.vetoed || row.flags.length > 0 || row.grade;
  return (
    <div className={`scr-row${row.vetoed ? ' vetoed' : ''}`} style={{ height }} data-unit={row.unit}>
      <span className={`scr-rank${row.rank <= 3 ? ` top${row.rank}` : ''}`}>{row.rank}</span>
      <span className="scr-main">
        <span className="scr-name">{row.name}</span>
        {sub && (
          <span className="scr-sub">
            {showGroup && <span className="scr-group">{row.groupName}</span>}
            {row.vetoed && <span className="scr-flag veto">{t('doc.vetoed')}</span>}
            {row.flags.map((f) => <FlagChip key={f} name={f} color={colors.get(f)} />)}
          </span>
        )}
      </span>
      <span className="scr-total">{score(row.total)}</span>
      <ScreenArrow delta={row.delta} />
    </div>
  );
}
