// One unit's entry form for a period. A reporter may open only their own unit's form: for any
// other unit the form is not rendered at all (and the API would refuse the figures anyway).
import { Card, Form, Result, Select, Space, Spin, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useEntryPeriod } from '../hooks/useEntryPeriod.ts';
import { usePeriods } from '../hooks/usePeriods.ts';
import { PeriodLockNotice } from '../components/PeriodLockNotice.tsx';
import { PeriodStateTag } from '../components/StatusTags.tsx';
import { cellKey, useFigureEntry } from '../hooks/useFigureEntry.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { canEnterCell, periodAllowsEdit, canSeeUnitEntry } from '../lib/permissions.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { FigureCell } from '../components/FigureCell.tsx';

export function UnitEntryPage() {
  const { id = '', unitId = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const allowed = !!user && canSeeUnitEntry(user, id, unitId);
  const campaign = useCampaign(id);
  const model = campaign.data?.model;
  const { period, setPeriod } = useEntryPeriod(model);
  // never ask for figures the user may not see: no request, no form
  const periods = usePeriods(id);
  const entry = useFigureEntry(id, allowed ? period : undefined, periods.reload);

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const unitName = campaign.lookups?.unit.get(unitId)?.name ?? unitId;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('nav.entry'), to: `${base}/entry` },
    { title: unitName },
  ];
  const title = t('entry.formTitle', { unit: unitName });

  if (!allowed) {
    return (
      <Page crumbs={crumbs} title={t('entry.title')}>
        <Result status="403" title={t('common.forbidden')} subTitle={t('entry.forbidden')} data-testid="entry-forbidden" />
      </Page>
    );
  }
  const error = campaign.error ?? entry.error ?? periods.error;
  if (error) return <Page crumbs={crumbs} title={title}><ErrorResult error={error} /></Page>;
  if (!model || !user || !period || !entry.ready || !periods.data) return <Page crumbs={crumbs} title={title}><Spin /></Page>;
  if (!campaign.lookups?.unit.has(unitId)) return <Page crumbs={crumbs} title={title}><Result status="404" title={t('common.notFound')} /></Page>;

  const periodInfo = periods.byKey.get(period);
  return (
    <Page
      crumbs={crumbs}
      title={title}
      extra={
        <Space>
          <Typography.Text>{t('board.period')}</Typography.Text>
          <PeriodStateTag state={periodInfo?.state} />
          <Select style={{ minWidth: 130 }} value={period} onChange={setPeriod} options={model.periods.map((p) => ({ value: p, label: p }))} />
        </Space>
      }
    >
      <CampaignNav campaignId={id} active="entry" />
      <PeriodLockNotice period={periodInfo} />
      <Card style={{ maxWidth: 720 }} data-testid="unit-entry-form">
        <Form layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 16 }}>
          {model.indicators.map((ind) => {
            const k = cellKey(unitId, ind.id);
            return (
              <Form.Item
                key={`${period}/${ind.id}`}
                label={`${ind.name}（${t(`inputKind.${ind.input}`)}${ind.measure ? ` · ${ind.measure}` : ''}）`}
              >
                <FigureCell
                  unit={unitId}
                  indicator={ind}
                  figure={entry.figures.get(k)}
                  state={entry.cells.get(k)}
                  editable={canEnterCell(user, id, unitId, ind.id, ind.input) && periodAllowsEdit(user, periodInfo?.state, entry.figures.get(k)?.status)}
                  onSave={(text) => void entry.save(unitId, ind.id, text)}
                />
              </Form.Item>
            );
          })}
        </Form>
      </Card>
    </Page>
  );
}
