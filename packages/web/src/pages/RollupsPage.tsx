// 上下联动: the organizer declares which cells of this campaign are fed from a lower campaign — which
// unit's which indicator, from which campaign of their organization or one below it, by which measure
// (its units' mean total, the share holding a flag, a chosen indicator's mean or sum; for an overall
// assessment, each unit's own summary or mean total there). Everything is picked by name; what the
// server refuses comes back naming what is wrong. The links listed show what each carried, from where.
import { useState, type HTMLAttributes } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Form, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { createRollup, deleteRollup, getCampaign, listCampaigns } from '../api/endpoints.ts';
import type { NewRollup, RollupLink, RollupMeasure } from '../api/types.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useRollups } from '../hooks/useRollups.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { canEditCampaigns } from '../lib/permissions.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';

const MEASURES: RollupMeasure[] = ['mean_total', 'flag_share', 'indicator_mean', 'indicator_sum', 'unit_summary', 'unit_mean_total'];
/** measures taken unit by unit from the same unit of the source: no unit is named */
const PER_UNIT: RollupMeasure[] = ['unit_summary', 'unit_mean_total'];

interface FormValues {
  unit?: string;
  indicator?: string;
  sourceCampaign?: string;
  measure?: RollupMeasure;
  flag?: string;
  sourceIndicator?: string;
}

