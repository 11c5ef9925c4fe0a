// 分组排名 on the big screen: two groups side by side, each with its own ranking (more groups
// rotate through more pages: four narrow columns would cut the unit names).
import type { BulletinContent } from '../../api/types.ts';
import { ScreenRankRow } from './ScreenRows.tsx';

export const GROUPS_PAGE = 2;
const MAX_ROWS = 12;

export function GroupsPanel({ groups, colors }: { groups: BulletinContent['groups']; colors: Map<string, string | null> }) {
  const longest = Math.min(MAX_ROWS, Math.max(1, ...groups.map((g) => g.rows.length)));
  const height = Math.min(84, Math.floor(700 / longest));
  return (
    <div className="scr-groups" data-testid="screen-groups">
      {groups.map((g) => (
        <div className="scr-group-card" key={g.id} data-group={g.id}>
          <div className="scr-card-title">{g.name}</div>
          {g.rows.slice(0, MAX_ROWS).map((r) => <ScreenRankRow key={r.unit} row={r} colors={colors} height={height} />)}
        </div>
      ))}
    </div>
  );
}
