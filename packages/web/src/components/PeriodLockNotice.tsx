// Above an entry form: the period's deadline, and why cells are locked when it is in verification
// or closed, or not yet open (the server refuses such writes with period_locked / period_not_open anyway).
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Period } from '../api/types.ts';
import { dateTime } from '../lib/format.ts';

export function PeriodLockNotice({ period }: { period: Period | undefined }) {
  const { t } = useTranslation();
  if (!period) return null;
  if (period.state === 'unopened') {
    return <Alert type="info" showIcon title={t('entry.lockedUnopened')} style={{ marginBottom: 12 }} data-testid="period-unopened" />;
  }
  if (period.state === 'closed') {
    return <Alert type="warning" showIcon title={t('entry.lockedClosed')} style={{ marginBottom: 12 }} data-testid="period-locked" />;
  }
  if (period.state === 'verification') {
    return <Alert type="warning" showIcon title={t('entry.lockedVerification')} style={{ marginBottom: 12 }} data-testid="period-verification" />;
  }
  if (period.deadline) {
    return (
      <Alert
        type={period.pastDeadline ? 'error' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={`${t('entry.deadline', { deadline: dateTime(period.deadline) })}${period.pastDeadline ? ` · ${t('periods.pastDeadline')}` : ''}`}
      />
    );
  }
  return null;
}
