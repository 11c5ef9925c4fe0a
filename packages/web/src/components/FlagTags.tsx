// A unit's flags as coloured tags, coloured by the flag rule (red flag red, yellow flag gold…),
// and its veto as a dark tag, so a vetoed unit is never mistaken for a low scorer.
import { Tag } from 'antd';
import { FlagFilled, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ModelFlag } from '../api/types.ts';
import { tagColor } from '../lib/format.ts';

export function FlagTags({ flags, vetoed, flagById }: { flags: string[]; vetoed?: boolean; flagById: Map<string, ModelFlag> }) {
  const { t } = useTranslation();
  return (
    <span className="flag-tags">
      {vetoed && (
        <Tag color="#262626" icon={<StopOutlined />} className="tag-vetoed">
          {t('board.vetoed')}
        </Tag>
      )}
      {flags.map((id) => {
        const f = flagById.get(id);
        return (
          <Tag key={id} color={tagColor(f?.color)} icon={<FlagFilled />} data-flag={id}>
            {f?.name ?? id}
          </Tag>
        );
      })}
    </span>
  );
}
