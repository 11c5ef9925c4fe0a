// 用户与账号 (issue 18 item 2): the accounts of the organizer's organization and those below it (an
// admin: all) — search by name, account, organization, unit, role; create one or many (Excel);
// edit roles and assignments by name; disable and enable; reset a password. New initial passwords
// are shown once, on the printable account sheet (账号分发单), and changed at first sign-in.
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Input, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { listAccounts, resetAccountPassword, updateAccount, type AccountListItem, type IssuedAccount } from '../api/accounts.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { AccountForm } from '../components/accounts/AccountForm.tsx';
import { AccountSheet } from '../components/accounts/AccountSheet.tsx';
import { BulkImport } from '../components/accounts/BulkImport.tsx';
import { organizationsBelow, orgPath, useCatalog, type Catalog } from '../components/accounts/catalog.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { Page } from '../layout/Page.tsx';
import { entriesOf, matches } from '../lib/accounts.ts';
import { canEditCampaigns } from '../lib/permissions.ts';

/** A user's roles in words: "填报员 · 小型竞赛 · 甲镇、乙镇". */
function roleLines(u: AccountListItem, catalog: Catalog | undefined, t: (k: string) => string): string[] {
  return entriesOf(u.grants).map((e) => {
    const parts = [t(`accounts.role.${e.role}`)];
    if (e.campaignId) {
      const c = catalog?.campaign.get(e.campaignId);
      parts.push(c?.name ?? t('accounts.noRoles'));
      const units = (e.unitIds ?? []).map((id) => c?.units.find((x) => x.id === id)?.name ?? '…');
      const indicators = (e.indicatorIds ?? []).map((id) => c?.indicators.find((x) => x.id === id)?.name ?? '…');
      if (units.length) parts.push(units.join('、'));
      if (indicators.length) parts.push(indicators.join('、'));
      if (!units.length && !indicators.length && e.role === 'leader') parts.push(t('accounts.allUnits'));
    } else if (e.organizationId != null) {
      parts.push(catalog?.organization.get(e.organizationId)?.name ?? '');
    }
    return parts.filter(Boolean).join(' · ');
  });
}

