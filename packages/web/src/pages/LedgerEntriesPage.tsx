// 实绩台账 of a person campaign (issue 17 items 1–2): the reporter of a person's competitor records
// dated entries — what was done, under which key work (an indicator), with evidence files — and
// submits them; each waits for the section responsible for that key work, which approves it or
// returns it with a reason (the reporter gets an inbox notice); a returned or waiting entry is
// corrected and submitted again. Persons are shown by name with their unit and post, never by id.
import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Empty, Form, Input, Modal, Segmented, Select, Space, Spin, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { CheckOutlined, EditOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  createLedgerEntry, ledgerEntryFileUrl, listLedgerEntries, removeLedgerEntryFile, updateLedgerEntry, uploadLedgerEntryFile, verifyLedgerEntry, type LedgerEntry, type LedgerEntryState,
} from '../api/ledger-entries.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { EvidenceList } from '../components/EvidenceList.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { usePersons } from '../hooks/usePersons.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { canKeepLedger, canVerifyLedger } from '../lib/permissions.ts';

type Filter = 'all' | 'draft' | 'pending' | 'returned' | 'approved';
const FILTERS: Filter[] = ['all', 'draft', 'pending', 'returned', 'approved'];
const STATE_COLOR: Record<LedgerEntryState, string> = { recorded: 'default', draft: 'default', pending: 'processing', approved: 'green', returned: 'red' };
interface Fields { unit: string; date: string; what: string; indicator: string; keyWork?: string }

