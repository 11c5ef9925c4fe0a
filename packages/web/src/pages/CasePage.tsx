// One accountability case: the document and its due date, what the unit and the organizer can do
// now (sign for it, upload evidence and report on the rectification, ask for more time; accept or
// return the report, decide an extension, escalate), the extension requests and the timeline of
// every step (办理留痕). The server refuses whatever the case's state does not allow.
import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, Modal, Space, Spin, Table, Tag, Timeline, Typography, Upload } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  askExtension, caseDocxUrl, getCaseSettings, caseFileUrl, decideExtension, escalateCase, getCase, removeCaseFile, reportCase, reviewCase, signCase, uploadCaseFile,
  type CaseDetail, type CaseFile,
} from '../api/cases.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { canAppeal, canDecideRequests } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';
import { CASE_STATE_COLOR, DueTag } from './CasesPage.tsx';
import { InterviewCard } from '../components/InterviewCard.tsx';

type Dialog = 'return' | 'extension' | 'escalate' | { grant: number } | { refuse: number } | null;

const FileLink = ({ href, f }: { href: string; f: CaseFile }) => <a href={href} data-testid="case-file">{f.filename}</a>;

export function CasePage() {
  const { id = '', caseId = '' } = useParams();
  const cid = Number(caseId);
  const { t } = useTranslation();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const data = useAsync(() => getCase(id, cid), [id, cid]);
  const settings = useAsync(() => getCaseSettings(id), [id]);
  const { busy, act: run } = useAction(data.reload);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const [report] = Form.useForm();

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const c: CaseDetail | undefined = data.data?.case;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' }, { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('cases.title'), to: `${base}/cases` }, { title: c?.number ?? caseId },
  ];
  if (data.error) return <Page crumbs={crumbs} title={t('cases.title')}><ErrorResult error={data.error} onRetry={data.reload} /></Page>;
  if (!c) return <Page crumbs={crumbs} title={t('cases.title')}><Spin /></Page>;

  const manages = canDecideRequests(user, id);
  const responds = canAppeal(user, id, c.unit);
  const act = (fn: () => Promise<unknown>) => run(fn, t('cases.saved'));
  const pendingExt = c.extensions.find((e) => e.status === 'pending');
  const open = c.state !== 'closed' && c.state !== 'escalated';
  const canReport = responds && (c.state === 'signed' || c.state === 'returned');
  // an interview is recorded on a case of a kind the 约谈 action maps to (约谈通知书 by default)
  const isInterviewKind = c.kind === 'interview' || !!settings.data?.settings.kinds.find((k) => k.id === c.kind)?.actions.includes('interview');

  const submitDialog = async () => {
    const v = await form.validateFields();
    let ok = false;
    if (dialog === 'return') ok = await act(() => reviewCase(id, cid, { decision: 'return', reason: v.reason }));
    else if (dialog === 'extension') ok = await act(() => askExtension(id, cid, { reason: v.reason, progress: v.progress, proposedDue: v.proposedDue }));
    else if (dialog === 'escalate') ok = await act(() => escalateCase(id, cid, { reason: v.reason }));
    else if (dialog && 'grant' in dialog) ok = await act(() => decideExtension(id, cid, dialog.grant, { decision: 'grant', reply: v.reason || undefined }));
    else if (dialog && 'refuse' in dialog) ok = await act(() => decideExtension(id, cid, dialog.refuse, { decision: 'refuse', reply: v.reason }));
    if (ok) setDialog(null);
  };
  const dialogTitle = dialog === null ? '' : typeof dialog === 'string' ? t(`cases.${dialog}`) : 'grant' in dialog ? t('cases.grant') : t('cases.refuse');

  return (
    <Page
      crumbs={crumbs}
      title={<Space>{c.number}<Tag color={CASE_STATE_COLOR[c.state]} data-testid="case-state">{t(`cases.states.${c.state}`)}</Tag></Space>}
      extra={<a href={caseDocxUrl(id, cid)} data-testid="case-docx">{t('cases.docx')}</a>}
    >
      <CampaignNav campaignId={id} active="cases" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="case-summary">
            <Descriptions.Item label={t('cases.kind')}>{c.kindName}</Descriptions.Item>
            <Descriptions.Item label={t('cases.unit')}><Link to={`${base}/units/${encodeURIComponent(c.unit)}`}>{c.unitName}</Link></Descriptions.Item>
            <Descriptions.Item label={t('cases.period')}>{c.period ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cases.due')}><DueTag c={c} /></Descriptions.Item>
            <Descriptions.Item label={t('cases.source')}>{t(`cases.sources.${c.source}`, { defaultValue: c.source })}{c.sourceRef ? `（${c.sourceRef}）` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('cases.issuedAt')}>{c.issuedBy ?? '—'} · {dateTime(c.issuedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('cases.reason')} span={3}>{c.reason}</Descriptions.Item>
            {c.requirement && <Descriptions.Item label={t('cases.requirement')} span={3}>{c.requirement}</Descriptions.Item>}
            {c.persons.length > 0 && <Descriptions.Item label={t('cases.persons')} span={3}>{c.persons.join('、')}</Descriptions.Item>}
            {c.escalatedTo !== null && <Descriptions.Item label={t('cases.escalatedTo')}><Link to={`${base}/cases/${c.escalatedTo}`}>{t('cases.escalatedTo')}</Link></Descriptions.Item>}
            {c.escalatedFrom !== null && <Descriptions.Item label={t('cases.escalatedFrom')}><Link to={`${base}/cases/${c.escalatedFrom}`}>{c.sourceRef ?? ''}</Link></Descriptions.Item>}
          </Descriptions>
          <Space wrap style={{ marginTop: 12 }}>
            {responds && c.state === 'issued' && <Button type="primary" loading={busy} onClick={() => act(() => signCase(id, cid))} data-testid="case-sign">{t('cases.sign')}</Button>}
            {manages && c.state === 'reported' && (
              <>
                <Button type="primary" loading={busy} onClick={() => act(() => reviewCase(id, cid, { decision: 'accept' }))} data-testid="case-accept">{t('cases.accept')}</Button>
                <Button danger onClick={() => { form.resetFields(); setDialog('return'); }} data-testid="case-return">{t('cases.return')}</Button>
              </>
            )}
            {responds && !pendingExt && (c.state === 'issued' || c.state === 'signed' || c.state === 'returned') && c.dueStatus !== 'overdue' && (
              <Button onClick={() => { form.resetFields(); setDialog('extension'); }} data-testid="case-extension">{t('cases.extension')}</Button>
            )}
            {manages && open && <Button danger={c.dueStatus === 'overdue'} onClick={() => { form.resetFields(); setDialog('escalate'); }} data-testid="case-escalate">{t('cases.escalate')}</Button>}
          </Space>
        </Card>

        {canReport && (
          <Card size="small" title={t('cases.report')} data-testid="case-report">
            <Form form={report} layout="vertical" onFinish={async (v) => {
              if (await act(() => reportCase(id, cid, { text: v.text, measures: v.measures ?? '', files: c.pendingFiles.map((f) => f.id) }))) report.resetFields();
            }}>
              <Form.Item name="text" label={t('cases.reportText')} rules={[{ required: true, whitespace: true, message: t('cases.required') }]}><Input.TextArea rows={4} data-testid="report-text" /></Form.Item>
              <Form.Item name="measures" label={t('cases.measures')}><Input.TextArea rows={3} data-testid="report-measures" /></Form.Item>
              <Form.Item label={t('cases.files')}>
                <Space orientation="vertical">
                  {c.pendingFiles.map((f) => (
                    <Space key={f.id} data-testid="pending-file">
                      <FileLink href={caseFileUrl(id, cid, f.id)} f={f} />
                      <Button size="small" type="link" danger onClick={() => act(() => removeCaseFile(id, cid, f.id))}>×</Button>
                    </Space>
                  ))}
                  <Upload showUploadList={false} beforeUpload={(file) => { void act(() => uploadCaseFile(id, cid, file)); return false; }}>
                    <Button loading={busy} data-testid="case-upload">{t('cases.upload')}</Button>
                  </Upload>
                </Space>
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">{t('cases.report')}</Button>
            </Form>
          </Card>
        )}

        {c.extensions.length > 0 && (
          <Card size="small" title={t('cases.extensions')}>
            <Table
              rowKey="id" size="small" pagination={false} dataSource={c.extensions}
              columns={[
                { title: t('cases.extensionReason'), dataIndex: 'reason' },
                { title: t('cases.progress'), dataIndex: 'progress' },
                { title: t('cases.previousDue'), dataIndex: 'previousDue', width: 110 },
                { title: t('cases.proposedDue'), dataIndex: 'proposedDue', width: 110 },
                { title: t('cases.state'), key: 's', width: 200, render: (_: unknown, e) => <Space orientation="vertical" size={0}><Tag>{t(`cases.extStatus.${e.status}`)}</Tag>{e.reply && <Typography.Text type="secondary">{e.reply}</Typography.Text>}</Space> },
                ...(manages ? [{
                  title: '', key: 'a', width: 180,
                  render: (_: unknown, e: CaseDetail['extensions'][number]) => e.status !== 'pending' ? null : (
                    <Space>
                      <Button size="small" type="primary" onClick={() => { form.resetFields(); setDialog({ grant: e.id }); }}>{t('cases.grant')}</Button>
                      <Button size="small" danger onClick={() => { form.resetFields(); setDialog({ refuse: e.id }); }}>{t('cases.refuse')}</Button>
                    </Space>
                  ),
                }] : []),
              ]}
            />
          </Card>
        )}

        {(c.interview || (manages && open && isInterviewKind)) && <InterviewCard campaignId={id} c={c} manages={manages} onSaved={data.reload} />}

        <Card size="small" title={t('cases.timeline')}>
          {c.steps.length === 0 ? <Empty /> : (
            <Timeline
              data-testid="case-timeline"
              items={c.steps.map((s) => ({
                color: s.action === 'return' || s.action === 'extension_refuse' ? 'red' : s.action === 'accept' ? 'green' : 'blue',
                children: (
                  <div data-step={s.action}>
                    <Typography.Text strong>{t(`cases.steps.${s.action}`, { defaultValue: s.action })}</Typography.Text>
                    <Typography.Text type="secondary"> · {s.actor ?? '—'} · {dateTime(s.at)}</Typography.Text>
                    {s.text && <div>{s.text}</div>}
                    {s.action === 'report' && typeof s.data === 'object' && s.data !== null && 'measures' in s.data && String(s.data.measures) && <div>{t('cases.measures')}：{String(s.data.measures)}</div>}
                    {s.files.length > 0 && <Space wrap>{s.files.map((f) => <FileLink key={f.id} href={caseFileUrl(id, cid, f.id)} f={f} />)}</Space>}
                  </div>
                ),
              }))}
            />
          )}
        </Card>
      </Space>

      <Modal open={dialog !== null} title={dialogTitle} okText={t('cases.confirm')} cancelText={t('cases.cancel')} confirmLoading={busy} onCancel={() => setDialog(null)} onOk={submitDialog}>
        <Form form={form} layout="vertical" data-testid="case-dialog">
          <Form.Item name="reason"
            label={dialog === 'return' ? t('cases.returnReason') : dialog === 'extension' ? t('cases.extensionReason') : dialog === 'escalate' ? t('cases.escalateReason') : t('cases.reply')}
            rules={[{ required: !(dialog && typeof dialog === 'object' && 'grant' in dialog), whitespace: true, message: t('cases.required') }]}>
            <Input.TextArea rows={3} data-testid="dialog-reason" />
          </Form.Item>
          {dialog === 'extension' && (
            <>
              <Form.Item name="progress" label={t('cases.progress')} rules={[{ required: true, whitespace: true, message: t('cases.required') }]}><Input.TextArea rows={2} /></Form.Item>
              <Form.Item name="proposedDue" label={t('cases.proposedDue')} rules={[{ required: true, message: t('cases.required') }]}><Input type="date" /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Page>
  );
}
