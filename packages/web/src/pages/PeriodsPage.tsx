// 考核期 (organizer): every period of the campaign with its reporting state (未开启 / 填报中 / 已截止 /
// 已关闭) and its verification / publication state, the deadline, the moves 开启 → verification →
// closed (and reopen), each confirmed first; and the 催报 list of units that have not reported —
// starting on the current period — with reminders that land in their inboxes.
import { useState, type HTMLAttributes } from 'react';
import { App as AntApp, Badge, Button, Card, DatePicker, Empty, Popconfirm, Progress, Space, Spin, Table, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getMissing, sendReminders, updatePeriod } from '../api/endpoints.ts';
import type { MissingReport, Period, PeriodState } from '../api/types.ts';
import { useCampaign } from '../hooks/useCampaign.ts';
import { useSubjectTranslation } from '../lib/subject.ts';
import { usePeriods } from '../hooks/usePeriods.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { canManagePeriods } from '../lib/permissions.ts';
import { Page } from '../layout/Page.tsx';
import { CampaignNav } from '../layout/CampaignNav.tsx';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { dateTime } from '../lib/format.ts';

/** The moves a period in this state offers, in the order shown. */
const MOVES: Record<PeriodState, { to: PeriodState; label: string; confirm: string; danger?: boolean }[]> = {
  unopened: [{ to: 'open', label: 'periods.open', confirm: 'periods.confirmOpen' }],
  open: [{ to: 'verification', label: 'periods.startVerification', confirm: 'periods.confirmVerification' }],
  verification: [
    { to: 'open', label: 'periods.reopen', confirm: 'periods.confirmReopen' },
    { to: 'closed', label: 'periods.close', confirm: 'periods.confirmClose', danger: true },
  ],
  closed: [],
};

const REPORTING_COLOR: Record<PeriodState, string> = { unopened: 'default', open: 'green', verification: 'orange', closed: '#8c8c8c' };

/** The period the page starts on: the first open one (still being reported), else the latest started, else the first. */
function currentPeriod(list: Period[]): string | undefined {
  const open = list.find((p) => p.state === 'open');
  if (open) return open.period;
  return list.filter((p) => p.state !== 'unopened').at(-1)?.period ?? list[0]?.period;
}

