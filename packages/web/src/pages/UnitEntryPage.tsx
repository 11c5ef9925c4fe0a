// One unit's reporting form for a period (the reporter's form). Per indicator: the value, last
// period's figure, the target, the schedule and the score the engine would give, live as the user
// types; an explanation when the figure falls behind schedule or jumps against last period (the
// form does not submit without it; the server refuses it anyway); evidence files. Submitting saves
// every changed figure at once (all or nothing). A reporter may open only their own unit's form:
// for any other unit the form is not rendered at all (and the API would refuse the figures anyway).
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Result, Select, Space, Spin, Statistic, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { saveFigures, type FigureItem } from '../api/endpoints.ts';
import { ApiError } from '../api/client.ts';
import type { ModelIndicator } from '../api/types.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useEntryPeriod } from '../hooks/useEntryPeriod.ts';
import { usePeriods } from '../hooks/usePeriods.ts';
import { useFormPreview } from '../hooks/useFormPreview.ts';
import { useUnitEvidence } from '../hooks/useUnitEvidence.ts';
import { useUnsavedWarning } from '../hooks/useUnsavedWarning.ts';
import { PeriodLockNotice } from '../components/PeriodLockNotice.tsx';
import { PeriodStateTag } from '../components/StatusTags.tsx';
import { cellKey, cellMessage, useFigureEntry } from '../hooks/useFigureEntry.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useLang } from '../i18n/LocaleProvider.tsx';
import { canEnterCell, periodAllowsEdit, canSeeUnitEntry } from '../lib/permissions.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { IndicatorEntry } from '../components/IndicatorEntry.tsx';
import { indicatorsOfUnit } from '../lib/applies.ts';
import { useRollups } from '../hooks/useRollups.ts';
import { subjectWords } from '../lib/subject.ts';

type ByIndicator = Record<string, string>;

