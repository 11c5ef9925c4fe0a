// 龙虎榜 on the big screen: for each single indicator, the leaders (龙) and the laggards (虎).
import { useTranslation } from 'react-i18next';
import type { BulletinCategory, BulletinItemRow } from '../../api/types.ts';
import { useScore } from '../format.ts';

export const CATEGORY_PAGE = 4;
export type ScreenIndicator = BulletinCategory['indicators'][number] & { category: string };

function Items({ rows, kind }: { rows: BulletinItemRow[]; kind: 'leaders' | 'laggards' }) {
  const score = useScore();
  const { t } = useTranslation();
  return (
    <ol className={`scr-items ${kind}`}>
      {rows.map((r) => (
        <li key={r.unit} data-unit={r.unit} data-tied={r.tied ? '1' : undefined}>
          <span className="scr-item-rank">{r.rank}</span><span className="scr-item-name">{r.name}{r.tied && <span className="scr-item-tie">{t('screen.tie')}</span>}</span><span className="scr-item-score">{score(r.score)}</span>
        </li>
      ))}
    </ol>
  );
}

export function CategoriesPanel({ indicators }: { indicators: ScreenIndicator[] }) {
  const { t } = useTranslation();
  return (
    <div className="scr-categories" data-testid="screen-categories">
      {indicators.map((ind) => (
        <div className="scr-cat-card" key={ind.id} data-indicator={ind.id}>
          <div className="scr-card-title">{ind.name}{ind.category && <span className="scr-cat-name">{ind.category}</span>}</div>
          <div className="scr-cat-body">
            <div><div className="scr-cat-label dragon">{t('screen.leaders')}</div><Items rows={ind.leaders} kind="leaders" /></div>
            <div><div className="scr-cat-label tiger">{t('screen.laggards')}</div><Items rows={ind.laggards} kind="laggards" /></div>
          </div>
        </div>
      ))}
    </div>
  );
}
