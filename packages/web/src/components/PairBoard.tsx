// 结对: each pair with its units side by side, the winner marked, and the margin (or why there is
// none: a shared first place, or a win because the other side was vetoed).
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { CrownFilled } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PairResult, UnitResult } from '../api/types.ts';
import type { CampaignLookups } from '../hooks/useCampaign.ts';
import { FlagTags } from './FlagTags.tsx';
import { ExplainText } from './ExplainText.tsx';

export function PairBoard({ campaignId, pairs, units, lookups, period }: {
  campaignId: string; pairs: PairResult[]; units: UnitResult[]; lookups: CampaignLookups; period: string;
}) {
  const { t } = useTranslation();
  const byUnit = new Map(units.map((u) => [u.unit, u]));
  return (
    <Row gutter={[16, 16]} data-testid="pair-board">
      {pairs.map((p) => {
        const members = p.units
          .map((id) => byUnit.get(id))
          .filter((u): u is UnitResult => !!u)
          .sort((a, b) => (a.rank.pairs[p.pair] ?? 0) - (b.rank.pairs[p.pair] ?? 0));
        return (
          <Col key={p.pair} xs={24} md={12} xl={8}>
            <Card
              size="small"
              className="pair-card"
              data-pair={p.pair}
              title={p.units.map((id) => lookups.unit.get(id)?.name ?? id).join(' ⇄ ')}
              extra={
                p.winner === null ? (
                  <Tag>{t('board.tie')}</Tag>
                ) : (
                  <Space size={4}>
                    <Tag color="red" icon={<CrownFilled />}>{t('board.winner')}: {lookups.unit.get(p.winner)?.name ?? p.winner}</Tag>
                    <Tag>{t('board.margin')}: {p.margin === null ? t('board.vetoWin') : lookups.score(p.margin)}</Tag>
                  </Space>
                )
              }
            >
              {members.map((u) => (
                <div key={u.unit} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '4px 0' }}>
                  <Space>
                    <Typography.Text strong>{u.rank.pairs[p.pair]}</Typography.Text>
                    <Link className={u.unit === p.winner ? 'winner' : undefined} to={`/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(u.unit)}?period=${encodeURIComponent(period)}`}>
                      {lookups.unit.get(u.unit)?.name ?? u.unit}
                    </Link>
                    <FlagTags flags={u.flags} vetoed={u.vetoed} flagById={lookups.flag} />
                  </Space>
                  <Typography.Text strong>{lookups.score(u.total)}</Typography.Text>
                </div>
              ))}
              {p.explain && <div style={{ marginTop: 8 }}><ExplainText explain={p.explain} /></div>}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
