// 审计日志 (admin, organizer): the append-only log, newest first, filtered by actor, action (an
// exact action or a family) and time range, optionally one campaign; "load more" pages back, and
// the CSV export downloads every matching entry.
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { auditExportUrl, getAudit, listCampaigns } from '../api/endpoints.ts';
import type { AuditEntry, AuditFilter } from '../api/types.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useLang } from '../i18n/LocaleProvider.tsx';
import { canReadAudit } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';
import { Page } from '../layout/Page.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';

const FAMILIES = ['auth', 'user', 'campaign', 'figure', 'period', 'reminder', 'correction', 'appeal'] as const;
const ACTIONS = [
  'auth.login', 'auth.login_failed', 'auth.logout', 'user.create', 'campaign.create', 'campaign.spec_version', 'campaign.archive',
  'figure.set', 'figure.clear', 'figure.approve', 'figure.return', 'period.state', 'period.deadline', 'reminder.send',
  'correction.request', 'correction.accept', 'correction.reject', 'appeal.submit', 'appeal.accept', 'appeal.reject',
];
const PAGE = 100;

interface FilterForm {
  campaign?: string;
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const show = (x: unknown) => (x === null || x === undefined ? '' : typeof x === 'string' ? x : JSON.stringify(x));

export function AuditPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { user } = useAuth();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<AuditFilter>({});
  // pages loaded after the first, by the cursor they were loaded with
  const [more, setMore] = useState<{ entries: AuditEntry[]; next: number | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const first = useAsync(() => getAudit({ ...filter, limit: PAGE }), [filter]);
  const campaigns = useAsync(() => listCampaigns(), []);

  const campaignName = new Map((campaigns.data?.campaigns ?? []).map((c) => [c.id, c.name]));
  const crumbs = [{ title: t('audit.title') }];
  if (!canReadAudit(user)) return <Page crumbs={crumbs} title={t('audit.title')}><ErrorResult error={new Error(t('common.forbidden'))} /></Page>;

  const entries = [...(first.data?.entries ?? []), ...(more?.entries ?? [])];
  const next = more ? more.next : first.data?.next ?? null;

  const apply = (v: FilterForm) => {
    const [from, to] = v.range ?? [null, null];
    setMore(null);
    setFilter({
      campaign: v.campaign || undefined,
      actor: v.actor?.trim() || undefined,
      action: v.action || undefined,
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.endOf('day').toISOString() : undefined,
    });
  };
  const loadMore = async () => {
    if (next === null) return;
    setLoadingMore(true);
    try {
      const page = await getAudit({ ...filter, before: next, limit: PAGE });
      setMore((prev) => ({ entries: [...(prev?.entries ?? []), ...page.entries], next: page.next }));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Page
      crumbs={crumbs}
      title={t('audit.title')}
      extra={
        <a href={auditExportUrl(filter)} download data-testid="audit-export">
          <Button icon={<DownloadOutlined />}>{t('audit.export')}</Button>
        </a>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm> form={form} layout="inline" onFinish={apply} data-testid="audit-filters">
          <Form.Item name="campaign" label={t('audit.campaign')}>
            <Select allowClear style={{ width: 200 }} options={(campaigns.data?.campaigns ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear style={{ width: 140 }} data-testid="audit-actor" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              allowClear
              showSearch
              style={{ width: 200 }}
              data-testid="audit-action"
              options={[
                ...FAMILIES.map((f) => ({ value: f, label: `${t(`audit.actionFamilies.${f}`)} (${f}.*)` })),
                ...ACTIONS.map((a) => ({ value: a, label: a })),
              ]}
            />
          </Form.Item>
          <Form.Item name="range" label={t('audit.range')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">{t('audit.search')}</Button>
              <Button onClick={() => { form.resetFields(); apply({}); }}>{t('audit.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        {first.error ? <ErrorResult error={first.error} onRetry={first.reload} /> : (
          <>
            <Table<AuditEntry>
              rowKey="seq"
              size="small"
              loading={first.loading}
              dataSource={entries}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="audit-table"
              columns={[
                { title: t('audit.seq'), dataIndex: 'seq', width: 70 },
                { title: t('audit.time'), key: 'at', width: 170, render: (_: unknown, e) => dateTime(e.at) },
                {
                  title: t('audit.actor'), key: 'actor', width: 140,
                  render: (_: unknown, e) => <Tooltip title={e.actor}><span>{e.actorName ?? e.actor ?? '—'}</span></Tooltip>,
                },
                {
                  title: t('audit.what'), key: 'text',
                  render: (_: unknown, e) => (
                    <Tooltip title={<span className="audit-json">{e.subject ?? ''} {show(e.before) || '∅'} → {show(e.after) || '∅'}</span>}>
                      <span data-testid="audit-text">{e.text ? (lang === 'en' ? e.text.en : e.text.zh) : `${e.action} ${e.subject ?? ''}`}</span>
                    </Tooltip>
                  ),
                },
                { title: t('audit.action'), key: 'action', width: 150, render: (_: unknown, e) => <Tag data-action={e.action}>{e.action}</Tag> },
                { title: t('audit.campaign'), key: 'campaign', width: 140, render: (_: unknown, e) => (e.campaignId ? campaignName.get(e.campaignId) ?? e.campaignId : '—') },
                {
                  title: t('audit.hash'), key: 'hash', width: 110,
                  render: (_: unknown, e) => <Typography.Text className="audit-json" copyable={{ text: e.hash }}>{e.hash.slice(0, 10)}</Typography.Text>,
                },
              ]}
            />
            {next !== null && (
              <div style={{ textAlign: 'center', marginTop: 12 }}>
                <Button onClick={() => void loadMore()} loading={loadingMore} data-testid="audit-more">{t('audit.more')}</Button>
              </div>
            )}
          </>
        )}
      </Card>
    </Page>
  );
}
