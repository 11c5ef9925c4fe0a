// 督查问责: the accountability actions the rules produced for this period (督办/约谈/提醒…),
// each with the rule's own name and the engine's reason sentence.
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ActionResult } from '../api/types.ts';
import type { CampaignLookups } from '../hooks/useCampaign.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';

const ACTION_COLOR: Record<string, string> = { supervision: 'volcano', interview: 'red', reminder: 'gold', review: 'purple' };

export function ActionsList({ campaignId, actions, lookups, provisional = false, hideUnit = false }: {
  campaignId: string; actions: ActionResult[]; lookups: CampaignLookups;
  /** the period is not closed: every action is expected (预计), not issued */
  provisional?: boolean;
  /** one unit's actions (the unit page): no unit column */
  hideUnit?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { lang } = useLang();
  return (
    <Table<ActionResult>
      rowKey={(a) => `${a.rule}/${a.unit}`}
      size="small"
      pagination={actions.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      dataSource={actions}
      data-testid="actions-table"
      locale={{ emptyText: t('board.noActions') }}
      columns={[
        {
          title: t('board.action'), key: 'action', width: 130,
          render: (_: unknown, a) => {
            const name = i18n.exists(`actionKinds.${a.action}`) ? t(`actionKinds.${a.action}`) : a.action;
            return (
              <Tag color={ACTION_COLOR[a.action] ?? 'default'} data-action={a.action} data-provisional={provisional ? 'true' : undefined}
                style={provisional ? { borderStyle: 'dashed' } : undefined}>
                {provisional ? t('provisional.expected', { name }) : name}
              </Tag>
            );
          },
        },
        { title: t('board.rule'), key: 'rule', width: 140, render: (_: unknown, a) => lookups.rule.get(a.rule)?.name ?? a.rule },
        ...(hideUnit ? [] : [{
          title: t('board.unit'), key: 'unit', width: 140,
          render: (_: unknown, a: ActionResult) => (
            <Link to={`/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(a.unit)}?period=${encodeURIComponent(a.period)}`}>
              {lookups.unit.get(a.unit)?.name ?? a.unit}
            </Link>
          ),
        }]),
        { title: t('board.reason'), key: 'reason', render: (_: unknown, a) => <span className="action-reason">{lang === 'en' && a.explain ? a.explain.en : a.reason}</span> },
      ]}
    />
  );
}
