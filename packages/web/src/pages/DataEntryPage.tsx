// 数据填报: a grid for one period, rows = units, columns = indicators. Cells a user may not fill
// are disabled; a reporter gets only their own unit's row (the API returns only that row's
// figures and refuses the rest anyway).
import type { HTMLAttributes } from 'react';
import { Alert, Card, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useEntryPeriod } from '../hooks/useEntryPeriod.ts';
import { usePeriods } from '../hooks/usePeriods.ts';
import { PeriodLockNotice } from '../components/PeriodLockNotice.tsx';
import { PeriodStateTag } from '../components/StatusTags.tsx';
import { cellKey, useFigureEntry } from '../hooks/useFigureEntry.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { canEnterCell, periodAllowsEdit, visibleUnits } from '../lib/permissions.ts';
import type { ModelUnit } from '../api/types.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { appliesToGroup } from '../lib/applies.ts';
import { FigureCell } from '../components/FigureCell.tsx';
import { UploadPanel } from '../components/UploadPanel.tsx';
import { useRollups } from '../hooks/useRollups.ts';
import { usePersons } from '../hooks/usePersons.ts';
import { subjectWords } from '../lib/subject.ts';

export function DataEntryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const model = campaign.data?.model;
  const { period, setPeriod } = useEntryPeriod(model);
  const periods = usePeriods(id);
  const entry = useFigureEntry(id, period, periods.reload);
  const rollups = useRollups(id);
  // a person campaign says 人员 and shows each person's unit and post under the name
  const persons = usePersons(model?.subject === 'person');
  const words = subjectWords(t, model?.subject);

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('nav.entry') },
  ];
  const error = campaign.error ?? entry.error ?? periods.error;
  if (error) return <Page crumbs={crumbs} title={t('entry.title')}><ErrorResult error={error} onRetry={entry.reload} /></Page>;
  if (!model || !user || !period || !periods.data) return <Page crumbs={crumbs} title={t('entry.title')}><Spin /></Page>;

  const periodInfo = periods.byKey.get(period);
  const mine = visibleUnits(user, id);
  const rows = model.units.filter((u) => mine === null || mine.has(u.id));
  // the import panel is for whoever may enter some figure (the server builds their own template)
  const canUpload = rows.some((u) => model.indicators.some((ind) => appliesToGroup(ind, u.group) && canEnterCell(user, id, u.id, ind.id, ind.input)));
  const groupName = new Map(model.groups.map((g) => [g.id, g.name]));

  return (
    <Page
      crumbs={crumbs}
      title={t('entry.title')}
      extra={
        <Space>
          <Typography.Text>{t('board.period')}</Typography.Text>
          <PeriodStateTag state={periodInfo?.state} />
          <Select
            style={{ minWidth: 130 }}
            value={period}
            onChange={setPeriod}
            data-testid="entry-period"
            options={model.periods.map((p) => ({ value: p, label: model.reportedPeriods.includes(p) ? `${p} ✓` : p }))}
          />
        </Space>
      }
    >
      <CampaignNav campaignId={id} active="entry" />
      {periodInfo?.state !== 'closed' && <Alert type="info" showIcon title={t('entry.hint')} style={{ marginBottom: 12 }} />}
      <PeriodLockNotice period={periodInfo} />
      {canUpload && (
        <UploadPanel
          campaignId={id}
          period={period}
          model={model}
          canUpload={periodInfo?.state !== 'closed'}
          onSaved={() => {
            entry.reload();
            periods.reload();
          }}
        />
      )}
      <Card size="small">
        <Table<ModelUnit>
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          loading={entry.loading}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          data-testid="entry-grid"
          onRow={(u) => ({ 'data-unit': u.id } as HTMLAttributes<HTMLElement>)}
          columns={[
            {
              title: words.subject, key: 'unit', fixed: 'left', width: 160,
              render: (_: unknown, u) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong className="entry-unit-name">{u.name}</Typography.Text>
                  {u.person !== undefined && persons.has(u.person) && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="entry-person-post">
                      {t('personLedger.words.unitOf', { unit: persons.get(u.person)?.unit, post: t(`people.post.${persons.get(u.person)?.post}`) })}
                    </Typography.Text>
                  )}
                  <Space size={6}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{groupName.get(u.group) ?? u.group}</Typography.Text>
                    <Link to={`${base}/units/${encodeURIComponent(u.id)}/entry?period=${encodeURIComponent(period)}`} style={{ fontSize: 12 }}>
                      <FormOutlined /> {t('entry.openForm')}
                    </Link>
                  </Space>
                </Space>
              ),
            },
            ...model.indicators.map((ind) => ({
              title: (
                <Space orientation="vertical" size={0}>
                  <span>{ind.name}</span>
                  <Tag style={{ marginInlineEnd: 0 }} color={ind.input === 'value' ? 'blue' : ind.input === 'score' ? 'purple' : 'orange'}>
                    {t(`inputKind.${ind.input}`)}{ind.measure ? ` · ${ind.measure}` : ''}
                  </Tag>
                </Space>
              ),
              key: ind.id,
              width: 140,
              render: (_: unknown, u: ModelUnit) => {
                // (spec 1.1) an indicator the unit's group is not assessed on has no cell
                if (!appliesToGroup(ind, u.group)) {
                  return <span className="entry-cell-na" data-na-cell={`${u.id}/${ind.id}`} title={words.notApplicableHint} style={{ color: 'rgba(0,0,0,.45)' }}>{t('entry.notApplicable')}</span>;
                }
                const k = cellKey(u.id, ind.id);
                const rollup = rollups.cell(u.id, ind.id, period);
                return (
                  <FigureCell
                    key={`${period}/${k}`}
                    unit={u.id}
                    indicator={ind}
                    figure={entry.figures.get(k)}
                    state={entry.cells.get(k)}
                    editable={canEnterCell(user, id, u.id, ind.id, ind.input) && periodAllowsEdit(user, periodInfo?.state, entry.figures.get(k)?.status, id)}
                    rollup={rollup}
                    onSave={(text) => void entry.save(u.id, ind.id, text)}
                    formHref={`${base}/units/${encodeURIComponent(u.id)}/entry?period=${encodeURIComponent(period)}`}
                  />
                );
              },
            })),
          ]}
        />
      </Card>
    </Page>
  );
}
