// The leaderboard proper: rank, unit, group, total, movement, flags. `rankOf` picks the rank to
// show (overall or within the group), since the same table serves 总排名 and 分组.
import type { HTMLAttributes } from 'react';
import { Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { UnitResult } from '../api/types.ts';
import type { CampaignLookups } from '../hooks/useCampaign.ts';
import { DeltaArrow } from './DeltaArrow.tsx';
import { FlagTags } from './FlagTags.tsx';

export function LeaderboardTable({
  campaignId, units, lookups, rankOf, period, testId,
}: {
  campaignId: string;
  units: UnitResult[];
  lookups: CampaignLookups;
  rankOf: (u: UnitResult) => number;
  period: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const rows = [...units].sort((a, b) => rankOf(a) - rankOf(b));
  return (
    <Table<UnitResult>
      rowKey="unit"
      size="middle"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      rowClassName={(u) => (u.vetoed ? 'row-vetoed leaderboard-row' : 'leaderboard-row')}
      onRow={(u) => ({ 'data-unit': u.unit } as HTMLAttributes<HTMLElement>)}
      columns={[
        {
          title: t('board.rank'), key: 'rank', width: 80, align: 'center',
          render: (_: unknown, u) => <Typography.Text strong className="rank-cell">{rankOf(u)}</Typography.Text>,
        },
        {
          title: t('board.unit'), key: 'unit',
          render: (_: unknown, u) => (
            <Link className="unit-name" to={`/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(u.unit)}?period=${encodeURIComponent(period)}`}>
              {lookups.unit.get(u.unit)?.name ?? u.unit}
            </Link>
          ),
        },
        { title: t('board.groupCol'), key: 'group', width: 120, render: (_: unknown, u) => lookups.group.get(u.group)?.name ?? u.group },
        {
          title: t('board.total'), key: 'total', width: 110, align: 'right',
          render: (_: unknown, u) => <Typography.Text strong className="total-cell">{lookups.score(u.total)}</Typography.Text>,
        },
        ...(rows.some((u) => u.summary)
          ? [{
            title: t('board.summary'), key: 'summary', width: 140, align: 'right' as const,
            render: (_: unknown, u: UnitResult) => u.summary && (
              <span>
                {lookups.score(u.summary.score)}
                {u.summary.grade && <Tag color="blue" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>{lookups.grade.get(u.summary.grade)?.name ?? u.summary.grade}</Tag>}
              </span>
            ),
          }]
          : []),
        { title: <Tooltip title={t('board.deltaHint')}>{t('board.delta')}</Tooltip>, key: 'delta', width: 90, align: 'center', render: (_: unknown, u) => <DeltaArrow delta={u.delta} /> },
        { title: t('board.flags'), key: 'flags', render: (_: unknown, u) => <FlagTags flags={u.flags} vetoed={u.vetoed} flagById={lookups.flag} /> },
      ]}
    />
  );
}
