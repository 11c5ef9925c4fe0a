// The campaign page: the leaderboard of one period in four views (总排名 / 分组 / 结对 / 单项),
// the flag holders, and the accountability actions. Everything shown was computed by the engine on
// the server; the stream tells us when to fetch it again.
import { Badge, Card, Col, Empty, Row, Segmented, Select, Space, Spin, Tag, Tooltip, Typography, type TablePaginationConfig } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCampaign, type CampaignLookups } from '../hooks/useCampaign.ts';
import { useResults } from '../hooks/useResults.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { LeaderboardTable } from '../components/LeaderboardTable.tsx';
import { PairBoard } from '../components/PairBoard.tsx';
import { IndicatorBoard } from '../components/IndicatorBoard.tsx';
import { CategoryBoard } from '../components/CategoryBoard.tsx';
import { ActionsList } from '../components/ActionsList.tsx';
import type { FlagResult, PeriodResult } from '../api/types.ts';
import { tagColor } from '../lib/format.ts';
import { PeriodStateTag } from '../components/StatusTags.tsx';
import { UnverifiedBanner } from '../components/UnverifiedBanner.tsx';
import { ProvisionalNotice } from '../components/ProvisionalNotice.tsx';
import { boardStatus, type BoardStatus } from '../lib/provisional.ts';

type View = 'all' | 'group' | 'pair' | 'category' | 'indicator';
const VIEWS: View[] = ['all', 'group', 'pair', 'category', 'indicator'];
/** above this many units the overall ranking is read from the server a page at a time (?paged=1: any campaign) */
export const PAGED_ABOVE = 1000;
const PAGE_SIZE = 50;

export function LeaderboardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const campaign = useCampaign(id);
  // a large campaign: the overall ranking only, a page at a time (the whole result is megabytes)
  const unitCount = campaign.data?.model.units.length;
  const paged = params.get('paged') === '1' || (unitCount !== undefined && unitCount > PAGED_ABOVE);
  const pageSize = Math.min(Math.max(Math.trunc(Number(params.get('pageSize'))) || PAGE_SIZE, 1), 1000);
  const pageNo = Math.max(Math.trunc(Number(params.get('page'))) || 1, 1);
  const view: View = paged ? 'all' : VIEWS.find((v) => v === params.get('view')) ?? 'all';
  const results = useResults(id, period, !paged && unitCount === undefined ? null : paged ? { offset: (pageNo - 1) * pageSize, limit: pageSize } : undefined);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  const name = campaign.data?.campaign.name ?? id;
  const crumbs = [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: name }];
  const error = campaign.error ?? results.error;
  if (error) return <Page crumbs={crumbs} title={name}><ErrorResult error={error} onRetry={results.reload} /></Page>;
  const lookups = campaign.lookups;
  const data = results.data;
  const shownPeriod = data?.period ?? period ?? '';
  const status = boardStatus(data);

  return (
    <Page
      crumbs={crumbs}
      title={name}
      extra={
        <Space>
          <Tooltip title={t('board.liveHint')}>
            <Badge status={results.live ? 'processing' : 'default'} text={t('board.live')} data-testid="live-badge" />
          </Tooltip>
          <Typography.Text>{t('board.period')}</Typography.Text>
          <Select
            style={{ minWidth: 130 }}
            value={data?.period ?? undefined}
            placeholder={t('board.noPeriods')}
            onChange={(p: string) => set('period', p)}
            data-testid="period-picker"
            // a period asked for by ?period= whose results are all unverified is not among
            // `periods` (it has no stored result yet): keep it pickable
            options={[...new Set([...(data?.periods ?? []), ...(data?.period ? [data.period] : [])])].sort().map((p) => ({ value: p, label: p }))}
          />
          <PeriodStateTag state={data?.state} />
        </Space>
      }
    >
      <CampaignNav campaignId={id} active="board" />
      {data?.result && <ProvisionalNotice period={data.period} state={data.state} />}
      {lookups && data && <UnverifiedBanner state={data.state} unverified={data.unverified} lookups={lookups} />}
      {!lookups || !data ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : !data.result ? (
        <Card><Empty description={data.state && data.state !== 'open' && data.state !== 'unopened' ? t('board.noVerified') : data.periods.length === 0 ? t('board.noPeriods') : t('board.noData')} /></Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            size="small"
            title={
              <Segmented<View>
                value={view}
                onChange={(v) => set('view', v)}
                data-testid="view-switch"
                options={(paged ? VIEWS.slice(0, 1) : VIEWS).map((v) => ({ value: v, label: t(`board.${v}`) }))}
              />
            }
            extra={<Typography.Text type="secondary">{data.result.period}</Typography.Text>}
          >
            {paged && <Typography.Paragraph type="secondary" data-testid="paged-note">{t('board.pagedNote')}</Typography.Paragraph>}
            <BoardView view={view} id={id} result={data.result} lookups={lookups} period={shownPeriod} status={status}
              pagination={paged && data.page ? { current: pageNo, pageSize, total: data.page.total, showSizeChanger: false, onChange: (p) => set('page', String(p)) } : false}
              indicator={params.get('indicator') ?? undefined} onIndicator={(i) => set('indicator', i)}
              category={params.get('category') ?? undefined} onCategory={(c) => set('category', c)} categories={campaign.data?.model.categories ?? []} />
          </Card>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('board.actionsTitle')}>
                <ActionsList campaignId={id} actions={data.result.actions} lookups={lookups} provisional={status.provisional} />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('board.flagsTitle')}>
                <FlagHolders flags={data.result.flags} lookups={lookups} status={status} />
              </Card>
            </Col>
          </Row>
        </Space>
      )}
    </Page>
  );
}

