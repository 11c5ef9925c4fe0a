// 单项: one indicator across all units — the figure, year to date, target, expected (序时),
// ratio, score and the indicator rank, in the order of that rank.
import { Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { IndicatorResult, UnitResult, ValueIndicatorResult } from '../api/types.ts';
import type { CampaignLookups } from '../hooks/useCampaign.ts';
import { num, pct } from '../lib/format.ts';
import { FINAL, type BoardStatus } from '../lib/provisional.ts';

const isValue = (r: IndicatorResult | undefined): r is ValueIndicatorResult => !!r && 'rank' in r;

// A unit with nothing counted yet has no indicator rank or score here either (未报 / 待审核), and a
// figure stored but not counted yet (in verification, not approved) says 待审核, not 未报.
export function IndicatorBoard({ campaignId, units, lookups, period, indicatorId, onIndicator, status = FINAL }: {
  campaignId: string; units: UnitResult[]; lookups: CampaignLookups; period: string;
  indicatorId: string | undefined; onIndicator: (id: string) => void; status?: BoardStatus;
}) {
  const { t } = useTranslation();
  const indicators = [...lookups.indicator.values()];
  const current = indicatorId && lookups.indicator.has(indicatorId) ? indicatorId : indicators[0]?.id;
  const ind = current ? lookups.indicator.get(current) : undefined;
  const out = (x: { u: UnitResult }) => status.unranked(x.u.unit) !== null;
  // (spec 1.1) only the units the indicator applies to have an entry for it
  const rows = units
    .filter((u) => current === undefined || u.indicators[current] !== undefined)
    .map((u) => ({ u, r: current ? u.indicators[current] : undefined }))
    .sort((a, b) => Number(out(a)) - Number(out(b)) || (isValue(a.r) ? a.r.rank.all : 1e9) - (isValue(b.r) ? b.r.rank.all : 1e9) || b.u.total - a.u.total);
  const missingTag = (x: (typeof rows)[number]) => {
    const why = status.unranked(x.u.unit) ?? (current && status.awaiting(x.u.unit, current) ? 'pendingReview' : null);
    return why === 'pendingReview' ? <Tag color="gold" data-unranked="pendingReview">{t('provisional.pendingReview')}</Tag> : <Tag color="orange">{t('board.missing')}</Tag>;
  };
  const event = ind?.input === 'event';

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>{t('board.pickIndicator')}</Typography.Text>
        <Select
          style={{ minWidth: 240 }}
          value={current}
          onChange={onIndicator}
          data-testid="indicator-picker"
          options={indicators.map((i) => ({ value: i.id, label: `${i.name}（${t(`inputKind.${i.input}`)}）` }))}
        />
        {ind?.measure && <Tag>{ind.measure}</Tag>}
      </Space>
      <Table
        rowKey={(x) => x.u.unit}
        size="middle"
        pagination={false}
        dataSource={rows}
        data-testid="indicator-table"
        columns={[
          ...(event ? [] : [{ title: t('board.indRank'), key: 'rank', width: 80, align: 'center' as const, render: (_: unknown, x: (typeof rows)[number]) => (isValue(x.r) && !out(x) ? x.r.rank.all : '—') }]),
          {
            title: t('board.unit'), key: 'unit',
            render: (_: unknown, x: (typeof rows)[number]) => (
              <Link to={`/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(x.u.unit)}?period=${encodeURIComponent(period)}`}>
                {lookups.unit.get(x.u.unit)?.name ?? x.u.unit}
              </Link>
            ),
          },
          ...(event
            ? [{ title: t('board.events'), key: 'events', align: 'right' as const, render: (_: unknown, x: (typeof rows)[number]) => (x.r && 'events' in x.r ? x.r.events : '—') }]
            : [
              { title: t('board.value'), key: 'value', align: 'right' as const, render: (_: unknown, x: (typeof rows)[number]) => (isValue(x.r) ? (x.r.missing ? missingTag(x) : num(x.r.value)) : '—') },
              { title: t('board.ytd'), key: 'ytd', align: 'right' as const, render: (_: unknown, x: (typeof rows)[number]) => (isValue(x.r) ? num(x.r.ytd) : '—') },
              { title: t('board.target'), key: 'target', align: 'right' as const, render: (_: unknown, x: (typeof rows)[number]) => (isValue(x.r) ? num(x.r.target) : '—') },
              { title: t('board.expected'), key: 'expected', align: 'right' as const, render: (_: unknown, x: (typeof rows)[number]) => (isValue(x.r) ? num(x.r.expected) : '—') },
              { title: t('board.ratio'), key: 'ratio', align: 'right' as const, render: (_: unknown, x: (typeof rows)[number]) => (isValue(x.r) ? pct(x.r.ratio) : '—') },
            ]),
          { title: t('board.score'), key: 'score', align: 'right' as const, render: (_: unknown, x: (typeof rows)[number]) => <Typography.Text strong>{out(x) ? '—' : lookups.score(x.r?.score)}</Typography.Text> },
        ]}
      />
    </Space>
  );
}
