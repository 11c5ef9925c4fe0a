// 通报: the campaign's bulletin history, period by period and version by version (draft or
// published, which one is current, the content hash), a form that generates a draft for a period,
// the phone page's link and QR code, and the lobby big screen's links.
import { useEffect, useState, type HTMLAttributes } from 'react';
import { App as AntApp, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Spin, Table, Tooltip, Typography } from 'antd';
import { EditOutlined, FileExcelOutlined, FileWordOutlined, MobileOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { bulletinFileUrl, createBulletin, listBulletins, publicQrUrl } from '../api/endpoints.ts';
import type { BulletinSummary } from '../api/types.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { usePeriods } from '../hooks/usePeriods.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { canEditCampaigns } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { PeriodStateTag } from '../components/StatusTags.tsx';
import { BulletinStatusTags, HashText } from '../components/BulletinStatusTags.tsx';
import { KioskTokensCard } from '../components/KioskTokensCard.tsx';
import { phoneUrl } from '../publication/format.ts';

export function BulletinsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const bulletins = useAsync(() => listBulletins(id), [id]);
  const organizer = canEditCampaigns(user, id);

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('bulletins.title') },
  ];
  const error = campaign.error ?? bulletins.error;
  if (error) return <Page crumbs={crumbs} title={t('bulletins.title')}><ErrorResult error={error} onRetry={bulletins.reload} /></Page>;
  const list = bulletins.data?.bulletins ?? [];
  const hasPublished = list.some((b) => b.status === 'published');

  return (
    <Page crumbs={crumbs} title={t('bulletins.title')}>
      <CampaignNav campaignId={id} active="bulletins" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {organizer && <CreateDraftCard campaignId={id} bulletins={list} />}
        <Card size="small" title={t('bulletins.history')}>
          {!bulletins.data ? <Spin /> : list.length === 0 ? <Empty description={t('bulletins.empty')} /> : (
            <Table<BulletinSummary>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={list}
              data-testid="bulletins-table"
              onRow={(b) => ({ 'data-bulletin': b.id, 'data-period': b.period, 'data-version': b.version, 'data-status': b.status } as HTMLAttributes<HTMLElement>)}
              columns={[
                { title: t('bulletins.period'), dataIndex: 'period', width: 100, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
                { title: t('bulletins.version'), dataIndex: 'version', width: 70, align: 'center', render: (v: number) => `v${v}` },
                { title: t('bulletins.status'), key: 'status', width: 150, render: (_: unknown, b) => <BulletinStatusTags bulletin={b} /> },
                {
                  title: t('bulletins.titleField'), key: 'title',
                  render: (_: unknown, b) => (
                    <Space orientation="vertical" size={0}>
                      <Link to={`${base}/bulletins/${b.id}`} data-testid="open-bulletin">{b.title}</Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{b.number}</Typography.Text>
                      {b.changeNote && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('bulletins.changeNote')}：{b.changeNote}</Typography.Text>}
                    </Space>
                  ),
                },
                {
                  title: t('bulletins.date'), key: 'date', width: 170,
                  render: (_: unknown, b) => (
                    <Space orientation="vertical" size={0} style={{ fontSize: 12 }}>
                      <span>{t('bulletins.createdAt')} {dateTime(b.createdAt)}</span>
                      {b.publishedAt && <span>{t('bulletins.publishedAt')} {dateTime(b.publishedAt)}</span>}
                    </Space>
                  ),
                },
                { title: t('bulletins.hash'), key: 'hash', width: 130, render: (_: unknown, b) => <HashText hash={b.contentHash} /> },
                {
                  title: t('bulletins.actions'), key: 'actions', width: 150,
                  render: (_: unknown, b) => (
                    <Space size={2}>
                      <Tooltip title={t('bulletins.docx')}><Button type="text" size="small" icon={<FileWordOutlined />} href={bulletinFileUrl(b.id, 'docx')} /></Tooltip>
                      <Tooltip title={t('bulletins.xlsx')}><Button type="text" size="small" icon={<FileExcelOutlined />} href={bulletinFileUrl(b.id, 'xlsx')} /></Tooltip>
                      <Tooltip title={t('bulletins.print')}><Button type="text" size="small" icon={<PrinterOutlined />} href={`/print/bulletins/${b.id}`} target="_blank" /></Tooltip>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Card>
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <PhoneCard campaignId={id} published={hasPublished} />
          </Col>
          {organizer && (
            <Col xs={24} lg={14}>
              <KioskTokensCard campaignId={id} />
            </Col>
          )}
        </Row>
      </Space>
    </Page>
  );
}

/** Generates a draft for a period from its stored result; number and title may be left to their defaults. */
function CreateDraftCard({ campaignId, bulletins }: { campaignId: string; bulletins: BulletinSummary[] }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const periods = usePeriods(campaignId);
  const [form] = Form.useForm<{ period: string; number?: string; title?: string; changeNote?: string }>();
  const [busy, setBusy] = useState(false);
  const period = Form.useWatch('period', form);
  const list = periods.data?.periods ?? [];
  // a period with figures (or past open) has a stored result; the latest of those is the usual pick
  const withData = list.filter((p) => p.reported > 0 || (p.state !== 'open' && p.state !== 'unopened'));
  const preferred = withData.at(-1)?.period;
  useEffect(() => {
    if (preferred && !form.getFieldValue('period')) form.setFieldValue('period', preferred);
  }, [preferred, form]);
  const lastVersion = Math.max(0, ...bulletins.filter((b) => b.period === period).map((b) => b.version));
  // a period has at most one draft at a time: edit that one rather than being refused
  const openDraft = bulletins.find((b) => b.period === period && b.status === 'draft');
  const state = periods.byKey.get(period ?? '')?.state;

  const submit = async (v: { period: string; number?: string; title?: string; changeNote?: string }) => {
    setBusy(true);
    try {
      const { bulletin } = await createBulletin(campaignId, {
        period: v.period,
        ...(v.number?.trim() ? { number: v.number.trim() } : {}),
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
        ...(v.changeNote?.trim() ? { changeNote: v.changeNote.trim() } : {}),
      });
      message.success(t('bulletins.created'));
      navigate(`/campaigns/${encodeURIComponent(campaignId)}/bulletins/${bulletin.id}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('bulletins.create')} data-testid="create-bulletin-card">
      <Form form={form} layout="inline" onFinish={(v) => void submit(v)} style={{ rowGap: 8 }}>
        <Form.Item name="period" label={t('bulletins.period')} rules={[{ required: true }]}>
          <Select
            style={{ minWidth: 160 }}
            data-testid="bulletin-period"
            options={list.map((p) => ({
              value: p.period,
              label: <Space size={4}>{p.period}<PeriodStateTag state={p.state} /></Space>,
            }))}
          />
        </Form.Item>
        <Form.Item name="number" label={t('bulletins.number')}>
          <Input placeholder={t('bulletins.defaultPlaceholder')} style={{ width: 200 }} data-testid="bulletin-number-input" />
        </Form.Item>
        <Form.Item name="title" label={t('bulletins.titleField')}>
          <Input placeholder={t('bulletins.defaultPlaceholder')} style={{ width: 260 }} />
        </Form.Item>
        {lastVersion > 0 && !openDraft && (
          <Form.Item name="changeNote" label={t('bulletins.changeNote')} rules={[{ required: true, whitespace: true, message: t('bulletins.changeNoteRequired') }]}>
            <Input style={{ width: 260 }} data-testid="create-change-note" />
          </Form.Item>
        )}
        <Form.Item>
          {openDraft ? (
            <Link to={`/campaigns/${encodeURIComponent(campaignId)}/bulletins/${openDraft.id}`} data-testid="open-draft">
              <Button icon={<EditOutlined />}>{t('bulletins.openDraft', { version: openDraft.version })}</Button>
            </Link>
          ) : (
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy} data-testid="create-bulletin">
              {lastVersion > 0 ? t('bulletins.createVersion', { version: lastVersion + 1 }) : t('bulletins.createDraft')}
            </Button>
          )}
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('bulletins.createHint')}
        {state === 'open' && <> {t('bulletins.openPeriodWarning')}</>}
      </Typography.Paragraph>
    </Card>
  );
}

/** The public phone page of the campaign: what units and the public open, by link or QR code. */
function PhoneCard({ campaignId, published }: { campaignId: string; published: boolean }) {
  const { t } = useTranslation();
  const url = phoneUrl(campaignId);
  return (
    <Card size="small" title={<Space><MobileOutlined />{t('bulletins.phonePage')}</Space>} data-testid="phone-card">
      <Space align="start" size={16}>
        <img src={publicQrUrl(campaignId)} alt={t('bulletins.qrHint')} width={120} height={120} style={{ background: '#fff' }} />
        <Space orientation="vertical" size={4}>
          <Typography.Text copyable={{ text: url }}>
            <a href={url} target="_blank" rel="noreferrer" data-testid="phone-link">{url}</a>
          </Typography.Text>
          <Typography.Text type="secondary">{published ? t('bulletins.phoneHint') : t('bulletins.phoneNothing')}</Typography.Text>
        </Space>
      </Space>
    </Card>
  );
}
