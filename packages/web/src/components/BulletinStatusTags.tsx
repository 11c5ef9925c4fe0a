// A bulletin's status at a glance: draft or published, and for a published one whether it is the
// current version of its period or was superseded by a correction. The content hash, shortened.
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BulletinSummary } from '../api/types.ts';

/** `main`: the tags of the bulletin the page is about (test ids), not of a row in a list */
export function BulletinStatusTags({ bulletin: b, main }: { bulletin: BulletinSummary; main?: boolean }) {
  const { t } = useTranslation();
  const id = (x: string) => (main ? x : undefined);
  if (b.status === 'draft') return <Tag color="gold" data-testid={id('bulletin-status')} data-status="draft">{t('bulletins.draft')}</Tag>;
  return (
    <span>
      <Tag color="green" data-testid={id('bulletin-status')} data-status="published">{t('bulletins.published')}</Tag>
      {b.current ? <Tag color="red" data-testid={id('bulletin-current')}>{t('bulletins.current')}</Tag> : <Tag>{t('bulletins.superseded')}</Tag>}
    </span>
  );
}

export function HashText({ hash, full }: { hash: string | null; full?: boolean }) {
  if (!hash) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={hash}>
      <Typography.Text code copyable={{ text: hash }} className="bulletin-hash" data-testid="bulletin-hash">
        {full ? hash : `${hash.slice(0, 12)}…`}
      </Typography.Text>
    </Tooltip>
  );
}
