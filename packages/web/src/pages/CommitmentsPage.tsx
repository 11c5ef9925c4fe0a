// Public commitments [公开承诺] of a campaign (issue 16 item 1): the list and a new draft
// (/campaigns/:id/commitments), one commitment with what the caller may do at its stage
// (/campaigns/:id/commitments/:commitmentId): submit, approve or return, quarterly progress, the
// year-end report, the evaluation with its penalty, remarks from the public, the printable 承诺书; a draft
// edited; a case for the items not kept (and the year-end accounting of every ledger); the rating by
// members and the public through a ballot, its satisfaction score once closed.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  addCommitmentUpdate, caseForCommitment, commitmentDocxUrl, commitmentFileUrl, createCommitment, decideCommitment, editCommitment, evaluateCommitment,
  getCommitment, leaderSummaryUrl, ledgerAccounting, listCommitments, listRemarks, moderateRemark, openRating, publicCommitmentQrUrl, reportCommitment,
  submitCommitment, uploadCommitmentFile, type Commitment, type CommitmentInput, type CommitmentItem, type Evaluation, type RatingOpened,
} from '../api/ledgers.ts';
import { CaseTag, OpenCaseButton } from '../components/LedgerCase.tsx';
import { RaterLinks } from './SelectionsPage.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { rolesIn } from '../lib/permissions.ts';

const STATE_COLOR: Record<Commitment['status'], string> = { draft: 'default', submitted: 'gold', public: 'green', reported: 'blue', evaluated: 'purple' };

export function StatusTag({ status }: { status: Commitment['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLOR[status]} data-testid="commitment-status" data-status={status}>{t(`commit.states.${status}`)}</Tag>;
}

export function ItemAim({ item }: { item: CommitmentItem }) {
  const { t } = useTranslation();
  if (item.benchmark !== 'indicator') return <span>{t(`commit.benchmarks.${item.benchmark}`)}</span>;
  return (
    <span>
      {item.indicatorName} ≥ {item.target}
      {item.progress && <Typography.Text type="secondary"> · {t('commit.figure', { period: item.progress.period, value: item.progress.value ?? '—', target: item.target })}</Typography.Text>}
    </span>
  );
}

export function CommitmentsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const campaign = useCampaign(id);
  const list = useAsync(() => listCommitments(id), [id]);
  const [open, setOpen] = useState(false);
  const roles = user ? rolesIn(user, id) : [];
  const organizes = roles.includes('admin') || roles.includes('organizer');
  const ownUnits = (user?.grants ?? []).filter((g) => g.role === 'reporter' && g.campaignId === id && g.unitId).map((g) => g.unitId as string);
  const units = campaign.data?.model.units.filter((u) => organizes || ownUnits.includes(u.id)) ?? [];
  const name = campaign.data?.campaign.name ?? id;
  return (
    <Page
      crumbs={[{ title: name, to: `/campaigns/${encodeURIComponent(id)}` }, { title: t('commit.title') }]}
      title={t('commit.title')}
      extra={(
        <Space>
          {organizes && <a href={leaderSummaryUrl(id)} data-testid="leader-summary">{t('commit.summary')}</a>}
          {organizes && (
            <OpenCaseButton campaignId={id} label={t('ledgerCase.accounting')} testId="ledger-accounting" onOpen={async (o) => {
              const r = await ledgerAccounting(id, o);
              void message.info(t('ledgerCase.accounted', { opened: r.opened, total: r.cases.length }));
            }} />
          )}
          {units.length > 0 && <Button type="primary" onClick={() => setOpen(true)} data-testid="commitment-new">{t('commit.new')}</Button>}
        </Space>
      )}
    >
      <CampaignNav campaignId={id} active="commitments" />
      {list.error && <ErrorResult error={list.error} onRetry={list.reload} />}
      <Table<Commitment>
        rowKey="id"
        loading={list.loading && !list.data}
        dataSource={list.data?.commitments ?? []}
        pagination={false}
        locale={{ emptyText: t('commit.none') }}
        onRow={(c) => ({ 'data-commitment': c.id } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('commit.owner'), key: 'owner', render: (_, c) => <>{c.owner}{c.post && <Typography.Text type="secondary">（{c.post}）</Typography.Text>}</> },
          { title: t('commit.titleLabel'), key: 'title', render: (_, c) => <Link to={`/campaigns/${encodeURIComponent(id)}/commitments/${c.id}`}>{c.title}</Link> },
          { title: t('commit.items'), key: 'items', render: (_, c) => c.items.length },
          { title: t('commit.status'), key: 'status', render: (_, c) => <StatusTag status={c.status} /> },
        ]}
      />
      {open && campaign.data && (
        <CommitmentForm
          campaignId={id}
          owner={{ units: units.map((u) => ({ id: u.id, name: u.name })) }}
          indicators={campaign.data.model.indicators.filter((d) => d.input === 'value').map((d) => ({ id: d.id, name: d.name }))}
          onClose={() => setOpen(false)}
          onSaved={(cid) => navigate(`/campaigns/${encodeURIComponent(id)}/commitments/${cid}`)}
        />
      )}
    </Page>
  );
}

