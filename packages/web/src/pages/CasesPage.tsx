// 问责事项: the case board of a campaign (issue 15 item 2). Organizers review the proposals that
// closed periods' rules made (issue / merge into an open case / dismiss with a reason) and open
// cases by hand; everyone who reads the campaign filters the board by period, kind, state, unit and
// overdue (a reporter sees their unit's cases, a leader those of the units they lead) and reads the
// year's counts (份, 人次) per unit and kind.
import { useState, type HTMLAttributes } from 'react';
import { Button, Card, Empty, Form, Input, Modal, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { decideProposal, generateProposals, getCases, getProposals, openCase, type Case, type CaseCount, type CaseFilter, type CaseProposal } from '../api/cases.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { CaseSettingsButton } from '../components/CaseSettingsButton.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAction } from '../hooks/useAction.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { canDecideRequests } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';

export const CASE_STATE_COLOR: Record<string, string> = { issued: 'processing', signed: 'blue', reported: 'purple', returned: 'orange', closed: 'success', escalated: 'default' };
export const DUE_COLOR: Record<string, string> = { ok: 'default', nearing: 'gold', overdue: 'red', none: 'default' };

export function DueTag({ c }: { c: Pick<Case, 'due' | 'dueStatus'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} data-due-status={c.dueStatus}>
      <span>{c.due}</span>
      {(c.dueStatus === 'nearing' || c.dueStatus === 'overdue') && <Tag color={DUE_COLOR[c.dueStatus]}>{t(`cases.dueStatus.${c.dueStatus}`)}</Tag>}
    </Space>
  );
}

