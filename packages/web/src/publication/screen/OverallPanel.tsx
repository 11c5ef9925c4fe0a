// 总排名 on the big screen: up to 24 units a page in two columns of 12.
import type { BulletinRankRow } from '../../api/types.ts';
import { ScreenRankRow } from './ScreenRows.tsx';

export const OVERALL_PAGE = 24;

export function OverallPanel({ rows, colors }: { rows: BulletinRankRow[]; colors: Map<string, string | null> }) {
  const perColumn = Math.ceil(Math.min(rows.length, OVERALL_PAGE) / 2);
  const columns = rows.length > 8 ? [rows.slice(0, perColumn), rows.slice(perColumn)] : [rows];
  const height = Math.min(84, Math.floor(764 / Math.max(perColumn, 1)));
  return (
    <div className="scr-columns" data-testid="screen-overall">
      {columns.map((col, i) => (
        <div className="scr-column" key={i}>
          {col.map((r) => <ScreenRankRow key={r.unit} row={r} colors={colors} showGroup height={height} />)}
        </div>
      ))}
    </div>
  );
}