export function PeriodsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { user } = useAuth();
  const campaign = useCampaign(id);
  const periods = usePeriods(id);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);

  const list = periods.data?.periods ?? [];
  // the 催报 list follows the chosen period; at first the current one (the first open, else the
  // latest started, else the first), kept when that period moves on so the list does not jump away
  if (selected === undefined && list.length > 0) setSelected(currentPeriod(list));
  const current = selected;

  const base = `/campaigns/${encodeURIComponent(id)}`;
  const crumbs = [
    { title: t('nav.campaigns'), to: '/campaigns' },
    { title: campaign.data?.campaign.name ?? id, to: base },
    { title: t('periods.title') },
  ];
  const error = campaign.error ?? periods.error;
  if (error) return <Page crumbs={crumbs} title={t('periods.title')}><ErrorResult error={error} onRetry={periods.reload} /></Page>;
  if (!canManagePeriods(user, id)) return <Page crumbs={crumbs} title={t('periods.title')}><ErrorResult error={new Error(t('common.forbidden'))} /></Page>;

  const run = async (key: string, fn: () => Promise<unknown>, ok: string) => {
    setBusy(key);
    try {
      await fn();
      message.success(ok);
      periods.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const move = (p: Period, to: PeriodState) =>
    run(`${p.period}/${to}`, () => updatePeriod(id, p.period, { state: to }), t('periods.moved', { period: p.period, state: t(`periodState.${to}`) }));
  const setDeadline = (p: Period, d: Dayjs | null) =>
    run(`${p.period}/deadline`, () => updatePeriod(id, p.period, { deadline: d ? d.toISOString() : null }), t('periods.deadlineSaved'));

  return (
    <Page crumbs={crumbs} title={t('periods.title')}>
      <CampaignNav campaignId={id} active="periods" />
      {!periods.data ? <Spin /> : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Table<Period>
              rowKey="period"
              size="small"
              pagination={false}
              dataSource={list}
              data-testid="periods-table"
              onRow={(p) => ({ 'data-period': p.period, onClick: () => setSelected(p.period), style: { cursor: 'pointer' } } as HTMLAttributes<HTMLElement>)}
              rowClassName={(p) => (p.period === current ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('board.period'), dataIndex: 'period', width: 110, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
                {
                  title: t('periods.reportingState'), key: 'state', width: 100,
                  render: (_: unknown, p) => <Tag color={REPORTING_COLOR[p.state]} data-testid="period-state" data-state={p.state}>{t(`periods.reporting.${p.state}`)}</Tag>,
                },
                {
                  title: t('periods.deadline'), key: 'deadline', width: 280,
                  render: (_: unknown, p) => (
                    <Space size={4} onClick={(e) => e.stopPropagation()}>
                      <DatePicker
                        showTime={{ format: 'HH:mm' }}
                        format="YYYY-MM-DD HH:mm"
                        size="small"
                        value={p.deadline ? dayjs(p.deadline) : null}
                        disabled={p.state === 'closed' || busy === `${p.period}/deadline`}
                        placeholder={t('periods.noDeadline')}
                        onChange={(d) => void setDeadline(p, d)}
                      />
                      {p.pastDeadline && <Tag color="red">{t('periods.pastDeadline')}</Tag>}
                    </Space>
                  ),
                },
                {
                  title: t('periods.progress'), key: 'progress', width: 180,
                  render: (_: unknown, p) => (
                    <Progress
                      size="small"
                      percent={p.expected ? Math.round((p.reported / p.expected) * 100) : 0}
                      format={() => `${p.reported}/${p.expected}`}
                    />
                  ),
                },
                {
                  title: t('periods.reviewState'), key: 'counts', width: 340,
                  render: (_: unknown, p) => p.state === 'unopened' && p.reported === 0 ? <Typography.Text type="secondary">—</Typography.Text> : (
                    <Space orientation="vertical" size={2} data-testid="period-review" data-review={p.state} data-bulletin={p.bulletin}>
                      <Space size={8} style={{ whiteSpace: 'nowrap' }}>
                        <Tag color={p.state === 'verification' ? 'gold' : p.state === 'closed' ? 'green' : 'default'}>{t(`periods.reviewing.${p.state}`)}</Tag>
                        <Tag color={p.bulletin === 'published' ? 'blue' : 'default'}>{t(`periods.bulletin.${p.bulletin}`)}</Tag>
                      </Space>
                      <Space size={12} style={{ whiteSpace: 'nowrap' }}>
                        <Badge status="processing" text={`${t('periods.pending')} ${p.pending}`} />
                        <Badge status="error" text={`${t('periods.returned')} ${p.returned}`} />
                        <Badge status="warning" text={`${t('periods.late')} ${p.late}`} />
                      </Space>
                    </Space>
                  ),
                },
                {
                  title: t('periods.actions'), key: 'actions',
                  render: (_: unknown, p) => (
                    <Space onClick={(e) => e.stopPropagation()}>
                      {MOVES[p.state].map((m) => (
                        <Popconfirm
                          key={m.to}
                          title={t(m.label)}
                          description={<div style={{ maxWidth: 320 }}>{t(m.confirm, { period: p.period, deadline: p.deadline ? t('periods.confirmOpenDeadline', { deadline: dateTime(p.deadline) }) : t('periods.confirmOpenNoDeadline') })}</div>}
                          onConfirm={() => move(p, m.to)}
                          okButtonProps={{ danger: m.danger, 'data-testid': 'confirm-move' }}
                        >
                          <Button size="small" danger={m.danger} type={(m.to === 'verification' && p.reported > 0) || m.to === 'open' && p.state === 'unopened' ? 'primary' : 'default'}
                            loading={busy === `${p.period}/${m.to}`} data-testid={`move-${p.period}-${m.to}`}>
                            {t(m.label)}
                          </Button>
                        </Popconfirm>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          {current && periods.byKey.get(current)?.state === 'unopened' ? (
            <Card size="small" title={t('periods.missingTitle', { period: current })} data-testid="missing-card">
              <Empty description={t('periods.notOpenYet', { period: current })} image={Empty.PRESENTED_IMAGE_SIMPLE} data-testid="missing-unopened" />
            </Card>
          ) : current && <MissingCard campaignId={id} period={current} onSent={periods.reload} />}
        </Space>
      )}
    </Page>
  );
}

function MissingCard({ campaignId, period, onSent }: { campaignId: string; period: string; onSent: () => void }) {
  const campaign = useCampaign(campaignId);
  // a person campaign's list names persons: 本期所有人员都已报齐, 人员
  const { t } = useSubjectTranslation(campaign.lookups?.subject);
  const { message } = AntApp.useApp();
  const missing = useAsync(() => getMissing(campaignId, period), [campaignId, period]);
  const [sending, setSending] = useState<string | null>(null);
  const rows = missing.data?.missing ?? [];
  const indicatorName = campaign.lookups?.indicator;

  const send = async (units: string[] | undefined, key: string) => {
    setSending(key);
    try {
      const r = await sendReminders(campaignId, period, units ? { units } : {});
      message.success(t('periods.sent', { count: r.sent }));
      missing.reload();
      onSent();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(null);
    }
  };

  return (
    <Card
      size="small"
      title={t('periods.missingTitle', { period })}
      data-testid="missing-card"
      extra={rows.length > 0 && (
        <Popconfirm title={t('periods.remindAll')} description={t('periods.confirmRemind', { count: rows.length })} onConfirm={() => send(undefined, '*')}
          okButtonProps={{ 'data-testid': 'confirm-remind' }}>
          <Button type="primary" icon={<BellOutlined />} loading={sending === '*'} data-testid="remind-all">{t('periods.remindAll')}</Button>
        </Popconfirm>
      )}
    >
      {missing.error ? <ErrorResult error={missing.error} onRetry={missing.reload} /> : !missing.data ? <Spin /> : rows.length === 0 ? (
        <Empty description={t('periods.missingNone')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table<MissingReport>
          rowKey="unit"
          size="small"
          pagination={false}
          dataSource={rows}
          data-testid="missing-table"
          onRow={(m) => ({ 'data-unit': m.unit } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('periods.unit'), dataIndex: 'name', width: 160 },
            {
              title: t('periods.missingIndicators'), key: 'ind',
              render: (_: unknown, m) => m.indicators.map((i) => <Tag key={i}>{indicatorName?.get(i)?.name ?? i}</Tag>),
            },
            { title: t('periods.reminded'), dataIndex: 'reminded', width: 90, align: 'center', render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : '—') },
            {
              title: t('periods.actions'), key: 'a', width: 100,
              render: (_: unknown, m) => (
                <Button size="small" icon={<BellOutlined />} loading={sending === m.unit} onClick={() => void send([m.unit], m.unit)}>
                  {t('periods.remindOne')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

