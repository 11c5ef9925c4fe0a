// 消息: the unit's reminders (催报) and figures returned by verification with the reason, newest
// first; unread ones stand out and can be marked read. Organizers see every unit's.
import { useState } from 'react';
import { App as AntApp, Badge, Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getInbox, markRead } from '../api/endpoints.ts';
import type { Reminder } from '../api/types.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { canReadInbox, canSeeUnitEntry, reportsOnlyIn, roleIn } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';

export function InboxPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const inbox = useAsync(() => getInbox(id), [id]);
  // marked read in this session, over what was loaded
  const [readNow, setReadNow] = useState<Map<number, string>>(new Map());

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('inbox.title') },
  ];
  const error = campaign.error ?? inbox.error;
  if (error) return <Page crumbs={crumbs} title={t('inbox.title')}><ErrorResult error={error} onRetry={inbox.reload} /></Page>;
  if (!canReadInbox(user, id)) return <Page crumbs={crumbs} title={t('inbox.title')}><ErrorResult error={new Error(t('common.forbidden'))} /></Page>;

  const items = (inbox.data?.reminders ?? []).map((r) => ({ ...r, readAt: r.readAt ?? readNow.get(r.id) ?? null }));
  const unread = items.filter((r) => !r.readAt);
  const read = async (rs: Reminder[]) => {
    try {
      for (const r of rs) await markRead(id, r.id);
      const now = new Date().toISOString();
      setReadNow((prev) => {
        const next = new Map(prev);
        for (const r of rs) next.set(r.id, now);
        return next;
      });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const unitName = (u: string) => campaign.lookups?.unit.get(u)?.name ?? u;

  return (
    <Page
      crumbs={crumbs}
      title={<Space>{t('inbox.title')}<Badge count={unread.length} data-testid="inbox-unread-count" /></Space>}
      extra={unread.length > 1 && <Button icon={<CheckOutlined />} onClick={() => void read(unread)}>{t('inbox.allRead')}</Button>}
    >
      <CampaignNav campaignId={id} active="inbox" />
      <Card size="small">
        {!inbox.data ? <Spin /> : items.length === 0 ? <Empty description={t('inbox.empty')} /> : (
          <List<Reminder>
            dataSource={items}
            data-testid="inbox-list"
            renderItem={(r) => {
              const returned = r.kind === 'returned';
              return (
                <List.Item
                  data-reminder={r.id}
                  data-read={r.readAt ? '1' : '0'}
                  actions={[
                    // a returned ledger entry [实绩台账]: to the ledger, where it is corrected and submitted again
                    ...(r.ledgerEntry !== undefined
                      ? [<Link key="ledger" to={`${base}/ledger?state=returned`} data-testid="open-ledger"><EditOutlined /> {t('personLedger.openEntry')}</Link>]
                      : []),
                    ...(r.ledgerEntry === undefined && user && ((canSeeUnitEntry(user, id, r.unit) && reportsOnlyIn(user, id)) || (returned && roleIn(user, id) === 'scorer'))
                      ? [<Link key="fix" to={`${base}/entry?period=${encodeURIComponent(r.period)}`}><EditOutlined /> {t('nav.entry')}</Link>]
                      : []),
                    r.readAt
                      ? <Typography.Text key="r" type="secondary">{t('inbox.read')}</Typography.Text>
                      : <Button key="r" size="small" onClick={() => void read([r])} data-testid="mark-read">{t('inbox.markRead')}</Button>,
                  ]}
                >
                  <List.Item.Meta
                    avatar={<Badge status={r.readAt ? 'default' : 'processing'} />}
                    title={
                      <Space size={6}>
                        <Tag>{r.period}</Tag>
                        {!(user && reportsOnlyIn(user, id)) && <Tag color="blue">{unitName(r.unit)}</Tag>}
                        {returned ? <Tag color="red">{t('figureStatus.returned')}</Tag> : <Tag color="orange">{t('inbox.reminder')}</Tag>}
                        {!r.readAt && <Tag color="processing">{t('inbox.unread')}</Tag>}
                      </Space>
                    }
                    description={
                      <Space orientation="vertical" size={2}>
                        <Typography.Text className={r.readAt ? undefined : 'inbox-unread'} data-testid="inbox-message">{r.message}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('inbox.sentBy', { who: r.sentBy ?? '—', when: dateTime(r.sentAt) })}</Typography.Text>
                        {returned && r.ledgerEntry === undefined && !!user && (reportsOnlyIn(user, id) || roleIn(user, id) === 'scorer') && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('inbox.returnedHint')}</Typography.Text>}
                      </Space>
                    }
                  />
                </List.Item>
              );
            }}
          />
        )}
      </Card>
    </Page>
  );
}
