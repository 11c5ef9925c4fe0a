// Over the leaderboard once a period is in verification or closed: which figures are not verified
// yet (the result leaves them out until they are approved).
import { Alert, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PeriodState, Unverified } from '../api/types.ts';
import type { CampaignLookups } from '../hooks/useCampaign.ts';

const SHOWN = 12;

export function UnverifiedBanner({ state, unverified, lookups }: {
  state: PeriodState | null | undefined; unverified: Unverified[] | undefined; lookups: CampaignLookups;
}) {
  const { t } = useTranslation();
  if (!state || state === 'open' || !unverified || unverified.length === 0) return null;
  const name = (u: Unverified) =>
    `${lookups.unit.get(u.unit)?.name ?? u.unit} · ${lookups.indicator.get(u.indicator)?.name ?? u.indicator}`;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="unverified-banner"
      title={t('results.unverifiedVerification', { state: t(`periodState.${state}`), count: unverified.length })}
      description={
        <div>
          {unverified.slice(0, SHOWN).map((u) => (
            <Tag key={`${u.unit}/${u.indicator}`} color={u.status === 'returned' ? 'red' : 'gold'} data-unverified={`${u.unit}/${u.indicator}`}>
              {name(u)}（{t(`figureStatus.${u.status}`)}）
            </Tag>
          ))}
          {unverified.length > SHOWN && <Typography.Text type="secondary">{t('results.more', { count: unverified.length - SHOWN })}</Typography.Text>}
        </div>
      }
    />
  );
}
