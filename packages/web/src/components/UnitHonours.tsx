// A unit's honours across years from the honours register (matched by the unit's name, as its other
// years are), 蝉联 marked. Shown on the unit page; nothing when it has none.
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { request } from '../api/client.ts';
import type { Honour } from '../api/people.ts';
import { useAsync } from '../hooks/useAsync.ts';

export function UnitHonours({ unitName }: { unitName: string }) {
  const { t } = useTranslation();
  const list = useAsync(() => request<{ honours: Honour[] }>(`/honours?unit=${encodeURIComponent(unitName)}`), [unitName]);
  const honours = list.data?.honours ?? [];
  if (honours.length === 0) return null;
  return (
    <Space wrap size={4} data-testid="unit-honours">
      <span>{t('people.person.honours')}：</span>
      {honours.map((h) => (
        <Tag key={h.id} color={h.streak > 1 ? 'gold' : undefined} title={h.citation}>
          {h.year} {h.honour}{h.category ? `·${h.category}` : ''}{h.streak > 1 ? `（${t('people.person.streak', { n: h.streak })}）` : ''}
        </Tag>
      ))}
    </Space>
  );
}
