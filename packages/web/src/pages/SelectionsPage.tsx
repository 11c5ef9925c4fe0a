// 评选表彰: selections under a fixed quota (模范星 and other honours). Units nominate persons with
// reasons; the organizer opens an approval ballot (one-time rater links with QR codes, shown once),
// watches the turnout (counts only), closes it; the top N reaching the threshold are elected, a tie at
// the quota waits for a recorded decision; then 公示 with objections, then confirmation into the
// honours register. A 述比排序 selection (method panel) ranks instead by the quantified score of a
// closed period and a panel's marks (judges mark on their phones through one-time links), combined by
// the weights set when it was created; the organizer sees the combined ranking with its arithmetic.
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Empty, Flex, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  closeBallot, confirmSelection, createSelection, decideObjection, decideTie, getBallot, listPersons, listSelections, nominate, nominateFromRanking, openPanel, openVoting, startPublicity, withdrawNomination,
  type Person, type RaterLink, type Selection,
} from '../api/people.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useCampaignStream } from '../hooks/useCampaignStream.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { canEditCampaigns, rolesIn } from '../lib/permissions.ts';
import { dateTime } from '../lib/format.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';

const STATE_COLOR: Record<Selection['state'], string> = { nominating: 'blue', voting: 'processing', tie: 'warning', elected: 'cyan', publicity: 'orange', confirmed: 'success' };

