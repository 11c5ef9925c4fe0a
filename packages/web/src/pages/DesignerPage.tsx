// 竞赛方案设计: a guided editor of the campaign spec for organizers. It reads and writes the same YAML
// the text editor does (one more tab shows it), and every mistake is the engine's, shown on its
// field and counted on its tab, exactly as the server will judge it on saving. A new campaign starts
// from a model, from a copy of an earlier campaign, or blank.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, List, Modal, Row, Select, Space, Tabs, Typography } from 'antd';
import { CopyOutlined, FileTextOutlined, HistoryOutlined, SaveOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { parseSpec, type Issue } from '@leitai/engine';
import { createCampaign, getCampaign, getPeriods, listCampaigns, updateSpec } from '../api/endpoints.ts';
import { ApiError } from '../api/client.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { SpecTextEditor } from '../components/SpecTextEditor.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';
import { checkDraft, emptyDraft, fromYaml, toYaml, type DraftSpec } from '../designer/doc.ts';
import { campaignIdOf } from '../designer/ids.ts';
import { MODELS } from '../designer/models.ts';
import { diffSpecs } from '../designer/diff.ts';
import { DesignerContext, issueText } from '../components/designer/context.tsx';
import { BasicsSection } from '../components/designer/BasicsSection.tsx';
import { UnitsSection } from '../components/designer/UnitsSection.tsx';
import { IndicatorsSection } from '../components/designer/IndicatorsSection.tsx';
import { FlagsSection } from '../components/designer/FlagsSection.tsx';
import { RulesSection } from '../components/designer/RulesSection.tsx';

type TabKey = 'start' | 'basics' | 'units' | 'indicators' | 'flags' | 'rules' | 'text';

/** The tab an issue's path belongs to. */
function tabOf(path: string | undefined): TabKey {
  const head = (path ?? '').split(/[.[]/)[0];
  if (head === 'groups' || head === 'units' || head === 'pairs') return 'units';
  if (head === 'indicators') return 'indicators';
  if (head === 'flags' || head === 'summary') return 'flags';
  if (head === 'rules') return 'rules';
  return 'basics';
}

/** Where an issue is, named as the organizer knows it: 指标“固定资产投资”, 单位“青溪镇”. */
function whereOf(path: string | undefined, d: DraftSpec, t: (k: string) => string): string {
  const m = /^(groups|units|indicators|flags|rules)\[(\d+)\]/.exec(path ?? '');
  if (!m) return t(`designer.tabs.${tabOf(path)}`);
  const list = d[m[1]] as { name?: string }[] | undefined;
  const name = list?.[Number(m[2])]?.name ?? '';
  return `${t(`designer.where.${m[1]}`)}“${name}”`;
}

export function DesignerPage() {
  const { id } = useParams();
  const editing = id !== undefined;
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const existing = useAsync(() => (id ? getCampaign(id) : Promise.resolve(null)), [id ?? '']);
  const periods = useAsync(() => (id ? getPeriods(id) : Promise.resolve(null)), [id ?? '']);
  const campaigns = useAsync(() => (editing ? Promise.resolve(null) : listCampaigns()), [editing]);
  const settled = (periods.data?.periods ?? []).filter((p) => p.state !== 'open' && p.state !== 'unopened').map((p) => p.period);

  const [draft, setDraft] = useState<DraftSpec>(() => emptyDraft(new Date().getFullYear()));
  const [saved, setSaved] = useState<DraftSpec | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [tab, setTab] = useState<TabKey>(editing ? 'basics' : 'start');
  const [idAuto, setIdAuto] = useState(true);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [copyFrom, setCopyFrom] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!existing.data) return;
    const d = fromYaml(existing.data.specText);
    if (d) {
      setDraft(d);
      setSaved(structuredClone(d));
    }
  }, [existing.data]);

  const checked = useMemo(() => checkDraft(draft), [draft]);
  const issues = serverIssues.length > 0 ? serverIssues : checked.issues;
  const update = (change: (d: DraftSpec) => void) => {
    setServerIssues([]);
    setServerError(null);
    setDraft((prev) => {
      const next = structuredClone(prev);
      change(next);
      return next;
    });
  };
  const takenIds = new Set((campaigns.data?.campaigns ?? []).map((c) => c.id));
  const start = (d: DraftSpec, label: string) => {
    // a copy or a model gets an id of its own, from its name and year
    let cid = campaignIdOf(d.campaign.name, d.campaign.year);
    for (let n = 2; takenIds.has(cid); n++) cid = `${campaignIdOf(d.campaign.name, d.campaign.year)}-${n}`;
    d.campaign.id = cid;
    setIdAuto(true);
    setDraft(d);
    setLoaded(label);
    setTab('basics');
  };

  const countByTab = useMemo(() => {
    const m = new Map<TabKey, number>();
    for (const i of issues) m.set(tabOf(i.path), (m.get(tabOf(i.path)) ?? 0) + 1);
    return m;
  }, [issues]);

  const textIssues = useMemo(() => (tab === 'text' ? (() => { const r = parseSpec(text); return r.ok ? [] : r.issues; })() : []), [tab, text]);
  const issueLines = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const i of textIssues) if (i.line !== undefined) m.set(i.line, [...(m.get(i.line) ?? []), issueText(i, lang)]);
    return m;
  }, [textIssues, lang]);

  const changes = useMemo(() => (saved ? diffSpecs(saved, draft) : []), [saved, draft]);

  const save = async () => {
    setBusy(true);
    setServerError(null);
    try {
      const yaml = toYaml(draft);
      if (editing && id) {
        const r = await updateSpec(id, yaml);
        void message.success(t('designer.saved', { version: r.campaign.version }));
        setSaved(structuredClone(draft));
        setConfirming(false);
        existing.reload();
        navigate(`/campaigns/${encodeURIComponent(id)}/versions`);
      } else {
        const r = await createCampaign(yaml);
        void message.success(t('designer.created'));
        navigate(`/campaigns/${encodeURIComponent(r.campaign.id)}`);
      }
    } catch (e) {
      setConfirming(false);
      if (e instanceof ApiError && e.issues.length > 0) setServerIssues(e.issues);
      setServerError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const title = editing ? t('designer.editTitle') : t('designer.newTitle');
  const crumbs = editing
    ? [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: existing.data?.campaign.name ?? id, to: `/campaigns/${encodeURIComponent(id)}` }, { title: t('designer.editTitle') }]
    : [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: t('designer.newTitle') }];
  if (existing.error) return <Page crumbs={crumbs} title={title}><ErrorResult error={existing.error} /></Page>;

  const label = (key: TabKey) => {
    const n = countByTab.get(key) ?? 0;
    return <Badge count={n} size="small" offset={[8, -2]} data-testid={`tab-${key}-count`}><span data-testid={`tab-${key}`}>{t(`designer.tabs.${key}`)}</span></Badge>;
  };

  const startTab = (
    <div>
      <Typography.Paragraph>{t('designer.start.intro')}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {MODELS.map((m) => (
          <Col key={m.key} xs={24} md={12}>
            <Card
              size="small"
              title={lang === 'en' ? m.nameEn : m.name}
              extra={<Button type="primary" size="small" onClick={() => { const d = fromYaml(m.yaml(draft.campaign.year)); if (d) start(d, m.name); }} data-testid={`model-${m.key}`}>{t('designer.start.use')}</Button>}
            >
              <ul style={{ paddingLeft: 18, margin: 0 }}>
                {(lang === 'en' ? m.pointsEn : m.points).map((p) => <li key={p}>{p}</li>)}
              </ul>
            </Card>
          </Col>
        ))}
      </Row>
      <Space style={{ marginTop: 16 }} wrap>
        <Button onClick={() => { setDraft(emptyDraft(new Date().getFullYear())); setLoaded(null); setIdAuto(true); setTab('basics'); }} data-testid="start-blank">{t('designer.start.blank')}</Button>
        <span>{t('designer.start.copy')}</span>
        <Select
          style={{ width: 260 }}
          placeholder={t('designer.start.copyPick')}
          value={copyFrom}
          onChange={setCopyFrom}
          options={(campaigns.data?.campaigns ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.year}）` }))}
        />
        <Button
          icon={<CopyOutlined />}
          disabled={!copyFrom}
          onClick={() => {
            if (!copyFrom) return;
            void getCampaign(copyFrom).then((c) => { const d = fromYaml(c.specText); if (d) start(d, c.campaign.name); });
          }}
        >
          {t('designer.start.copyGo')}
        </Button>
      </Space>
    </div>
  );

  const items = [
    ...(editing ? [] : [{ key: 'start', label: label('start'), children: startTab }]),
    { key: 'basics', label: label('basics'), children: <BasicsSection idAuto={idAuto} setIdAuto={setIdAuto} idLocked={editing} /> },
    { key: 'units', label: label('units'), children: <UnitsSection /> },
    { key: 'indicators', label: label('indicators'), children: <IndicatorsSection /> },
    { key: 'flags', label: label('flags'), children: <FlagsSection /> },
    { key: 'rules', label: label('rules'), children: <RulesSection /> },
    {
      key: 'text', label: label('text'),
      children: (
        <div>
          <Typography.Paragraph type="secondary">{t('designer.text.hint')}</Typography.Paragraph>
          {textIssues.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('designer.text.invalid')} />}
          <SpecTextEditor
            value={text}
            issueLines={issueLines}
            onChange={(v) => {
              setText(v);
              const d = fromYaml(v);
              if (d) {
                setServerIssues([]);
                setDraft(d);
              }
            }}
          />
        </div>
      ),
    },
  ];

  return (
    <Page
      crumbs={crumbs}
      title={title}
      extra={
        <Space wrap>
          {editing && <Link to={`/campaigns/${encodeURIComponent(id)}/versions`}><Button icon={<HistoryOutlined />}>{t('designer.versions')}</Button></Link>}
          {editing && <Link to={`/campaigns/${encodeURIComponent(id)}/next-year`}><Button data-testid="open-next-year">{t('designer.nextYear')}</Button></Link>}
          <Link to={editing ? `/campaigns/${encodeURIComponent(id)}/spec` : '/campaigns/new'}><Button icon={<FileTextOutlined />}>{t('designer.textEditor')}</Button></Link>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={busy}
            disabled={tab === 'start' && !loaded && draft.units.length === 0}
            onClick={() => (editing ? setConfirming(true) : void save())}
            data-testid="designer-save"
          >
            {editing ? t('designer.save') : t('designer.create')}
          </Button>
        </Space>
      }
    >
      {editing && <CampaignNav campaignId={id} active="design" />}
      {loaded && <Alert type="info" showIcon closable style={{ marginBottom: 12 }} title={t('designer.start.chosen', { name: loaded })} />}
      {serverError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={serverError} data-testid="designer-error" />}
      <DesignerContext.Provider value={{ draft, update, issues, saved }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            if (k === 'text') setText(toYaml(draft));
            setTab(k as TabKey);
          }}
          items={items}
        />
      </DesignerContext.Provider>
      {tab !== 'start' && (
        <Card size="small" style={{ marginTop: 16 }} data-testid="designer-issues">
          {issues.length === 0 ? (
            <Typography.Text type="success" data-testid="designer-ok">{t('designer.noIssues')}</Typography.Text>
          ) : (
            <List
              size="small"
              header={<Typography.Text type="danger">{t('designer.issues', { count: issues.length })}</Typography.Text>}
              dataSource={issues.slice(0, 50)}
              renderItem={(i) => (
                <List.Item onClick={() => setTab(tabOf(i.path))} style={{ cursor: 'pointer' }}>
                  <Space align="start">
                    <Typography.Text type="secondary">{whereOf(i.path, draft, t)}</Typography.Text>
                    <span>{issueText(i, lang)}</span>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      <Modal
        open={confirming}
        title={t('designer.diff.title')}
        onCancel={() => setConfirming(false)}
        onOk={() => void save()}
        okText={t('designer.diff.confirm', { version: (existing.data?.campaign.version ?? 0) + 1 })}
        cancelText={t('designer.diff.cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: issues.length > 0, ...({ 'data-testid': 'designer-confirm' } as Record<string, string>) }}
      >
        {settled.length > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="spec-recompute-warning" title={t('spec.recomputeWarning', { periods: settled.join(lang === 'en' ? ', ' : '、') })} />
        )}
        <Typography.Text strong>{t('designer.diff.changes', { version: existing.data?.campaign.version ?? 1 })}</Typography.Text>
        <ul data-testid="designer-diff">
          {changes.length === 0 ? <li>{t('designer.diff.none')}</li> : changes.map((c) => <li key={c.zh}>{lang === 'en' ? c.en : c.zh}</li>)}
        </ul>
      </Modal>
    </Page>
  );
}
