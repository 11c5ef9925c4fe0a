// One bulletin. A draft is reviewed here: its title, number, the organizer's opening and closing
// paragraphs and (from version 2) the change note are edited, the content can be regenerated from
// the latest stored result, and it is published after a confirmation — or deleted. A published
// bulletin is read-only, with its hash; "publish a correction" starts version n+1 of its period
// while this one stays readable. Every version of the period is listed, so older ones open too.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Row, Space, Spin, Timeline, Typography } from 'antd';
import {
  CloudUploadOutlined, DeleteOutlined, EditOutlined, FileExcelOutlined, FileWordOutlined, PrinterOutlined, ReloadOutlined, SaveOutlined,
} from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  bulletinFileUrl, createBulletin, deleteBulletin, getBulletin, listBulletins, publishBulletin, updateBulletin,
} from '../api/endpoints.ts';
import type { Bulletin, BulletinDraftInput } from '../api/types.ts';
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
import { BulletinContentView } from '../components/BulletinContentView.tsx';
import { BulletinStatusTags, HashText } from '../components/BulletinStatusTags.tsx';

/** Paragraphs are edited as lines of a text area: one non-empty line, one paragraph. */
const toLines = (ps: string[]) => ps.join('\n');
const toParagraphs = (text: string | undefined) => (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);

interface DraftForm { title: string; number: string; intro: string; closing: string; changeNote: string }

