// 试算: a sample figure typed beside the indicator, scored by the engine in the browser under the
// indicator as it is being edited, with the engine's explanation. Nothing is stored.
import { useMemo, useState } from 'react';
import { Alert, Card, Input, Select, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkData, evaluate, type IndicatorResult } from '@leitai/engine';
import { checkDraft, periodsOf, type DIndicator } from '../../designer/doc.ts';
import { applicableUnits } from '../../designer/next-year.ts';
import { useLang } from '../../i18n/LocaleProvider.tsx';
import { issueText, useDesigner } from './context.tsx';

export function ScorePreview({ ind }: { ind: DIndicator }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { draft } = useDesigner();
  const units = applicableUnits(draft, ind);
  const periods = periodsOf(draft.campaign.year, draft.campaign.cadence);
  const [unit, setUnit] = useState<string | undefined>(undefined);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const [figure, setFigure] = useState('');
  const u = unit && units.includes(unit) ? unit : units[0];
  const p = period && periods.includes(period) ? period : periods[Math.floor((periods.length - 1) / 2)];

  // the campaign with this indicator alone: another indicator's mistake does not stop the trial
  const checked = useMemo(
    () => checkDraft({ ...draft, campaign: { ...draft.campaign, tie_break: undefined }, indicators: [ind], flags: [], rules: [], summary: undefined }),
    [draft, ind],
  );
  const outcome = useMemo(() => {
    if (!checked.spec || !u || !p || figure.trim() === '') return null;
    const data = checkData(checked.spec, [{ unit: u, indicator: ind.id, period: p, value: figure.trim(), row: 2 }]);
    if (!data.ok) return { error: data.issues.map((i) => issueText(i, lang)).join('；') };
    const r = evaluate(checked.spec, data.value, { period: p, explain: true });
    const res = r.units.find((x) => x.unit === u)?.indicators[ind.id] as IndicatorResult | undefined;
    return res ? { res } : { error: t('designer.preview.notApplicable') };
  }, [checked, u, p, figure, ind.id, lang, t]);

  const ownIssues = checked.issues.filter((i) => i.path?.startsWith('indicators[0]') || i.path?.startsWith('campaign') || i.path?.startsWith('units') || i.path?.startsWith('groups'));
  return (
    <Card size="small" title={t('designer.preview.title')} data-testid="score-preview">
      {!checked.spec ? (
        <Alert type="info" showIcon title={t('designer.preview.invalid')} description={ownIssues.slice(0, 3).map((i) => issueText(i, lang)).join('；')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select value={u} style={{ width: 160 }} onChange={setUnit} options={units.map((id) => ({ value: id, label: draft.units.find((x) => x.id === id)?.name ?? id }))} aria-label={t('designer.preview.unit')} />
            <Select value={p} style={{ width: 120 }} onChange={setPeriod} options={periods.map((x) => ({ value: x, label: x }))} aria-label={t('designer.preview.period')} />
          </Space>
          <Input
            value={figure}
            onChange={(e) => setFigure(e.target.value)}
            placeholder={t('designer.preview.figure')}
            suffix={ind.measure}
            data-testid="preview-figure"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('designer.preview.figureHint')}</Typography.Text>
          {outcome && 'error' in outcome && <Alert type="error" showIcon title={outcome.error} data-testid="preview-error" />}
          {outcome && 'res' in outcome && outcome.res && (
            <div data-testid="preview-result">
              <Statistic title={t('designer.preview.score')} value={outcome.res.score} />
              {outcome.res.explain && (
                <Typography.Paragraph style={{ marginTop: 8 }} data-testid="preview-explain">
                  {lang === 'en' ? outcome.res.explain.en : outcome.res.explain.zh}
                  {outcome.res.explain.formula && <><br /><Typography.Text code>{outcome.res.explain.formula}</Typography.Text></>}
                </Typography.Paragraph>
              )}
              {ind.input === 'value' && (ind.method === 'best' || ind.method === 'range' || ind.method === 'rank') && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('designer.preview.alone')}</Typography.Text>
              )}
            </div>
          )}
        </Space>
      )}
    </Card>
  );
}
