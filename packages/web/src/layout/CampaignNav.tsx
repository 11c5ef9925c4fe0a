// The tabs of one campaign: leaderboard, data entry, spec. Entry and spec show only to those who
// may use them (the API refuses the rest anyway).
import { Menu } from 'antd';
import { BarChartOutlined, EditOutlined, FileTextOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.tsx';
import { canEditCampaigns, canOpenEntry } from '../lib/permissions.ts';

export function CampaignNav({ campaignId, active }: { campaignId: string; active: 'board' | 'entry' | 'spec' | 'unit' }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const base = `/campaigns/${encodeURIComponent(campaignId)}`;
  const items = [
    { key: 'board', icon: <BarChartOutlined />, label: <Link to={base}>{t('nav.leaderboard')}</Link> },
    ...(canOpenEntry(user, campaignId)
      ? [{ key: 'entry', icon: <EditOutlined />, label: <Link to={`${base}/entry`}>{t('nav.entry')}</Link> }]
      : []),
    ...(canEditCampaigns(user)
      ? [{ key: 'spec', icon: <FileTextOutlined />, label: <Link to={`${base}/spec`}>{t('nav.spec')}</Link> }]
      : []),
  ];
  return <Menu mode="horizontal" selectedKeys={[active]} items={items} className="campaign-nav" />;
}
