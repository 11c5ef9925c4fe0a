// One review meeting (issue 15 item 4): its date, place and agenda; the units called with why they
// were called, each one's statement (表态) and commitments; follow-ups, each a due-dated item or a
// case (opened through the case service); planned → held → closed; the minutes in Word. A unit's
// reporter sees its own part and may send its statement before the meeting.
import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Modal, Popconfirm, Radio, Space, Spin, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getCaseSettings } from '../api/cases.ts';
import {
  addFollowUp, commitmentFromStatement, followUpCase, getMeeting, markFollowUp, minutesUrl, moveMeeting, recordStatement, setMeetingUnits, type Meeting, type MeetingFollowUp,
} from '../api/meetings.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { canAppeal, canDecideRequests } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';
import { MEETING_STATE_COLOR } from './MeetingsPage.tsx';

type Dialog = { statement: string } | 'units' | 'followUp' | { toCase: number } | null;
const lines = (s: unknown) => String(s ?? '').split('\n').map((x) => x.trim()).filter(Boolean);

export function MeetingPage() {
  const { id = '', meetingId = '' } = useParams();
  const mid = Number(meetingId);
  const { t } = useTranslation();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const data = useAsync(() => getMeeting(id, mid), [id, mid]);
  const manages = canDecideRequests(user, id);
  const settings = useAsync(() => getCaseSettings(id), [id]);
  const { busy, act: run } = useAction(data.reload);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm();
  const navigate = useNavigate();

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const m: Meeting | undefined = data.data?.meeting;
  const title = t('review.meetings.title');
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' }, { title: campaign.data?.campaign.name ?? id, to: base },
    { title, to: `${base}/meetings` }, { title: m?.title ?? meetingId },
  ];
  if (data.error) return <Page crumbs={crumbs} title={title}><ErrorResult error={data.error} onRetry={data.reload} /></Page>;
  if (!m) return <Page crumbs={crumbs} title={title}><Spin /></Page>;

  const open = m.state !== 'closed';
  const kinds = settings.data?.settings.kinds ?? [];
  const act = (fn: () => Promise<unknown>) => run(fn, t('review.meetings.saved'));
  const show = (d: Dialog, values: object = {}) => { form.resetFields(); form.setFieldsValue(values); setDialog(d); };

  const submit = async () => {
    const v = await form.validateFields();
    let ok = false;
    if (dialog === 'units') ok = await act(() => setMeetingUnits(id, mid, v.units ?? []));
    else if (dialog === 'followUp') ok = await act(() => addFollowUp(id, mid, { unit: v.unit, text: v.text, due: v.due, caseKind: v.caseKind || undefined }));
    else if (dialog && typeof dialog === 'object' && 'statement' in dialog) ok = await act(() => recordStatement(id, mid, dialog.statement, { statement: v.statement, commitments: lines(v.commitments) }));
    else if (dialog && typeof dialog === 'object' && 'toCase' in dialog) ok = await act(() => followUpCase(id, mid, dialog.toCase, v.caseKind));
    if (ok) setDialog(null);
  };
  const dialogTitle = dialog === 'units' ? t('review.meetings.editUnits') : dialog === 'followUp' ? t('review.meetings.addFollowUp')
    : dialog && typeof dialog === 'object' && 'toCase' in dialog ? t('review.meetings.toCase') : t('review.meetings.record');

  return (
    <Page
      crumbs={crumbs}
      title={<Space>{m.title}<Tag color={MEETING_STATE_COLOR[m.state]} data-testid="meeting-state" data-state={m.state}>{t(`review.meetings.states.${m.state}`)}</Tag></Space>}
      extra={<a href={minutesUrl(id, mid)} data-testid="meeting-minutes">{t('review.meetings.minutes')}</a>}
    >
      <CampaignNav campaignId={id} active="meetings" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {!m.complete && <Alert type="info" showIcon message={t('review.meetings.partial')} />}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} data-testid="meeting-summary">
            <Descriptions.Item label={t('review.meetings.kind')}>{t(`review.meetings.kinds.${m.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('review.meetings.period')}>{m.periodLabel}</Descriptions.Item>
            <Descriptions.Item label={t('review.meetings.heldOn')}>{m.heldOn}</Descriptions.Item>
            <Descriptions.Item label={t('review.meetings.place')}>{m.place}</Descriptions.Item>
            <Descriptions.Item label={t('review.meetings.agendaTitle')} span={4}>
              {m.agenda.length === 0 ? t('review.meetings.none') : <ol style={{ margin: 0, paddingLeft: 20 }}>{m.agenda.map((a, i) => <li key={i}>{a}</li>)}</ol>}
            </Descriptions.Item>
          </Descriptions>
          {manages && (
            <Space wrap style={{ marginTop: 12 }}>
              {m.state === 'planned' && <Button type="primary" loading={busy} data-testid="meeting-hold" onClick={() => act(() => moveMeeting(id, mid, 'held'))}>{t('review.meetings.hold')}</Button>}
              {m.state === 'held' && (
                <Popconfirm title={t('review.meetings.closeConfirm')} okText={t('review.meetings.confirm')} cancelText={t('review.meetings.cancel')} okButtonProps={{ 'data-testid': 'confirm-close' }}
                  onConfirm={() => act(() => moveMeeting(id, mid, 'closed'))}>
                  <Button loading={busy} data-testid="meeting-close">{t('review.meetings.close')}</Button>
                </Popconfirm>
              )}
              {open && <Button data-testid="meeting-edit-units" onClick={() => show('units', { units: m.units.map((u) => u.unit) })}>{t('review.meetings.editUnits')}</Button>}
              {open && m.units.length > 0 && <Button data-testid="meeting-add-follow-up" onClick={() => show('followUp', { unit: m.units[0].unit, caseKind: '' })}>{t('review.meetings.addFollowUp')}</Button>}
            </Space>
          )}
        </Card>

        <Card size="small" title={t('review.meetings.units')}>
          {m.units.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.meetings.none')} /> : (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {m.units.map((u) => (
                <Card key={u.unit} type="inner" size="small" data-called={u.unit} data-unit-name={u.unitName}
                  title={<Space><Link to={`${base}/units/${encodeURIComponent(u.unit)}`}>{u.unitName}</Link>{u.reasons.length > 0 ? u.reasons.map((r) => <Tag key={r} color="orange">{r}</Tag>) : <Tag>{t('review.meetings.byHand')}</Tag>}</Space>}
                  extra={open && (manages || canAppeal(user, id, u.unit)) && (
                    <Button size="small" data-testid="record-statement" onClick={() => show({ statement: u.unit }, { statement: u.statement ?? '', commitments: u.commitments.join('\n') })}>{t('review.meetings.record')}</Button>
                  )}>
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label={t('review.meetings.statement')}>
                      <span data-testid="statement">{u.statement ?? <Typography.Text type="secondary">{t('review.meetings.noStatement')}</Typography.Text>}</span>
                      {u.statedBy && <Typography.Text type="secondary"> · {u.statedBy} · {u.statedAt ? dateTime(u.statedAt) : ''}</Typography.Text>}
                    </Descriptions.Item>
                    {u.commitments.length > 0 && (
                      <Descriptions.Item label={t('review.meetings.commitmentsShort')}>
                        <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="commitments">{u.commitments.map((x, i) => <li key={i}>{x}</li>)}</ol>
                        {u.commitment !== null ? (
                          <Link to={`${base}/commitments/${u.commitment}`} data-testid="meeting-commitment">{t('review.meetings.openCommitment')}</Link>
                        ) : (manages || canAppeal(user, id, u.unit)) && (
                          <Button size="small" loading={busy} data-testid="to-commitment"
                            onClick={() => act(async () => { const r = await commitmentFromStatement(id, mid, u.unit); navigate(`${base}/commitments/${r.commitment.id}`); })}>
                            {t('review.meetings.toCommitment')}
                          </Button>
                        )}
                      </Descriptions.Item>
                    )}
                  </Descriptions>
                </Card>
              ))}
            </Space>
          )}
        </Card>

        <Card size="small" title={t('review.meetings.followUps')}>
          <Table<MeetingFollowUp>
            rowKey="id" size="small" pagination={false} dataSource={m.followUps} data-testid="follow-ups"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.meetings.noFollowUps')} /> }}
            onRow={(f) => ({ 'data-follow-up': f.id, 'data-unit-name': f.unitName } as HTMLAttributes<HTMLElement>)}
            columns={[
              { title: t('review.meetings.unit'), dataIndex: 'unitName', width: 120 },
              { title: t('review.meetings.followText'), dataIndex: 'text' },
              { title: t('review.meetings.due'), dataIndex: 'due', width: 110 },
              {
                title: t('cases.title'), key: 'case', width: 200,
                render: (_: unknown, f) => f.caseId !== null
                  ? <Link to={`${base}/cases/${f.caseId}`} data-testid="follow-up-case">{f.caseNumber}</Link>
                  : manages ? <Button size="small" data-testid="follow-up-to-case" onClick={() => show({ toCase: f.id }, { caseKind: kinds[0]?.id })}>{t('review.meetings.toCase')}</Button> : '—',
              },
              {
                title: t('review.meetings.done'), key: 'done', width: 80,
                render: (_: unknown, f) => <Checkbox checked={f.done} disabled={!manages || busy} data-testid="follow-up-done" onChange={(e) => act(() => markFollowUp(id, mid, f.id, e.target.checked))} />,
              },
            ]}
          />
        </Card>
      </Space>

      <Modal open={dialog !== null} title={dialogTitle} okText={t('review.meetings.save')} cancelText={t('review.meetings.cancel')} confirmLoading={busy} onCancel={() => setDialog(null)} onOk={submit}
        okButtonProps={{ 'data-testid': 'dialog-ok' }}>
        <Form form={form} layout="vertical" data-testid="meeting-dialog">
          {dialog && typeof dialog === 'object' && 'statement' in dialog && (
            <>
              <Form.Item name="statement" label={t('review.meetings.statement')} rules={[{ required: true, whitespace: true, message: t('review.meetings.required') }]}><Input.TextArea rows={4} data-testid="statement-text" /></Form.Item>
              <Form.Item name="commitments" label={t('review.meetings.commitments')}><Input.TextArea rows={3} data-testid="statement-commitments" /></Form.Item>
            </>
          )}
          {dialog === 'units' && (
            <Form.Item name="units" label={t('review.meetings.units')}>
              <Checkbox.Group options={(campaign.data?.model.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          )}
          {dialog === 'followUp' && (
            <>
              <Form.Item name="unit" label={t('review.meetings.unit')} rules={[{ required: true, message: t('review.meetings.required') }]}>
                <Radio.Group optionType="button" data-testid="follow-up-unit" options={m.units.map((u) => ({ value: u.unit, label: u.unitName }))} />
              </Form.Item>
              <Form.Item name="text" label={t('review.meetings.followText')} rules={[{ required: true, whitespace: true, message: t('review.meetings.required') }]}><Input.TextArea rows={2} data-testid="follow-up-text" /></Form.Item>
              <Form.Item name="due" label={t('review.meetings.due')} rules={[{ required: true, message: t('review.meetings.required') }]}><Input type="date" data-testid="follow-up-due" /></Form.Item>
              <Form.Item name="caseKind" label={t('review.meetings.asCase')}>
                <Radio.Group data-testid="follow-up-kind" options={[{ value: '', label: t('review.meetings.noCase') }, ...kinds.map((k) => ({ value: k.id, label: k.name }))]} />
              </Form.Item>
            </>
          )}
          {dialog && typeof dialog === 'object' && 'toCase' in dialog && (
            <Form.Item name="caseKind" label={t('review.meetings.caseKind')} rules={[{ required: true, message: t('review.meetings.required') }]}>
              <Radio.Group options={kinds.map((k) => ({ value: k.id, label: k.name }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Page>
  );
}