export function UnitEntryPage() {
  const { id = '', unitId = '' } = useParams();
  const { t } = useTranslation();
  const { lang } = useLang();
  const { message, modal } = AntApp.useApp();
  const { user } = useAuth();
  const allowed = !!user && canSeeUnitEntry(user, id, unitId);
  const campaign = useCampaign(id);
  const model = campaign.data?.model;
  const { period, setPeriod } = useEntryPeriod(model);
  // never ask for figures the user may not see: no request, no form
  const periods = usePeriods(id);
  const entry = useFigureEntry(id, allowed ? period : undefined, periods.reload);
  const rollups = useRollups(id);
  const evidence = useUnitEvidence(id, unitId, period, allowed);

  // what the user typed, over what is stored (undefined: untouched)
  const [drafts, setDrafts] = useState<ByIndicator>({});
  const [notes, setNotes] = useState<ByIndicator>({});
  // the server's word on the last submit: explanations it asked for, values it refused
  const [serverNeeds, setServerNeeds] = useState<ByIndicator>({});
  const [submitErrors, setSubmitErrors] = useState<Record<string, string[]>>({});
  const [submitting, setSubmitting] = useState(false);
  const [forPeriod, setForPeriod] = useState(period);
  if (forPeriod !== period) {
    // another period: forget the edits of the previous one (render-time reset)
    setForPeriod(period);
    setDrafts({});
    setNotes({});
    setServerNeeds({});
    setSubmitErrors({});
  }

  const periodInfo = period ? periods.byKey.get(period) : undefined;
  // (spec 1.1) only the indicators the unit's group is assessed on
  const indicators = model ? indicatorsOfUnit(model, unitId) : [];
  const figureOf = (ind: ModelIndicator) => entry.figures.get(cellKey(unitId, ind.id));
  // a figure fed from a lower campaign [上下联动] is not typed here (the server refuses it too)
  const rollupOf = (ind: ModelIndicator) => rollups.cell(unitId, ind.id, period ?? undefined);
  const editable = (ind: ModelIndicator) => !!user && !rollupOf(ind) && canEnterCell(user, id, unitId, ind.id, ind.input) && periodAllowsEdit(user, periodInfo?.state, figureOf(ind)?.status, id);
  const valueOf = (ind: ModelIndicator) => drafts[ind.id] ?? figureOf(ind)?.value ?? '';
  const noteOf = (ind: ModelIndicator) => notes[ind.id] ?? figureOf(ind)?.explanation ?? '';
  const valueChanged = (ind: ModelIndicator) => drafts[ind.id] !== undefined && drafts[ind.id].trim() !== (figureOf(ind)?.value ?? '');
  const noteChanged = (ind: ModelIndicator) => notes[ind.id] !== undefined && notes[ind.id].trim() !== (figureOf(ind)?.explanation ?? '');
  const changed = (ind: ModelIndicator) => editable(ind) && (valueChanged(ind) || (noteChanged(ind) && valueOf(ind).trim() !== ''));

  // the preview scores the typed values in place of the stored ones
  const values: Record<string, string | null> = {};
  for (const ind of indicators) if (editable(ind) && valueChanged(ind)) values[ind.id] = drafts[ind.id].trim() === '' ? null : drafts[ind.id].trim();
  const live = useFormPreview(id, unitId, period, values, allowed && entry.ready);
  const preview = live.preview;

  const needOf = (ind: ModelIndicator) => (valueOf(ind).trim() !== '' ? preview?.indicators[ind.id]?.needsExplanation ?? null : null);
  const lacking = indicators.filter((ind) => changed(ind) && valueOf(ind).trim() !== '' && ind.input === 'value'
    && (preview?.explanationRequired ?? false) && (needOf(ind) !== null || serverNeeds[ind.id] !== undefined) && noteOf(ind).trim() === '');
  const pendingChanges = indicators.filter(changed);
  useUnsavedWarning(pendingChanges.length);
  // another period drops what was typed for this one: ask first
  const choosePeriod = (next: string) => {
    if (pendingChanges.length === 0 || next === period) {
      setPeriod(next);
      return;
    }
    modal.confirm({
      title: t('form.discardTitle'),
      content: t('form.discardBody', { count: pendingChanges.length, period }),
      okText: t('form.discardOk'),
      okButtonProps: { danger: true },
      onOk: () => setPeriod(next),
    });
  };

  const submit = async () => {
    if (!period) return;
    const items: FigureItem[] = [];
    const clears: ModelIndicator[] = [];
    for (const ind of pendingChanges) {
      const value = valueOf(ind).trim();
      if (value === '') {
        if (figureOf(ind)) clears.push(ind);
        continue;
      }
      items.push({ unit: unitId, indicator: ind.id, period, value, version: figureOf(ind)?.version ?? null, explanation: noteOf(ind).trim() || null });
    }
    if (items.length === 0 && clears.length === 0) {
      message.info(t('form.nothingChanged'));
      return;
    }
    setSubmitting(true);
    try {
      // one request: stored and cleared together, all or nothing
      await saveFigures(id, items, clears.map((ind) => ({ unit: unitId, indicator: ind.id, period, version: figureOf(ind)?.version ?? null })));
      message.success(t('form.submitted', { count: items.length + clears.length }));
      setDrafts({});
      setNotes({});
      setServerNeeds({});
      setSubmitErrors({});
      entry.reload();
      periods.reload();
      evidence.reload();
      live.reload();
    } catch (e) {
      if (e instanceof ApiError) {
        // each issue names the figure it is about
        const needs: ByIndicator = {};
        const errors: Record<string, string[]> = {};
        for (const issue of e.issues) {
          const indicator = issue.unit === unitId ? issue.indicator : undefined;
          if (!indicator) continue;
          if (e.code === 'explanation_required') needs[indicator] = cellMessage(issue, lang);
          else errors[indicator] = [...(errors[indicator] ?? []), cellMessage(issue, lang)];
        }
        setServerNeeds(needs);
        setSubmitErrors(errors);
        if (e.code === 'conflict') entry.reload();
        if (e.code === 'period_locked') periods.reload();
      }
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSubmitting(false);
    }
  };

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const unitName = campaign.lookups?.unit.get(unitId)?.name ?? unitId;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('nav.entry'), to: `${base}/entry` },
    { title: unitName },
  ];
  const words = subjectWords(t, campaign.lookups?.subject);
  const title = words.entryFor(unitName);

  if (!allowed) {
    return (
      <Page crumbs={crumbs} title={t('entry.title')}>
        <Result status="403" title={t('common.forbidden')} subTitle={words.forbidden} data-testid="entry-forbidden" />
      </Page>
    );
  }
  const error = campaign.error ?? entry.error ?? periods.error ?? evidence.error;
  if (error) return <Page crumbs={crumbs} title={title}><ErrorResult error={error} /></Page>;
  if (!model || !user || !period || !entry.ready || !periods.data) return <Page crumbs={crumbs} title={title}><Spin /></Page>;
  if (!campaign.lookups?.unit.has(unitId)) return <Page crumbs={crumbs} title={title}><Result status="404" title={t('common.notFound')} /></Page>;
  const { score } = campaign.lookups;

  const anyEditable = indicators.some(editable);
  return (
    <Page
      crumbs={crumbs}
      title={title}
      extra={
        <Space>
          <Typography.Text>{t('board.period')}</Typography.Text>
          <PeriodStateTag state={periodInfo?.state} />
          <Select style={{ minWidth: 130 }} value={period} onChange={choosePeriod} options={model.periods.map((p) => ({ value: p, label: p }))} data-testid="form-period" />
        </Space>
      }
    >
      <CampaignNav campaignId={id} active="entry" />
      <PeriodLockNotice period={periodInfo} />
      <Card
        style={{ maxWidth: 960 }}
        data-testid="unit-entry-form"
        title={<Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>{t('form.previewHint')}</Typography.Text>}
        extra={
          <Space size={24} data-testid="preview-total" data-preview={live.pending ? 'pending' : preview ? 'ready' : 'none'}>
            <Statistic title={t('form.total')} value={preview ? score(preview.total) : '—'} loading={!preview && live.pending} />
            {preview && <Typography.Text type="secondary">{t('form.rank', { group: preview.rank.group, all: preview.rank.all })}</Typography.Text>}
          </Space>
        }
      >
        {live.error && <Alert type="warning" showIcon title={live.error.message} style={{ marginBottom: 12 }} />}
        {indicators.map((ind) => {
          const can = editable(ind);
          return (
            <IndicatorEntry
              key={`${period}/${ind.id}`}
              unit={unitId}
              indicator={ind}
              figure={figureOf(ind)}
              value={valueOf(ind)}
              note={noteOf(ind)}
              editable={can}
              rollup={rollupOf(ind)}
              changed={changed(ind)}
              preview={preview?.indicators[ind.id]}
              score={score}
              previousPeriod={preview?.previousPeriod ?? null}
              previewPending={live.pending}
              explanationRequired={preview?.explanationRequired ?? false}
              serverNeed={serverNeeds[ind.id]}
              errors={[...(live.issues.get(ind.id) ?? []).map((i) => cellMessage(i, lang)), ...(submitErrors[ind.id] ?? [])]}
              evidence={evidence.byIndicator.get(ind.id) ?? []}
              onValue={(text) => setDrafts((d) => ({ ...d, [ind.id]: text }))}
              onNote={(text) => setNotes((n) => ({ ...n, [ind.id]: text }))}
              onAttach={can ? (file) => evidence.attach(ind.id, file) : undefined}
              onRemove={can ? (evidenceId) => evidence.remove(evidenceId) : undefined}
            />
          );
        })}
        {anyEditable && (
          <div className="form-submit">
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={submitting}
              disabled={lacking.length > 0 || pendingChanges.length === 0}
              onClick={() => void submit()}
              data-testid="form-submit"
            >
              {t('form.submit')}
            </Button>
            {lacking.length > 0 && <Typography.Text type="warning" data-testid="form-blocked">{t('form.blocked', { count: lacking.length })}</Typography.Text>}
            {lacking.length === 0 && pendingChanges.length > 0 && <Typography.Text type="secondary">{t('form.unsaved')}</Typography.Text>}
          </div>
        )}
      </Card>
    </Page>
  );
}
