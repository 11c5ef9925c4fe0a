// The leaderboard proper: rank, unit, group, total, movement, flags. `rankOf` picks the rank to
// show (overall or within the group), since the same table serves 总排名 and 分组, and `moveOf` the
// movement of that same rank, titled as such. Units with nothing counted yet are listed after the
// ranked ones as 未报 / 待审核, without a rank, a total or flags; while the period is not closed
// flags and grades say 预计.
import type { HTMLAttributes } from 'react';
import { Table, Tooltip, Typography, type TablePaginationConfig } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { UnitResult } from '../api/types.ts';
import type { CampaignLookups } from '../hooks/useCampaign.ts';
import { FINAL, type BoardStatus } from '../lib/provisional.ts';
import { DeltaArrow } from './DeltaArrow.tsx';
import { FlagTags, GradeTag } from './FlagTags.tsx';
import { UnrankedTag } from './ProvisionalNotice.tsx';

export function LeaderboardTable({
  campaignId, units, lookups, rankOf, moveOf, scope = 'group', period, testId, status = FINAL, pagination = false,
}: {
  campaignId: string;
  units: UnitResult[];
  lookups: CampaignLookups;
  rankOf: (u: UnitResult) => number;
  /** the movement of the rank shown (default: the engine's delta, the group one) */
  moveOf?: (u: UnitResult) => number | null;
  /** which rank the table lists: titles the movement column */
  scope?: 'all' | 'group';
  period: string;
  testId?: string;
  status?: BoardStatus;
  /** a page of a larger ranking read from the server (its total and page), default: every unit here */
  pagination?: TablePaginationConfig | false;
}) {
  const { t } = useTranslation();
  const move = moveOf ?? ((u: UnitResult) => u.delta);
  const ranked = units.filter((u) => status.unranked(u.unit) === null).sort((a, b) => rankOf(a) - rankOf(b));
  const unranked = units.filter((u) => status.unranked(u.unit) !== null);
  const rows = [...ranked, ...unranked];
  const why = (u: UnitResult) => status.unranked(u.unit);
  return (
    <Table<UnitResult>
      rowKey="unit"
      size="middle"
      pagination={pagination}
      dataSource={rows}
      data-testid={testId}
      rowClassName={(u) => (u.vetoed ? 'row-vetoed leaderboard-row' : why(u) ? 'row-unranked leaderboard-row' : 'leaderboard-row')}
      onRow={(u) => ({ 'data-unit': u.unit, 'data-unranked': why(u) ?? undefined } as HTMLAttributes<HTMLElement>)}
      columns={[
        {
          title: t('board.rank'), key: 'rank', width: 96, align: 'center',
          render: (_: unknown, u) => {
            const w = why(u);
            return w ? <UnrankedTag why={w} /> : <Typography.Text strong className="rank-cell">{rankOf(u)}</Typography.Text>;
          },
        },
        {
          title: lookups.subject === 'person' ? t('people.subject.board') : t('board.unit'), key: 'unit',
          render: (_: unknown, u) => (
            <Link className="unit-name" to={`/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(u.unit)}?period=${encodeURIComponent(period)}`}>
              {lookups.unit.get(u.unit)?.name ?? u.unit}
            </Link>
          ),
        },
        { title: t('board.groupCol'), key: 'group', width: 120, render: (_: unknown, u) => lookups.group.get(u.group)?.name ?? u.group },
        {
          title: t('board.total'), key: 'total', width: 110, align: 'right',
          render: (_: unknown, u) => <Typography.Text strong className="total-cell">{why(u) ? '—' : lookups.score(u.total)}</Typography.Text>,
        },
        ...(rows.some((u) => u.summary)
          ? [{
            title: t('board.summary'), key: 'summary', width: 160, align: 'right' as const,
            render: (_: unknown, u: UnitResult) => u.summary && (
              <span>
                {lookups.score(u.summary.score)}
                {u.summary.grade && (
                  <GradeTag name={lookups.grade.get(u.summary.grade)?.name ?? u.summary.grade} provisional={status.provisional}
                    style={{ marginInlineStart: 6, marginInlineEnd: 0 }} />
                )}
              </span>
            ),
          }]
          : []),
        {
          title: <Tooltip title={t(scope === 'all' ? 'move.allHint' : 'move.groupHint')}><span data-testid="delta-title">{t(scope === 'all' ? 'move.all' : 'move.group')}</span></Tooltip>,
          key: 'delta', width: 110, align: 'center',
          render: (_: unknown, u) => (why(u) ? '—' : <span className="delta-cell"><DeltaArrow delta={move(u)} /></span>),
        },
        {
          title: t('board.flags'), key: 'flags',
          render: (_: unknown, u) => (why(u) ? null : <FlagTags flags={u.flags} vetoed={u.vetoed} flagById={lookups.flag} provisional={status.provisional} />),
        },
      ]}
    />
  );
}