function useRun() {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, f: () => Promise<unknown>, ok?: string) => {
    setBusy(key);
    try {
      await f();
      if (ok) message.success(ok);
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

export function RaterLinks({ links }: { links: RaterLink[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" type="inner" title={t('people.ballots.links')} data-testid="rater-links">
      <Flex wrap gap={12}>
        {links.map((l, i) => (
          <div key={l.token} className="rater-link" style={{ width: 170, textAlign: 'center' }}>
            {/* the SVG is the server's QR code of the link (qrcode library output) */}
            <div style={{ width: 120, margin: '0 auto' }} dangerouslySetInnerHTML={{ __html: l.qrSvg }} />
            <div>{l.groupName} #{i + 1}</div>
            <Typography.Link href={l.path} target="_blank" data-testid="rater-link" copyable={{ text: l.url }} style={{ fontSize: 12, wordBreak: 'break-all' }}>{l.url}</Typography.Link>
          </div>
        ))}
      </Flex>
    </Card>
  );
}

function Turnout({ campaignId, ballotId, onClosed }: { campaignId: string; ballotId: number; onClosed: () => void }) {
  const { t } = useTranslation();
  const ballot = useAsync(() => getBallot(campaignId, ballotId), [campaignId, ballotId]);
  const { busy, run } = useRun();
  const { reload } = ballot;
  // live turnout: counts only, read again on each vote cast (the event stream); polled slowly while the stream is down
  const live = useCampaignStream(campaignId, reload, 'ballot');
  useEffect(() => {
    if (live) return undefined;
    const timer = window.setInterval(reload, 10_000);
    return () => window.clearInterval(timer);
  }, [live, reload]);
  const b = ballot.data?.ballot;
  return (
    <Flex gap={12} align="center" wrap data-testid="turnout">
      <span>{t('people.ballots.turnout')}：</span>
      {b?.turnout.map((g) => (
        <Tag key={g.group} data-testid="turnout-group">{g.name} {t('people.ballots.cast')} <b data-testid="turnout-cast">{g.cast}</b> / {t('people.ballots.issued')} {g.issued}</Tag>
      ))}
      <Button danger loading={busy === 'close'} data-testid="close-voting" onClick={() => void run('close', () => closeBallot(campaignId, ballotId), t('people.ballots.closed')).then((ok) => ok && onClosed())}>
        {t('people.ballots.close')}
      </Button>
    </Flex>
  );
}

/** 述比排序: the combined ranking, each part with the score taken and its value on 100, and the arithmetic. */
function PanelRanking({ sel }: { sel: Selection }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const ranking = sel.ranking;
  if (!ranking) return null;
  const status = new Map(sel.nominations.map((n) => [n.id, n.status]));
  const partText = ranking.parts.map((p) => (p.scale === 'top'
    ? t('people.panel.top', { name: p.name, top: p.top ?? '—', weight: p.weight })
    : t('people.panel.full', { name: p.name, full: p.scale, weight: p.weight }))).join('；');
  const part = (r: (typeof ranking.rows)[number], id: 'quantified' | 'panel') => {
    const x = r.parts.find((y) => y.part === id);
    if (!x) return '—';
    return x.score === null ? <Typography.Text type="secondary">{t('people.panel.noScore')}</Typography.Text> : <span>{x.score} → <b>{x.scaled}</b></span>;
  };
  return (
    <Card size="small" type="inner" style={{ marginTop: 12 }} title={t('people.panel.ranking')} data-testid="panel-ranking">
      <Typography.Paragraph type="secondary" data-testid="panel-reading">{t('people.panel.reading', { parts: partText })}</Typography.Paragraph>
      <Table
        rowKey="nomination"
        size="small"
        pagination={false}
        dataSource={ranking.rows}
        onRow={(r) => ({ 'data-person': r.personName } as React.HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('people.panel.rank'), dataIndex: 'rank', width: 60, render: (v: number) => <span data-testid="ranking-rank">{v}</span> },
          { title: t('people.panel.person'), dataIndex: 'personName', render: (v: string) => <span data-testid="ranking-person">{v}</span> },
          { title: t('people.panel.quantified'), key: 'q', render: (_: unknown, r) => part(r, 'quantified') },
          { title: t('people.panel.marks'), key: 'p', render: (_: unknown, r) => part(r, 'panel') },
          { title: t('people.panel.score'), dataIndex: 'score', render: (v: string) => <b data-testid="ranking-score">{v}</b> },
          { title: t('people.selections.status'), key: 's', render: (_: unknown, r) => { const st = status.get(r.nomination); return st ? <Tag color={st === 'elected' || st === 'confirmed' ? 'success' : undefined}>{t(`people.nomStatus.${st}`)}</Tag> : null; } },
          { title: t('people.panel.explain'), key: 'e', render: (_: unknown, r) => (
            <div style={{ fontSize: 12 }} data-testid="ranking-explain">
              {r.explain.formula && <div><code>{r.explain.formula}</code></div>}
              <Typography.Text type="secondary">{lang === 'en' ? r.explain.en : r.explain.zh}</Typography.Text>
            </div>
          ) },
        ]}
      />
    </Card>
  );
}

function SelectionCard({ campaignId, sel, persons, units, periods, manage, canNominate, links, onLinks, reload }: {
  campaignId: string; periods: string[]; sel: Selection; persons: Person[]; units: { id: string; name: string }[]; manage: boolean; canNominate: boolean;
  links: RaterLink[] | undefined; onLinks: (l: RaterLink[]) => void; reload: () => void;
}) {
  const { t } = useTranslation();
  const { busy, run } = useRun();
  const [nomForm] = Form.useForm<{ personId: number; unit: string; reason: string }>();
  const [tieChosen, setTieChosen] = useState<number[]>([]);
  const [tieReason, setTieReason] = useState('');
  const [withdrawing, setWithdrawing] = useState<Selection['nominations'][number] | null>(null);
  const [withdrawReason, setWithdrawReason] = useState('');
  const [exceed, setExceed] = useState(false);
  const [until, setUntil] = useState('');
  const [replies, setReplies] = useState<Record<number, string>>({});
  const [voteForm] = Form.useForm<{ name: string; weight: string; raters: number }>();
  const [rankForm] = Form.useForm<{ period: string; top: number }>();
  const [panelForm] = Form.useForm<{ period: string; name: string; raters: number; trim: number; fullMark: string; panelScale: 'top' | 'full' }>();
  const isPanel = sel.method === 'panel';
  const latest = periods.at(-1);
  const nameOf = new Map(sel.nominations.map((n) => [n.id, n.personName]));
  const title = `${sel.honour}${sel.category ? `·${sel.category}` : ''}`;

  return (
    <Card
      size="small"
      data-testid="selection"
      data-state={sel.state}
      title={<Space><span data-testid="selection-title">{title}</span><Tag color={STATE_COLOR[sel.state]} data-testid="selection-state">{t(`people.selState.${sel.state}`)}</Tag></Space>}
      extra={<Space>
        <span data-testid="selection-terms">{sel.year} · {t('people.selections.quota')} {sel.quota} · {isPanel
          ? <>{t('people.panel.panel')} {t('people.panel.weightsLine', { q: sel.panel?.weights.quantified, p: sel.panel?.weights.panel })} · {t('people.panel.threshold')} {sel.threshold}</>
          : <>{t('people.selections.threshold')} {sel.threshold}</>}</span>
        {(sel.state === 'publicity' || sel.state === 'confirmed') && <a href={`/p/selections/${sel.id}`} target="_blank" rel="noreferrer" data-testid="publicity-link">{t('people.selections.publicPage')}</a>}
      </Space>}
      style={{ marginBottom: 16 }}
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={sel.nominations}
        locale={{ emptyText: t('people.selections.empty') }}
        columns={[
          { title: t('people.selections.person'), key: 'p', render: (_: unknown, n) => <Link to={`/people/${n.personId}`} data-testid="nominee">{n.personName}</Link> },
          { title: t('people.persons.post'), key: 'post', render: (_: unknown, n) => t(`people.post.${n.post}`) },
          { title: t('people.selections.unit'), dataIndex: 'unitName' },
          { title: t('people.selections.reason'), dataIndex: 'reason' },
          ...(isPanel ? [] : [{ title: t('people.selections.share'), dataIndex: 'share', render: (v: string | null) => v ?? '—' }]),
          { title: t('people.selections.status'), key: 's', render: (_: unknown, n) => <Tag data-testid="nominee-status" color={n.status === 'elected' || n.status === 'confirmed' ? 'success' : n.status === 'withdrawn' ? 'error' : undefined}>{t(`people.nomStatus.${n.status}`)}{n.withdrawnReason ? `：${n.withdrawnReason}` : ''}</Tag> },
          ...(sel.state === 'nominating' && manage ? [{
            title: '', key: 'w', width: 100,
            render: (_: unknown, n: Selection['nominations'][number]) => n.status === 'withdrawn' ? null : (
              <Button size="small" danger data-testid="nominee-withdraw" onClick={() => { setWithdrawReason(''); setWithdrawing(n); }}>{t('people.selections.withdraw')}</Button>
            ),
          }] : []),
        ]}
      />
      <Modal
        open={withdrawing !== null}
        title={withdrawing ? t('people.selections.withdrawTitle', { name: withdrawing.personName }) : ''}
        okText={t('people.selections.withdraw')}
        okButtonProps={{ danger: true, disabled: !withdrawReason.trim(), loading: busy === 'withdraw', 'data-testid': 'withdraw-ok' }}
        onCancel={() => setWithdrawing(null)}
        onOk={() => {
          if (!withdrawing) return;
          void run('withdraw', () => withdrawNomination(campaignId, sel.id, withdrawing.id, { reason: withdrawReason.trim() }), t('people.selections.withdrawn'))
            .then((ok) => { if (ok) { setWithdrawing(null); reload(); } });
        }}
        destroyOnHidden
      >
        <Input.TextArea rows={2} maxLength={500} value={withdrawReason} onChange={(e) => setWithdrawReason(e.target.value)} placeholder={t('people.selections.withdrawReason')} data-testid="withdraw-reason" />
      </Modal>

      {sel.state === 'nominating' && canNominate && (
        <Form form={nomForm} layout="inline" style={{ marginTop: 12 }} onFinish={(v) => void run('nominate', () => nominate(campaignId, sel.id, v), t('people.selections.nominated')).then((ok) => { if (ok) { nomForm.resetFields(); reload(); } })}>
          <Form.Item name="personId" rules={[{ required: true, message: t('people.persons.required') }]}>
            <Select showSearch optionFilterProp="label" style={{ width: 200 }} placeholder={t('people.selections.person')} data-testid="nominate-person"
              options={persons.map((p) => ({ value: p.id, label: `${p.name}（${p.unit}）` }))} />
          </Form.Item>
          <Form.Item name="unit" rules={[{ required: true, message: t('people.persons.required') }]}>
            <Select style={{ width: 160 }} placeholder={t('people.selections.unit')} data-testid="nominate-unit" options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('people.persons.required') }]}>
            <Input style={{ width: 280 }} placeholder={t('people.selections.reason')} data-testid="nominate-reason" />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'nominate'} data-testid="nominate-submit">{t('people.selections.nominate')}</Button>
        </Form>
      )}

      {sel.state === 'nominating' && manage && periods.length > 0 && (
        <Form form={rankForm} layout="inline" style={{ marginTop: 12 }} initialValues={{ top: sel.quota, period: latest }}
          onFinish={(v) => void run('rank', () => nominateFromRanking(campaignId, sel.id, { period: v.period, top: Number(v.top) }), t('people.selections.nominated')).then((ok) => ok && reload())}>
          <Form.Item name="period" label={t('people.selections.rankingPeriod')} rules={[{ required: true }]}><Select style={{ width: 120 }} options={periods.map((p) => ({ value: p, label: p }))} data-testid="ranking-period" /></Form.Item>
          <Form.Item name="top" label={t('people.selections.top')} rules={[{ required: true }]}><InputNumber min={1} max={500} data-testid="ranking-top" /></Form.Item>
          <Button htmlType="submit" loading={busy === 'rank'} data-testid="nominate-ranking">{t('people.selections.fromRanking')}</Button>
        </Form>
      )}

      {sel.state === 'nominating' && manage && isPanel && (
        <Form form={panelForm} layout="inline" style={{ marginTop: 12 }} data-testid="panel-form"
          initialValues={{ period: latest, name: '评委', raters: 5, trim: 0, fullMark: '100', panelScale: 'top' }}
          onFinish={(v) => void run('panel', async () => {
            const r = await openPanel(campaignId, sel.id, {
              period: v.period, groups: [{ name: v.name.trim(), weight: '1', raters: Number(v.raters) }], trim: Number(v.trim) || 0, fullMark: String(v.fullMark).trim(), panelScale: v.panelScale,
            });
            onLinks(r.links);
          }, t('people.panel.opened')).then((ok) => ok && reload())}>
          <Form.Item name="period" label={t('people.panel.period')} rules={[{ required: true }]}><Select style={{ width: 120 }} options={periods.map((p) => ({ value: p, label: p }))} data-testid="panel-period" /></Form.Item>
          <Form.Item name="name" label={t('people.panel.judges')} rules={[{ required: true, whitespace: true }]}><Input style={{ width: 100 }} /></Form.Item>
          <Form.Item name="raters" label={t('people.panel.raters')} rules={[{ required: true }]}><InputNumber min={1} max={500} data-testid="panel-raters" /></Form.Item>
          <Form.Item name="fullMark" label={t('people.panel.fullMark')} rules={[{ required: true }]}><Input style={{ width: 70 }} data-testid="panel-full-mark" /></Form.Item>
          <Form.Item name="trim" label={t('people.panel.trim')}><InputNumber min={0} max={20} style={{ width: 60 }} data-testid="panel-trim" /></Form.Item>
          <Form.Item name="panelScale" label={t('people.panel.scale')}>
            <Radio.Group optionType="button" options={[{ value: 'top', label: t('people.panel.scaleTop') }, { value: 'full', label: t('people.panel.scaleFull') }]} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'panel'} data-testid="open-panel">{t('people.panel.open')}</Button>
        </Form>
      )}

      {sel.state === 'nominating' && manage && !isPanel && (
        <Form form={voteForm} layout="inline" style={{ marginTop: 12 }} initialValues={{ name: '党员和群众代表', weight: '1', raters: 3 }}
          onFinish={(v) => void run('vote', async () => {
            const r = await openVoting(campaignId, sel.id, { groups: [{ name: v.name, weight: String(v.weight), raters: Number(v.raters) }] });
            onLinks(r.links);
          }, t('people.selections.votingOpened')).then((ok) => ok && reload())}>
          <Form.Item name="name" label={t('people.ballots.groupName')} rules={[{ required: true }]}><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="weight" label={t('people.ballots.groupWeight')} rules={[{ required: true }]}><Input style={{ width: 70 }} /></Form.Item>
          <Form.Item name="raters" label={t('people.selections.ratersHint')} rules={[{ required: true }]}><InputNumber min={1} max={500} data-testid="voting-raters" /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'vote'} data-testid="open-voting">{t('people.selections.openVoting')}</Button>
        </Form>
      )}

      {links && links.length > 0 && sel.state === 'voting' && (
        <div style={{ marginTop: 12 }}>
          <Typography.Paragraph type="warning">{t(isPanel ? 'people.panel.opened' : 'people.selections.votingOpened')}</Typography.Paragraph>
          <RaterLinks links={links} />
        </div>
      )}

      {sel.state === 'voting' && manage && sel.ballotId !== null && (
        <div style={{ marginTop: 12 }}><Turnout campaignId={campaignId} ballotId={sel.ballotId} onClosed={reload} /></div>
      )}

      <PanelRanking sel={sel} />

      {sel.state === 'tie' && sel.tie && manage && (
        <Card size="small" type="inner" style={{ marginTop: 12 }} title={t('people.selections.tieTitle', { places: sel.tie.places, count: sel.tie.nominations.length })} data-testid="tie">
          <Checkbox.Group value={tieChosen} onChange={(v) => setTieChosen(v as number[])} options={sel.tie.nominations.map((n) => ({ value: n, label: nameOf.get(n) ?? '' }))} />
          <Input.TextArea rows={2} style={{ marginTop: 8 }} placeholder={t('people.selections.tieReason')} value={tieReason} onChange={(e) => setTieReason(e.target.value)} data-testid="tie-reason" />
          <Checkbox checked={exceed} onChange={(e) => setExceed(e.target.checked)}>{t('people.selections.tieExceed')}</Checkbox>
          <Button style={{ marginLeft: 8 }} loading={busy === 'tie'} data-testid="tie-decide"
            onClick={() => void run('tie', () => decideTie(campaignId, sel.id, { chosen: tieChosen, reason: tieReason, exceed }), t('people.selections.decideTie')).then((ok) => ok && reload())}>
            {t('people.selections.decideTie')}
          </Button>
        </Card>
      )}
      {sel.tieDecision && (
        <Typography.Paragraph style={{ marginTop: 8 }} data-testid="tie-decision">
          {t('people.selections.tieDecision')}：{sel.tieDecision.chosen.map((n) => nameOf.get(n)).join('、')}（{sel.tieDecision.reason}；{sel.tieDecision.by} {dateTime(sel.tieDecision.at)}）
        </Typography.Paragraph>
      )}

      {sel.state === 'elected' && manage && (
        <Space style={{ marginTop: 12 }}>
          <span>{t('people.selections.until')}</span>
          <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="publicity-until" />
          <Button type="primary" loading={busy === 'pub'} data-testid="start-publicity" disabled={!until}
            onClick={() => void run('pub', () => startPublicity(campaignId, sel.id, new Date(until).toISOString()), t('people.selections.publicityStarted')).then((ok) => ok && reload())}>
            {t('people.selections.publicity')}
          </Button>
        </Space>
      )}
      {sel.publicityUntil && <Typography.Paragraph style={{ marginTop: 8 }}>{t('people.selections.until')}：{dateTime(sel.publicityUntil)}</Typography.Paragraph>}

      {manage && (sel.state === 'publicity' || sel.state === 'confirmed') && (
        <Card size="small" type="inner" title={t('people.selections.objections')} style={{ marginTop: 12 }}>
          {sel.objections.length === 0 ? <Typography.Text type="secondary">{t('people.selections.noObjections')}</Typography.Text> : sel.objections.map((o) => (
            <div key={o.id} data-testid="objection" data-status={o.status} style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}>
              <div><b>{o.personName ?? t('people.publicity.general')}</b>：{o.text}（{t('people.selections.contact')}：{o.contact}，{dateTime(o.createdAt)}）
                <Tag style={{ marginLeft: 8 }} data-testid="objection-status">{t(`people.objStatus.${o.status}`)}</Tag>{o.reply ? `${t('people.selections.reply')}：${o.reply}` : ''}</div>
              {o.status === 'open' && sel.state === 'publicity' && (
                <Space style={{ marginTop: 4 }}>
                  <Input style={{ width: 320 }} placeholder={t('people.selections.reply')} value={replies[o.id] ?? ''} onChange={(e) => setReplies({ ...replies, [o.id]: e.target.value })} data-testid="objection-reply" />
                  <Button disabled={!replies[o.id]?.trim()} data-testid="objection-dismiss" loading={busy === `d${o.id}`}
                    onClick={() => void run(`d${o.id}`, () => decideObjection(campaignId, sel.id, o.id, { decision: 'dismiss', reply: replies[o.id] })).then((ok) => ok && reload())}>{t('people.selections.dismiss')}</Button>
                  <Button danger disabled={!replies[o.id]?.trim()} data-testid="objection-uphold" loading={busy === `u${o.id}`}
                    onClick={() => void run(`u${o.id}`, () => decideObjection(campaignId, sel.id, o.id, { decision: 'uphold', reply: replies[o.id] })).then((ok) => ok && reload())}>{t('people.selections.uphold')}</Button>
                </Space>
              )}
            </div>
          ))}
          {sel.state === 'publicity' && (
            <Button type="primary" style={{ marginTop: 12 }} loading={busy === 'confirm'} data-testid="confirm-selection"
              onClick={() => void run('confirm', () => confirmSelection(campaignId, sel.id), t('people.selections.confirmed')).then((ok) => ok && reload())}>
              {t('people.selections.confirm')}
            </Button>
          )}
        </Card>
      )}
    </Card>
  );
}

