// On the verification page of a person campaign: how many ledger entries [实绩台账] wait for this
// section (those of its key works; an organizer: all), with the way to the ledger's queue.
import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { listLedgerEntries } from '../api/ledger-entries.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useAsync } from '../hooks/useAsync.ts';
import { canVerifyLedger } from '../lib/permissions.ts';

export function LedgerQueueNotice({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const queue = useAsync(() => listLedgerEntries(campaignId, { state: 'pending' }), [campaignId]);
  if (!queue.data) return null;
  const count = queue.data.entries.filter((e) => canVerifyLedger(user, campaignId, e.indicator)).length;
  return (
    <Alert
      type={count > 0 ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="ledger-queue"
      title={t('personLedger.queue', { count })}
      action={<Link to={`/campaigns/${encodeURIComponent(campaignId)}/ledger?state=pending`} data-testid="ledger-queue-open">{t('personLedger.openQueue')}</Link>}
    />
  );
}
