// The tabs of one campaign: leaderboard, data entry, periods, verification, inbox, corrections and
// appeals, bulletins (通报), spec. Each shows only to those who may use it (the API refuses the rest anyway).
import type { ReactNode } from 'react';
import { Menu } from 'antd';
import {
  AlertOutlined, ApartmentOutlined, BookOutlined, AuditOutlined, EyeOutlined, BarChartOutlined, CheckCircleOutlined, StarOutlined, CalendarOutlined, CheckSquareOutlined, EditOutlined, FileTextOutlined, FormOutlined, HistoryOutlined, MailOutlined, NotificationOutlined, ProjectOutlined, SafetyCertificateOutlined, TeamOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.tsx';
import { knownSubject } from '../lib/subject.ts';
import { canEditCampaigns, canManagePeriods, canOpenEntry, canReadInbox, canReadRequests, canVerify } from '../lib/permissions.ts';

export type CampaignTab = 'board' | 'entry' | 'spec' | 'unit' | 'periods' | 'verify' | 'inbox' | 'requests' | 'bulletins' | 'design' | 'versions' | 'ballots' | 'selections' | 'cases' | 'commitments' | 'projects' | 'meetings' | 'supervision' | 'rollups' | 'ledger';

export function CampaignNav({ campaignId, active }: { campaignId: string; active: CampaignTab }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const base = `/campaigns/${encodeURIComponent(campaignId)}`;
  const tab = (key: CampaignTab, icon: ReactNode, path: string, show: boolean) =>
    show ? [{ key, icon, label: <Link to={`${base}${path}`} data-testid={`nav-${key}`}>{t(key === 'ballots' || key === 'selections' ? `people.nav.${key}` : key === 'ledger' ? 'personLedger.nav' : key === 'meetings' || key === 'supervision' ? `review.nav.${key}` : `nav.${key === 'board' ? 'leaderboard' : key}`)}</Link> }] : [];
  const items = [
    ...tab('board', <BarChartOutlined />, '', true),
    ...tab('entry', <EditOutlined />, '/entry', canOpenEntry(user, campaignId)),
    ...tab('periods', <CalendarOutlined />, '/periods', canManagePeriods(user, campaignId)),
    ...tab('verify', <CheckSquareOutlined />, '/verification', canVerify(user, campaignId)),
    // a person campaign's performance ledger [实绩台账]: its reporters keep it, its sections verify it
    ...tab('ledger', <BookOutlined />, '/ledger', knownSubject(campaignId) === 'person' && (canOpenEntry(user, campaignId) || canVerify(user, campaignId))),
    ...tab('inbox', <MailOutlined />, '/inbox', canReadInbox(user, campaignId)),
    ...tab('requests', <AuditOutlined />, '/requests', canReadRequests(user)),
    ...tab('bulletins', <NotificationOutlined />, '/bulletins', !!user),
    ...tab('cases', <AlertOutlined />, '/cases', !!user),
    ...tab('meetings', <TeamOutlined />, '/meetings', !!user),
    ...tab('supervision', <EyeOutlined />, '/supervision', !!user),
    ...tab('commitments', <SafetyCertificateOutlined />, '/commitments', !!user),
    ...tab('projects', <ProjectOutlined />, '/projects', !!user),
    ...tab('design', <FormOutlined />, '/design', canEditCampaigns(user, campaignId)),
    ...tab('versions', <HistoryOutlined />, '/versions', canEditCampaigns(user, campaignId)),
    ...tab('rollups', <ApartmentOutlined />, '/rollups', canEditCampaigns(user, campaignId)),
    ...tab('selections', <StarOutlined />, '/selections', !!user),
    ...tab('ballots', <CheckCircleOutlined />, '/ballots', canEditCampaigns(user, campaignId)),
    ...tab('spec', <FileTextOutlined />, '/spec', canEditCampaigns(user, campaignId)),
  ];
  return <Menu mode="horizontal" selectedKeys={[active]} items={items} className="campaign-nav" />;
}
