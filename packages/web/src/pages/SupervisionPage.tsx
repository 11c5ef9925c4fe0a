// 督查记录 (issue 15 item 3): a campaign's field checks (周督查 / 明察暗访 / 四不两直 / 专项督查),
// newest first, filtered by kind and unit. Organizers record a check (kind, unit, date, findings,
// who checked), attach photos and files, count a finding as a penalty or bonus — a figure of an
// event indicator written through the figure path (pending verification like any figure) — and
// issue a case from it. A unit's reporter reads its own unit's records.
import { useState, type HTMLAttributes } from 'react';
import { App as AntApp, Button, Card, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getCases, getCaseSettings } from '../api/cases.ts';
import { caseFromRecord, createRecord, getRecords, proposeEvent, recordFileUrl, uploadRecordFile, type SupervisionKind, type SupervisionRecord } from '../api/supervision.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { canDecideRequests } from '../lib/permissions.ts';

const KINDS: SupervisionKind[] = ['weekly', 'unannounced', 'four_nots', 'special'];
type Dialog = 'new' | { event: SupervisionRecord } | { case: SupervisionRecord } | null;
/** the campaign's period a date falls in (a month, quarter, half or the year), if any */
function periodOf(date: string, periods: string[]): string | undefined {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  return [`${y}-${date.slice(5, 7)}`, `${y}-Q${Math.ceil(m / 3)}`, `${y}-H${m <= 6 ? 1 : 2}`, y].find((p) => periods.includes(p));
}
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

