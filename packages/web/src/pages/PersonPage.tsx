// A person's page: their post and unit, honours across years (蝉联 marked), the performance ledger
// [实绩台账] with its evidence and key work (organizers add entries), and their scores and ranks in
// the campaigns where they compete.
import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Empty, Form, Input, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { addLedgerEntry, getPerson, type PersonPageData } from '../api/people.ts';
import { ledgerEntryFileUrl } from '../api/ledger-entries.ts';
import { EvidenceList } from '../components/EvidenceList.tsx';
import { PersonScoreChart } from '../components/PersonScoreChart.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { Page } from '../layout/Page.tsx';
import { canManagePeople } from '../lib/people.ts';

type Entry = PersonPageData['ledger'][number];
type Score = PersonPageData['scores'][number];

/** the person's scores by campaign, in the order the campaigns first appear */
function campaignsOf(scores: Score[]): { campaign: string; name: string; scores: Score[] }[] {
  const by = new Map<string, { campaign: string; name: string; scores: Score[] }>();
  for (const s of scores) {
    const c = by.get(s.campaign) ?? { campaign: s.campaign, name: s.campaignName, scores: [] };
    c.scores.push(s);
    by.set(s.campaign, c);
  }
  return [...by.values()];
}

export function HonourTags({ honours }: { honours: PersonPageData['honours'] }) {
  const { t } = useTranslation();
  if (honours.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.person.noHonours')} />;
  return (
    <div data-testid="honours">
      {honours.map((h) => (
        <div key={h.id} data-testid="honour" style={{ padding: '4px 0' }}>
          <b>{h.year}</b> {h.honour}{h.category ? `·${h.category}` : ''}
          {h.streak > 1 && <Tag color="gold" style={{ marginLeft: 8 }} data-testid="honour-streak">{t('people.person.streak', { n: h.streak })}</Tag>}
          <span style={{ color: '#888', marginLeft: 8 }}>{h.citation}</span>
        </div>
      ))}
    </div>
  );
}

export function PersonPage() {
  const { personId = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const page = useAsync(() => getPerson(Number(personId)), [personId]);
  const [form] = Form.useForm<{ date: string; what: string; evidence?: string; keyWork?: string }>();
  const [busy, setBusy] = useState(false);
  const name = page.data?.person.name ?? '';
  const crumbs = [{ title: t('people.persons.title'), to: '/people' }, { title: name || t('people.persons.page') }];
  if (page.error) return <Page crumbs={crumbs} title={t('people.persons.page')}><ErrorResult error={page.error} onRetry={page.reload} /></Page>;
  const p = page.data?.person;
  const add = async (v: { date: string; what: string; evidence?: string; keyWork?: string }) => {
    setBusy(true);
    try {
      await addLedgerEntry(Number(personId), { date: v.date, what: v.what.trim(), evidence: v.evidence?.trim() || undefined, keyWork: v.keyWork?.trim() || undefined });
      message.success(t('people.person.entryAdded'));
      form.resetFields();
      page.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page crumbs={crumbs} title={<span data-testid="person-title">{name}</span>}>
      {p && (
        <Descriptions size="small" column={3} style={{ marginBottom: 16 }} items={[
          { key: 'u', label: t('people.persons.unit'), children: p.unit },
          { key: 'p', label: t('people.persons.post'), children: t(`people.post.${p.post}`) },
          { key: 'o', label: t('people.persons.organization'), children: p.organizationName },
        ]} />
      )}
      <Card size="small" title={t('people.person.honours')} style={{ marginBottom: 16 }}>
        <HonourTags honours={page.data?.honours ?? []} />
      </Card>
      <Card size="small" title={t('people.person.ledger')} style={{ marginBottom: 16 }}>
        {canManagePeople(user) && (
          <Form form={form} layout="inline" style={{ marginBottom: 12 }} onFinish={(v) => void add(v)}>
            <Form.Item name="date" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}><Input type="date" data-testid="ledger-date" /></Form.Item>
            <Form.Item name="what" rules={[{ required: true, whitespace: true, message: t('people.persons.required') }]}><Input style={{ width: 260 }} placeholder={t('people.person.what')} data-testid="ledger-what" /></Form.Item>
            <Form.Item name="evidence"><Input placeholder={t('people.person.evidence')} /></Form.Item>
            <Form.Item name="keyWork"><Input placeholder={t('people.person.keyWork')} /></Form.Item>
            <Button htmlType="submit" loading={busy} data-testid="ledger-add">{t('people.person.addEntry')}</Button>
          </Form>
        )}
        <Table<Entry> rowKey="id" size="small" data-testid="person-ledger" pagination={false} dataSource={page.data?.ledger ?? []} locale={{ emptyText: t('people.person.noLedger') }}
          columns={[
            { title: t('people.person.date'), dataIndex: 'date', width: 120 },
            { title: t('people.person.what'), dataIndex: 'what' },
            {
              // the organizer's own note of evidence, or a reporter's evidence files (verified with the entry)
              title: t('people.person.evidence'), key: 'evidence',
              render: (_: unknown, e: Entry) => (e.campaign && e.files.length > 0
                ? <EvidenceList files={e.files} testKey={`person-ledger-${e.id}`} hrefOf={(f) => ledgerEntryFileUrl(e.campaign ?? '', e.id, f.id)} />
                : e.evidence ?? '—'),
            },
            {
              title: t('people.person.keyWork'), key: 'keyWork',
              render: (_: unknown, e: Entry) => [e.indicatorName, e.keyWork].filter(Boolean).join(' · ') || '—',
            },
            {
              title: t('people.person.source'), key: 'source',
              render: (_: unknown, e: Entry) => (e.state === 'approved' ? <span>{e.campaignName} <Tag color="green">{t('people.person.verified')}</Tag></span> : t('people.person.recorded')),
            },
          ]} />
      </Card>
      <Card size="small" title={t('people.person.scores')} data-testid="person-scores">
        {campaignsOf(page.data?.scores ?? []).map(({ campaign, name, scores }) => (
          <div key={campaign} style={{ marginBottom: 12 }}>
            <Typography.Text strong>{name}</Typography.Text>
            <PersonScoreChart campaign={campaign} scores={scores} />
          </div>
        ))}
        <Table<Score> rowKey={(s) => `${s.campaign}/${s.period}`} size="small" pagination={false} dataSource={page.data?.scores ?? []} locale={{ emptyText: t('people.person.noScores') }}
          columns={[
            { title: t('people.person.campaign'), key: 'c', render: (_: unknown, s) => <Link to={`/campaigns/${encodeURIComponent(s.campaign)}`}>{s.campaignName}</Link> },
            { title: t('people.person.period'), key: 'period', render: (_: unknown, s) => <span data-testid="score-period">{s.period}{s.state !== 'closed' && <Tag color="orange" style={{ marginLeft: 6 }} data-testid="score-provisional">{t('provisional.tag')}</Tag>}</span> },
            { title: t('people.person.total'), dataIndex: 'total', render: (v: number | null) => v ?? '—' },
            { title: t('people.person.rank'), key: 'r', render: (_: unknown, s) => (s.rank === null ? '—' : `${s.rank} / ${s.of}`) },
          ]} />
      </Card>
    </Page>
  );
}
