// 更正与申诉: correction requests and appeals of the campaign, newest first (a reporter sees their
// unit's). An organizer accepts or rejects each with a reply; rejecting needs one.
import { useState, type HTMLAttributes } from 'react';
import { App as AntApp, Button, Card, Empty, Form, Input, Modal, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { decideRequest, getRequests } from '../api/endpoints.ts';
import type { ChangeRequest, RequestKind, RequestStatus } from '../api/types.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { canDecideRequests } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';

const STATUS_COLOR: Record<RequestStatus, string> = { pending: 'processing', accepted: 'success', rejected: 'error' };
type StatusFilter = 'all' | RequestStatus;

export function RequestsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [kind, setKind] = useState<'all' | RequestKind>('all');
  const list = useAsync(
    () => getRequests(id, { status: status === 'all' ? undefined : status, kind: kind === 'all' ? undefined : kind }),
    [id, status, kind],
  );
  const [deciding, setDeciding] = useState<{ r: ChangeRequest; decision: 'accept' | 'reject' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reply?: string }>();

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('requests.title') },
  ];
  const error = campaign.error ?? list.error;
  if (error) return <Page crumbs={crumbs} title={t('requests.title')}><ErrorResult error={error} onRetry={list.reload} /></Page>;
  const lookups = campaign.lookups;
  const decides = canDecideRequests(user, id);

  const confirm = async () => {
    if (!deciding) return;
    const { reply } = await form.validateFields();
    setBusy(true);
    try {
      await decideRequest(id, deciding.r.id, { decision: deciding.decision, reply: reply?.trim() || undefined });
      message.success(t('requests.decided'));
      setDeciding(null);
      form.resetFields();
      list.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page crumbs={crumbs} title={t('requests.title')}>
      <CampaignNav campaignId={id} active="requests" />
      <Card
        size="small"
        title={
          <Space wrap>
            <Segmented<'all' | RequestKind> value={kind} onChange={setKind}
              options={[{ value: 'all', label: t('requests.filterAll') }, { value: 'correction', label: t('requests.correction') }, { value: 'appeal', label: t('requests.appeal') }]} />
            <Segmented<StatusFilter> value={status} onChange={setStatus}
              options={(['all', 'pending', 'accepted', 'rejected'] as const).map((s) => ({ value: s, label: s === 'all' ? t('requests.filterAll') : t(`requests.${s}`) }))} />
          </Space>
        }
      >
        {!list.data || !lookups ? <Spin /> : (
          <Table<ChangeRequest>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={list.data.requests}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            data-testid="requests-table"
            locale={{ emptyText: <Empty description={t('requests.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            onRow={(r) => ({ 'data-request': r.id, 'data-status': r.status } as HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('requests.kind'), key: 'kind', width: 90, render: (_: unknown, r) => <Tag color={r.kind === 'appeal' ? 'purple' : 'blue'}>{t(`requests.${r.kind}`)}</Tag> },
              { title: t('requests.unit'), key: 'unit', render: (_: unknown, r) => lookups.unit.get(r.unit)?.name ?? r.unit },
              { title: t('requests.period'), dataIndex: 'period', width: 90 },
              { title: t('requests.indicator'), key: 'ind', render: (_: unknown, r) => (r.indicator ? lookups.indicator.get(r.indicator)?.name ?? r.indicator : '—') },
              {
                title: `${t('requests.previous')} → ${t('requests.value')}`, key: 'value',
                render: (_: unknown, r) => (r.value === null ? '—' : `${r.previousValue ?? '—'} → ${r.value}`),
              },
              {
                title: t('requests.reason'), key: 'reason', width: 260,
                render: (_: unknown, r) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text>{r.reason}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.requestedBy ?? '—'} · {dateTime(r.requestedAt)}</Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('requests.status'), key: 'status', width: 220,
                render: (_: unknown, r) => (
                  <Space orientation="vertical" size={0}>
                    <Tag color={STATUS_COLOR[r.status]}>{t(`requests.${r.status}`)}</Tag>
                    {r.reply && <Typography.Text style={{ fontSize: 12 }}>{t('requests.reply')}：{r.reply}</Typography.Text>}
                    {r.decidedBy && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.decidedBy} · {dateTime(r.decidedAt)}</Typography.Text>}
                  </Space>
                ),
              },
              ...(decides ? [{
                title: t('requests.actions'), key: 'actions', width: 150,
                render: (_: unknown, r: ChangeRequest) => r.status !== 'pending' ? null : (
                  <Space>
                    <Button size="small" type="primary" onClick={() => setDeciding({ r, decision: 'accept' })} data-testid="accept">{t('requests.accept')}</Button>
                    <Button size="small" danger onClick={() => setDeciding({ r, decision: 'reject' })} data-testid="reject">{t('requests.reject')}</Button>
                  </Space>
                ),
              }] : []),
            ]}
          />
        )}
      </Card>
      <Modal
        open={deciding !== null}
        title={deciding && t('requests.replyTitle', {
          action: t(`requests.${deciding.decision}`),
          unit: lookups?.unit.get(deciding.r.unit)?.name ?? deciding.r.unit,
          period: deciding.r.period,
        })}
        okText={deciding ? t(`requests.${deciding.decision}`) : undefined}
        okButtonProps={{ danger: deciding?.decision === 'reject', loading: busy, 'data-testid': 'decision-ok' }}
        onOk={() => void confirm().catch(() => undefined)}
        onCancel={() => {
          setDeciding(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        {deciding && <Typography.Paragraph type="secondary">{deciding.r.reason}</Typography.Paragraph>}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reply" label={t('requests.reply')}
            rules={deciding?.decision === 'reject' ? [{ required: true, whitespace: true, message: t('requests.replyRequired') }] : []}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="decision-reply" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
