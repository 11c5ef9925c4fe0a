// 审核 (责任科室): the figures of the caller's indicators for a period, with their status; approve a
// figure, or return it to the unit with a reason (the unit sees it in its inbox and on its grid).
import { useState, type HTMLAttributes } from 'react';
import { App as AntApp, Button, Card, Checkbox, Empty, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { decide, getVerification, type Decision, type ReviewFacts } from '../api/endpoints.ts';
import type { Figure, FigureStatus } from '../api/types.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useEntryPeriod } from '../hooks/useEntryPeriod.ts';
import { usePeriods } from '../hooks/usePeriods.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { canVerify } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { FigureStatusTag, PeriodStateTag } from '../components/StatusTags.tsx';
import { EvidenceList } from '../components/EvidenceList.tsx';
import { LedgerQueueNotice } from '../components/LedgerQueueNotice.tsx';
import { subjectWords } from '../lib/subject.ts';

type Filter = 'all' | FigureStatus;
type Row = Figure & { review?: ReviewFacts };
type Attention = 'jump' | 'behind' | 'explained' | 'evidence';

/** Why a figure needs a closer look: a jump, behind schedule, an explanation given, evidence attached. */
const attentionOf = (f: Row): Attention[] => [
  ...(f.review?.jump ? ['jump' as const] : []),
  ...(f.review?.behind ? ['behind' as const] : []),
  ...(f.explanation ? ['explained' as const] : []),
  ...((f.evidence?.length ?? 0) > 0 ? ['evidence' as const] : []),
];
const ATTENTION_COLOR: Record<Attention, string> = { jump: 'volcano', behind: 'orange', explained: 'blue', evidence: 'cyan' };
const FILTERS: Filter[] = ['pending', 'returned', 'approved', 'all'];

export function VerificationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const model = campaign.data?.model;
  const lookups = campaign.lookups;
  const { period, setPeriod } = useEntryPeriod(model);
  const periods = usePeriods(id);
  const [params, setParams] = useSearchParams();
  const filter: Filter = FILTERS.find((f) => f === params.get('status')) ?? 'pending';
  const unitFilter = params.get('unit') ?? undefined;
  const indicatorFilter = params.get('indicator') ?? undefined;
  const attentionOnly = params.get('attention') === '1';
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const [selected, setSelected] = useState<string[]>([]);
  const queue = useAsync(
    () => (period ? getVerification(id, period, filter === 'all' ? undefined : filter) : Promise.resolve({ figures: [] as Row[] })),
    [id, period ?? '', filter],
  );
  const [returning, setReturning] = useState<Row | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('verify.title') },
  ];
  const error = campaign.error ?? queue.error;
  if (error) return <Page crumbs={crumbs} title={t('verify.title')}><ErrorResult error={error} onRetry={queue.reload} /></Page>;
  if (!canVerify(user, id)) return <Page crumbs={crumbs} title={t('verify.title')}><ErrorResult error={new Error(t('common.forbidden'))} /></Page>;
  if (!model || !lookups || !period) return <Page crumbs={crumbs} title={t('verify.title')}><Spin /></Page>;

  const keyOf = (f: Figure) => `${f.unit}/${f.indicator}`;
  const words = subjectWords(t, lookups.subject);
  const submit = async (decisions: Decision[], ok: string, key: string) => {
    setBusy(key);
    try {
      await decide(id, decisions);
      message.success(ok);
      setSelected([]);
      queue.reload();
      periods.reload();
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      queue.reload();
      return false;
    } finally {
      setBusy(null);
    }
  };
  const decision = (f: Figure, d: 'approve' | 'return', reason?: string): Decision =>
    ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version ?? 1, decision: d, reason });
  // by unit and indicator name (not by id), narrowed by the filters
  const collator = new Intl.Collator('zh-CN');
  const unitName = (u: string) => lookups.unit.get(u)?.name ?? u;
  const indName = (i: string) => lookups.indicator.get(i)?.name ?? i;
  const allFigures: Row[] = queue.data?.figures ?? [];
  const figures = allFigures
    .filter((f) => (!unitFilter || f.unit === unitFilter) && (!indicatorFilter || f.indicator === indicatorFilter) && (!attentionOnly || attentionOf(f).length > 0))
    .sort((a, b) => collator.compare(unitName(a.unit), unitName(b.unit)) || collator.compare(indName(a.indicator), indName(b.indicator)));
  const pending = figures.filter((f) => f.status === 'pending');
  const chosen = figures.filter((f) => selected.includes(keyOf(f)) && f.status !== 'approved');
  const state = periods.byKey.get(period)?.state;
  const closed = state === 'closed';

  const confirmReturn = async () => {
    if (!returning) return;
    const { reason } = await form.validateFields();
    if (await submit([decision(returning, 'return', reason.trim())], t('verify.returnedOk'), keyOf(returning))) {
      setReturning(null);
      form.resetFields();
    }
  };

  return (
    <Page
      crumbs={crumbs}
      title={t('verify.title')}
      extra={
        <Space>
          <Typography.Text>{t('board.period')}</Typography.Text>
          <PeriodStateTag state={state} />
          <Select style={{ minWidth: 130 }} value={period} onChange={setPeriod} data-testid="verify-period"
            options={model.periods.map((p) => ({ value: p, label: p }))} />
        </Space>
      }
    >
      <CampaignNav campaignId={id} active="verify" />
      {lookups.subject === 'person' && <LedgerQueueNotice campaignId={id} />}
      <Card
        size="small"
        title={
          <Segmented<Filter>
            value={filter}
            onChange={(f) => {
              const next = new URLSearchParams(params);
              next.set('status', f);
              setParams(next, { replace: true });
            }}
            options={FILTERS.map((f) => ({ value: f, label: f === 'all' ? t('verify.all') : t(`figureStatus.${f}`) }))}
            data-testid="verify-filter"
          />
        }
        extra={!closed && (
          <Space>
            {chosen.length > 0 && (
              <Button type="primary" icon={<CheckOutlined />} loading={busy === 'selected'} data-testid="approve-selected"
                onClick={() => void submit(chosen.map((f) => decision(f, 'approve')), t('verify.approved'), 'selected')}>
                {t('verify.approveSelected', { count: chosen.length })}
              </Button>
            )}
            {pending.length > 1 && (
              <Popconfirm title={t('verify.approveAll', { count: pending.length })}
                onConfirm={() => submit(pending.map((f) => decision(f, 'approve')), t('verify.approved'), '*')}>
                <Button icon={<CheckOutlined />} loading={busy === '*'}>{t('verify.approveAll', { count: pending.length })}</Button>
              </Popconfirm>
            )}
          </Space>
        )}
      >
        <Space wrap style={{ marginBottom: 12 }} data-testid="verify-filters">
          <Select allowClear showSearch optionFilterProp="label" placeholder={words.filter} style={{ minWidth: 160 }} value={unitFilter}
            onChange={(v?: string) => setParam('unit', v)} data-testid="verify-unit"
            options={[...lookups.unit.values()].sort((a, b) => collator.compare(a.name, b.name)).map((u) => ({ value: u.id, label: u.name }))} />
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('verify.filterIndicator')} style={{ minWidth: 180 }} value={indicatorFilter}
            onChange={(v?: string) => setParam('indicator', v)} data-testid="verify-indicator"
            options={[...lookups.indicator.values()].map((i) => ({ value: i.id, label: i.name }))} />
          <Checkbox checked={attentionOnly} onChange={(e) => setParam('attention', e.target.checked ? '1' : undefined)} data-testid="verify-attention">
            {t('verify.attentionOnly')}
          </Checkbox>
          <Typography.Text type="secondary" data-testid="verify-count">{t('verify.shown', { count: figures.length })}</Typography.Text>
        </Space>
        {!queue.data ? <Spin /> : (
          <Table<Row>
            rowKey={keyOf}
            rowSelection={closed ? undefined : {
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys.map(String)),
              getCheckboxProps: (f) => ({ disabled: f.status === 'approved' }),
            }}
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            loading={queue.loading}
            dataSource={figures}
            data-testid="verify-table"
            locale={{ emptyText: <Empty description={t('verify.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            onRow={(f) => ({ 'data-figure': keyOf(f), 'data-status': f.status } as HTMLAttributes<HTMLElement>)}
            columns={[
              { title: words.subject, key: 'unit', render: (_: unknown, f) => unitName(f.unit) },
              { title: t('unit.indicator'), key: 'ind', render: (_: unknown, f) => indName(f.indicator) },
              {
                title: t('verify.value'), key: 'value', align: 'right',
                render: (_: unknown, f) => (
                  <Space size={4}>
                    <Typography.Text strong>{f.value}</Typography.Text>
                    {lookups.indicator.get(f.indicator)?.measure && <Typography.Text type="secondary">{lookups.indicator.get(f.indicator)?.measure}</Typography.Text>}
                  </Space>
                ),
              },
              { title: t('verify.previous'), key: 'previous', align: 'right', render: (_: unknown, f) => <span className="verify-previous">{f.review?.previous ?? '—'}</span> },
              {
                title: t('verify.target'), key: 'target', align: 'right',
                render: (_: unknown, f) => <span className="verify-target">{lookups.indicator.get(f.indicator)?.targets?.[f.unit] ?? '—'}</span>,
              },
              {
                title: t('verify.attention'), key: 'attention',
                render: (_: unknown, f) => (
                  <Space size={2} wrap>
                    {attentionOf(f).map((a) => <Tag key={a} color={ATTENTION_COLOR[a]} data-attention={a}>{t(`verify.${a}`)}</Tag>)}
                  </Space>
                ),
              },
              {
                // the reporter's note and evidence files: what the section weighs before approving
                title: `${t('form.explanation')} / ${t('form.evidence')}`, key: 'explanation',
                render: (_: unknown, f) => (
                  <Space orientation="vertical" size={2}>
                    {f.explanation && <Typography.Text className="verify-explanation" data-explanation={keyOf(f)}>{f.explanation}</Typography.Text>}
                    {(f.evidence?.length ?? 0) > 0 && <EvidenceList files={f.evidence ?? []} testKey={keyOf(f)} />}
                    {!f.explanation && (f.evidence?.length ?? 0) === 0 && <Typography.Text type="secondary">—</Typography.Text>}
                  </Space>
                ),
              },
              {
                title: t('verify.status'), key: 'status',
                render: (_: unknown, f) => (
                  <Space orientation="vertical" size={0}>
                    <Space size={0}>
                      <FigureStatusTag status={f.status} />
                      {f.late && <Tag color="orange">{t('verify.late')}</Tag>}
                    </Space>
                    {f.status === 'returned' && f.reviewReason && <Typography.Text type="danger" style={{ fontSize: 12 }}>{f.reviewReason}</Typography.Text>}
                  </Space>
                ),
              },
              { title: t('verify.enteredBy'), key: 'by', render: (_: unknown, f) => f.enteredBy ?? '—' },
              { title: t('verify.enteredAt'), key: 'at', render: (_: unknown, f) => dateTime(f.enteredAt) },
              {
                title: t('periods.actions'), key: 'actions', width: 180,
                render: (_: unknown, f) => (
                  <Space>
                    <Button size="small" type="primary" icon={<CheckOutlined />} disabled={closed || f.status === 'approved'}
                      loading={busy === keyOf(f)} data-testid="approve"
                      onClick={() => void submit([decision(f, 'approve')], t('verify.approved'), keyOf(f))}>
                      {t('verify.approve')}
                    </Button>
                    <Button size="small" danger icon={<RollbackOutlined />} disabled={closed || f.status === 'returned'} data-testid="return"
                      onClick={() => setReturning(f)}>
                      {t('verify.return')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={returning !== null}
        title={t('verify.returnTitle')}
        okText={t('verify.return')}
        okButtonProps={{ danger: true, loading: returning !== null && busy === keyOf(returning), 'data-testid': 'return-ok' }}
        onOk={() => void confirmReturn().catch(() => undefined)}
        onCancel={() => {
          setReturning(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        {returning && (
          <Typography.Paragraph>
            {t('verify.returnHint', {
              unit: lookups.unit.get(returning.unit)?.name ?? returning.unit,
              indicator: lookups.indicator.get(returning.indicator)?.name ?? returning.indicator,
              value: returning.value,
            })}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('verify.reason')} rules={[{ required: true, whitespace: true, message: t('verify.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
