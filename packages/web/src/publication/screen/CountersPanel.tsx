// 数据概览: a few large counters from the latest published bulletin and the published history.
import { useSubjectTranslation } from '../../lib/subject.ts';
import type { KioskView } from '../../api/types.ts';

export function CountersPanel({ view }: { view: KioskView }) {
  const { t } = useSubjectTranslation();
  const c = view.latest?.content;
  if (!c) return null;
  const flagsAwarded = c.flags.reduce((n, f) => n + f.holders.length, 0);
  const counters: [string, number][] = [
    ['units', c.overall.length],
    ['groups', c.groups.length],
    ['periods', view.periods.length],
    ['flagsAwarded', flagsAwarded],
    ['commended', c.commendations.length],
    // accountability is left off public screens unless the campaign shows it (the content then has none)
    ...(c.actions.length > 0 ? [['actions', c.actions.length] as [string, number]] : []),
  ];
  return (
    <div className="scr-counters" data-testid="screen-counters">
      {counters.map(([key, n]) => (
        <div className="scr-counter" key={key} data-counter={key}>
          <div className="scr-counter-num">{n}</div>
          <div className="scr-counter-label">{t(`screen.${key}`)}</div>
        </div>
      ))}
    </div>
  );
}