export function SelectionsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const sels = useAsync(() => listSelections(id), [id]);
  const persons = useAsync(() => listPersons(), []);
  const { busy, run } = useRun();
  const [form] = Form.useForm<{ honour: string; category?: string; quota: number; threshold: string; method: 'approval' | 'panel'; wq: string; wp: string }>();
  const method = Form.useWatch('method', form) ?? 'approval';
  const [links, setLinks] = useState<Record<number, RaterLink[]>>({});
  const manage = canEditCampaigns(user, id);
  const ownUnits = new Set((user?.grants ?? []).filter((g) => g.role === 'reporter' && g.campaignId === id && g.unitId).map((g) => g.unitId as string));
  const canNominate = manage || (user ? rolesIn(user, id).includes('reporter') : false);
  const units = (campaign.data?.model.units ?? []).filter((u) => manage || ownUnits.has(u.id)).map((u) => ({ id: u.id, name: u.name }));
  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: campaign.data?.campaign.name ?? id, to: base }, { title: t('people.selections.title') }];
  const error = campaign.error ?? sels.error;
  if (error) return <Page crumbs={crumbs} title={t('people.selections.title')}><ErrorResult error={error} onRetry={sels.reload} /></Page>;

  return (
    <Page crumbs={crumbs} title={t('people.selections.title')}>
      <CampaignNav campaignId={id} active="selections" />
      {manage && (
        <Card size="small" title={t('people.selections.create')} style={{ marginBottom: 16 }}>
          <Form form={form} layout="inline" initialValues={{ quota: 3, threshold: '0.5', method: 'approval', wq: '60', wp: '40' }}
            onValuesChange={(ch: { method?: string }) => { if (ch.method) form.setFieldValue('threshold', ch.method === 'panel' ? '0' : '0.5'); }}
            onFinish={(v) => void run('create', () => createSelection(id, {
              honour: v.honour.trim(), category: v.category?.trim() || undefined, quota: Number(v.quota), threshold: String(v.threshold).trim(),
              ...(v.method === 'panel' ? { method: 'panel' as const, weights: { quantified: String(v.wq).trim(), panel: String(v.wp).trim() } } : {}),
            }), t('people.selections.created')).then((ok) => { if (ok) { form.resetFields(); sels.reload(); } })}>
            <Form.Item name="method" label={t('people.panel.method')}>
              <Radio.Group optionType="button" data-testid="selection-method" options={[{ value: 'approval', label: t('people.panel.approval') }, { value: 'panel', label: t('people.panel.panel') }]} />
            </Form.Item>
            <Form.Item name="honour" rules={[{ required: true, whitespace: true, message: t('people.persons.required') }]}><Input placeholder={t('people.selections.honour')} data-testid="selection-honour" /></Form.Item>
            <Form.Item name="category"><Input placeholder={t('people.selections.category')} data-testid="selection-category" /></Form.Item>
            <Form.Item name="quota" label={t('people.selections.quota')} rules={[{ required: true }]}><InputNumber min={1} max={500} data-testid="selection-quota" /></Form.Item>
            {method === 'panel' && <>
              <Form.Item name="wq" label={t('people.panel.weightQuantified')} rules={[{ required: true }]}><Input style={{ width: 60 }} data-testid="selection-weight-quantified" /></Form.Item>
              <Form.Item name="wp" label={t('people.panel.weightPanel')} dependencies={['wq']}
                rules={[{ required: true }, ({ getFieldValue }) => ({ validator: (_r, v) => (Math.round(Number(v) * 100) + Math.round(Number(getFieldValue('wq')) * 100) === 10_000 ? Promise.resolve() : Promise.reject(new Error(t('people.panel.weightsSum')))) })]}>
                <Input style={{ width: 60 }} data-testid="selection-weight-panel" />
              </Form.Item>
            </>}
            <Form.Item name="threshold" label={t(method === 'panel' ? 'people.panel.threshold' : 'people.selections.threshold')} rules={[{ required: true }]}><Input style={{ width: 80 }} data-testid="selection-threshold" /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy === 'create'} data-testid="selection-create">{t('people.selections.create')}</Button>
          </Form>
        </Card>
      )}
      {(sels.data?.selections ?? []).length === 0 && !sels.loading && <Empty description={t('people.selections.empty')} />}
      {[...(sels.data?.selections ?? [])].reverse().map((s) => (
        <SelectionCard key={s.id} campaignId={id} sel={s} persons={persons.data?.persons ?? []} units={units} periods={campaign.data?.model.reportedPeriods ?? []} manage={manage} canNominate={canNominate}
          links={links[s.id]} onLinks={(l) => setLinks((x) => ({ ...x, [s.id]: l }))} reload={sels.reload} />
      ))}
    </Page>
  );
}