export function UsersPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const list = useAsync(() => listAccounts(), []);
  const catalog = useCatalog();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<AccountListItem | null>(null);
  const [creating, setCreating] = useState(false);
  const [bulk, setBulk] = useState(false);
  const [issued, setIssued] = useState<IssuedAccount[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const isAdmin = (user?.grants ?? []).some((g) => g.role === 'admin');
  const cat = catalog.data;
  const placeable = useMemo(() => (cat ? organizationsBelow(cat.organizations, isAdmin ? null : (user?.organizes ?? [])) : []), [cat, isAdmin, user]);
  const managed = (cat?.campaigns ?? []).filter((c) => user && canEditCampaigns(user, c.id));
  const rows = (list.data?.users ?? []).filter((u) => {
    const lines = roleLines(u, cat, t);
    return matches([u.displayName, u.username, u.organizationName, u.phone, ...lines], query);
  });

  const act = async (u: AccountListItem, what: 'reset' | 'disable' | 'enable') => {
    setBusy(u.id);
    try {
      if (what === 'reset') {
        const { account } = await resetAccountPassword(u.id);
        setIssued([account]);
      } else {
        await updateAccount(u.id, { disabled: what === 'disable' });
        void message.success(t(what === 'disable' ? 'accounts.disabled' : 'accounts.enabled', { name: u.displayName }));
      }
      list.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  if (issued) {
    return (
      <Page crumbs={[{ title: t('accounts.title'), to: '/users' }, { title: t('accounts.sheet.title') }]} title={t('accounts.sheet.title')}>
        <AccountSheet accounts={issued} onDone={() => setIssued(null)} />
      </Page>
    );
  }

  return (
    <Page
      crumbs={[{ title: t('accounts.title') }]}
      title={t('accounts.title')}
      extra={(
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!cat} data-testid="users-create">{t('accounts.create')}</Button>
          <Button icon={<FileExcelOutlined />} onClick={() => setBulk(true)} disabled={!cat || managed.length === 0} data-testid="users-bulk">{t('accounts.bulk')}</Button>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('accounts.refresh')}</Button>
        </Space>
      )}
    >
      <Typography.Paragraph type="secondary">{t('accounts.intro')}</Typography.Paragraph>
      <Input.Search allowClear placeholder={t('accounts.search')} value={query} onChange={(e) => setQuery(e.target.value)} style={{ maxWidth: 420, marginBottom: 12 }} data-testid="users-search" />
      {list.error && <ErrorResult error={list.error} onRetry={list.reload} />}
      {catalog.error && <ErrorResult error={catalog.error} onRetry={catalog.reload} />}
      {list.loading && !list.data ? <Spin /> : (
        <Table<AccountListItem>
          rowKey="id"
          size="middle"
          dataSource={rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="users-table"
          columns={[
            { title: t('accounts.col.name'), dataIndex: 'displayName', sorter: (a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') },
            { title: t('accounts.col.username'), dataIndex: 'username' },
            { title: t('accounts.col.organization'), dataIndex: 'organizationId', render: (id: number, u) => (cat ? orgPath(cat.organization.get(id), cat.organization) : u.organizationName) },
            { title: t('accounts.col.roles'), key: 'roles', render: (_, u) => roleLines(u, cat, t).map((line) => <div key={line}>{line}</div>) },
            { title: t('accounts.col.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '' },
            {
              title: t('accounts.col.state'), key: 'state',
              render: (_, u) => (u.disabled ? <Tag color="red">{t('accounts.state.disabled')}</Tag>
                : u.mustChangePassword ? <Tag color="orange">{t('accounts.state.mustChange')}</Tag> : <Tag color="green">{t('accounts.state.active')}</Tag>),
            },
            {
              title: t('accounts.col.actions'), key: 'actions',
              render: (_, u) => (!u.manageable ? <Typography.Text type="secondary">{t('accounts.readOnly')}</Typography.Text> : (
                <Space size={4} wrap>
                  <Button size="small" type="link" onClick={() => setEditing(u)} data-testid="user-edit">{t('accounts.edit')}</Button>
                  {u.id !== user?.id && (
                    <>
                      <Popconfirm title={t('accounts.resetConfirm', { name: u.displayName })} onConfirm={() => void act(u, 'reset')} okButtonProps={{ 'data-testid': 'user-reset-ok' }}>
                        <Button size="small" type="link" loading={busy === u.id} data-testid="user-reset">{t('accounts.reset')}</Button>
                      </Popconfirm>
                      {u.disabled ? (
                        <Button size="small" type="link" onClick={() => void act(u, 'enable')} data-testid="user-enable">{t('accounts.enable')}</Button>
                      ) : (
                        <Popconfirm title={t('accounts.disableConfirm', { name: u.displayName })} onConfirm={() => void act(u, 'disable')} okButtonProps={{ 'data-testid': 'user-disable-ok' }}>
                          <Button size="small" type="link" danger data-testid="user-disable">{t('accounts.disable')}</Button>
                        </Popconfirm>
                      )}
                    </>
                  )}
                </Space>
              )),
            },
          ]}
        />
      )}
      {cat && (
        <AccountForm
          open={creating || editing !== null}
          editing={editing}
          catalog={cat}
          organizations={placeable}
          isAdmin={isAdmin}
          onClose={() => { setCreating(false); setEditing(null); }}
          onSaved={(account) => {
            setCreating(false);
            setEditing(null);
            list.reload();
            if (account) setIssued([account]);
            else void message.success(t('accounts.saved'));
          }}
        />
      )}
      {cat && bulk && (
        <BulkImport open={bulk} campaigns={managed} onClose={() => setBulk(false)} onCreated={(accounts) => { setBulk(false); list.reload(); setIssued(accounts); }} />
      )}
    </Page>
  );
}
