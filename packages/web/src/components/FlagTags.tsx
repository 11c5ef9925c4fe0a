// A unit's flags as coloured tags, coloured by the flag rule (red flag red, yellow flag gold…),
// and its veto as a dark tag, so a vetoed unit is never mistaken for a low scorer. While the period
// is not closed a flag is expected, not awarded: it says 预计 and is drawn dashed.
import { Tag } from 'antd';
import { FlagFilled, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ModelFlag } from '../api/types.ts';
import { tagColor } from '../lib/format.ts';

export function FlagTags({ flags, vetoed, flagById, provisional = false }: {
  flags: string[]; vetoed?: boolean; flagById: Map<string, ModelFlag>; provisional?: boolean;
}) {
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
        const name = f?.name ?? id;
        return (
          <Tag key={id} color={tagColor(f?.color)} icon={<FlagFilled />} data-flag={id} data-provisional={provisional ? 'true' : undefined}
            variant={provisional ? 'outlined' : undefined} style={provisional ? { borderStyle: 'dashed' } : undefined}>
            {provisional ? t('provisional.expected', { name }) : name}
          </Tag>
        );
      })}
    </span>
  );
}

/** A year grade, as 预计 while the period is not closed. */
export function GradeTag({ name, provisional = false, style }: { name: string; provisional?: boolean; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Tag color="blue" data-grade={name} data-provisional={provisional ? 'true' : undefined}
      style={{ ...style, ...(provisional ? { borderStyle: 'dashed' } : {}) }}>
      {provisional ? t('provisional.expected', { name }) : name}
    </Tag>
  );
}
