// Small tags for a period's state and a figure's verification status, the same everywhere.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FigureStatus, PeriodState } from '../api/types.ts';

const STATE_COLOR: Record<PeriodState, string> = { unopened: 'default', open: 'green', verification: 'gold', closed: '#8c8c8c' };
const STATUS_COLOR: Record<FigureStatus, string> = { pending: 'default', approved: 'success', returned: 'error' };

export function PeriodStateTag({ state }: { state: PeriodState | null | undefined }) {
  const { t } = useTranslation();
  if (!state) return null;
  return <Tag color={STATE_COLOR[state]} data-testid="period-state" data-state={state}>{t(`periodState.${state}`)}</Tag>;
}

export function FigureStatusTag({ status }: { status: FigureStatus | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  return <Tag color={STATUS_COLOR[status]} data-status={status} style={{ marginInlineEnd: 4 }}>{t(`figureStatus.${status}`)}</Tag>;
}
