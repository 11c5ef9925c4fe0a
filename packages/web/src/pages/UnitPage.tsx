// One unit in one period: every indicator's figure, target, 序时进度, score and how it was
// scored; why the unit ranks where it does and why it got or missed flags; and its trend.
import { useEffect, useRef } from 'react';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useResults } from '../hooks/useResults.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { getHistory, getUnitExplanation } from '../api/endpoints.ts';
import type { Explanation, IndicatorResult, ModelIndicator, ValueIndicatorResult } from '../api/types.ts';
import { Page } from '../layout/Page.tsx';
import { UnitCasesCard } from '../components/UnitCasesCard.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { ExplainList, ExplainText } from '../components/ExplainText.tsx';
import { DeltaArrow } from '../components/DeltaArrow.tsx';
import { FlagTags, GradeTag } from '../components/FlagTags.tsx';
import { ActionsList } from '../components/ActionsList.tsx';
import { ProvisionalNotice, UnrankedTag } from '../components/ProvisionalNotice.tsx';
import { boardStatus } from '../lib/provisional.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';
import { ScheduleBar } from '../components/ScheduleBar.tsx';
import { subjectWords } from '../lib/subject.ts';
import { TrendChart } from '../components/TrendChart.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { canAppeal, canReadUnitFigures, canSeeUnitEntry } from '../lib/permissions.ts';
import { AppealButton } from '../components/AppealButton.tsx';
import { PeriodStateTag } from '../components/StatusTags.tsx';
import { num } from '../lib/format.ts';
import { OtherYears } from '../components/OtherYears.tsx';
import { UnitHonours } from '../components/UnitHonours.tsx';
import { UnitCommitments } from '../components/UnitCommitments.tsx';
import { RollupSource } from '../components/RollupSource.tsx';
import { useRollups } from '../hooks/useRollups.ts';

const isValue = (r: IndicatorResult | undefined): r is ValueIndicatorResult => !!r && 'rank' in r;

interface Row {
  ind: ModelIndicator;
  r: IndicatorResult | undefined;
}

