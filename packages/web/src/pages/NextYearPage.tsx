// 下一年度: this campaign copied into the next year — groups, units, pairs, indicators, flags, summary
// and rules — with targets raised per indicator by the rule the organizer picks (this year's target
// × a factor, or this year's actual figure × a factor), previewed unit by unit before anything is created.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { createCampaign, getCampaign, getResults } from '../api/endpoints.ts';
import { ApiError } from '../api/client.ts';
import { Page } from '../layout/Page.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';
import { checkDraft, fromYaml, toYaml } from '../designer/doc.ts';
import { hasTargets, nextYear, type RaiseRule, type TargetPreview } from '../designer/next-year.ts';
import { issueText } from '../components/designer/context.tsx';

export function NextYearPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const source = useAsync(async () => {
    const c = await getCampaign(id);
    const results = await getResults(id);
    // this year's actual figures: the year-to-date figures of the latest period with results
    const actuals: Record<string, Record<string, string>> = {};
    for (const u of results.result?.units ?? []) {
      for (const [ind, r] of Object.entries(u.indicators)) {
        const ytd = 'ytd' in r ? r.ytd : undefined;
        if (ytd !== undefined && ytd !== null) (actuals[ind] ??= {})[u.unit] = String(ytd);
      }
    }
    return { campaign: c, doc: fromYaml(c.specText), actuals, period: results.period };
  }, [id]);

  const [year, setYear] = useState<number | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [rules, setRules] = useState<Record<string, RaiseRule>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const doc = source.data?.doc ?? null;
  const newYear = year ?? (doc ? doc.campaign.year + 1 : 0);
  const result = useMemo(() => {
    if (!doc || !source.data) return null;
    const r = nextYear(doc, { year: newYear, rules, actuals: source.data.actuals });
    if (name !== null) r.doc.campaign.name = name;
    return r;
  }, [doc, source.data, newYear, rules, name]);
  const checked = useMemo(() => (result ? checkDraft(result.doc) : null), [result]);

  const crumbs = [{ title: t('nav.campaigns'), to: '/campaigns' }, { title: source.data?.campaign.campaign.name ?? id, to: `/campaigns/${encodeURIComponent(id)}` }, { title: t('designer.next.title') }];
  if (source.error) return <Page crumbs={crumbs} title={t('designer.next.title')}><ErrorResult error={source.error} /></Page>;
  if (!doc || !result) return <Page crumbs={crumbs} title={t('designer.next.title')}><Card loading /></Page>;

  const unitName = (u: string) => doc.units.find((x) => x.id === u)?.name ?? u;
  const targeted = doc.indicators.filter((i) => hasTargets(i) && i.target !== undefined);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await createCampaign(toYaml(result.doc));
      void message.success(t('designer.next.created', { name: r.campaign.name }));
      navigate(`/campaigns/${encodeURIComponent(r.campaign.id)}/design`);
    } catch (e) {
      setError(e instanceof ApiError && e.issues.length > 0 ? e.issues.map((i) => issueText(i, lang)).join('；') : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page crumbs={crumbs} title={t('designer.next.title')}>
      <Typography.Paragraph>{t('designer.next.intro')}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('designer.next.year')}><InputNumber value={newYear} min={1900} max={9999} onChange={(v) => setYear(v)} data-testid="next-year" /></Form.Item>
        <Form.Item label={t('designer.next.name')}><Input value={result.doc.campaign.name} style={{ width: 320 }} onChange={(e) => setName(e.target.value)} data-testid="next-name" /></Form.Item>
      </Form>
      {source.data?.period && <Typography.Paragraph type="secondary">{t('designer.next.actualAt', { period: source.data.period })}</Typography.Paragraph>}
      {targeted.length === 0 && <Alert type="info" showIcon title={t('designer.next.noTargets')} style={{ marginBottom: 12 }} />}
      {targeted.map((ind) => {
        const rule = rules[ind.id] ?? { kind: 'keep' };
        const rows = result.preview.filter((p) => p.indicator === ind.id);
        return (
          <Card key={ind.id} size="small" style={{ marginBottom: 12 }} data-testid={`next-${ind.id}`}
            title={ind.name}
            extra={
              <Space>
                <span>{t('designer.next.rule')}</span>
                <Select
                  value={rule.kind}
                  style={{ width: 170 }}
                  onChange={(k: RaiseRule['kind']) => setRules({ ...rules, [ind.id]: k === 'keep' ? { kind: 'keep' } : { kind: k, factor: 'factor' in rule ? rule.factor : '1.1' } })}
                  options={[{ value: 'keep', label: t('designer.next.keep') }, { value: 'target', label: t('designer.next.byTarget') }, { value: 'actual', label: t('designer.next.byActual') }]}
                  data-testid={`next-${ind.id}-rule`}
                />
                {rule.kind !== 'keep' && (
                  <Input value={rule.factor} style={{ width: 80 }} aria-label={t('designer.next.factor')}
                    onChange={(e) => setRules({ ...rules, [ind.id]: { ...rule, factor: e.target.value } })} data-testid={`next-${ind.id}-factor`} />
                )}
              </Space>
            }
          >
            <Table<TargetPreview>
              size="small"
              rowKey="unit"
              pagination={false}
              dataSource={rows}
              columns={[
                { title: t('designer.next.unit'), key: 'u', render: (_: unknown, r) => unitName(r.unit) },
                { title: t('designer.next.before'), dataIndex: 'before' },
                { title: t('designer.next.actual'), key: 'a', render: (_: unknown, r) => r.actual ?? '—' },
                { title: t('designer.next.after'), key: 'n', render: (_: unknown, r) => <span data-testid={`next-${ind.id}-${r.unit}`}>{r.after ?? '—'}{r.fallback && <Typography.Text type="secondary">（{t('designer.next.noActual')}）</Typography.Text>}</span> },
              ]}
            />
          </Card>
        );
      })}
      {checked && checked.issues.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={checked.issues.map((i) => issueText(i, lang)).join('；')} />}
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="next-error" />}
      <Button type="primary" loading={busy} disabled={!!checked && checked.issues.length > 0} onClick={() => void create()} data-testid="next-create">
        {t('designer.next.create', { year: newYear })}
      </Button>
    </Page>
  );
}