export function BulletinPage() {
  const { id = '', bulletinId = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const bid = Number(bulletinId);
  const loaded = useAsync(() => getBulletin(bid), [bid]);
  const bulletin = loaded.data?.bulletin;
  const versions = useAsync(
    () => (bulletin ? listBulletins(id, bulletin.period) : Promise.resolve({ bulletins: [] })),
    [id, bulletin?.period ?? '', bulletin?.status ?? '', bid],
  );
  const periods = usePeriods(id);

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const title = bulletin?.title ?? t('bulletins.title');
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('bulletins.title'), to: `${base}/bulletins` },
    { title: bulletin ? `${bulletin.period} v${bulletin.version}` : bulletinId },
  ];
  if (loaded.error) return <Page crumbs={crumbs} title={title}><ErrorResult error={loaded.error} onRetry={loaded.reload} /></Page>;
  if (!bulletin) return <Page crumbs={crumbs} title={title}><Spin style={{ display: 'block', margin: 48 }} /></Page>;
  const organizer = canEditCampaigns(user, id);
  const draft = bulletin.status === 'draft';
  const state = periods.byKey.get(bulletin.period)?.state;
  const reloadAll = () => {
    loaded.reload();
    versions.reload();
  };

  return (
    <Page
      crumbs={crumbs}
      title={<span data-testid="bulletin-title">{bulletin.title}</span>}
      extra={
        <Space wrap>
          <BulletinStatusTags bulletin={bulletin} main />
          <Button icon={<FileWordOutlined />} href={bulletinFileUrl(bulletin.id, 'docx')} data-testid="download-docx">{t('bulletins.docx')}</Button>
          <Button icon={<FileExcelOutlined />} href={bulletinFileUrl(bulletin.id, 'xlsx')} data-testid="download-xlsx">{t('bulletins.xlsx')}</Button>
          <Button icon={<PrinterOutlined />} href={`/print/bulletins/${bulletin.id}`} target="_blank" data-testid="open-print">{t('bulletins.print')}</Button>
          {organizer && draft && <DraftActions bulletin={bulletin} periodState={state} onChanged={reloadAll} />}
          {organizer && !draft && <CorrectionButton bulletin={bulletin} />}
        </Space>
      }
    >
      <CampaignNav campaignId={id} active="bulletins" />
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {draft
              ? <Alert type="info" showIcon title={t('bulletins.draftNotice')} data-testid="draft-notice" />
              : <Alert type="success" showIcon title={t('bulletins.publishedNotice', { time: dateTime(bulletin.publishedAt), who: bulletin.publishedByName ?? bulletin.publishedBy ?? '—' })} />}
            {organizer && draft
              ? <DraftEditor key={`${bulletin.id}`} bulletin={bulletin} onSaved={reloadAll} />
              : <Meta bulletin={bulletin} />}
            <BulletinContentView content={bulletin.content} />
          </Space>
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title={t('bulletins.versions', { period: bulletin.period })} data-testid="bulletin-versions">
            <Space style={{ marginBottom: 12 }}>{t('bulletins.periodState')}<PeriodStateTag state={state} /></Space>
            <Timeline
              items={(versions.data?.bulletins ?? []).map((b) => ({
                key: b.id,
                color: b.status === 'draft' ? 'gold' : b.current ? 'red' : 'gray',
                content: (
                  <div data-version={b.version} data-bulletin={b.id}>
                    {b.id === bulletin.id
                      ? <Typography.Text strong>{t('bulletins.versionN', { version: b.version })}</Typography.Text>
                      : <Link to={`${base}/bulletins/${b.id}`} data-testid={`version-link-${b.version}`}>{t('bulletins.versionN', { version: b.version })}</Link>}
                    {' '}<BulletinStatusTags bulletin={b} />
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>{dateTime(b.publishedAt ?? b.createdAt)}</div>
                    {b.changeNote && <div style={{ fontSize: 12 }}>{b.changeNote}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </Page>
  );
}

/** A published bulletin's particulars, read-only. */
function Meta({ bulletin: b }: { bulletin: Bulletin }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="bulletin-meta">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('bulletins.number')}><span data-testid="bulletin-number">{b.number}</span></Descriptions.Item>
        <Descriptions.Item label={t('bulletins.version')}>v{b.version}</Descriptions.Item>
        <Descriptions.Item label={t('bulletins.publishedAt')}>{dateTime(b.publishedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('bulletins.publishedBy')}>{b.publishedByName ?? b.publishedBy ?? '—'}</Descriptions.Item>
        {b.changeNote && <Descriptions.Item label={t('bulletins.changeNote')} span={2}><span data-testid="bulletin-change-note">{b.changeNote}</span></Descriptions.Item>}
        <Descriptions.Item label={t('bulletins.hash')} span={2}><HashText hash={b.contentHash} full /></Descriptions.Item>
        <Descriptions.Item label={t('bulletins.source')} span={2}>
          {t('bulletins.sourceText', { version: b.content.specVersion, time: dateTime(b.content.computedAt) })}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The organizer's own parts of a draft: title, number, paragraphs, change note. */
function DraftEditor({ bulletin: b, onSaved }: { bulletin: Bulletin; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DraftForm>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    form.setFieldsValue({ title: b.title, number: b.number, intro: toLines(b.content.intro), closing: toLines(b.content.closing), changeNote: b.changeNote ?? '' });
  }, [b, form]);

  const save = async (v: DraftForm) => {
    setBusy(true);
    try {
      const body: BulletinDraftInput = { title: v.title.trim(), number: v.number.trim(), intro: toParagraphs(v.intro), closing: toParagraphs(v.closing) };
      if (b.version > 1) body.changeNote = v.changeNote.trim();
      await updateBulletin(b.id, body);
      message.success(t('bulletins.saved'));
      onSaved();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={<Space><EditOutlined />{t('bulletins.editTitle')}</Space>} data-testid="draft-editor">
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="title" label={t('bulletins.titleField')} rules={[{ required: true, whitespace: true }]}>
              <Input data-testid="edit-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="number" label={t('bulletins.number')} rules={[{ required: true, whitespace: true }]}>
              <Input data-testid="edit-number" />
            </Form.Item>
          </Col>
        </Row>
        {b.version > 1 && (
          <Form.Item name="changeNote" label={t('bulletins.changeNote')} rules={[{ required: true, whitespace: true, message: t('bulletins.changeNoteRequired') }]}>
            <Input data-testid="edit-change-note" />
          </Form.Item>
        )}
        <Form.Item name="intro" label={t('bulletins.intro')} extra={t('bulletins.paragraphsHint')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} data-testid="edit-intro" />
        </Form.Item>
        <Form.Item name="closing" label={t('bulletins.closing')} extra={t('bulletins.paragraphsHint')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} data-testid="edit-closing" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="save-draft">{t('bulletins.save')}</Button>
      </Form>
    </Card>
  );
}

/** Regenerate, delete and publish a draft; publishing asks first, since it cannot be undone. */
function DraftActions({ bulletin: b, periodState, onChanged }: { bulletin: Bulletin; periodState: string | undefined; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const list = `/campaigns/${encodeURIComponent(b.campaign)}/bulletins`;

  const run = async (key: string, fn: () => Promise<unknown>, ok: string, after: () => void) => {
    setBusy(key);
    try {
      await fn();
      message.success(ok);
      after();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {/* deleting sits apart from publishing, at the other end: one is not clicked for the other */}
      <Popconfirm title={t('bulletins.delete')} description={t('bulletins.confirmDelete')}
        onConfirm={() => run('delete', () => deleteBulletin(b.id), t('bulletins.deleted'), () => navigate(list))}
        okButtonProps={{ danger: true, 'data-testid': 'confirm-delete' }}>
        <Button danger type="text" icon={<DeleteOutlined />} style={{ marginInlineEnd: 32 }} loading={busy === 'delete'} data-testid="delete-draft">{t('bulletins.delete')}</Button>
      </Popconfirm>
      <Popconfirm title={t('bulletins.regenerate')} description={<div style={{ maxWidth: 300 }}>{t('bulletins.confirmRegenerate')}</div>}
        onConfirm={() => run('regen', () => updateBulletin(b.id, { regenerate: true }), t('bulletins.regenerated'), onChanged)}
        okButtonProps={{ 'data-testid': 'confirm-regenerate' }}>
        <Button icon={<ReloadOutlined />} loading={busy === 'regen'} data-testid="regenerate">{t('bulletins.regenerate')}</Button>
      </Popconfirm>
      <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'publish'} onClick={() => setConfirming(true)} data-testid="publish">
        {t('bulletins.publish')}
      </Button>
      <Modal
        open={confirming}
        title={t('bulletins.confirmPublishTitle')}
        okText={t('bulletins.publish')}
        okButtonProps={{ 'data-testid': 'confirm-publish', loading: busy === 'publish' }}
        onCancel={() => setConfirming(false)}
        onOk={() => run('publish', () => publishBulletin(b.id), t('bulletins.publishedOk'), () => { setConfirming(false); onChanged(); })}
      >
        <Typography.Paragraph>{t('bulletins.confirmPublish', { title: b.title, number: b.number })}</Typography.Paragraph>
        {periodState === 'open' && <Alert type="warning" showIcon title={t('bulletins.openPeriodWarning')} />}
      </Modal>
    </>
  );
}

/** Starts version n+1 of a published bulletin's period, with its change note. */
function CorrectionButton({ bulletin: b }: { bulletin: Bulletin }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ changeNote: string }>();

  const submit = async ({ changeNote }: { changeNote: string }) => {
    setBusy(true);
    try {
      const { bulletin } = await createBulletin(b.campaign, { period: b.period, changeNote: changeNote.trim() });
      setOpen(false);
      message.success(t('bulletins.created'));
      navigate(`/campaigns/${encodeURIComponent(b.campaign)}/bulletins/${bulletin.id}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<EditOutlined />} onClick={() => setOpen(true)} data-testid="start-correction">{t('bulletins.correction')}</Button>
      <Modal
        open={open}
        title={t('bulletins.correctionTitle', { period: b.period })}
        okText={t('bulletins.correctionCreate')}
        okButtonProps={{ 'data-testid': 'confirm-correction', loading: busy }}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('bulletins.correctionHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <Form.Item name="changeNote" label={t('bulletins.changeNote')} rules={[{ required: true, whitespace: true, message: t('bulletins.changeNoteRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="correction-note" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
