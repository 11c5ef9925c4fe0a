// 我的分管 (issue 10 item 14): a leader's own page. For each campaign they lead, the units and
// indicators assigned to them (all units when none are): each unit's total, rank, movement, flags,
// the indicators where it lags and its actions — from the latest CLOSED period by default, so that
// a leader reads published standing, not figures still being verified; a switch shows the latest
// (provisional) results, marked 预计.
import { useState } from 'react';
import { Alert, Card, Empty, Flex, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getPeriods, getResults, listCampaigns } from '../api/endpoints.ts';
import type { CampaignSummary, UnitResult, ValueIndicatorResult } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { DeltaArrow } from '../components/DeltaArrow.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { LeaderLedger } from '../components/LeaderLedger.tsx';
import { FlagTags } from '../components/FlagTags.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { Page } from '../layout/Page.tsx';
import { ledIn, leadsIn } from '../lib/leader.ts';

export function LeaderPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [latest, setLatest] = useState(false);
  const list = useAsync(() => listCampaigns(), []);
  const led = (list.data?.campaigns ?? []).filter((c) => user && leadsIn(user, c.id));
  return (
    <Page
      crumbs={[{ title: t('leader.title') }]}
      title={t('leader.title')}
      extra={(
        <Space>
          <Switch checked={latest} onChange={setLatest} data-testid="leader-latest" />
          <span>{t('leader.showLatest')}</span>
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">{latest ? t('leader.latestHint') : t('leader.closedHint')}</Typography.Paragraph>
      {list.error && <ErrorResult error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Spin />}
      {list.data && led.length === 0 && <Empty description={t('leader.none')} />}
      <Flex vertical gap={16}>
        {led.map((c) => <LedCampaign key={c.id} campaign={c} latest={latest} />)}
      </Flex>
    </Page>
  );
}

function LedCampaign({ campaign, latest }: { campaign: CampaignSummary; latest: boolean }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { lookups, error: campaignError } = useCampaign(campaign.id);
  const periods = useAsync(() => getPeriods(campaign.id), [campaign.id]);
  const closed = (periods.data?.periods ?? []).filter((p) => p.state === 'closed').map((p) => p.period);
  const lastClosed = closed.length ? closed[closed.length - 1] : null;
  const wanted = latest ? undefined : lastClosed;
  const results = useAsync(
    () => (latest || lastClosed ? getResults(campaign.id, wanted) : Promise.resolve(null)),
    [campaign.id, latest, lastClosed ?? '', !!periods.data],
  );
  const error = campaignError ?? periods.error ?? results.error;
  const data = periods.data ? results.data : undefined;
  const led = user ? ledIn(user, campaign.id) : { units: null, indicators: null };
  const result = data?.result ?? null;
  const provisional = !!data && data.state !== 'closed';
  const units = (result?.units ?? []).filter((u) => led.units === null || led.units.has(u.unit));
  const count = result?.units.length ?? 0;

  const lagging = (u: UnitResult) => Object.entries(u.indicators)
    .filter(([id]) => led.indicators === null || led.indicators.has(id))
    .filter(([, r]) => {
      const v = r as Partial<ValueIndicatorResult>;
      if (!v.rank) return false;
      return v.missing || v.ahead === false || v.below_base || v.rank.all > Math.ceil((count * 2) / 3);
    })
    .map(([id, r]) => ({ id, behind: (r as Partial<ValueIndicatorResult>).ahead === false }));

  return (
    <Card
      data-testid="leader-campaign"
      data-campaign={campaign.id}
      title={<Link to={`/campaigns/${encodeURIComponent(campaign.id)}`}>{campaign.name}</Link>}
      extra={data?.period && (
        <Space data-testid="leader-period" data-period={data.period} data-provisional={provisional ? 'true' : 'false'}>
          <span>{data.period}</span>
          {provisional ? <Tag color="orange">{t('provisional.tag')}</Tag> : <Tag color="green">{t('leader.closed')}</Tag>}
        </Space>
      )}
    >
      {error && <ErrorResult error={error} />}
      {!error && (!lookups || !periods.data || results.loading) && <Spin />}
      {!error && lookups && periods.data && !results.loading && (
        <>
          {led.indicators && (
            <Typography.Paragraph data-testid="leader-indicators">
              {t('leader.indicators')}: {[...led.indicators].map((id) => lookups.indicator.get(id)?.name ?? id).join('、')}
            </Typography.Paragraph>
          )}
          {provisional && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('leader.provisional')} />}
          {!result ? (
            <Empty description={latest ? t('leader.noResults') : t('leader.noClosed')} />
          ) : (
            <Table<UnitResult>
              rowKey="unit"
              size="small"
              pagination={false}
              dataSource={units}
              onRow={(u) => ({ 'data-unit': u.unit } as React.HTMLAttributes<HTMLElement>)}
              columns={[
                {
                  title: t('leader.unit'), key: 'unit',
                  render: (_, u) => <Link to={`/campaigns/${encodeURIComponent(campaign.id)}/units/${encodeURIComponent(u.unit)}?period=${encodeURIComponent(result.period)}`}>{lookups.unit.get(u.unit)?.name ?? u.unit}</Link>,
                },
                { title: t('leader.total'), key: 'total', render: (_, u) => <span className="leader-total">{lookups.score(u.total)}</span> },
                { title: t('leader.rank'), key: 'rank', render: (_, u) => <span className="leader-rank">{u.rank.all}</span> },
                { title: t('leader.groupRank'), key: 'group', render: (_, u) => u.rank.group },
                { title: t('leader.movement'), key: 'delta', render: (_, u) => <DeltaArrow delta={u.delta} /> },
                { title: t('leader.flags'), key: 'flags', render: (_, u) => <FlagTags flags={u.flags} vetoed={u.vetoed} flagById={lookups.flag} provisional={provisional} /> },
                {
                  title: t('leader.lagging'), key: 'lagging',
                  render: (_, u) => {
                    const lag = lagging(u);
                    if (lag.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
                    return lag.map((l) => (
                      <Tag key={l.id} color={l.behind ? 'red' : 'orange'} data-lagging={l.id}>
                        {lookups.indicator.get(l.id)?.name ?? l.id}{l.behind ? `（${t('leader.behind')}）` : ''}
                      </Tag>
                    ));
                  },
                },
                {
                  title: t('leader.actions'), key: 'actions',
                  render: (_, u) => {
                    const acts = result.actions.filter((a) => a.unit === u.unit);
                    if (acts.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
                    return acts.map((a) => {
                      const name = lookups.rule.get(a.rule)?.name ?? a.rule;
                      return (
                        <div key={a.rule} data-action={a.rule} title={a.reason}>
                          <Tag color="volcano" style={provisional ? { borderStyle: 'dashed' } : undefined}>
                            {provisional ? t('provisional.expected', { name }) : name}
                          </Tag>
                          <Typography.Text type="secondary">{a.reason}</Typography.Text>
                        </div>
                      );
                    });
                  },
                },
              ]}
            />
          )}
          <LeaderLedger campaignId={campaign.id} />
        </>
      )}
    </Card>
  );
}
