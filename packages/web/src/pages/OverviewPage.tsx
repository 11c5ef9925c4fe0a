// 总览 (county organizer: the campaigns of every level; a town's organizer: their own), grouped by
// organization: each campaign's periods and their state, who has not reported in the current period
// (by name), pending corrections and appeals, and the place reserved for accountability cases. A
// campaign of an organization below opens read-only (the campaign pages hide edit actions by permission).
import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getOverview } from '../api/endpoints.ts';
import type { OverviewCampaign } from '../api/types.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { canReadOverview } from '../lib/permissions.ts';
import { Page } from '../layout/Page.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';

const STATE_COLOR: Record<string, string> = { unopened: 'default', open: 'blue', verification: 'orange', closed: 'default' };

/** The campaigns grouped by their organization, in the server's order (own level first, then each level below). */
function byOrganization(campaigns: OverviewCampaign[]) {
  const groups: { organization: OverviewCampaign['organization']; campaigns: OverviewCampaign[] }[] = [];
  for (const c of campaigns) {
    const g = groups.find((x) => x.organization.id === c.organization.id);
    if (g) g.campaigns.push(c);
    else groups.push({ organization: c.organization, campaigns: [c] });
  }
  return groups;
}

export function OverviewPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const allowed = canReadOverview(user);
  const data = useAsync(() => (allowed ? getOverview() : Promise.resolve(undefined)), [allowed]);
  const crumbs = [{ title: t('overview.title') }];
  if (!allowed) return <Page crumbs={crumbs} title={t('overview.title')}><ErrorResult error={new Error(t('common.forbidden'))} /></Page>;
  if (data.error) return <Page crumbs={crumbs} title={t('overview.title')}><ErrorResult error={data.error} onRetry={data.reload} /></Page>;

  const columns = [
    {
      title: t('overview.campaign'), key: 'name', width: 220,
      render: (_: unknown, c: OverviewCampaign) => (
        <Space direction="vertical" size={0}>
          <Link to={`/campaigns/${encodeURIComponent(c.id)}`} data-testid={`overview-open-${c.id}`}>{c.name}</Link>
          <Space size={4}>
            {c.status === 'archived' && <Tag>{t('overview.archived')}</Tag>}
            {!c.manage && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`overview-readonly-${c.id}`}>{t('overview.readOnly')}</Typography.Text>}
          </Space>
        </Space>
      ),
    },
    {
      title: t('overview.periods'), key: 'periods',
      render: (_: unknown, c: OverviewCampaign) => {
        const closed = c.periods.filter((p) => p.state === 'closed').length;
        return (
          <Space direction="vertical" size={4}>
            <Typography.Text type="secondary">{closed === c.periods.length ? t('overview.allClosed') : t('overview.closedOf', { closed, total: c.periods.length })}</Typography.Text>
            <Space size={[4, 4]} wrap data-testid={`overview-periods-${c.id}`}>
              {c.periods.map((p) => (
                <Tag key={p.period} color={STATE_COLOR[p.state]} style={p.period === c.current ? { fontWeight: 600 } : undefined}
                  data-testid={p.period === c.current ? `overview-current-${c.id}` : undefined}>
                  {p.period} {t(`periodState.${p.state}`)}{p.period === c.current ? `（${t('overview.current')}）` : ''}
                </Tag>
              ))}
            </Space>
          </Space>
        );
      },
    },
    {
      title: t('overview.missing'), key: 'missing', width: 240,
      render: (_: unknown, c: OverviewCampaign) => (c.current === null ? t('common.none') : c.missing.length === 0
        ? <Tag color="green">{t('overview.allReported')}</Tag>
        : (
          <Space size={[4, 4]} wrap data-testid={`overview-missing-${c.id}`}>
            {c.missing.map((m) => <Tag key={m.unit} color="red">{m.name}</Tag>)}
          </Space>
        )),
    },
    {
      title: t('overview.requests'), key: 'requests', width: 130,
      render: (_: unknown, c: OverviewCampaign) => (c.pendingRequests > 0
        ? <Link to={`/campaigns/${encodeURIComponent(c.id)}/requests`} data-testid={`overview-requests-${c.id}`}>{c.pendingRequests}</Link>
        : <span data-testid={`overview-requests-${c.id}`}>0</span>),
    },
    // accountability cases (问责事项): open ones, and how many of them are overdue
    {
      title: t('overview.cases'), key: 'cases', width: 140,
      render: (_: unknown, c: OverviewCampaign) => (
        <Space size={4} data-testid={`overview-cases-${c.id}`} data-open={c.openCases} data-overdue={c.overdueCases}>
          <Link to={`/campaigns/${encodeURIComponent(c.id)}/cases`}>{c.openCases}</Link>
          {c.overdueCases > 0 && <Tag color="red">{t('cases.dueStatus.overdue')} {c.overdueCases}</Tag>}
        </Space>
      ),
    },
  ];

  const groups = byOrganization(data.data?.campaigns ?? []);
  return (
    <Page crumbs={crumbs} title={data.data ? t('overview.titleOf', { name: data.data.organization.name }) : t('overview.title')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('overview.casesHint')}</Typography.Text>
        {!data.loading && groups.length === 0 && <Card><Empty description={t('overview.empty')} /></Card>}
        {data.loading && <Card loading />}
        {groups.map((g) => (
          <Card key={g.organization.id} data-testid={`overview-org-${g.organization.id}`}
            title={<Space>{g.organization.name}<Tag>{t(`overview.kind.${g.organization.kind}`)}</Tag>{g.organization.id === data.data?.organization.id && <Tag color="blue">{t('overview.own')}</Tag>}</Space>}>
            <Table<OverviewCampaign> rowKey="id" dataSource={g.campaigns} columns={columns} pagination={false} size="middle" />
          </Card>
        ))}
      </Space>
    </Page>
  );
}
