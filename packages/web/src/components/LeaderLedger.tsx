// What a leader leads beyond the standing table of 我的分管 (issue 16 item 2): each unit's rank trend and the
// flags it won and lost in the latest closed period, the commitments of the units they lead (and their own),
// the projects they lead with overdue milestones, and their visit logs (走访/过堂) with a form to add one.
// The cases of the units they lead come from the case board (GET …/cases: a leader's grants reach exactly
// those units); a leader drafts their own commitment (承诺 of a leader with a post) from here.
import { useState } from 'react';
import { App as AntApp, Button, Divider, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getCases, type Case } from '../api/cases.ts';
import { addVisit, getLeadership, type Leadership, type Visit } from '../api/ledgers.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { CommitmentForm, StatusTag } from '../pages/CommitmentsPage.tsx';
import { MilestoneTags } from '../pages/ProjectsPage.tsx';
import { ErrorResult } from './ErrorResult.tsx';

export function LeaderLedger({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const state = useAsync(() => getLeadership(campaignId), [campaignId]);
  const board = useAsync(() => getCases(campaignId), [campaignId]);
  const campaign = useCampaign(campaignId);
  const navigate = useNavigate();
  const [drafting, setDrafting] = useState(false);
  if (state.error) return <ErrorResult error={state.error} onRetry={state.reload} />;
  const l = state.data;
  if (!l) return null;
  const base = `/campaigns/${encodeURIComponent(campaignId)}`;
  return (
    <div data-testid="leader-ledger">
      <Divider titlePlacement="start" plain>{t('ledger.trend')}</Divider>
      <Flex vertical gap={4}>
        {l.units.map((u) => (
          <div key={u.id} data-trend-unit={u.id}>
            <strong>{u.name}</strong>：{u.trend.map((p) => `${p.period} ${t('phone.rankOf', { rank: p.rank })}`).join(' → ') || '—'}
            {u.won.map((f) => <Tag key={`w${f}`} color="red" style={{ marginLeft: 8 }}>{t('ledger.won')} {f}</Tag>)}
            {u.lost.map((f) => <Tag key={`l${f}`} style={{ marginLeft: 8 }}>{t('ledger.lost')} {f}</Tag>)}
          </div>
        ))}
      </Flex>
      <Divider titlePlacement="start" plain>{t('ledger.commitments')}</Divider>
      <div style={{ marginBottom: 8 }}>
        <Button size="small" onClick={() => setDrafting(true)} data-testid="leader-commitment-new">{t('commit.newOwn')}</Button>
      </div>
      {drafting && campaign.data && (
        <CommitmentForm campaignId={campaignId} owner={{ leader: l.leader.id }} indicators={campaign.data.model.indicators.filter((d) => d.input === 'value').map((d) => ({ id: d.id, name: d.name }))}
          onClose={() => setDrafting(false)} onSaved={(cid) => navigate(`${base}/commitments/${cid}`)} />
      )}
      {l.commitments.length === 0 ? <Typography.Text type="secondary">{t('commit.none')}</Typography.Text> : (
        <Flex vertical gap={4} data-testid="leader-commitments">
          {l.commitments.map((c) => (
            <div key={c.id} data-commitment={c.id}>
              <span className="leader-commitment-owner">{c.owner}</span> · <Link to={`${base}/commitments/${c.id}`}>{c.title}</Link> <StatusTag status={c.status} />
              {c.items.map((i) => i.verdict && <Tag key={i.id} color={i.verdict === 'fulfilled' ? 'green' : i.verdict === 'partly' ? 'orange' : 'red'}>{i.text}：{t(`commit.verdicts.${i.verdict}`)}</Tag>)}
            </div>
          ))}
        </Flex>
      )}
      <Divider titlePlacement="start" plain>{t('ledger.projects')}</Divider>
      {l.projects.length === 0 ? <Typography.Text type="secondary">{t('projects.none')}</Typography.Text> : l.projects.map((p) => (
        <div key={p.id} data-project={p.id}><strong>{p.name}</strong>（{p.ownerName}） <MilestoneTags project={p} /></div>
      ))}
      <Divider titlePlacement="start" plain>{t('ledger.cases')}</Divider>
      {board.error && <ErrorResult error={board.error} onRetry={board.reload} />}
      {board.data && (
        <Table<Case>
          rowKey="id" size="small" pagination={false} dataSource={board.data.cases} locale={{ emptyText: t('ledger.noCases') }} data-testid="leader-cases"
          onRow={(c) => ({ 'data-case': c.id, 'data-case-unit': c.unit } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('cases.number'), key: 'number', render: (_, c) => <Link to={`${base}/cases/${c.id}`}>{c.number}</Link> },
            { title: t('leader.unit'), dataIndex: 'unitName' },
            { title: t('cases.kind'), dataIndex: 'kindName' },
            { title: t('cases.source'), key: 'source', render: (_, c) => `${t(`cases.sources.${c.source}`, { defaultValue: c.source })}${c.sourceRef ? `（${c.sourceRef}）` : ''}` },
            { title: t('cases.state'), key: 'state', render: (_, c) => <Tag>{t(`cases.states.${c.state}`)}</Tag> },
            { title: t('cases.due'), key: 'due', render: (_, c) => <span style={c.dueStatus === 'overdue' ? { color: '#cf1322' } : undefined}>{c.due}</span> },
          ]}
        />
      )}
      <Divider titlePlacement="start" plain>{t('ledger.visits')}</Divider>
      <Visits campaignId={campaignId} leadership={l} onAdded={state.reload} />
    </div>
  );
}