export function LedgerEntriesPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const entries = useAsync(() => listLedgerEntries(id), [id]);
  const persons = usePersons();
  const { busy, act } = useAction(entries.reload);
  const [form] = Form.useForm<Fields>();
  const [editForm] = Form.useForm<Fields>();
  const [returnForm] = Form.useForm<{ reason: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [editing, setEditing] = useState<LedgerEntry | null>(null);
  const [returning, setReturning] = useState<LedgerEntry | null>(null);

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: campaign.data?.campaign.name ?? id, to: base }, { title: t('personLedger.title') }];
  const error = campaign.error ?? entries.error;
  if (error) return <Page crumbs={crumbs} title={t('personLedger.title')}><ErrorResult error={error} onRetry={entries.reload} /></Page>;
  const model = campaign.data?.model;
  if (!model || !user) return <Page crumbs={crumbs} title={t('personLedger.title')}><Spin /></Page>;
  if (model.subject !== 'person') {
    return (
      <Page crumbs={crumbs} title={t('personLedger.title')}>
        <CampaignNav campaignId={id} active="ledger" />
        <Empty description={t('personLedger.notPerson')} />
      </Page>
    );
  }

  const filter: Filter = FILTERS.includes(params.get('state') as Filter) ? (params.get('state') as Filter) : 'all';
  // the competitors linked to a person whose ledger this user keeps (a reporter: their own)
  const mine = model.units.filter((u) => u.person !== undefined && canKeepLedger(user, id, u.id));
  const indicators = model.indicators.map((d) => ({ value: d.id, label: d.name }));
  const personOf = (e: LedgerEntry) => persons.get(e.personId);
  const all = entries.data?.entries ?? [];
  const shown = filter === 'all' ? all : all.filter((e) => e.state === filter);
  const counts = Object.fromEntries(FILTERS.map((f) => [f, f === 'all' ? all.length : all.filter((e) => e.state === f).length]));
  const personLabel = (unit: string) => {
    const u = model.units.find((x) => x.id === unit);
    const p = u?.person === undefined ? undefined : persons.get(u.person);
    return p ? `${u?.name ?? p.name}（${p.unit} · ${t(`people.post.${p.post}`)}）` : u?.name ?? unit;
  };

  const submitNew = async (v: Fields, draft = false) => {
    let entryId: number | undefined;
    const ok = await act(async () => {
      const { entry } = await createLedgerEntry(id, { unit: v.unit, date: v.date, what: v.what.trim(), indicator: v.indicator, keyWork: v.keyWork?.trim() || undefined, ...(draft ? { draft } : {}) });
      entryId = entry.id;
      for (const f of files) if (f.originFileObj) await uploadLedgerEntryFile(id, entry.id, f.originFileObj);
    }, t(draft ? 'personLedger.draftSaved' : 'personLedger.submitted'));
    // the entry is in even when a file was refused: the form starts again, the file can be added on the entry
    if (ok || entryId !== undefined) {
      form.resetFields(['date', 'what', 'keyWork']);
      setFiles([]);
      if (!ok) entries.reload();
    }
  };
  const saveEdit = async (draft = false) => {
    if (!editing) return;
    const v = await editForm.validateFields();
    const body = { date: v.date, what: v.what.trim(), indicator: v.indicator, keyWork: v.keyWork?.trim() || undefined, ...(draft ? { draft } : {}) };
    if (await act(() => updateLedgerEntry(id, editing.id, body), t(draft ? 'personLedger.draftSaved' : editing.state === 'draft' ? 'personLedger.submitted' : 'personLedger.saved'))) setEditing(null);
  };
  const confirmReturn = async () => {
    if (!returning) return;
    const { reason } = await returnForm.validateFields();
    if (await act(() => verifyLedgerEntry(id, returning.id, { decision: 'return', reason: reason.trim() }), t('personLedger.returned'))) setReturning(null);
  };

  const entryFields = (prefix: string) => (
    <>
      <Form.Item name="date" label={t('personLedger.date')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('personLedger.required') }]}>
        <Input type="date" style={{ width: 180 }} data-testid={`${prefix}-date`} />
      </Form.Item>
      <Form.Item name="indicator" label={t('personLedger.indicator')} tooltip={t('personLedger.indicatorHint')} rules={[{ required: true, message: t('personLedger.required') }]}>
        <Select style={{ minWidth: 200 }} options={indicators} data-testid={`${prefix}-indicator`} />
      </Form.Item>
      <Form.Item name="keyWork" label={t('personLedger.keyWork')}>
        <Input maxLength={200} placeholder={t('personLedger.keyWorkHint')} data-testid={`${prefix}-keywork`} />
      </Form.Item>
      <Form.Item name="what" label={t('personLedger.what')} rules={[{ required: true, whitespace: true, message: t('personLedger.required') }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('personLedger.whatHint')} data-testid={`${prefix}-what`} />
      </Form.Item>
    </>
  );

  return (
    <Page crumbs={crumbs} title={t('personLedger.title')}>
      <CampaignNav campaignId={id} active="ledger" />
      {mine.length > 0 && (
        <Card size="small" title={t('personLedger.add')} style={{ marginBottom: 16 }} data-testid="ledger-new">
          <Alert type="info" showIcon title={t('personLedger.intro')} style={{ marginBottom: 12 }} />
          <Form<Fields> form={form} layout="vertical" initialValues={{ unit: mine.length === 1 ? mine[0].id : undefined }} onFinish={(v) => void submitNew(v)} style={{ maxWidth: 720 }}>
            <Form.Item name="unit" label={t('personLedger.person')} rules={[{ required: true, message: t('personLedger.required') }]}>
              <Select showSearch optionFilterProp="label" options={mine.map((u) => ({ value: u.id, label: personLabel(u.id) }))} data-testid="new-person" />
            </Form.Item>
            {entryFields('new')}
            <Form.Item label={t('personLedger.files')} extra={t('form.attachHint')}>
              <Upload
                multiple fileList={files} accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.ofd"
                beforeUpload={() => false}
                onChange={({ fileList }) => setFiles(fileList.slice(0, 5))}
              >
                <Button icon={<UploadOutlined />} data-testid="new-files">{t('personLedger.pickFiles')}</Button>
              </Upload>
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="new-submit">{t('personLedger.submit')}</Button>
              <Button loading={busy} data-testid="new-draft" onClick={() => void form.validateFields().then((v) => submitNew(v, true)).catch(() => undefined)}>{t('personLedger.saveDraft')}</Button>
            </Space>
          </Form>
        </Card>
      )}
      <Card
        size="small"
        title={
          <Segmented<Filter>
            value={filter}
            onChange={(f) => {
              const next = new URLSearchParams(params);
              next.set('state', f);
              setParams(next, { replace: true });
            }}
            options={FILTERS.map((f) => ({ value: f, label: `${t(`personLedger.filter.${f}`)} ${counts[f]}` }))}
            data-testid="ledger-filter"
          />
        }
      >
        <Table<LedgerEntry>
          rowKey="id"
          size="small"
          loading={entries.loading && !entries.data}
          dataSource={shown}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="ledger-entries"
          locale={{ emptyText: filter === 'pending' ? t('personLedger.queueEmpty') : t('personLedger.empty') }}
          onRow={(e) => ({ 'data-entry': e.id, 'data-state': e.state, 'data-person': e.personName } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('personLedger.date'), dataIndex: 'date', width: 110 },
            {
              title: t('people.subject.board'), key: 'person', width: 160,
              render: (_: unknown, e) => {
                const p = personOf(e);
                return (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong data-testid="entry-person">{e.personName || e.unitName}</Typography.Text>
                    {p && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.unit} · {t(`people.post.${p.post}`)}</Typography.Text>}
                  </Space>
                );
              },
            },
            {
              title: t('personLedger.indicator'), key: 'ind', width: 160,
              render: (_: unknown, e) => <span>{e.indicatorName}{e.keyWork ? <Typography.Text type="secondary"> · {e.keyWork}</Typography.Text> : null}</span>,
            },
            { title: t('personLedger.what'), dataIndex: 'what', render: (v: string) => <span data-testid="entry-what" style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
            {
              title: t('personLedger.files'), key: 'files', width: 220,
              render: (_: unknown, e) => (
                <EvidenceList
                  files={e.files}
                  testKey={`ledger-${e.id}`}
                  hrefOf={(f) => ledgerEntryFileUrl(id, e.id, f.id)}
                  onAttach={e.state !== 'approved' && canKeepLedger(user, id, e.unit)
                    ? async (file) => { await uploadLedgerEntryFile(id, e.id, file); entries.reload(); }
                    : undefined}
                  onRemove={e.state !== 'approved' && canKeepLedger(user, id, e.unit)
                    ? async (fileId) => { await removeLedgerEntryFile(id, e.id, fileId); entries.reload(); }
                    : undefined}
                />
              ),
            },
            {
              title: t('verify.status'), key: 'state', width: 200,
              render: (_: unknown, e) => (
                <Space orientation="vertical" size={2}>
                  <Tag color={STATE_COLOR[e.state]} data-testid="entry-state">{t(`personLedger.state.${e.state}`)}</Tag>
                  {e.state === 'returned' && e.returnReason && <Typography.Text type="danger" data-testid="entry-reason">{t('personLedger.returnReason', { reason: e.returnReason })}</Typography.Text>}
                  {e.verifiedBy && e.state !== 'pending' && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('personLedger.verifiedBy', { who: e.verifiedBy })}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('personLedger.actions'), key: 'act', width: 170,
              render: (_: unknown, e) => (
                <Space wrap>
                  {e.state !== 'approved' && canKeepLedger(user, id, e.unit) && (
                    <Button size="small" icon={<EditOutlined />} data-testid="entry-edit" onClick={() => setEditing(e)}>{e.state === 'returned' ? t('personLedger.resubmit') : e.state === 'draft' ? t('personLedger.submit') : t('personLedger.edit')}</Button>
                  )}
                  {e.state === 'pending' && canVerifyLedger(user, id, e.indicator) && (
                    <>
                      <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy} data-testid="entry-approve"
                        onClick={() => void act(() => verifyLedgerEntry(id, e.id, { decision: 'approve' }), t('personLedger.approved'))}>{t('personLedger.approve')}</Button>
                      <Button size="small" danger icon={<RollbackOutlined />} data-testid="entry-return" onClick={() => setReturning(e)}>{t('personLedger.return')}</Button>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={t('personLedger.editTitle')}
        okText={editing?.state === 'draft' ? t('personLedger.submit') : t('personLedger.resubmit')}
        okButtonProps={{ loading: busy, 'data-testid': 'edit-ok' }}
        onOk={() => void saveEdit().catch(() => undefined)}
        onCancel={() => setEditing(null)}
        footer={(_, { OkBtn, CancelBtn }) => (
          <>
            <CancelBtn />
            <Button loading={busy} data-testid="edit-draft" onClick={() => void saveEdit(true).catch(() => undefined)}>{t('personLedger.saveDraft')}</Button>
            <OkBtn />
          </>
        )}
        destroyOnHidden
      >
        {editing?.state === 'draft' && <Alert type="info" showIcon title={t('personLedger.draftHint')} style={{ marginBottom: 12 }} />}
        {editing?.state === 'returned' && editing.returnReason && <Alert type="error" showIcon title={t('personLedger.returnReason', { reason: editing.returnReason })} style={{ marginBottom: 12 }} />}
        {editing && (
          <Form<Fields> key={editing.id} form={editForm} layout="vertical" preserve={false}
            initialValues={{ date: editing.date, what: editing.what, indicator: editing.indicator, keyWork: editing.keyWork ?? undefined }}>
            {entryFields('edit')}
          </Form>
        )}
      </Modal>
      <Modal
        open={returning !== null}
        title={t('personLedger.returnTitle')}
        okText={t('personLedger.return')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'entry-return-ok' }}
        onOk={() => void confirmReturn().catch(() => undefined)}
        onCancel={() => {
          setReturning(null);
          returnForm.resetFields();
        }}
        destroyOnHidden
      >
        {returning && <Typography.Paragraph>{t('personLedger.returnHint', { person: returning.personName, date: returning.date, indicator: returning.indicatorName })}</Typography.Paragraph>}
        <Form form={returnForm} layout="vertical" preserve={false}>
          <Form.Item name="reason" label={t('personLedger.reason')} rules={[{ required: true, whitespace: true, message: t('personLedger.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="entry-return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
