// Key-project ledgers [重点项目台账] of a campaign (issue 16 item 3): each project with its owner unit, leader in
// charge, team, milestones (overdue flagged by the server's clock), share on time and investment to date.
// Projects are entered and fed into indicators through the API (docs/api-plan.md); this page reads them.
import { Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { listProjects, type Project } from '../api/ledgers.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';

export function MilestoneTags({ project }: { project: Project }) {
  const { t } = useTranslation();
  return project.milestones.map((m) => (
    <Tag key={m.id} color={m.overdue ? 'red' : m.doneOn ? (m.onTime ? 'green' : 'orange') : 'default'} data-milestone={m.id} data-overdue={m.overdue ? 'true' : 'false'}>
      {m.name} {m.doneOn ?? m.due}{m.overdue ? `（${t('projects.overdue')}）` : ''}
    </Tag>
  ));
}

export function ProjectsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const campaign = useCampaign(id);
  const list = useAsync(() => listProjects(id), [id]);
  const name = campaign.data?.campaign.name ?? id;
  return (
    <Page crumbs={[{ title: name, to: `/campaigns/${encodeURIComponent(id)}` }, { title: t('projects.title') }]} title={t('projects.title')}>
      <CampaignNav campaignId={id} active="projects" />
      {list.error && <ErrorResult error={list.error} onRetry={list.reload} />}
      <Table<Project>
        rowKey="id" pagination={false} loading={list.loading && !list.data} dataSource={list.data?.projects ?? []} locale={{ emptyText: t('projects.none') }}
        onRow={(p) => ({ 'data-project': p.id } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('projects.name'), dataIndex: 'name' },
          { title: t('projects.owner'), dataIndex: 'ownerName' },
          { title: t('projects.leader'), key: 'leader', render: (_, p) => p.leaderName ?? '—' },
          { title: t('projects.team'), key: 'team', render: (_, p) => p.team ?? '—' },
          { title: t('projects.milestones'), key: 'ms', render: (_, p) => <MilestoneTags project={p} /> },
          { title: t('projects.onTime'), key: 'onTime', render: (_, p) => (p.onTime.percent === null ? '—' : `${p.onTime.done}/${p.onTime.due}（${p.onTime.percent}%）`) },
          { title: t('projects.investment'), key: 'inv', render: (_, p) => <Typography.Text>{p.investmentToDate ?? '—'}{p.plannedInvestment ? ` / ${p.plannedInvestment}` : ''}</Typography.Text> },
        ]}
      />
    </Page>
  );
}
