// 结对: each pair with its units side by side, the winner marked, and the margin (or why there is
// none: a shared first place, or a win because the other side was vetoed).
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { CrownFilled } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PairResult, UnitResult } from '../api/types.ts';
import type { CampaignLookups } from '../hooks/useCampaign.ts';
import { FINAL, type BoardStatus } from '../lib/provisional.ts';
import { FlagTags } from './FlagTags.tsx';
import { ExplainText } from './ExplainText.tsx';
import { UnrankedTag } from './ProvisionalNotice.tsx';

// A pair where a unit has nothing counted yet has no winner (待定); before the period is closed a
// winner is the expected one (预计胜方).
export function PairBoard({ campaignId, pairs, units, lookups, period, status = FINAL }: {
  campaignId: string; pairs: PairResult[]; units: UnitResult[]; lookups: CampaignLookups; period: string; status?: BoardStatus;
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
        const undecided = p.units.some((u) => status.unranked(u) !== null);
        const winnerName = p.winner === null ? '' : lookups.unit.get(p.winner)?.name ?? p.winner;
        return (
          <Col key={p.pair} xs={24} md={12} xl={8}>
            <Card
              size="small"
              className="pair-card"
              data-pair={p.pair}
              title={p.units.map((id) => lookups.unit.get(id)?.name ?? id).join(' ⇄ ')}
              extra={
                undecided ? (
                  <Tag data-testid="pair-undecided">{t('provisional.undecided')}</Tag>
                ) : p.winner === null ? (
                  <Tag>{t('board.tie')}</Tag>
                ) : (
                  <Space size={4}>
                    <Tag color="red" icon={<CrownFilled />} data-provisional={status.provisional ? 'true' : undefined} style={status.provisional ? { borderStyle: 'dashed' } : undefined}>
                      {status.provisional ? t('provisional.expected', { name: t('board.winner') }) : t('board.winner')}: {winnerName}
                    </Tag>
                    <Tag>{t('board.margin')}: {p.margin === null ? t('board.vetoWin') : lookups.score(p.margin)}</Tag>
                  </Space>
                )
              }
            >
              {members.map((u) => (
                <div key={u.unit} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '4px 0' }}>
                  <Space>
                    {status.unranked(u.unit) ? null : <Typography.Text strong>{u.rank.pairs[p.pair]}</Typography.Text>}
                    <Link className={u.unit === p.winner && !undecided ? 'winner' : undefined} to={`/campaigns/${encodeURIComponent(campaignId)}/units/${encodeURIComponent(u.unit)}?period=${encodeURIComponent(period)}`}>
                      {lookups.unit.get(u.unit)?.name ?? u.unit}
                    </Link>
                    {!status.unranked(u.unit) && <FlagTags flags={u.flags} vetoed={u.vetoed} flagById={lookups.flag} provisional={status.provisional} />}
                  </Space>
                  {(() => {
                    const why = status.unranked(u.unit);
                    return why ? <UnrankedTag why={why} /> : <Typography.Text strong>{lookups.score(u.total)}</Typography.Text>;
                  })()}
                </div>
              ))}
              {p.explain && !undecided && <div style={{ marginTop: 8 }}><ExplainText explain={p.explain} /></div>}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