function Visits({ campaignId, leadership, onAdded }: { campaignId: string; leadership: Leadership; onAdded: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [kind, setKind] = useState<'visit' | 'hearing'>('visit');
  const [unit, setUnit] = useState<string | undefined>(leadership.units[0]?.id);
  const [findings, setFindings] = useState('');
  const [followUps, setFollowUps] = useState('');
  const save = async () => {
    try {
      await addVisit(campaignId, { kind, date, unit, findings: findings.trim(), followUps: followUps.trim() || undefined });
      setFindings('');
      setFollowUps('');
      onAdded();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <>
      <Table<Visit>
        rowKey="id" size="small" pagination={false} dataSource={leadership.visits} locale={{ emptyText: t('ledger.noVisits') }}
        columns={[
          { title: t('ledger.date'), dataIndex: 'date' },
          { title: '', key: 'kind', render: (_, v) => t(`ledger.kinds.${v.kind}`) },
          { title: t('ledger.target'), key: 'target', render: (_, v) => v.unitName ?? v.projectName ?? '—' },
          { title: t('ledger.findings'), dataIndex: 'findings' },
          { title: t('ledger.followUps'), key: 'f', render: (_, v) => v.followUps ?? '—' },
        ]}
      />
      <Space wrap style={{ marginTop: 8 }}>
        <Input style={{ width: 130 }} value={date} onChange={(e) => setDate(e.target.value)} aria-label={t('ledger.date')} />
        <Select style={{ width: 90 }} value={kind} onChange={setKind} options={(['visit', 'hearing'] as const).map((k) => ({ value: k, label: t(`ledger.kinds.${k}`) }))} />
        <Select style={{ width: 140 }} value={unit} onChange={setUnit} options={leadership.units.map((u) => ({ value: u.id, label: u.name }))} aria-label={t('ledger.target')} />
        <Input style={{ width: 240 }} value={findings} onChange={(e) => setFindings(e.target.value)} placeholder={t('ledger.findings')} maxLength={4000} />
        <Input style={{ width: 200 }} value={followUps} onChange={(e) => setFollowUps(e.target.value)} placeholder={t('ledger.followUps')} maxLength={4000} />
        <Button disabled={!findings.trim() || !unit || !/^\d{4}-\d{2}-\d{2}$/.test(date)} onClick={() => void save()}>{t('ledger.addVisit')}</Button>
      </Space>
    </>
  );
}
