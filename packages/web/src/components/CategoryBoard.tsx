// 龙虎榜 (spec 1.1 categories): one category of indicators across the units that have it — the
// subtotal the engine computed and its ranks (overall and in the group), in the order of that rank.
// Ties share a rank and are all shown (并列).
import { Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { UnitResult } from '../api/types.ts';
import type { CampaignLookups } from '../hooks/useCampaign.ts';
import { FINAL, type BoardStatus } from '../lib/provisional.ts';

export function CategoryBoard({ campaignId, units, lookups, period, category, categories, onCategory, status = FINAL }: {
  campaignId: string; units: UnitResult[]; lookups: CampaignLookups; period: string;
  category: string | undefined; categories: string[]; onCategory: (c: string) => void; status?: BoardStatus;
}) {
  const { t } = useTranslation();
  const current = category && categories.includes(category) ? category : categories[0];
  const out = (u: UnitResult) => status.unranked(u.unit) !== null;
  const rows = units
    .filter((u) => current !== undefined && u.categories?.[current] !== undefined)
    .map((u) => ({ u, c: u.categories?.[current as string] as NonNullable<UnitResult['categories']>[string] }))
    .sort((a, b) => Number(out(a.u)) - Number(out(b.u)) || a.c.rank.all - b.c.rank.all || (a.u.unit < b.u.unit ? -1 : 1));
  const shared = new Map<number, number>();
  for (const x of rows) if (!out(x.u)) shared.set(x.c.rank.all, (shared.get(x.c.rank.all) ?? 0) + 1);

  if (categories.length === 0) return <Typography.Text type="secondary" data-testid="category-none">{t('board.noCategories')}</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>{t('board.pickCategory')}</Typography.Text>
        <Select style={{ minWidth: 200 }} value={current} onChange={onCategory} data-testid="category-picker"
          options={categories.map((c) => ({ value: c, label: c }))} />
      </Space>
      <Table
        rowKey={(x) => x.u.unit}
        size="middle"
        pagination={false}
        dataSource={rows}
        data-testid="category-table"
        onRow={(x) => ({ 'data-unit': x.u.unit, 'data-rank': out(x.u) ? '' : String(x.c.rank.all) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('board.rank'), key: 'rank', width: 90, align: 'center' as const,
            render: (_: unknown, x: (typeof rows)[number]) => (out(x.u) ? '—' : (
              <Space size={4}>{x.c.rank.all}{(shared.get(x.c.rank.all) ?? 0) > 1 && <Tag color="blue" data-tie="1">{t('board.tie')}</Tag>}</Space>
            )),
          },
          {
            title: t('board.unit'), key: 'unit',
            render: (_: unknown, x: (typeof rows)[number]) => (
              <Link to={`/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(x.u.unit)}?period=${encodeURIComponent(period)}`}>
                {lookups.unit.get(x.u.unit)?.name ?? x.u.unit}
              </Link>
            ),
          },
          { title: t('board.groupCol'), key: 'group', render: (_: unknown, x: (typeof rows)[number]) => lookups.group.get(x.u.group)?.name ?? x.u.group },
          { title: t('board.groupRank'), key: 'grank', align: 'center' as const, render: (_: unknown, x: (typeof rows)[number]) => (out(x.u) ? '—' : x.c.rank.group) },
          {
            title: t('board.subtotal'), key: 'score', align: 'right' as const,
            render: (_: unknown, x: (typeof rows)[number]) => <Typography.Text strong data-score>{out(x.u) ? '—' : lookups.score(x.c.score)}</Typography.Text>,
          },
        ]}
      />
    </Space>
  );
}
