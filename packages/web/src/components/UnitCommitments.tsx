// A unit's commitments on its page (issue 16 item 1): each with its state and, once evaluated, the verdict per
// item with its reason and the penalty it carried into the unit's total (indicator and period).
import { Card, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { listCommitments } from '../api/ledgers.ts';
import { useAsync } from '../hooks/useAsync.ts';
import { StatusTag } from '../pages/CommitmentsPage.tsx';

export function UnitCommitments({ campaignId, unitId }: { campaignId: string; unitId: string }) {
  const { t } = useTranslation();
  const list = useAsync(() => listCommitments(campaignId, unitId), [campaignId, unitId]);
  const rows = list.data?.commitments ?? [];
  if (rows.length === 0) return null;
  return (
    <Card title={t('commit.unitCard')} data-testid="unit-commitments">
      {rows.map((c) => (
        <div key={c.id} data-commitment={c.id} style={{ marginBottom: 8 }}>
          <Link to={`/campaigns/${encodeURIComponent(campaignId)}/commitments/${c.id}`}>{c.title}</Link> <StatusTag status={c.status} />
          {c.penalty && <Tag color="red" data-testid="unit-commitment-penalty">{t('commit.penaltyDone', { count: c.penalty.count, indicator: c.penalty.indicatorName, period: c.penalty.period })}</Tag>}
          {c.items.filter((i) => i.verdict && i.verdict !== 'fulfilled').map((i) => (
            <div key={i.id} className="unit-commitment-reason" style={{ marginLeft: 16 }}>{i.text}：{t(`commit.verdicts.${i.verdict!}`)}（{i.verdictReason}）</div>
          ))}
        </div>
      ))}
    </Card>
  );
}