function BoardView({ view, id, result, lookups, period, indicator, onIndicator, category, onCategory, categories, status, pagination }: {
  view: View; id: string; result: PeriodResult; lookups: CampaignLookups; period: string; pagination: TablePaginationConfig | false;
  indicator: string | undefined; onIndicator: (id: string) => void; status: BoardStatus;
  category: string | undefined; onCategory: (c: string) => void; categories: string[];
}) {
  if (view === 'category') {
    return <CategoryBoard campaignId={id} units={result.units} lookups={lookups} period={period} category={category} categories={categories} onCategory={onCategory} status={status} />;
  }
  if (view === 'all') {
    return (
      <LeaderboardTable campaignId={id} units={result.units} lookups={lookups} rankOf={(u) => u.rank.all} moveOf={(u) => status.moveAll(u.unit)}
        scope="all" period={period} testId="leaderboard-all" status={status} pagination={pagination} />
    );
  }
  if (view === 'group') {
    return (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {[...lookups.group.values()].map((g) => (
          <div key={g.id} data-group={g.id}>
            <Typography.Title level={5}>{g.name}</Typography.Title>
            <LeaderboardTable campaignId={id} units={result.units.filter((u) => u.group === g.id)} lookups={lookups} rankOf={(u) => u.rank.group}
              moveOf={(u) => status.moveGroup(u.unit, u.delta)} scope="group" period={period} status={status} testId={`leaderboard-group-${g.id}`} />
          </div>
        ))}
      </Space>
    );
  }
  if (view === 'pair') return <PairBoard campaignId={id} pairs={result.pairs} units={result.units} lookups={lookups} period={period} status={status} />;
  return <IndicatorBoard campaignId={id} units={result.units} lookups={lookups} period={period} indicatorId={indicator} onIndicator={onIndicator} status={status} />;
}

function FlagHolders({ flags, lookups, status }: { flags: FlagResult[]; lookups: CampaignLookups; status: BoardStatus }) {
  const { t } = useTranslation();
  const names = (ids: string[] | undefined) => (ids && ids.length ? ids.map((u) => lookups.unit.get(u)?.name ?? u).join('、') : '—');
  // a unit with nothing counted yet holds no flag, not even an expected one
  const counted = (ids: string[]) => ids.filter((u) => status.unranked(u) === null);
  const scopeName = (s: string) => {
    if (s === 'all') return t('board.all');
    const pair = lookups.pair.get(s);
    if (pair) return pair.units.map((u) => lookups.unit.get(u)?.name ?? u).join('⇄');
    return lookups.group.get(s)?.name ?? s;
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      {flags.map((f) => {
        const rule = lookups.flag.get(f.flag);
        return (
          <div key={`${f.flag}/${f.scope}`}>
            <Tag color={tagColor(rule?.color)} data-provisional={status.provisional ? 'true' : undefined} style={status.provisional ? { borderStyle: 'dashed' } : undefined}>
              {status.provisional ? t('provisional.expected', { name: rule?.name ?? f.flag }) : rule?.name ?? f.flag}
            </Tag>
            <Typography.Text type="secondary">{scopeName(f.scope)}：</Typography.Text>
            <Typography.Text data-flag-holders={`${f.flag}/${f.scope}`}>{names(counted(f.holders))}</Typography.Text>
            {rule?.mobile && (
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                （{t('board.previous')} {names(f.previous)}；{t('board.lost')} {names(f.lost)}）
              </Typography.Text>
            )}
          </div>
        );
      })}
    </Space>
  );
}
