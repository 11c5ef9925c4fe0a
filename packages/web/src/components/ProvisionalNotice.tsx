// Over every signed-in board while its period is not closed: the results are provisional (预计).
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PeriodState } from '../api/types.ts';

export function ProvisionalNotice({ period, state }: { period: string | null | undefined; state: PeriodState | null | undefined }) {
  const { t } = useTranslation();
  if (!period || state === 'closed') return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="provisional-banner"
      title={t('provisional.banner', { period })}
      description={state ? t('provisional.bannerState', { state: t(`periodState.${state}`) }) : undefined}
    />
  );
}

/** 未报 / 待审核 in place of a rank or a score, for a unit with nothing counted yet. */
export function UnrankedTag({ why }: { why: 'notReported' | 'pendingReview' }) {
  const { t } = useTranslation();
  return (
    <Tag color={why === 'notReported' ? 'orange' : 'gold'} title={t('provisional.unrankedHint')} data-unranked={why} style={{ marginInlineEnd: 0 }}>
      {t(`provisional.${why}`)}
    </Tag>
  );
}