/**
 * A commitment's draft: a new one of a unit (owner.units) or of a leader themselves (owner.leader), or
 * the draft being edited (owner.edit: its title, post and items, the owner unchanged).
 */
export function CommitmentForm({ campaignId, owner, indicators, onClose, onSaved }: {
  campaignId: string;
  owner: { units: { id: string; name: string }[] } | { leader: number } | { edit: Commitment };
  indicators: { id: string; name: string }[]; onClose: () => void; onSaved: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CommitmentInput>();
  const [saving, setSaving] = useState(false);
  const benchmarks = ['national', 'province', 'city', 'county', 'indicator', 'none'] as const;
  const editing = 'edit' in owner ? owner.edit : null;
  const units = 'units' in owner ? owner.units : [];
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const items = v.items.map((i) => ({ ...i, due: i.due || undefined, target: i.target || undefined, indicator: i.benchmark === 'indicator' ? i.indicator : undefined }));
      const body = { title: v.title, post: v.post || undefined, items };
      const res = editing ? await editCommitment(campaignId, editing.id, body)
        : await createCommitment(campaignId, 'leader' in owner ? { ...body, leader: owner.leader } : { ...body, unit: v.unit });
      void message.success(t('commit.saved'));
      onSaved(res.commitment.id);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const initial = editing
    ? { title: editing.title, post: editing.post ?? undefined, items: editing.items.map((i) => ({ text: i.text, benchmark: i.benchmark, indicator: i.indicator ?? undefined, target: i.target ?? undefined, due: i.due ?? undefined })) }
    : { unit: units[0]?.id, items: [{ benchmark: 'county' as const }] };
  return (
    <Modal open title={editing ? t('commit.edit') : 'leader' in owner ? t('commit.newOwn') : t('commit.new')} onCancel={onClose} onOk={save} okText={t('commit.save')} confirmLoading={saving} width={760} okButtonProps={{ 'data-testid': 'commitment-save' } as React.ComponentProps<typeof Button>}>
      <Form form={form} layout="vertical" initialValues={initial}>
        {'units' in owner && (
          <Form.Item name="unit" label={t('commit.unit')} rules={[{ required: true }]}>
            <Select options={units.map((u) => ({ value: u.id, label: u.name }))} data-testid="commitment-unit" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('commit.titleLabel')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="commitment-title" />
        </Form.Item>
        <Form.Item name="post" label={t('commit.post')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, n) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid="commitment-item-form" title={`${t('commit.itemText')} ${n + 1}`}
                  extra={fields.length > 1 && <Button size="small" onClick={() => remove(f.name)}>{t('commit.removeItem')}</Button>}>
                  <Form.Item name={[f.name, 'text']} label={t('commit.itemText')} rules={[{ required: true, max: 500 }]}>
                    <Input data-testid="item-text" />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name={[f.name, 'benchmark']} label={t('commit.benchmark')} rules={[{ required: true }]}>
                      <Select style={{ width: 160 }} options={benchmarks.map((b) => ({ value: b, label: t(`commit.benchmarks.${b}`) }))} data-testid="item-benchmark" />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => form.getFieldValue(['items', f.name, 'benchmark']) === 'indicator' && (
                        <Space>
                          <Form.Item name={[f.name, 'indicator']} label={t('commit.indicator')} rules={[{ required: true }]}>
                            <Select style={{ width: 160 }} options={indicators.map((d) => ({ value: d.id, label: d.name }))} data-testid="item-indicator" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'target']} label={t('commit.target')} rules={[{ required: true, pattern: /^-?\d+(\.\d+)?$/ }]}>
                            <Input style={{ width: 100 }} data-testid="item-target" />
                          </Form.Item>
                        </Space>
                      )}
                    </Form.Item>
                    <Form.Item name={[f.name, 'due']} label={t('commit.due')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}>
                      <Input placeholder="2026-12-31" style={{ width: 130 }} data-testid="item-due" />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button onClick={() => add({ benchmark: 'county' })} data-testid="commitment-add-item">{t('commit.addItem')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function CommitmentPage() {
  const { id = '', commitmentId = '' } = useParams();
  const cid = Number(commitmentId);
  const { t } = useTranslation();
  const campaign = useCampaign(id);
  const state = useAsync(() => getCommitment(id, cid), [id, cid]);
  const c = state.data?.commitment;
  const { busy, act } = useAction(state.reload);
  const [editing, setEditing] = useState(false);
  const name = campaign.data?.campaign.name ?? id;
  const base = `/campaigns/${encodeURIComponent(id)}`;
  return (
    <Page crumbs={[{ title: name, to: base }, { title: t('commit.title'), to: `${base}/commitments` }, { title: c?.title ?? '…' }]} title={c ? `${c.owner} · ${c.title}` : t('commit.title')}
      extra={c && <StatusTag status={c.status} />}>
      <CampaignNav campaignId={id} active="commitments" />
      {state.error && <ErrorResult error={state.error} onRetry={state.reload} />}
      {c && (
        <Flex vertical gap={16} data-testid="commitment" data-id={c.id}>
          {c.returnReason && c.status === 'draft' && <Alert type="warning" showIcon message={t('commit.returned', { reason: c.returnReason })} />}
          {c.meeting && (
            <Alert type="info" showIcon data-testid="commitment-meeting"
              message={<Link to={`/campaigns/${encodeURIComponent(id)}/meetings/${c.meeting.id}`}>{t('commit.fromMeeting', { title: c.meeting.title })}</Link>} />
          )}
          <Card title={t('commit.items')}>
            <Table<CommitmentItem> rowKey="id" size="small" pagination={false} dataSource={c.items}
              onRow={(i) => ({ 'data-item': i.id } as React.HTMLAttributes<HTMLElement>)}
              columns={[
                { title: '#', key: 'n', render: (_, _i, n) => n + 1 },
                { title: t('commit.itemText'), dataIndex: 'text' },
                { title: t('commit.benchmark'), key: 'aim', render: (_, i) => <ItemAim item={i} /> },
                { title: t('commit.due'), key: 'due', render: (_, i) => i.due ?? '—' },
                ...(c.status === 'evaluated' ? [{ title: t('commit.verdict'), key: 'verdict', render: (_: unknown, i: CommitmentItem) => i.verdict && <span data-verdict={i.verdict}><Tag color={i.verdict === 'fulfilled' ? 'green' : i.verdict === 'partly' ? 'orange' : 'red'}>{t(`commit.verdicts.${i.verdict}`)}</Tag>{i.verdictReason}</span> }] : []),
              ]} />
            {c.penalty && <Alert style={{ marginTop: 12 }} type="error" data-testid="commitment-penalty" message={t('commit.penaltyDone', { count: c.penalty.count, indicator: c.penalty.indicatorName, period: c.penalty.period })} />}
            {(c.case || (c.canDecide && c.status === 'evaluated' && c.unit !== null && c.items.some((i) => i.verdict === 'not'))) && (
              <Space style={{ marginTop: 12 }}>
                <CaseTag campaignId={id} c={c.case} />
                {!c.case && <OpenCaseButton campaignId={id} label={t('ledgerCase.forCommitment')} testId="commitment-case" onOpen={(o) => act(() => caseForCommitment(id, cid, o))} />}
              </Space>
            )}
          </Card>
          {editing && campaign.data && (
            <CommitmentForm campaignId={id} owner={{ edit: c }} indicators={campaign.data.model.indicators.filter((d) => d.input === 'value').map((d) => ({ id: d.id, name: d.name }))}
              onClose={() => setEditing(false)} onSaved={() => { setEditing(false); state.reload(); }} />
          )}

          <Space wrap>
            {c.canEdit && c.status === 'draft' && <Button onClick={() => setEditing(true)} data-testid="commitment-edit">{t('commit.edit')}</Button>}
            {c.canEdit && c.status === 'draft' && <Button type="primary" loading={busy} onClick={() => act(() => submitCommitment(id, cid))} data-testid="commitment-submit">{t('commit.submit')}</Button>}
            {c.canDecide && c.status === 'submitted' && (
              <>
                <Button type="primary" loading={busy} onClick={() => act(() => decideCommitment(id, cid, { decision: 'approve' }))} data-testid="commitment-approve">{t('commit.approve')}</Button>
                <ReturnButton onReturn={(reason) => act(() => decideCommitment(id, cid, { decision: 'return', reason }))} />
              </>
            )}
            <a href={commitmentDocxUrl(id, cid)} data-testid="commitment-docx">{t('commit.docx')}</a>
            {(c.mine || c.canDecide) && c.status !== 'evaluated' && (
              <Upload showUploadList={false} customRequest={({ file }) => void act(() => uploadCommitmentFile(id, cid, 'scan', file as File))}>
                <Button>{t('commit.scan')}</Button>
              </Upload>
            )}
          </Space>
          {c.files.length > 0 && (
            <Descriptions size="small" column={1} items={[{ key: 'f', label: t('commit.files'), children: c.files.map((f) => <div key={f.id}><a href={commitmentFileUrl(id, cid, f.id)}>{f.filename}</a></div>) }]} />
          )}
          {c.publicUrl && (
            <Card title={t('commit.publicPage')} size="small">
              <Space align="start">
                <img src={publicCommitmentQrUrl(c.id)} alt={t('commit.qr')} width={120} height={120} />
                <a href={c.publicUrl} target="_blank" rel="noreferrer" data-testid="commitment-public-url">{c.publicUrl}</a>
              </Space>
            </Card>
          )}

          <Card title={t('commit.progress')} data-testid="commitment-progress">
            {c.updates.length === 0 && <Typography.Text type="secondary">{t('commit.noProgress')}</Typography.Text>}
            {c.updates.map((u) => (
              <div key={u.id} data-update={u.quarter} style={{ marginBottom: 8 }}>
                <Tag>{u.quarter}</Tag>{u.text}
                {u.files.map((f) => <a key={f.id} href={commitmentFileUrl(id, cid, f.id)} style={{ marginLeft: 8 }}>{f.filename}</a>)}
              </div>
            ))}
            {(c.mine || c.canDecide) && c.status === 'public' && <ProgressForm onSend={(q, text) => act(() => addCommitmentUpdate(id, cid, { quarter: q, text }))} />}
          </Card>

          {(c.report || ((c.mine || c.canDecide) && c.status === 'public')) && (
            <Card title={t('commit.report')} data-testid="commitment-report">
              {c.report ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.report}</Typography.Paragraph> : <ReportForm onSend={(text) => act(() => reportCommitment(id, cid, text))} />}
            </Card>
          )}

          {c.canDecide && c.status === 'reported' && campaign.data && (
            <EvaluationForm commitment={c} periods={campaign.data.model.periods}
              penalties={campaign.data.model.indicators.filter((d) => d.input === 'event' && d.effect === 'penalty').map((d) => ({ id: d.id, name: d.name }))}
              onSend={(body) => act(() => evaluateCommitment(id, cid, body))} />
          )}

          {(c.rating || (c.canDecide && c.status !== 'draft' && c.status !== 'submitted')) && <Rating campaignId={id} commitment={c} onOpened={state.reload} />}

          {c.canDecide && c.status !== 'draft' && c.status !== 'submitted' && <Remarks campaignId={id} commitmentId={cid} />}
        </Flex>
      )}
    </Page>
  );
}

function ReturnButton({ onReturn }: { onReturn: (reason: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="commitment-return">{t('commit.return')}</Button>
      <Modal open={open} title={t('commit.returnReason')} onCancel={() => setOpen(false)} okButtonProps={{ disabled: !reason.trim() }} onOk={() => { setOpen(false); onReturn(reason.trim()); }}>
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
      </Modal>
    </>
  );
}

function currentQuarter(): string {
  const d = new Date();
  return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
}

function ProgressForm({ onSend }: { onSend: (quarter: string, text: string) => void }) {
  const { t } = useTranslation();
  const [quarter, setQuarter] = useState(currentQuarter());
  const [text, setText] = useState('');
  return (
    <Space.Compact style={{ width: '100%', marginTop: 8 }}>
      <Input style={{ width: 110 }} value={quarter} onChange={(e) => setQuarter(e.target.value)} aria-label={t('commit.quarter')} data-testid="progress-quarter" />
      <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('commit.progressText')} maxLength={2000} data-testid="progress-text" />
      <Button type="primary" disabled={!text.trim() || !/^\d{4}-Q[1-4]$/.test(quarter)} onClick={() => { onSend(quarter, text.trim()); setText(''); }} data-testid="progress-send">{t('commit.addProgress')}</Button>
    </Space.Compact>
  );
}

function ReportForm({ onSend }: { onSend: (text: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <Flex vertical gap={8}>
      <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('commit.reportText')} maxLength={10000} data-testid="report-text" />
      <div><Button type="primary" disabled={!text.trim()} onClick={() => onSend(text.trim())} data-testid="report-send">{t('commit.sendReport')}</Button></div>
    </Flex>
  );
}

function EvaluationForm({ commitment, penalties, periods, onSend }: {
  commitment: Commitment; penalties: { id: string; name: string }[]; periods: string[]; onSend: (body: Evaluation) => void;
}) {
  const { t } = useTranslation();
  const [verdicts, setVerdicts] = useState<Record<number, { verdict?: 'fulfilled' | 'partly' | 'not'; reason: string }>>({});
  const [indicator, setIndicator] = useState<string | undefined>(penalties[0]?.id);
  const [period, setPeriod] = useState<string | undefined>(periods.at(-1));
  const ready = commitment.items.every((i) => verdicts[i.id]?.verdict && verdicts[i.id]?.reason.trim());
  const set = (item: number, v: Partial<{ verdict: 'fulfilled' | 'partly' | 'not'; reason: string }>) =>
    setVerdicts((old) => ({ ...old, [item]: { ...old[item], reason: old[item]?.reason ?? '', ...v } }));
  return (
    <Card title={t('commit.evaluate')} data-testid="commitment-evaluation">
      <Flex vertical gap={8}>
        {commitment.items.map((i) => (
          <Space key={i.id} wrap data-eval-item={i.id}>
            <span style={{ minWidth: 200, display: 'inline-block' }}>{i.text}</span>
            <Select style={{ width: 130 }} placeholder={t('commit.verdict')} value={verdicts[i.id]?.verdict} onChange={(v) => set(i.id, { verdict: v })}
              options={(['fulfilled', 'partly', 'not'] as const).map((v) => ({ value: v, label: t(`commit.verdicts.${v}`) }))} data-testid="eval-verdict" />
            <Input style={{ width: 320 }} placeholder={t('commit.reason')} value={verdicts[i.id]?.reason ?? ''} onChange={(e) => set(i.id, { reason: e.target.value })} data-testid="eval-reason" />
          </Space>
        ))}
        <Space wrap>
          <span>{t('commit.penalty')}</span>
          <Select style={{ width: 180 }} allowClear placeholder={t('commit.noPenalty')} value={indicator} onChange={setIndicator} options={penalties.map((p) => ({ value: p.id, label: p.name }))} data-testid="eval-penalty" />
          <Select style={{ width: 130 }} value={period} onChange={setPeriod} options={periods.map((p) => ({ value: p, label: p }))} data-testid="eval-period" aria-label={t('commit.penaltyPeriod')} />
        </Space>
        <div>
          <Button type="primary" disabled={!ready} data-testid="eval-send" onClick={() => onSend({
            verdicts: commitment.items.map((i) => ({ item: i.id, verdict: verdicts[i.id].verdict!, reason: verdicts[i.id].reason.trim() })),
            ...(indicator && period ? { penalty: { indicator, period } } : {}),
          })}>{t('commit.sendEvaluation')}</Button>
        </div>
      </Flex>
    </Card>
  );
}

function Remarks({ campaignId, commitmentId }: { campaignId: string; commitmentId: number }) {
  const { t } = useTranslation();
  const remarks = useAsync(() => listRemarks(campaignId, commitmentId), [campaignId, commitmentId]);
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const moderate = async (remarkId: number, decision: 'publish' | 'hide') => {
    await moderateRemark(campaignId, commitmentId, remarkId, { decision, answer: answers[remarkId]?.trim() || undefined });
    remarks.reload();
  };
  return (
    <Card title={t('commit.remarks')} data-testid="commitment-remarks">
      {remarks.error && <ErrorResult error={remarks.error} onRetry={remarks.reload} />}
      {remarks.data?.remarks.length === 0 && <Typography.Text type="secondary">{t('commit.noRemarks')}</Typography.Text>}
      {remarks.data?.remarks.map((r) => (
        <Flex key={r.id} vertical gap={4} style={{ marginBottom: 12 }} data-remark={r.id}>
          <div><Tag>{t(`commit.remarkStates.${r.state}`)}</Tag><span className="remark-text">{r.text}</span></div>
          {r.answer && <Typography.Text type="secondary">{t('commit.reply', { answer: r.answer })}</Typography.Text>}
          {r.state === 'new' && (
            <Space.Compact>
              <Input placeholder={t('commit.answer')} value={answers[r.id] ?? ''} onChange={(e) => setAnswers((a) => ({ ...a, [r.id]: e.target.value }))} style={{ width: 320 }} />
              <Button onClick={() => void moderate(r.id, 'publish')}>{t('commit.publish')}</Button>
              <Button onClick={() => void moderate(r.id, 'hide')}>{t('commit.hide')}</Button>
            </Space.Compact>
          )}
        </Flex>
      ))}
    </Card>
  );
}

const RATER_GROUPS = [{ key: 'members', weight: '0.3', raters: 10 }, { key: 'public', weight: '0.4', raters: 20 }, { key: 'organization', weight: '0.3', raters: 5 }] as const;

/** 群众评议 / 满意度: the rating ballot of a commitment — opened here (organizer), its score once the ballot is closed. */
function Rating({ campaignId, commitment: c, onOpened }: { campaignId: string; commitment: Commitment; onOpened: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [groups, setGroups] = useState<{ name: string; weight: string; raters: number }[]>(() => RATER_GROUPS.map((g) => ({ name: t(`rating.groups.${g.key}`), weight: g.weight, raters: g.raters })));
  const [opened, setOpened] = useState<RatingOpened | null>(null);
  const r = c.rating;
  const send = async () => {
    setBusy(true);
    try {
      const res = await openRating(campaignId, { commitments: [c.id], groups: groups.filter((g) => g.raters > 0) });
      setOpened(res);
      setOpen(false);
      onOpened();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('rating.title')} data-testid="commitment-rating" data-state={r?.state ?? 'none'}>
      {!r && <Typography.Paragraph type="secondary">{t('rating.none')}</Typography.Paragraph>}
      {r && r.state === 'open' && <Typography.Paragraph>{t('rating.running', { title: r.title })} <Link to={`/campaigns/${encodeURIComponent(campaignId)}/ballots`}>{t('rating.toBallots')}</Link></Typography.Paragraph>}
      {r && r.state === 'closed' && (
        <Descriptions size="small" column={1} items={[
          { key: 's', label: t('rating.score'), children: <strong data-testid="rating-score">{r.score === null ? '—' : t('rating.of', { score: r.score, outOf: r.outOf })}</strong> },
          { key: 'g', label: t('rating.byGroup'), children: r.groups.map((g) => `${g.name}（${t('rating.weight')} ${g.weight}）${g.mean ?? '—'}`).join('；') },
        ]} />
      )}
      {!r && c.canDecide && <Button onClick={() => setOpen(true)} data-testid="rating-open">{t('rating.open')}</Button>}
      {opened && <div style={{ marginTop: 12 }}><Typography.Paragraph type="warning">{t('rating.linksOnce')}</Typography.Paragraph><RaterLinks links={opened.links} /></div>}
      {open && (
        <Modal open title={t('rating.open')} onCancel={() => setOpen(false)} onOk={() => void send()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'rating-send' } as React.ComponentProps<typeof Button>}>
          <Typography.Paragraph type="secondary">{t('rating.hint')}</Typography.Paragraph>
          {groups.map((g, i) => (
            <Space key={i} style={{ marginBottom: 8 }}>
              <Input style={{ width: 120 }} value={g.name} onChange={(e) => setGroups((gs) => gs.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} aria-label={t('rating.group')} />
              <Input style={{ width: 90 }} value={g.weight} onChange={(e) => setGroups((gs) => gs.map((x, j) => (j === i ? { ...x, weight: e.target.value } : x)))} addonBefore={t('rating.weight')} />
              <Input style={{ width: 130 }} value={String(g.raters)} onChange={(e) => setGroups((gs) => gs.map((x, j) => (j === i ? { ...x, raters: Math.max(0, Number(e.target.value.replace(/\D/g, '')) || 0) } : x)))} addonBefore={t('rating.raters')} data-testid="rating-raters" />
            </Space>
          ))}
        </Modal>
      )}
    </Card>
  );
}
