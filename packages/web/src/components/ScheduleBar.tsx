// 序时进度: how much of the year's target is done (the bar) against how much should be done by now
// (the dark marker at expected ÷ target). Green when ahead of schedule, orange when behind. The
// numbers come from the engine's result; the bar only draws them.
import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ValueIndicatorResult } from '../api/types.ts';
import { num, pct } from '../lib/format.ts';

const clamp = (x: number) => Math.max(0, Math.min(100, x));

export function ScheduleBar({ r }: { r: ValueIndicatorResult }) {
  const { t } = useTranslation();
  if (r.missing || r.target === undefined || r.target <= 0 || r.ytd === null || r.ytd === undefined) return <span>—</span>;
  const done = clamp((r.ytd / r.target) * 100);
  const due = r.expected !== undefined ? clamp((r.expected / r.target) * 100) : undefined;
  const ahead = r.ahead ?? (r.ratio !== undefined ? r.ratio >= 1 : true);
  const color = ahead ? '#52c41a' : '#fa8c16';
  return (
    <Tooltip title={`${t('board.ytd')} ${num(r.ytd)} / ${t('board.expected')} ${num(r.expected)} / ${t('board.target')} ${num(r.target)}`}>
      <div className="sched" data-ahead={ahead}>
        <div className="sched-track">
          <div className="sched-fill" style={{ width: `${done}%`, background: color }} />
          {due !== undefined && <div className="sched-marker" style={{ left: `${due}%` }} />}
        </div>
        <Typography.Text style={{ color, whiteSpace: 'nowrap' }}>
          {pct(r.ratio)} {ahead ? t('unit.ahead') : t('unit.behind')}
        </Typography.Text>
      </div>
    </Tooltip>
  );
}