export function UnitPage() {
  const { id = '', unitId = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const campaign = useCampaign(id);
  const results = useResults(id, period);
  const history = useAsync(() => getHistory(id, unitId), [id, unitId, results.data?.result?.period ?? '']);
  const explainPeriod = results.data?.result ? results.data.period : null;
  const mayExplain = canReadUnitFigures(user, id, unitId);
  const explained = useAsync(
    () => (explainPeriod && mayExplain ? getUnitExplanation(id, explainPeriod, unitId) : Promise.resolve(null)),
    [id, unitId, explainPeriod ?? '', mayExplain],
  );
  // results changed (a save, the live stream): explain them again
  const seenResults = useRef(results.data);
  const reloadExplained = explained.reload;
  useEffect(() => {
    if (seenResults.current === results.data) return;
    const first = seenResults.current === undefined;
    seenResults.current = results.data;
    if (!first) reloadExplained();
  }, [results.data, reloadExplained]);
  const { lang } = useLang();
  const rollups = useRollups(id);

  const unitName = campaign.lookups?.unit.get(unitId)?.name ?? unitId;
  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: unitName },
  ];
  const error = campaign.error ?? results.error;
  if (error) return <Page crumbs={crumbs} title={unitName}><ErrorResult error={error} /></Page>;
  const lookups = campaign.lookups;
  // a unit the campaign does not have: not found (not "no data for this period")
  if (lookups && !lookups.unit.has(unitId)) {
    return (
      <Page crumbs={crumbs} title={unitId}>
        <Result status="404" title={t('common.notFound')} subTitle={t('unit.notFound', { unit: unitId })} data-testid="unit-not-found" />
      </Page>
    );
  }
  const data = results.data;
  // the unit's figures and explanations are computed when asked (not part of the leaderboard)
  const u = (explained.data?.period === data?.period ? explained.data?.unit : undefined) ?? data?.result?.units.find((x) => x.unit === unitId);
  const status = boardStatus(data);
  const unranked = u ? status.unranked(u.unit) : null;
  const sentence = (e: Explanation) => (lang === 'en' ? e.en : e.zh);
  // reasons come with the unit's explanation: until it arrives they are being explained, not absent
  const explaining = mayExplain && !explained.error && explained.data?.period !== data?.period;
  const noReason = explaining ? '…' : '—';
  // the reason of each flag: the engine's "won" sentence naming that flag's rule
  const flagReason = (flagId: string) => {
    const name = lookups?.flag.get(flagId)?.name ?? flagId;
    const won = (u?.explain?.flags ?? []).filter((e) => e.code === 'flag.won');
    return won.find((e) => e.zh.startsWith(`获${name}：`)) ?? (won.length === 1 ? won[0] : undefined);
  };
  const vetoReasons = [...(u?.explain?.rank ?? []).filter((e) => e.code === 'rank.vetoed')];
  const unitActions = (explained.data?.period === data?.period ? explained.data?.actions : undefined) ?? (data?.result?.actions ?? []).filter((a) => a.unit === unitId);

  return (
    <Page
      crumbs={crumbs}
      title={unitName}
      extra={
        <Space>
          {lookups?.unit.get(unitId)?.person !== undefined && (
            <Link to={`/people/${lookups.unit.get(unitId)?.person}`} data-testid="unit-person-link">
              <Button>{t('people.subject.personRecord')}</Button>
            </Link>
          )}
          {user && canSeeUnitEntry(user, id, unitId) && (
            <Link to={`${base}/units/${encodeURIComponent(unitId)}/entry${data?.period ? `?period=${encodeURIComponent(data.period)}` : ''}`}>
              <Button icon={<EditOutlined />}>{subjectWords(t, lookups?.subject).enterOwn}</Button>
            </Link>
          )}
          {data?.period && data.result && lookups && canAppeal(user, id, unitId) && (
            <AppealButton campaignId={id} unit={unitId} unitName={unitName} period={data.period} indicators={[...lookups.indicator.values()]} />
          )}
          <Typography.Text>{t('board.period')}</Typography.Text>
          <Select
            style={{ minWidth: 130 }}
            value={data?.period ?? undefined}
            onChange={(p: string) => setParams({ period: p }, { replace: true })}
            options={(data?.periods ?? []).map((p) => ({ value: p, label: p }))}
          />
          <PeriodStateTag state={data?.state} />
        </Space>
      }
    >
      <CampaignNav campaignId={id} active="unit" />
      {data?.result && <ProvisionalNotice period={data.period} state={data.state} />}
      {!lookups || !data ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : !u ? (
        <Card><Empty description={t('board.noData')} /></Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 3, xl: 6 }} data-testid="unit-summary">
              <Descriptions.Item label={t('board.groupCol')}>{lookups.group.get(u.group)?.name ?? u.group}</Descriptions.Item>
              <Descriptions.Item label={t('board.total')}>
                {unranked ? <UnrankedTag why={unranked} /> : <Typography.Text strong style={{ fontSize: 18 }}>{lookups.score(u.total)}</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={t('board.rank')}>
                {unranked ? '—' : <span data-testid="unit-rank">{t('board.all')} {u.rank.all} · {t('board.group')} {u.rank.group}</span>}
              </Descriptions.Item>
              <Descriptions.Item label={t('move.all')}>{unranked ? '—' : <span data-testid="unit-move-all"><DeltaArrow delta={status.moveAll(u.unit)} /></span>}</Descriptions.Item>
              <Descriptions.Item label={t('move.group')}>{unranked ? '—' : <span data-testid="unit-move-group"><DeltaArrow delta={status.moveGroup(u.unit, u.delta)} /></span>}</Descriptions.Item>
              {u.summary && (
                <Descriptions.Item label={t('board.summary')}>
                  {lookups.score(u.summary.score)}
                </Descriptions.Item>
              )}
            </Descriptions>
            {campaign.data && <OtherYears campaignId={id} unitName={unitName} year={campaign.data.campaign.year} />}
            {unitName && <UnitHonours unitName={unitName} />}
          </Card>
          <UnitCommitments campaignId={id} unitId={unitId} />

          {!unranked && (u.flags.length > 0 || u.vetoed || u.summary?.grade || unitActions.length > 0) && (
            <Card size="small" title={t('unit.awards')} data-testid="unit-awards">
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {u.vetoed && (
                  <div className="award-row" data-award="veto">
                    <FlagTags flags={[]} vetoed flagById={lookups.flag} />
                    <Typography.Text className="award-reason">{vetoReasons.map(sentence).join('；') || noReason}</Typography.Text>
                  </div>
                )}
                {u.flags.map((f) => {
                  const why = flagReason(f);
                  return (
                    <div className="award-row" data-award={`flag:${f}`} key={f}>
                      <FlagTags flags={[f]} flagById={lookups.flag} provisional={status.provisional} />
                      <Typography.Text className="award-reason">{why ? sentence(why) : noReason}</Typography.Text>
                    </div>
                  );
                })}
                {u.summary?.grade && (
                  <div className="award-row" data-award="grade">
                    <GradeTag name={lookups.grade.get(u.summary.grade)?.name ?? u.summary.grade} provisional={status.provisional} />
                    <Typography.Text className="award-reason">{(u.summary.explain ?? []).map(sentence).join('；') || noReason}</Typography.Text>
                  </div>
                )}
                {unitActions.length > 0 && (
                  <ActionsList campaignId={id} actions={unitActions} lookups={lookups} provisional={status.provisional} hideUnit />
                )}
              </Space>
            </Card>
          )}

          <Card size="small" title={t('unit.indicators')}>
            <Table<Row>
              rowKey={(x) => x.ind.id}
              size="middle"
              pagination={false}
              data-testid="unit-indicators"
              dataSource={campaignIndicators(lookups.indicator).map((ind) => ({ ind, r: u.indicators[ind.id] }))}
              columns={[
                {
                  title: t('unit.indicator'), key: 'name', width: 160,
                  render: (_: unknown, x) => (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong>{x.ind.name}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t(`inputKind.${x.ind.input}`)}{x.ind.weight != null ? ` · ${t('entry.weight', { weight: x.ind.weight })}` : ''}{x.ind.measure ? ` · ${x.ind.measure}` : ''}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('unit.figure'), key: 'figure', width: 130, align: 'right',
                  render: (_: unknown, x) => {
                    const figure = (() => {
                      if (!x.r) return '—';
                      if (!isValue(x.r)) return `${x.r.events} ${t('board.events')}`;
                      if (x.r.missing) return <Tag color="orange">{t('board.missing')}</Tag>;
                      return x.r.ytd !== undefined && x.r.ytd !== x.r.value ? `${num(x.r.value)}（${t('board.ytd')} ${num(x.r.ytd)}）` : num(x.r.value);
                    })();
                    // a figure fed from a lower campaign [上下联动] says where it came from
                    const rollup = rollups.cell(unitId, x.ind.id, data.period ?? undefined);
                    return rollup ? <>{figure}<RollupSource cell={rollup} unit={unitId} indicator={x.ind.id} /></> : figure;
                  },
                },
                { title: t('board.target'), key: 'target', width: 90, align: 'right', render: (_: unknown, x) => (isValue(x.r) ? num(x.r.target) : '—') },
                { title: t('unit.progress'), key: 'progress', width: 260, render: (_: unknown, x) => (isValue(x.r) && x.r.expected !== undefined ? <ScheduleBar r={x.r} /> : '—') },
                { title: t('board.score'), key: 'score', width: 80, align: 'right', render: (_: unknown, x) => <Typography.Text strong>{lookups.score(x.r?.score)}</Typography.Text> },
                { title: t('unit.indRank'), key: 'rank', width: 110, align: 'center', render: (_: unknown, x) => (isValue(x.r) ? `${x.r.rank.group} / ${x.r.rank.all}` : '—') },
                { title: t('unit.explain'), key: 'explain', render: (_: unknown, x) => <ExplainText explain={x.r?.explain} /> },
              ]}
            />
          </Card>

          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('unit.whyRank')} data-testid="why-rank">
                <ExplainList items={u.explain?.rank} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('unit.whyFlags')} data-testid="why-flags">
                <ExplainList items={u.explain?.flags} />
              </Card>
            </Col>
          </Row>

          {(u.explain?.rules?.length ?? 0) > 0 && (
            <Card size="small" title={t('unit.whyRules')} data-testid="why-rules">
              <ExplainList items={u.explain?.rules} />
            </Card>
          )}

          <UnitCasesCard campaignId={id} unitId={u.unit} />

          <Card size="small" title={t('unit.trend')}>
            {history.data && history.data.history.length > 0 ? (
              <TrendChart history={history.data.history} score={lookups.score} groupSize={data.result?.units.filter((x) => x.group === u.group).length ?? 2} />
            ) : history.error ? (
              <ErrorResult error={history.error} />
            ) : (
              <Empty description={t('unit.noHistory')} />
            )}
          </Card>
        </Space>
      )}
    </Page>
  );
}

const campaignIndicators = (m: Map<string, ModelIndicator>) => [...m.values()];
