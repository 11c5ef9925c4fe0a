// 测评投票: the organizer opens a ballot on the campaign's competitors — marks, approval or levels
// (民主测评) — with weighted rater groups and one-time rater links (QR codes, shown once); watches
// the turnout (counts only, never a ballot); closes it, and the engine's figures enter the chosen
// score indicator through the figure path (pending the section's verification).
import { useEffect, useState, type HTMLAttributes } from 'react';
import { App as AntApp, Button, Card, Empty, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { closeBallot, createBallot, listBallots, type Ballot, type BallotCreate, type RaterLink } from '../api/people.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useCampaignStream } from '../hooks/useCampaignStream.ts';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { Page } from '../layout/Page.tsx';
import { RaterLinks } from './SelectionsPage.tsx';

interface OutcomeRow { level?: string; op: '>=' | '>'; share: string; outcome: string }
interface CreateForm {
  title: string; kind: Ballot['kind']; indicator?: string; period?: string; weight?: string; trim?: number; choose?: number; levels?: string;
  groups: { name: string; weight: string; raters: number }[];
  /** levels: outcome rules on the level shares (优秀票 ≥ 60 % → 优秀), the first that holds decides */
  outcomes?: OutcomeRow[];
}

/** The levels typed as 名称:分值, comma-separated, with the ids they are sent with (l1, l2, …). */
function parseLevels(text: string | undefined): { id: string; name: string; points: string }[] {
  return (text ?? '').split(/[,，]/).map((x) => x.trim()).filter(Boolean).map((x, i) => {
    const [name, points] = x.split(/[:：]/).map((y) => y.trim());
    return { id: `l${i + 1}`, name, points };
  });
}

/** An outcome rule as a sentence: 优秀票占比 ≥ 0.6 → 优秀 */
export const outcomeText = (o: { level: string; op: string; share: string; outcome: string }, levelName: (id: string) => string) => `${levelName(o.level)}票占比 ${o.op === '>=' ? '≥' : '>'} ${o.share} → ${o.outcome}`;

type SubjectRow = NonNullable<Ballot['result']>[number];

export function BallotsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const campaign = useCampaign(id);
  const ballots = useAsync(() => listBallots(id), [id]);
  const [form] = Form.useForm<CreateForm>();
  const kind = Form.useWatch('kind', form);
  const levelsText = Form.useWatch('levels', form);
  const levelNames = parseLevels(levelsText).map((l) => l.name).filter(Boolean);
  const indicator = Form.useWatch('indicator', form);
  const [busy, setBusy] = useState<string | null>(null);
  const [links, setLinks] = useState<RaterLink[] | null>(null);
  const { reload } = ballots;
  const anyOpen = (ballots.data?.ballots ?? []).some((b) => b.state === 'open');
  // live turnout while a ballot is open: counts only, read again on each vote cast (the event stream);
  // polled slowly while the stream is down
  const live = useCampaignStream(anyOpen ? id : undefined, reload, 'ballot');
  useEffect(() => {
    if (!anyOpen || live) return undefined;
    const timer = window.setInterval(reload, 10_000);
    return () => window.clearInterval(timer);
  }, [anyOpen, live, reload]);

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: campaign.data?.campaign.name ?? id, to: base }, { title: t('people.ballots.title') }];
  const error = campaign.error ?? ballots.error;
  if (error) return <Page crumbs={crumbs} title={t('people.ballots.title')}><ErrorResult error={error} onRetry={reload} /></Page>;
  const model = campaign.data?.model;
  const scoreIndicators = (model?.indicators ?? []).filter((d) => d.input === 'score');

  const create = async (v: CreateForm) => {
    setBusy('create');
    try {
      const levels = v.kind === 'levels' ? parseLevels(v.levels) : undefined;
      // a rule names its level by name in the form; the ballot by the level's id
      const outcomes = v.kind === 'levels'
        ? (v.outcomes ?? []).filter((o) => o.level || o.share || o.outcome).map((o) => ({ level: levels?.find((l) => l.name === o.level)?.id ?? o.level ?? '', op: o.op, share: String(o.share ?? '').trim(), outcome: (o.outcome ?? '').trim() }))
        : undefined;
      const body: BallotCreate = {
        title: v.title.trim(), kind: v.kind, groups: v.groups.map((g) => ({ name: g.name.trim(), weight: String(g.weight).trim(), raters: Number(g.raters) })),
        ...(v.indicator ? { indicator: v.indicator, period: v.period } : { weight: v.weight?.trim() || undefined }),
        ...(v.trim ? { trim: v.trim } : {}), ...(v.kind === 'approval' && v.choose ? { choose: v.choose } : {}), ...(levels ? { levels } : {}),
        ...(outcomes && outcomes.length > 0 ? { outcomes } : {}),
      };
      const r = await createBallot(id, body);
      setLinks(r.links);
      message.success(t('people.ballots.created'));
      reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const close = async (b: Ballot) => {
    setBusy(`close${b.id}`);
    try {
      await closeBallot(id, b.id);
      message.success(t('people.ballots.closed'));
      reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page crumbs={crumbs} title={t('people.ballots.title')}>
      <CampaignNav campaignId={id} active="ballots" />
      <Typography.Paragraph type="secondary">{t('people.ballots.neverOne')}</Typography.Paragraph>
      <Card size="small" title={t('people.ballots.create')} style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)}
          initialValues={{ kind: 'marks', weight: '100', trim: 0, levels: '优秀:100,称职:80,基本称职:60,不称职:0',
            outcomes: [{ level: '优秀', op: '>=', share: '0.6', outcome: '优秀' }, { level: '不称职', op: '>', share: '1/3', outcome: '不称职' }],
            groups: [{ name: '党员', weight: '0.6', raters: 10 }, { name: '群众代表', weight: '0.4', raters: 10 }] }}>
          <Space wrap align="start">
            <Form.Item name="title" label={t('people.ballots.titleField')} rules={[{ required: true, whitespace: true, message: t('people.persons.required') }]}><Input style={{ width: 200 }} data-testid="ballot-title" /></Form.Item>
            <Form.Item name="kind" label={t('people.ballots.kind')}><Select style={{ width: 200 }} data-testid="ballot-kind" options={(['marks', 'approval', 'levels'] as const).map((k) => ({ value: k, label: t(`people.kind.${k}`) }))} /></Form.Item>
            <Form.Item name="indicator" label={t('people.ballots.indicator')}><Select allowClear style={{ width: 160 }} placeholder={t('people.ballots.noIndicator')} options={scoreIndicators.map((d) => ({ value: d.id, label: d.name }))} /></Form.Item>
            {indicator && <Form.Item name="period" label={t('people.ballots.period')} rules={[{ required: true }]}><Select style={{ width: 120 }} options={(model?.periods ?? []).map((p) => ({ value: p, label: p }))} /></Form.Item>}
            {!indicator && <Form.Item name="weight" label={t('people.ballots.weight')}><Input style={{ width: 80 }} /></Form.Item>}
            {kind !== 'approval' && <Form.Item name="trim" label={t('people.ballots.trim')}><InputNumber min={0} max={20} /></Form.Item>}
            {kind === 'approval' && <Form.Item name="choose" label={t('people.ballots.choose')}><InputNumber min={1} /></Form.Item>}
            {kind === 'levels' && <Form.Item name="levels" label={t('people.ballots.levels')}><Input style={{ width: 300 }} /></Form.Item>}
          </Space>
          {kind === 'levels' && (
            <Form.List name="outcomes">
              {(fields, { add, remove }) => (
                <div data-testid="outcome-rules">
                  <Typography.Text strong>{t('people.ballots.outcomeRules')}</Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>{t('people.ballots.outcomeHint')}</Typography.Paragraph>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="baseline" data-testid={`outcome-${i}`}>
                      <Form.Item name={[f.name, 'level']} rules={[{ required: true, message: t('people.ballots.outcomeLevel') }]}>
                        <Select style={{ width: 130 }} placeholder={t('people.ballots.outcomeLevel')} options={levelNames.map((n) => ({ value: n, label: `${n}${t('people.ballots.votes')}` }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'op']}><Select style={{ width: 70 }} options={[{ value: '>=', label: '≥' }, { value: '>', label: '>' }]} /></Form.Item>
                      <Form.Item name={[f.name, 'share']} rules={[{ required: true, whitespace: true, message: t('people.ballots.outcomeShare') }]}><Input style={{ width: 90 }} placeholder="0.6 / 1/3" /></Form.Item>
                      <span>→</span>
                      <Form.Item name={[f.name, 'outcome']} rules={[{ required: true, whitespace: true, message: t('people.ballots.outcomeName') }]}><Input style={{ width: 120 }} placeholder={t('people.ballots.outcomeName')} /></Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('people.ballots.outcomeRemove')} />
                    </Space>
                  ))}
                  <div><Button type="dashed" size="small" onClick={() => add({ op: '>=', share: '', outcome: '' })} icon={<PlusOutlined />} style={{ marginBottom: 12 }}>{t('people.ballots.outcomeAdd')}</Button></div>
                </div>
              )}
            </Form.List>
          )}
          <Form.List name="groups">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('people.ballots.groupName')} style={{ width: 160 }} /></Form.Item>
                    <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}><Input placeholder={t('people.ballots.groupWeight')} style={{ width: 80 }} /></Form.Item>
                    <Form.Item name={[f.name, 'raters']} rules={[{ required: true }]}><InputNumber min={0} max={500} placeholder={t('people.ballots.raters')} data-testid={`ballot-raters-${f.name}`} /></Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ name: '', weight: '1', raters: 5 })} icon={<PlusOutlined />} style={{ marginBottom: 12 }}>{t('people.ballots.addGroup')}</Button>
              </>
            )}
          </Form.List>
          <div><Button type="primary" htmlType="submit" loading={busy === 'create'} data-testid="ballot-create">{t('people.ballots.create')}</Button></div>
        </Form>
        {links && <div style={{ marginTop: 12 }}><Typography.Paragraph type="warning">{t('people.ballots.created')}</Typography.Paragraph><RaterLinks links={links} /></div>}
      </Card>
      {(ballots.data?.ballots ?? []).length === 0 && !ballots.loading && <Empty description={t('people.ballots.empty')} />}
      {[...(ballots.data?.ballots ?? [])].reverse().map((b) => (
        <Card key={b.id} size="small" style={{ marginBottom: 16 }} data-testid="ballot" data-state={b.state}
          title={<Space>{b.title}<Tag>{t(`people.kind.${b.kind}`)}</Tag><Tag color={b.state === 'open' ? 'processing' : 'default'}>{t(`people.ballotState.${b.state}`)}</Tag>{b.indicatorName && <span>→ {b.indicatorName} {b.period}</span>}</Space>}
          extra={b.state === 'open' && b.selection === null && (
            <Popconfirm title={t('people.ballots.closeConfirm')} onConfirm={() => void close(b)} okButtonProps={{ 'data-testid': 'confirm-close-ballot' } as Record<string, string>}><Button danger loading={busy === `close${b.id}`} data-testid="close-ballot">{t('people.ballots.close')}</Button></Popconfirm>
          )}>
          {b.kind === 'levels' && b.outcomes.length > 0 && (
            <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="ballot-outcome-rules">
              {t('people.ballots.outcomeRules')}：{b.outcomes.map((o) => outcomeText(o, (lid) => b.levels.find((l) => l.id === lid)?.name ?? lid)).join('；')}
            </Typography.Paragraph>
          )}
          <Space wrap>{t('people.ballots.turnout')}：{b.turnout.map((g) => <Tag key={g.group}>{g.name}（{g.weight}）{t('people.ballots.cast')} {g.cast} / {t('people.ballots.issued')} {g.issued}</Tag>)}</Space>
          {b.result && (
            <Table<SubjectRow> rowKey="subject" size="small" pagination={false} style={{ marginTop: 8 }} dataSource={b.result} data-testid="ballot-result"
              onRow={(s) => ({ 'data-name': s.name } as HTMLAttributes<HTMLElement>)}
              columns={[
                { title: t('people.ballots.subject'), dataIndex: 'name' },
                { title: t('people.ballots.figure'), dataIndex: 'figure', render: (v: string | null) => v ?? '—' },
                ...(b.kind === 'approval' ? [{ title: t('people.ballots.share'), dataIndex: 'share', render: (v?: string) => v ?? '—' }] : []),
                ...(b.kind === 'levels' ? [
                  { title: t('people.ballots.levels'), key: 'ls', render: (_: unknown, s: SubjectRow) => b.levels.map((l) => `${l.name} ${s.levelShares?.[l.id] ?? '0'}`).join('；') },
                  { title: t('people.ballots.outcome'), dataIndex: 'outcome', render: (v?: string | null) => <span data-testid="ballot-outcome">{v ?? '—'}</span> },
                ] : []),
                { title: t('people.ballots.result'), key: 'x', render: (_: unknown, s: SubjectRow) => <span style={{ fontSize: 12 }}>{s.explain.zh}{s.explain.formula ? `：${s.explain.formula}` : ''}</span> },
              ]} />
          )}
        </Card>
      ))}
    </Page>
  );
}