export function RollupsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const campaign = useCampaign(id);
  const rollups = useRollups(id);
  const manage = canEditCampaigns(user, id);
  const campaigns = useAsync(() => (manage ? listCampaigns().then((r) => r.campaigns) : Promise.resolve([])), [manage]);
  const [form] = Form.useForm<FormValues>();
  const measure = Form.useWatch('measure', form);
  const sourceId = Form.useWatch('sourceCampaign', form);
  const source = useAsync(() => (sourceId ? getCampaign(sourceId) : Promise.resolve(null)), [sourceId ?? '']);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('rollups.title') },
  ];
  const error = campaign.error ?? rollups.error;
  if (error) return <Page crumbs={crumbs} title={t('rollups.title')}><ErrorResult error={error} onRetry={rollups.reload} /></Page>;
  const lookups = campaign.lookups;
  if (!lookups || !rollups.data) return <Page crumbs={crumbs} title={t('rollups.title')}><Spin /></Page>;

  const unitName = (u: string) => lookups.unit.get(u)?.name ?? u;
  const indicatorName = (d: string) => lookups.indicator.get(d)?.name ?? d;
  const perUnit = measure !== undefined && PER_UNIT.includes(measure);
  const sourceModel = source.data?.campaign.id === sourceId ? source.data?.model : undefined;

  const submit = async (v: FormValues) => {
    setRefusal(null);
    setSaving(true);
    try {
      const body: NewRollup = {
        indicator: v.indicator ?? '', sourceCampaign: v.sourceCampaign ?? '', measure: v.measure ?? 'mean_total',
        ...(perUnit ? {} : { unit: v.unit }),
        ...(v.measure === 'flag_share' ? { flag: v.flag } : {}),
        ...(v.measure === 'indicator_mean' || v.measure === 'indicator_sum' ? { sourceIndicator: v.sourceIndicator } : {}),
      };
      const { rollup } = await createRollup(id, body);
      void message.success(t('rollups.created', { count: rollup.values.length }));
      form.resetFields();
      rollups.reload();
    } catch (e) {
      setRefusal(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (l: RollupLink) => {
    try {
      await deleteRollup(id, l.id);
      rollups.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const latest = (l: RollupLink) => [...l.values].sort((a, b) => (a.period === b.period ? a.unit.localeCompare(b.unit) : b.period.localeCompare(a.period)));

  return (
    <Page crumbs={crumbs} title={t('rollups.title')}>
      <CampaignNav campaignId={id} active="rollups" />
      <Alert type="info" showIcon title={t('rollups.hint')} style={{ marginBottom: 12 }} />
      <Card size="small" title={t('rollups.listTitle')} style={{ marginBottom: 16 }}>
        {rollups.data.length === 0 ? (
          <Empty description={t('rollups.none')} />
        ) : (
          <Table<RollupLink>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rollups.data}
            data-testid="rollup-links"
            onRow={(l) => ({ 'data-rollup': `${l.unit ?? '*'}/${l.indicator}` } as HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('rollups.unit'), key: 'unit', render: (_: unknown, l) => (l.unit === null ? <Tag>{t('rollups.everyUnit')}</Tag> : unitName(l.unit)) },
              { title: t('rollups.indicator'), key: 'indicator', render: (_: unknown, l) => indicatorName(l.indicator) },
              { title: t('rollups.source'), key: 'source', render: (_: unknown, l) => <Link to={`/campaigns/${encodeURIComponent(l.sourceCampaign.id)}`}>{l.sourceCampaign.name}</Link> },
              { title: t('rollups.measure'), key: 'measure', render: (_: unknown, l) => l.description },
              {
                title: t('rollups.carried'), key: 'values',
                render: (_: unknown, l) => {
                  const vs = latest(l);
                  if (vs.length === 0) return <Typography.Text type="secondary">{t('rollups.nothingYet')}</Typography.Text>;
                  return (
                    <Space orientation="vertical" size={0}>
                      {vs.slice(0, 3).map((v) => (
                        <span key={`${v.unit}/${v.period}`} data-rollup-value={`${v.unit}/${v.period}`}>
                          {l.unit === null ? `${unitName(v.unit)} ` : ''}{v.period}：<Typography.Text strong>{v.value}</Typography.Text>{' '}
                          <Typography.Text type="secondary">{t('rollups.from', { name: l.sourceCampaign.name, period: v.sourcePeriod })}</Typography.Text>
                          {v.outcome === 'correction' && <Tag color="orange" style={{ marginInlineStart: 4 }}>{t('rollups.correctionTag')}</Tag>}
                        </span>
                      ))}
                      {vs.length > 3 && <Typography.Text type="secondary">{t('rollups.more', { count: vs.length - 3 })}</Typography.Text>}
                    </Space>
                  );
                },
              },
              ...(manage ? [{
                title: '', key: 'remove', width: 80,
                render: (_: unknown, l: RollupLink) => (
                  <Popconfirm
                    title={t('rollups.removeConfirm')}
                    description={<div style={{ maxWidth: 320 }}>{t('rollups.removeHint')}</div>}
                    onConfirm={() => remove(l)}
                    okButtonProps={{ danger: true, 'data-testid': 'confirm-remove-rollup' }}
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} data-testid="remove-rollup">{t('rollups.remove')}</Button>
                  </Popconfirm>
                ),
              }] : []),
            ]}
          />
        )}
      </Card>
      {manage && (
        <Card size="small" title={t('rollups.newTitle')}>
          <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 560 }} data-testid="rollup-form" onValuesChange={() => setRefusal(null)}>
            <Form.Item name="measure" label={t('rollups.measure')} rules={[{ required: true, message: t('rollups.required.measure') }]}>
              <Select data-testid="rollup-measure" placeholder={t('rollups.pick')} options={MEASURES.map((m) => ({ value: m, label: t(`rollups.measures.${m}`) }))} />
            </Form.Item>
            {!perUnit && (
              <Form.Item name="unit" label={t('rollups.unitFed')} rules={[{ required: true, message: t('rollups.required.unit') }]}>
                <Select data-testid="rollup-unit" showSearch optionFilterProp="label" placeholder={t('rollups.pick')} options={[...lookups.unit.values()].map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
            )}
            <Form.Item name="indicator" label={t('rollups.indicatorFed')} rules={[{ required: true, message: t('rollups.required.indicator') }]}>
              <Select data-testid="rollup-indicator" showSearch optionFilterProp="label" placeholder={t('rollups.pick')}
                options={[...lookups.indicator.values()].filter((d) => d.input !== 'event').map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
            <Form.Item name="sourceCampaign" label={t('rollups.source')} rules={[{ required: true, message: t('rollups.required.source') }]} extra={t('rollups.sourceHint')}>
              <Select data-testid="rollup-source" showSearch optionFilterProp="label" placeholder={t('rollups.pick')} loading={campaigns.loading}
                onChange={() => form.setFieldsValue({ flag: undefined, sourceIndicator: undefined })}
                options={(campaigns.data ?? []).filter((c) => c.id !== id && c.status === 'active').map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
            {measure === 'flag_share' && (
              <Form.Item name="flag" label={t('rollups.flag')} rules={[{ required: true, message: t('rollups.required.flag') }]}>
                <Select data-testid="rollup-flag" placeholder={sourceId ? t('rollups.pick') : t('rollups.pickSourceFirst')} loading={!!sourceId && source.loading}
                  options={(sourceModel?.flags ?? []).map((f) => ({ value: f.id, label: f.name }))} />
              </Form.Item>
            )}
            {(measure === 'indicator_mean' || measure === 'indicator_sum') && (
              <Form.Item name="sourceIndicator" label={t('rollups.sourceIndicator')} rules={[{ required: true, message: t('rollups.required.sourceIndicator') }]}>
                <Select data-testid="rollup-source-indicator" placeholder={sourceId ? t('rollups.pick') : t('rollups.pickSourceFirst')} loading={!!sourceId && source.loading}
                  options={(sourceModel?.indicators ?? []).filter((d) => d.input !== 'event').map((d) => ({ value: d.id, label: d.name }))} />
              </Form.Item>
            )}
            {refusal && <Alert type="error" showIcon title={refusal} role="alert" data-testid="rollup-error" style={{ marginBottom: 12 }} />}
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="rollup-submit">{t('rollups.create')}</Button>
          </Form>
        </Card>
      )}
    </Page>
  );
}
