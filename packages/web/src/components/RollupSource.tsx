// Where a rolled-up figure [上下联动] comes from, shown beside it: "来自 青溪镇2026年度村级擂台赛 · 2026-06",
// linking to that campaign's period; before the lower campaign has closed a period, which campaign will feed it.
import { Typography } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { RollupCell } from '../hooks/useRollups.ts';

export function RollupSource({ cell, unit, indicator }: { cell: RollupCell; unit: string; indicator: string }) {
  const { t } = useTranslation();
  const { link, value } = cell;
  const to = `/campaigns/${encodeURIComponent(link.sourceCampaign.id)}${value ? `?period=${encodeURIComponent(value.sourcePeriod)}` : ''}`;
  return (
    <div className="rollup-source" data-rollup-source={`${unit}/${indicator}`} style={{ fontSize: 12 }}>
      <ApartmentOutlined />{' '}
      <Link to={to} title={link.description}>
        {value ? t('rollups.from', { name: link.sourceCampaign.name, period: value.sourcePeriod }) : t('rollups.fromPending', { name: link.sourceCampaign.name })}
      </Link>
      {value?.outcome === 'correction' && <Typography.Text type="warning"> {t('rollups.awaitsCorrection', { value: value.value })}</Typography.Text>}
    </div>
  );
}
