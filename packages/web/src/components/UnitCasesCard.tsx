// A unit's cases on its page (issue 15 item 2): the open ones with their due dates first, then the
// history; each links to the case. Shown to whoever may read the unit's cases (the server filters).
import { Card, Empty, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { getCases, type Case } from '../api/cases.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { CASE_STATE_COLOR, DueTag } from '../pages/CasesPage.tsx';

export function UnitCasesCard({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { t } = useTranslation();
  const list = useAsync(() => getCases(campaignId, { unit: unitId }), [campaignId, unitId]);
  if (list.error) return null;
  const open = (c: Case) => c.state !== 'closed' && c.state !== 'escalated';
  const rows = [...(list.data?.cases ?? [])].sort((a, b) => Number(open(b)) - Number(open(a)));
  const base = `/campaigns/${encodeURIComponent(campaignId)}`;
  return (
    <Card size="small" title={t('cases.unitCases')} data-testid="unit-cases">
      <Table<Case>
        rowKey="id" size="small" pagination={{ pageSize: 10, hideOnSinglePage: true }} loading={list.loading} dataSource={rows}
        locale={{ emptyText: <Empty description={t('cases.noUnitCases')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        onRow={(c) => ({ 'data-case': c.id, 'data-state': c.state } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('cases.number'), key: 'n', render: (_: unknown, c) => <Link to={`${base}/cases/${c.id}`}>{c.number}</Link> },
          { title: t('cases.kind'), dataIndex: 'kindName' },
          { title: t('cases.period'), key: 'p', render: (_: unknown, c) => c.period ?? '—' },
          { title: t('cases.state'), key: 's', render: (_: unknown, c) => <Tag color={CASE_STATE_COLOR[c.state]}>{t(`cases.states.${c.state}`)}</Tag> },
          { title: t('cases.due'), key: 'd', render: (_: unknown, c) => (open(c) ? <DueTag c={c} /> : '—') },
        ]}
      />
    </Card>
  );
}