export function SupervisionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const manages = canDecideRequests(user, id);
  const [unit, setUnit] = useState<string | undefined>();
  const [kind, setKind] = useState<SupervisionKind | ''>('');
  const list = useAsync(() => getRecords(id, unit), [id, unit]);
  const board = useAsync(() => getCases(id), [id]);
  const settings = useAsync(() => getCaseSettings(id), [id]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const title = t('review.supervision.title');
  const crumbs = [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: campaign.data?.campaign.name ?? id, to: base }, { title }];
  const error = campaign.error ?? list.error;
  if (error) return <Page crumbs={crumbs} title={title}><ErrorResult error={error} onRetry={list.reload} /></Page>;
  const model = campaign.data?.model;
  const events = (model?.indicators ?? []).filter((d) => d.input === 'event');
  const kinds = settings.data?.settings.kinds ?? [];
  const records = (list.data?.records ?? []).filter((r) => kind === '' || r.kind === kind);
  const casesOf = (r: SupervisionRecord) => (board.data?.cases ?? []).filter((c) => c.source === 'supervision' && c.unit === r.unit && c.sourceRef === `${r.kindName} ${r.checkedOn}`);

  const act = async (fn: () => Promise<string | undefined>) => {
    setBusy(true);
    try {
      const ok = await fn();
      if (ok) message.success(ok);
      list.reload();
      board.reload();
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const show = (d: Dialog, values: object = {}) => { form.resetFields(); form.setFieldsValue(values); setDialog(d); };

  const submit = async () => {
    const v = await form.validateFields();
    let ok = false;
    if (dialog === 'new') {
      const checkers = String(v.checkers ?? '').split(/[、,，\s]+/).map((s) => s.trim()).filter(Boolean);
      ok = await act(async () => { await createRecord(id, { kind: v.kind, unit: v.unit, checkedOn: v.checkedOn, findings: v.findings, checkers }); return t('review.supervision.created'); });
    } else if (dialog && 'event' in dialog) {
      const r = dialog.event;
      ok = await act(async () => {
        const res = await proposeEvent(id, r.id, { indicator: v.indicator, period: v.period, count: v.count });
        return t('review.supervision.eventDone', { indicator: events.find((d) => d.id === res.indicator)?.name ?? res.indicator, period: res.period, value: res.value });
      });
    } else if (dialog && 'case' in dialog) {
      const r = dialog.case;
      ok = await act(async () => {
        const res = await caseFromRecord(id, r.id, { kind: v.kind, reason: v.reason, due: v.due || undefined });
        return t('review.supervision.caseDone', { number: res.case.number });
      });
    }
    if (ok) setDialog(null);
  };
  const dialogTitle = dialog === 'new' ? t('review.supervision.new') : dialog && 'event' in dialog ? t('review.supervision.eventTitle') : t('review.supervision.openCase');

  return (
    <Page
      crumbs={crumbs}
      title={title}
      extra={manages && <Button type="primary" data-testid="new-record" onClick={() => show('new', { kind: 'weekly', checkedOn: today() })}>{t('review.supervision.new')}</Button>}
    >
      <CampaignNav campaignId={id} active="supervision" />
      <Card
        size="small"
        title={
          <Space wrap>
            <Radio.Group optionType="button" size="small" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="filter-kind"
              options={[{ value: '', label: t('review.supervision.allKinds') }, ...KINDS.map((k) => ({ value: k, label: t(`review.supervision.kinds.${k}`) }))]} />
            <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} placeholder={t('review.supervision.allUnits')} value={unit} onChange={setUnit}
              options={(model?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} data-testid="filter-unit" />
          </Space>
        }
      >
        <Table<SupervisionRecord>
          rowKey="id" size="small" loading={list.loading} dataSource={records} data-testid="records-table"
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('review.supervision.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          onRow={(r) => ({ 'data-record': r.id, 'data-unit-name': r.unitName, 'data-kind': r.kind } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('review.supervision.checkedOn'), dataIndex: 'checkedOn', width: 110 },
            { title: t('review.supervision.kind'), key: 'kind', width: 110, render: (_: unknown, r) => <Tag>{t(`review.supervision.kinds.${r.kind}`)}</Tag> },
            { title: t('review.supervision.unit'), dataIndex: 'unitName', width: 110 },
            { title: t('review.supervision.findings'), dataIndex: 'findings', render: (s: string) => <span data-testid="record-findings">{s}</span> },
            { title: t('review.supervision.checkersShort'), key: 'checkers', width: 140, render: (_: unknown, r) => r.checkers.join('、') },
            {
              title: t('review.supervision.files'), key: 'files', width: 200,
              render: (_: unknown, r) => (
                <Space orientation="vertical" size={2}>
                  {r.files.map((f) => <a key={f.id} href={recordFileUrl(id, r.id, f.id)} data-testid="record-file">{f.filename}</a>)}
                  {manages && (
                    <Upload showUploadList={false} beforeUpload={(file) => { void act(async () => { await uploadRecordFile(id, r.id, file); return undefined; }); return false; }}>
                      <Button size="small" loading={busy} data-testid="record-upload">{t('review.supervision.upload')}</Button>
                    </Upload>
                  )}
                </Space>
              ),
            },
            {
              title: t('review.supervision.cases'), key: 'cases', width: 150,
              render: (_: unknown, r) => <Space orientation="vertical" size={2}>{casesOf(r).map((c) => <Link key={c.id} to={`${base}/cases/${c.id}`} data-testid="record-case">{c.number}</Link>)}</Space>,
            },
            ...(manages ? [{
              title: '', key: 'actions', width: 200,
              render: (_: unknown, r: SupervisionRecord) => (
                <Space wrap>
                  <Button size="small" disabled={events.length === 0} title={events.length === 0 ? t('review.supervision.noEventIndicator') : undefined} data-testid="record-event"
                    onClick={() => show({ event: r }, { indicator: events[0]?.id, count: 1, period: periodOf(r.checkedOn, model?.periods ?? []) })}>{t('review.supervision.event')}</Button>
                  <Button size="small" data-testid="record-case-open" onClick={() => show({ case: r }, { kind: kinds[0]?.id, reason: r.findings })}>{t('review.supervision.openCase')}</Button>
                </Space>
              ),
            }] : []),
          ]}
        />
      </Card>

      <Modal open={dialog !== null} title={dialogTitle} okText={t('review.supervision.save')} cancelText={t('review.supervision.cancel')} confirmLoading={busy} onCancel={() => setDialog(null)} onOk={submit}
        okButtonProps={{ 'data-testid': 'dialog-ok' }}>
        <Form form={form} layout="vertical" data-testid="supervision-dialog">
          {dialog === 'new' && (
            <>
              <Form.Item name="kind" label={t('review.supervision.kind')} rules={[{ required: true }]}>
                <Radio.Group optionType="button" data-testid="record-kind" options={KINDS.map((k) => ({ value: k, label: t(`review.supervision.kinds.${k}`) }))} />
              </Form.Item>
              <Form.Item name="unit" label={t('review.supervision.unit')} rules={[{ required: true, message: t('review.supervision.required') }]}>
                <Select showSearch optionFilterProp="label" data-testid="record-unit" options={(model?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              <Form.Item name="checkedOn" label={t('review.supervision.checkedOn')} rules={[{ required: true, message: t('review.supervision.required') }]}><Input type="date" data-testid="record-date" /></Form.Item>
              <Form.Item name="findings" label={t('review.supervision.findings')} rules={[{ required: true, whitespace: true, message: t('review.supervision.required') }]}><Input.TextArea rows={4} data-testid="record-findings-input" /></Form.Item>
              <Form.Item name="checkers" label={t('review.supervision.checkers')} rules={[{ required: true, whitespace: true, message: t('review.supervision.required') }]}><Input data-testid="record-checkers" /></Form.Item>
            </>
          )}
          {dialog && typeof dialog === 'object' && 'event' in dialog && (
            <>
              <Typography.Paragraph type="secondary">{dialog.event.unitName} · {dialog.event.findings}</Typography.Paragraph>
              <Form.Item name="indicator" label={t('review.supervision.indicator')} rules={[{ required: true, message: t('review.supervision.required') }]}>
                <Radio.Group data-testid="event-indicator" options={events.map((d) => ({ value: d.id, label: `${d.name}（${d.effect ? t(`review.supervision.effects.${d.effect}`) : ''}${d.points ?? ''}）` }))} />
              </Form.Item>
              <Form.Item name="period" label={t('review.supervision.period')} rules={[{ required: true, message: t('review.supervision.required') }]}>
                <Select data-testid="event-period" options={(model?.periods ?? []).map((p) => ({ value: p, label: p }))} />
              </Form.Item>
              <Form.Item name="count" label={t('review.supervision.count')} rules={[{ required: true, message: t('review.supervision.required') }]}><InputNumber min={1} max={100} precision={0} data-testid="event-count" /></Form.Item>
            </>
          )}
          {dialog && typeof dialog === 'object' && 'case' in dialog && (
            <>
              <Form.Item name="kind" label={t('review.supervision.caseKind')} rules={[{ required: true, message: t('review.supervision.required') }]}>
                <Radio.Group data-testid="case-kind" options={kinds.map((k) => ({ value: k.id, label: k.name }))} />
              </Form.Item>
              <Form.Item name="reason" label={t('review.supervision.reason')} rules={[{ required: true, whitespace: true, message: t('review.supervision.required') }]}><Input.TextArea rows={3} /></Form.Item>
              <Form.Item name="due" label={t('review.supervision.due')}><Input type="date" /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Page>
  );
}
