// The campaigns this user can read: name, year, cadence, status; organizers also get 导入/新建.
import { Button, Space, Table, Tag } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { listCampaigns } from '../api/endpoints.ts';
import type { CampaignSummary } from '../api/types.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { Page } from '../layout/Page.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { canEditCampaigns, canOpenEntry } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';

export function CampaignListPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useAsync(() => listCampaigns(), []);

  const columns = [
    {
      title: t('campaigns.name'), dataIndex: 'name', key: 'name',
      render: (name: string, c: CampaignSummary) => <Link to={`/campaigns/${encodeURIComponent(c.id)}`}>{name}</Link>,
    },
    { title: t('campaigns.year'), dataIndex: 'year', key: 'year', width: 90 },
    { title: t('campaigns.cadence'), dataIndex: 'cadence', key: 'cadence', width: 100, render: (c: string) => t(`cadence.${c}`) },
    { title: t('campaigns.organizer'), dataIndex: 'organizer', key: 'organizer', render: (o: string | null | undefined) => o ?? '—' },
    {
      title: t('campaigns.status'), dataIndex: 'status', key: 'status', width: 100,
      render: (s: CampaignSummary['status']) => <Tag color={s === 'active' ? 'green' : 'default'}>{t(`status.${s}`)}</Tag>,
    },
    { title: t('campaigns.version'), dataIndex: 'version', key: 'version', width: 90, render: (v: number) => `v${v}` },
    { title: t('campaigns.updatedAt'), dataIndex: 'updatedAt', key: 'updatedAt', width: 180, render: (d: string) => dateTime(d) },
    {
      title: t('campaigns.actions'), key: 'actions', width: 200,
      render: (_: unknown, c: CampaignSummary) => {
        const base = `/campaigns/${encodeURIComponent(c.id)}`;
        return (
          <Space size="small">
            <Link to={base}>{t('campaigns.open')}</Link>
            {canOpenEntry(user, c.id) && <Link to={`${base}/entry`}>{t('campaigns.entry')}</Link>}
            {canEditCampaigns(user, c.id) && <Link to={`${base}/design`}>{t('campaigns.spec')}</Link>}
          </Space>
        );
      },
    },
  ];

  return (
    <Page
      crumbs={[{ title: t('nav.campaigns') }]}
      title={t('campaigns.title')}
      extra={
        canEditCampaigns(user) && (
          <Space>
            <Button icon={<UploadOutlined />} onClick={() => navigate('/campaigns/new')} data-testid="new-campaign">
              {t('campaigns.importNew')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/campaigns/new/design')} data-testid="design-campaign">
              {t('designer.newTitle')}
            </Button>
          </Space>
        )
      }
    >
      {error ? (
        <ErrorResult error={error} onRetry={reload} />
      ) : (
        <Table<CampaignSummary>
          rowKey="id"
          loading={loading}
          dataSource={data?.campaigns ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('campaigns.empty') }}
          data-testid="campaign-table"
        />
      )}
    </Page>
  );
}
