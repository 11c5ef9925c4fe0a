// 流动红旗 / the flag wall: one card per flag, one line per scope (group, pair or all units) with
// who holds it now — marked when they kept it or won it this period — and who lost it.
import { useTranslation } from 'react-i18next';
import type { BulletinFlag } from '../../api/types.ts';
import { flagCss, names } from '../format.ts';

export interface FlagCard { flag: string; name: string; color: string | null; part: number; scopes: BulletinFlag[] }

/** How much of a page a card takes, in lines of ~47 px; a column holds about 16, a page three columns. Estimated on
 *  the safe side: a line whose holders and scope do not fit on one line wraps, a loss adds a line. */
export const FLAG_PAGE_LINES = 36;
const MAX_CARD_LINES = 12;
const HEAD_LINES = 1.8;
const scopeLines = (s: BulletinFlag) => 1 + (names(s.holders).length + s.scopeName.length > 14 ? 0.7 : 0) + (s.lost.length > 0 ? 0.6 : 0);
const cardLines = (c: FlagCard) => HEAD_LINES + c.scopes.reduce((n, s) => n + scopeLines(s), 0);

/** The flags of a bulletin as cards (one per flag, split when very long), in pages that fit the screen. */
export function flagPages(flags: BulletinFlag[]): FlagCard[][] {
  const cards: FlagCard[] = [];
  for (const f of flags) {
    const last = cards.at(-1);
    if (last && last.flag === f.flag && cardLines(last) + scopeLines(f) <= MAX_CARD_LINES) last.scopes.push(f);
    else cards.push({ flag: f.flag, name: f.name, color: f.color, part: last && last.flag === f.flag ? last.part + 1 : 1, scopes: [f] });
  }
  const pages: FlagCard[][] = [];
  let lines = 0;
  for (const c of cards) {
    const n = cardLines(c);
    if (pages.length === 0 || lines + n > FLAG_PAGE_LINES) {
      pages.push([]);
      lines = 0;
    }
    pages[pages.length - 1].push(c);
    lines += n;
  }
  return pages;
}

export function FlagWallPanel({ cards }: { cards: FlagCard[] }) {
  const { t } = useTranslation();
  return (
    <div className="scr-flagwall" data-testid="screen-flags">
      {cards.map((c) => (
        <div className="scr-flag-card" key={`${c.flag}/${c.part}`} style={{ borderTopColor: flagCss(c.color) }} data-flag={c.flag}>
          <div className="scr-flag-head">
            <span className="scr-flag-icon" style={{ color: flagCss(c.color) }}>⚑</span>
            <span className="scr-flag-name">{c.name}{c.part > 1 ? t('screen.continued') : ''}</span>
          </div>
          {c.scopes.map((s) => {
            const kept = s.holders.length > 0 && s.kept.length === s.holders.length;
            return (
              <div className="scr-flag-line" key={s.scope} data-scope={s.scope}>
                <div className="scr-flag-holders">
                  <span className="holders">{names(s.holders)}</span>
                  {kept && <span className="scr-mark kept">{t('screen.kept')}</span>}
                  {s.won.length > 0 && <span className="scr-mark won">{t('screen.won')}</span>}
                  <span className="scr-flag-scope">{s.scopeName}</span>
                </div>
                {s.lost.length > 0 && <div className="scr-flag-lost">{t('screen.lost', { names: names(s.lost) })}</div>}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
