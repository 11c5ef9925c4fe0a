// How a page shows a failed load: the API's own message (already in the interface language).
import { Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

export function ErrorResult({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return (
      <Result
        status={error.status === 403 ? '403' : '404'}
        title={error.status === 403 ? t('common.forbidden') : t('common.notFound')}
        subTitle={error.message}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.error')}
      description={error.message}
      action={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