export function CasesPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const manages = canDecideRequests(user, id);
  const [filter, setFilter] = useState<CaseFilter>({});
  const board = useAsync(() => getCases(id, filter), [id, filter]);
  const proposals = useAsync(() => (manages ? getProposals(id, 'pending') : Promise.resolve({ proposals: [] as CaseProposal[] })), [id, manages]);
  const [dismissing, setDismissing] = useState<CaseProposal | null>(null);
  const [merging, setMerging] = useState<CaseProposal | null>(null);
  const [creating, setCreating] = useState(false);
  const { busy, act: run } = useAction(() => { board.reload(); proposals.reload(); });
  const [genPeriod, setGenPeriod] = useState<string | undefined>();
  const [form] = Form.useForm();

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: campaign.data?.campaign.name ?? id, to: base }, { title: t('cases.title') }];
  const error = campaign.error ?? board.error ?? proposals.error;
  if (error) return <Page crumbs={crumbs} title={t('cases.title')}><ErrorResult error={error} onRetry={board.reload} /></Page>;
  const model = campaign.data?.model;
  const reload = () => { board.reload(); proposals.reload(); };

  const act = (fn: () => Promise<unknown>, ok = t('cases.saved')) => run(fn, ok);

  const openCases = (unit: string) => (board.data?.cases ?? []).filter((c) => c.unit === unit && c.state !== 'closed' && c.state !== 'escalated');

  return (
    <Page
      crumbs={crumbs}
      title={t('cases.title')}
      extra={manages && (
        <Space>
          <CaseSettingsButton campaignId={id} onSaved={reload} />
          <Button type="primary" onClick={() => { form.resetFields(); setCreating(true); }} data-testid="new-case">{t('cases.newCase')}</Button>
        </Space>
      )}
    >
      <CampaignNav campaignId={id} active="cases" />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {manages && (
          <Card
            size="small"
            title={t('cases.proposals')}
            data-testid="case-proposals"
            extra={
              <Space>
                <Select style={{ width: 140 }} placeholder={t('cases.period')} value={genPeriod} onChange={setGenPeriod} options={(model?.periods ?? []).map((p) => ({ value: p, label: p }))} />
                <Button disabled={!genPeriod} loading={busy} onClick={() => genPeriod && act(async () => generateProposals(id, genPeriod))}>{t('cases.generate')}</Button>
              </Space>
            }
          >
            <Table<CaseProposal>
              rowKey="id"
              size="small"
              dataSource={proposals.data?.proposals ?? []}
              loading={proposals.loading}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t('cases.noProposals')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              onRow={(p) => ({ 'data-proposal': p.id, 'data-unit-name': p.unitName } as HTMLAttributes<HTMLElement>)}
              columns={[
                { title: t('cases.period'), dataIndex: 'period', width: 90 },
                { title: t('cases.unit'), dataIndex: 'unitName' },
                { title: t('cases.rule'), dataIndex: 'ruleName' },
                { title: t('cases.reason'), dataIndex: 'reason' },
                { title: t('cases.kind'), dataIndex: 'kindName', width: 110 },
                {
                  title: '', key: 'actions', width: 230,
                  render: (_: unknown, p) => (
                    <Space>
                      <Button size="small" type="primary" loading={busy} data-testid="proposal-issue" onClick={() => act(() => decideProposal(id, p.id, { decision: 'issue' }), t('cases.issued'))}>{t('cases.issue')}</Button>
                      <Button size="small" disabled={openCases(p.unit).length === 0} onClick={() => { form.resetFields(); setMerging(p); }}>{t('cases.merge')}</Button>
                      <Button size="small" danger onClick={() => { form.resetFields(); setDismissing(p); }}>{t('cases.dismiss')}</Button>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        )}

        <Card
          size="small"
          title={
            <Space wrap>
              <Select allowClear style={{ width: 120 }} placeholder={t('cases.period')} value={filter.period} onChange={(v) => setFilter({ ...filter, period: v })} options={(model?.periods ?? []).map((p) => ({ value: p, label: p }))} data-testid="filter-period" />
              <Select allowClear style={{ width: 140 }} placeholder={t('cases.kind')} value={filter.kind} onChange={(v) => setFilter({ ...filter, kind: v })} options={(board.data?.kinds ?? []).map((k) => ({ value: k.id, label: k.name }))} data-testid="filter-kind" />
              <Select allowClear style={{ width: 120 }} placeholder={t('cases.state')} value={filter.state} onChange={(v) => setFilter({ ...filter, state: v })}
                options={[{ value: 'open', label: t('cases.openOnly') }, ...(['issued', 'signed', 'reported', 'returned', 'closed', 'escalated'] as const).map((s) => ({ value: s, label: t(`cases.states.${s}`) }))]} data-testid="filter-state" />
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} placeholder={t('cases.unit')} value={filter.unit} onChange={(v) => setFilter({ ...filter, unit: v })}
                options={(model?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} data-testid="filter-unit" />
              <Space size={4}><Switch size="small" checked={filter.overdue === 'true'} onChange={(on) => setFilter({ ...filter, overdue: on ? 'true' : undefined })} data-testid="filter-overdue" />{t('cases.overdueOnly')}</Space>
            </Space>
          }
        >
          {!board.data ? <Spin /> : (
            <Table<Case>
              rowKey="id"
              size="small"
              dataSource={board.data.cases}
              loading={board.loading}
              data-testid="cases-table"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              locale={{ emptyText: <Empty description={t('cases.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              onRow={(c) => ({ 'data-case': c.id, 'data-state': c.state, 'data-unit-name': c.unitName } as HTMLAttributes<HTMLElement>)}
              columns={[
                { title: t('cases.number'), key: 'number', render: (_: unknown, c) => <Link to={`${base}/cases/${c.id}`} data-testid="case-link">{c.number}</Link> },
                { title: t('cases.kind'), dataIndex: 'kindName', width: 110 },
                { title: t('cases.unit'), dataIndex: 'unitName' },
                { title: t('cases.period'), key: 'period', width: 90, render: (_: unknown, c) => c.period ?? '—' },
                { title: t('cases.state'), key: 'state', width: 100, render: (_: unknown, c) => <Tag color={CASE_STATE_COLOR[c.state]} data-testid="case-state">{t(`cases.states.${c.state}`)}</Tag> },
                { title: t('cases.due'), key: 'due', width: 160, render: (_: unknown, c) => <DueTag c={c} /> },
                { title: t('cases.issuedAt'), key: 'issuedAt', width: 170, render: (_: unknown, c) => <Typography.Text type="secondary">{dateTime(c.issuedAt)}</Typography.Text> },
              ]}
            />
          )}
        </Card>

        {board.data && (
          <Card size="small" title={t('cases.counts', { year: board.data.year })}>
            <Table<CaseCount>
              rowKey={(r) => `${r.unit}/${r.kind}`}
              size="small"
              data-testid="case-counts"
              dataSource={board.data.counts}
              pagination={false}
              locale={{ emptyText: <Empty description={t('cases.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              onRow={(r) => ({ 'data-unit-name': r.unitName, 'data-kind-name': r.kindName } as HTMLAttributes<HTMLElement>)}
              columns={[
                { title: t('cases.unit'), dataIndex: 'unitName' },
                { title: t('cases.kind'), dataIndex: 'kindName' },
                { title: t('cases.documents'), dataIndex: 'documents', width: 90, render: (n: number) => <span data-testid="count-documents">{n}</span> },
                { title: t('cases.personTimes'), dataIndex: 'persons', width: 90, render: (n: number) => <span data-testid="count-persons">{n}</span> },
              ]}
            />
          </Card>
        )}
      </Space>

      <Modal open={!!dismissing} title={t('cases.dismiss')} okText={t('cases.confirm')} cancelText={t('cases.cancel')} confirmLoading={busy}
        onCancel={() => setDismissing(null)}
        onOk={async () => {
          const { reason } = await form.validateFields();
          if (dismissing && await act(() => decideProposal(id, dismissing.id, { decision: 'dismiss', reason }), t('cases.dismissed'))) setDismissing(null);
        }}>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('cases.dismissReason')} rules={[{ required: true, whitespace: true, message: t('cases.required') }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>

      <Modal open={!!merging} title={t('cases.merge')} okText={t('cases.confirm')} cancelText={t('cases.cancel')} confirmLoading={busy}
        onCancel={() => setMerging(null)}
        onOk={async () => {
          const { caseId } = await form.validateFields();
          if (merging && await act(() => decideProposal(id, merging.id, { decision: 'merge', caseId }), t('cases.merged'))) setMerging(null);
        }}>
        <Form form={form} layout="vertical">
          <Form.Item name="caseId" label={t('cases.mergeInto')} rules={[{ required: true, message: t('cases.required') }]}>
            <Select options={merging ? openCases(merging.unit).map((c) => ({ value: c.id, label: `${c.number} ${c.kindName}` })) : []} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={creating} title={t('cases.newCase')} okText={t('cases.issue')} cancelText={t('cases.cancel')} confirmLoading={busy}
        onCancel={() => setCreating(false)}
        onOk={async () => {
          const v = await form.validateFields();
          const persons = typeof v.persons === 'string' && v.persons.trim() ? v.persons.split(/[、,，\s]+/).filter(Boolean) : undefined;
          if (await act(() => openCase(id, { unit: v.unit, kind: v.kind, reason: v.reason, requirement: v.requirement || undefined, due: v.due || undefined, period: v.period || undefined, persons }), t('cases.issued'))) setCreating(false);
        }}>
        <Form form={form} layout="vertical" data-testid="new-case-form">
          <Form.Item name="unit" label={t('cases.unit')} rules={[{ required: true, message: t('cases.required') }]}>
            <Select showSearch optionFilterProp="label" options={(model?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('cases.kind')} rules={[{ required: true, message: t('cases.required') }]}>
            <Select options={(board.data?.kinds ?? []).map((k) => ({ value: k.id, label: k.name }))} />
          </Form.Item>
          <Form.Item name="period" label={t('cases.period')}><Select allowClear options={(model?.periods ?? []).map((p) => ({ value: p, label: p }))} /></Form.Item>
          <Form.Item name="reason" label={t('cases.reason')} rules={[{ required: true, whitespace: true, message: t('cases.required') }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="requirement" label={t('cases.requirement')}><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="persons" label={t('cases.persons')}><Input /></Form.Item>
          <Form.Item name="due" label={t('cases.due')}><Input type="date" /></Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
