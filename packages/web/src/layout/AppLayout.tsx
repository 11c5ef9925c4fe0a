// The frame of every signed-in page: header with the product name, the main menu, the language
// switch and the user; each page supplies its breadcrumbs through <Page>.
import { Layout, Menu, Button, Dropdown, Space, Typography } from 'antd';
import { TrophyOutlined, UserOutlined, GlobalOutlined, LogoutOutlined, SafetyCertificateOutlined, DashboardOutlined, TeamOutlined, IdcardOutlined, CrownOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.tsx';
import { useLang } from '../i18n/LocaleProvider.tsx';
import { canEditCampaigns, canReadAudit, canReadOverview } from '../lib/permissions.ts';
import { isLeaderFirst } from '../lib/leader.ts';

export function LangSwitch() {
  const { lang, setLang } = useLang();
  const { t } = useTranslation();
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      className="lang-switch"
      data-testid="lang-switch"
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      style={{ color: 'inherit' }}
    >
      {t('app.langSwitch')}
    </Button>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const location = useLocation();
  const selected = location.pathname.startsWith('/campaigns/new') ? 'new' : location.pathname.startsWith('/audit') ? 'audit' : location.pathname.startsWith('/overview') ? 'overview' : location.pathname.startsWith('/leader') ? 'leader' : location.pathname.startsWith('/people') ? 'people' : location.pathname.startsWith('/honours') ? 'honours' : location.pathname.startsWith('/users') ? 'users' : 'campaigns';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="app-header">
        <Link to="/campaigns" className="app-brand">
          <span className="app-logo">擂</span>
          <span className="app-title">擂台 Leitai</span>
          <span className="app-subtitle">{t('app.subtitle')}</span>
        </Link>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[selected]}
          className="app-menu"
          items={[
            ...(isLeaderFirst(user) || (user?.grants ?? []).some((g) => g.role === 'leader')
              ? [{ key: 'leader', icon: <TeamOutlined />, label: <Link to="/leader" data-testid="nav-leader">{t('nav.leader')}</Link> }]
              : []),
            { key: 'campaigns', icon: <TrophyOutlined />, label: <Link to="/campaigns">{t('nav.campaigns')}</Link> },
            ...(canReadOverview(user)
              ? [{ key: 'overview', icon: <DashboardOutlined />, label: <Link to="/overview" data-testid="nav-overview">{t('overview.nav')}</Link> }]
              : []),
            { key: 'people', icon: <IdcardOutlined />, label: <Link to="/people" data-testid="nav-people">{t('people.nav.persons')}</Link> },
            { key: 'honours', icon: <CrownOutlined />, label: <Link to="/honours" data-testid="nav-honours">{t('people.nav.honours')}</Link> },
            ...(canEditCampaigns(user)
              ? [{ key: 'users', icon: <UsergroupAddOutlined />, label: <Link to="/users" data-testid="nav-users">{t('accounts.nav')}</Link> }]
              : []),
            ...(canReadAudit(user)
              ? [{ key: 'audit', icon: <SafetyCertificateOutlined />, label: <Link to="/audit" data-testid="nav-audit">{t('nav.audit')}</Link> }]
              : []),
          ]}
        />
        <Space size="middle" className="app-header-right">
          <LangSwitch />
          {user && (
            <Dropdown
              menu={{
                items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('app.logout') }],
                onClick: () => {
                  void signOut();
                },
              }}
            >
              <Typography.Text style={{ color: '#fff', cursor: 'pointer' }} data-testid="current-user">
                <UserOutlined /> {user.displayName}（{user.organizationName ? `${user.organizationName} · ` : ''}{t(`roles.${user.role}`)}）
              </Typography.Text>
            </Dropdown>
          )}
        </Space>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="app-footer">擂台 Leitai · {t('app.subtitle')}</Layout.Footer>
    </Layout>
  );
}
