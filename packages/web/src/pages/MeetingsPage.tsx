// 表态会 / 过堂会 (issue 15 item 4): a campaign's review meetings. Organizers arrange one for a
// period: choosing the period loads its laggards from the stored results (last places, bottom
// flags, the rules' matches), which come preselected with their reasons and can be changed; a
// reporter sees only the meetings that call its unit.
import { useEffect, useState, type HTMLAttributes } from 'react';
import { App as AntApp, Alert, Button, Card, Checkbox, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { createMeeting, getLaggards, getMeetings, type Meeting, type MeetingLaggard } from '../api/meetings.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { canDecideRequests } from '../lib/permissions.ts';

export const MEETING_STATE_COLOR: Record<string, string> = { planned: 'processing', held: 'blue', closed: 'default' };
const KINDS = ['bimonthly', 'quarterly', 'report'] as const;

export function MeetingsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const manages = canDecideRequests(user, id);
  const list = useAsync(() => getMeetings(id), [id]);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [period, setPeriod] = useState<string | undefined>();
  const [laggards, setLaggards] = useState<{ period: string; list: MeetingLaggard[]; hasResult: boolean } | null>(null);
  const [form] = Form.useForm();

  useEffect(() => {
    if (!period) return;
    let live = true;
    getLaggards(id, period).then((r) => {
      if (!live) return;
      setLaggards({ period, list: r.laggards, hasResult: r.hasResult });
      form.setFieldValue('units', r.laggards.map((l) => l.unit));
    }).catch((e: unknown) => message.error(e instanceof Error ? e.message : String(e)));
    return () => { live = false; };
  }, [id, period, form, message]);

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const title = t('review.meetings.title');
  const crumbs = [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: campaign.data?.campaign.name ?? id, to: base }, { title }];
  const error = campaign.error ?? list.error;
  if (error) return <Page crumbs={crumbs} title={title}><ErrorResult error={error} onRetry={list.reload} /></Page>;
  const model = campaign.data?.model;
  const reasonsOf = (unit: string) => laggards?.period === period ? laggards?.list.find((l) => l.unit === unit)?.reasons ?? [] : [];

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const agenda = String(v.agenda ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
      const res = await createMeeting(id, { kind: v.kind, period: v.period, title: v.title?.trim() || undefined, heldOn: v.heldOn, place: v.place, agenda, units: v.units ?? [] });
      message.success(t('review.meetings.created'));
      setCreating(false);
      navigate(`${base}/meetings/${res.meeting.id}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      crumbs={crumbs}
      title={title}
      extra={manages && <Button type="primary" data-testid="new-meeting" onClick={() => { form.resetFields(); setPeriod(undefined); setLaggards(null); setCreating(true); }}>{t('review.meetings.new')}</Button>}
    >
      <CampaignNav campaignId={id} active="meetings" />
      <Card size="small">
        <Table<Meeting>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.meetings ?? []}
          data-testid="meetings-table"
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('review.meetings.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          onRow={(m) => ({ 'data-meeting': m.id, 'data-state': m.state } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('review.meetings.titleLabel'), key: 'title', render: (_: unknown, m) => <Link to={`${base}/meetings/${m.id}`} data-testid="meeting-link">{m.title}</Link> },
            { title: t('review.meetings.kind'), key: 'kind', width: 130, render: (_: unknown, m) => t(`review.meetings.kinds.${m.kind}`) },
            { title: t('review.meetings.period'), dataIndex: 'periodLabel', width: 150 },
            { title: t('review.meetings.heldOn'), dataIndex: 'heldOn', width: 110 },
            { title: t('review.meetings.units'), key: 'units', render: (_: unknown, m) => m.units.map((u) => u.unitName).join('、') || '—' },
            { title: t('review.meetings.state'), key: 'state', width: 100, render: (_: unknown, m) => <Tag color={MEETING_STATE_COLOR[m.state]}>{t(`review.meetings.states.${m.state}`)}</Tag> },
          ]}
        />
      </Card>

      <Modal open={creating} width={720} title={t('review.meetings.new')} okText={t('review.meetings.save')} cancelText={t('review.meetings.cancel')} confirmLoading={busy}
        onCancel={() => setCreating(false)} onOk={submit} okButtonProps={{ 'data-testid': 'meeting-save' }}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'quarterly', units: [] }} data-testid="meeting-form"
          onValuesChange={(changed: { period?: string }) => { if ('period' in changed) setPeriod(changed.period); }}>
          <Form.Item name="kind" label={t('review.meetings.kind')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" options={KINDS.map((k) => ({ value: k, label: t(`review.meetings.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item name="period" label={t('review.meetings.period')} rules={[{ required: true, message: t('review.meetings.required') }]}>
            <Select data-testid="meeting-period" options={(model?.periods ?? []).map((p) => ({ value: p, label: p }))} />
          </Form.Item>
          <Form.Item name="title" label={t('review.meetings.titleLabel')} extra={t('review.meetings.titleHint')}><Input maxLength={100} /></Form.Item>
          <Space size={16} style={{ display: 'flex' }}>
            <Form.Item name="heldOn" label={t('review.meetings.heldOn')} rules={[{ required: true, message: t('review.meetings.required') }]}><Input type="date" data-testid="meeting-date" /></Form.Item>
            <Form.Item name="place" label={t('review.meetings.place')} rules={[{ required: true, whitespace: true, message: t('review.meetings.required') }]} style={{ flex: 1 }}><Input data-testid="meeting-place" maxLength={100} /></Form.Item>
          </Space>
          <Form.Item name="agenda" label={t('review.meetings.agenda')}><Input.TextArea rows={3} data-testid="meeting-agenda" /></Form.Item>
          {period && laggards?.period === period && (
            <Alert type={laggards.hasResult ? 'info' : 'warning'} showIcon style={{ marginBottom: 8 }} message={laggards.hasResult ? t('review.meetings.laggardsHint') : t('review.meetings.noResult')} data-testid="laggards-hint" />
          )}
          <Form.Item name="units" label={t('review.meetings.units')}>
            <Checkbox.Group style={{ width: '100%' }} data-testid="meeting-units">
              <Space orientation="vertical" style={{ width: '100%' }}>
                {(model?.units ?? []).map((u) => {
                  const reasons = reasonsOf(u.id);
                  return (
                    <span key={u.id} data-unit={u.id} data-laggard={reasons.length > 0 ? 'true' : 'false'}>
                      <Checkbox value={u.id}>
                        {u.name}
                        {reasons.length > 0 && <Typography.Text type="danger" style={{ marginLeft: 8 }}>{reasons.join('；')}</Typography.Text>}
                      </Checkbox>
                    </span>
                  );
                })}
              </Space>
            </Checkbox.Group>
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
