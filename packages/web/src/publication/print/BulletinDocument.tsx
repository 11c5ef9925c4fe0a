// A bulletin laid out as an official document (GB/T 9704 style): the issuing organ's name in red
// with the document number and a red line under it, the title, the organizer's paragraphs, the
// numbered sections with their tables, the organizer and date, and a QR code to the phone page.
// Plain HTML and CSS (print.css), so that it prints the same from any browser.
import type { ReactNode } from 'react';
import { SubjectContext, useSubjectTranslation } from '../../lib/subject.ts';
import type { Bulletin, BulletinItemRow, BulletinRankRow } from '../../api/types.ts';
import { publicQrUrl } from '../../api/endpoints.ts';
import { bulletinSections, documentDate, fixed, names, phoneUrl, sectionNumber, type SectionKey } from '../format.ts';
import { Delta } from '../Delta.tsx';

export function BulletinDocument({ bulletin }: { bulletin: Bulletin }) {
  const { t, i18n } = useSubjectTranslation(bulletin.content.campaign.subject);
  const c = bulletin.content;
  const lang = i18n.language;
  const organ = c.campaign.organizer ?? c.campaign.name;
  const sections = bulletinSections(c);
  const score = (x: number) => fixed(x, c.campaign.precision);

  const body: Record<SectionKey, () => ReactNode> = {
    overall: () => <RankTable rows={c.overall} score={score} showGroup />,
    groups: () => c.groups.map((g) => (
      <div key={g.id} className="doc-subsection">
        <h3 className="doc-h2">{g.name}</h3>
        <RankTable rows={g.rows} score={score} />
      </div>
    )),
    pairs: () => (
      <table className="doc-table">
        <thead><tr><th>{t('doc.pairs')}</th><th>{t('doc.winner')}</th><th>{t('doc.margin')}</th></tr></thead>
        <tbody>
          {c.pairs.map((p) => (
            <tr key={p.id}>
              <td>{p.units.map((u) => `${u.name}（${score(u.total)}）`).join(` ${t('doc.pairVs')} `)}</td>
              <td>{p.winner ? p.units.find((u) => u.unit === p.winner)?.name : t('doc.tie')}</td>
              <td className="num">{p.margin === null ? '—' : score(p.margin)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ),
    flags: () => (
      <table className="doc-table" data-testid="doc-flags">
        <thead><tr><th>{t('doc.flag')}</th><th>{t('doc.scope')}</th><th>{t('doc.holders')}</th><th>{t('doc.won')}</th><th>{t('doc.kept')}</th><th>{t('doc.lost')}</th></tr></thead>
        <tbody>
          {c.flags.map((f) => (
            <tr key={`${f.flag}/${f.scope}`}>
              <td>{f.name}</td><td>{f.scopeName}</td><td><b>{names(f.holders)}</b></td><td>{names(f.won)}</td><td>{names(f.kept)}</td><td>{names(f.lost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ),
    categories: () => c.categories.filter((k) => k.indicators.length > 0).map((k) => (
      <div key={k.category || '-'} className="doc-subsection">
        <h3 className="doc-h2">{k.category || t('doc.noCategory')}</h3>
        <table className="doc-table">
          <thead><tr><th>{t('doc.indicator')}</th><th>{t('doc.leaders')}</th><th>{t('doc.laggards')}</th></tr></thead>
          <tbody>
            {k.indicators.map((ind) => (
              <tr key={ind.id}>
                <td>{ind.name}</td>
                <td>{itemList(ind.leaders, score)}</td>
                <td>{itemList(ind.laggards, score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )),
    schedule: () => (['ahead', 'behind'] as const).filter((k) => c.schedule[k].length > 0).map((k) => (
      <p key={k} className="doc-p">
        <span className="doc-kai">{t(`doc.${k}`)}：</span>
        {c.schedule[k].map((r) => `${r.name}（${r.indicators.join('、')}）`).join('；')}。
      </p>
    )),
    commendations: () => (
      <p className="doc-p">{c.commendations.map((x) => `${x.name}（${x.flags.join('、')}）`).join('、')}。</p>
    ),
    actions: () => (
      <table className="doc-table">
        <thead><tr><th>{t('doc.unit')}</th><th>{t('doc.action')}</th><th>{t('doc.reason')}</th></tr></thead>
        <tbody>
          {c.actions.map((a) => (
            <tr key={`${a.rule}/${a.unit}`}>
              <td>{a.name}</td>
              <td>{i18n.exists(`actionKinds.${a.action}`) ? t(`actionKinds.${a.action}`) : a.action}</td>
              <td className="left">{a.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ),
  };

  return (
    <SubjectContext.Provider value={c.campaign.subject}>
    <article className="doc" data-testid="print-document">
      {bulletin.status === 'draft' && <div className="doc-draft-mark" data-testid="print-draft">{t('bulletins.draft')}</div>}
      <header className="doc-head">
        <div className="doc-organ">{organ}</div>
        <div className="doc-number" data-testid="print-number">{bulletin.number}</div>
        <div className="doc-redline" />
      </header>
      <h1 className="doc-title" data-testid="print-title">{bulletin.title}</h1>
      {c.periodState !== 'closed' && <p className="doc-provisional">{t('doc.provisional')}</p>}
      {bulletin.changeNote && <p className="doc-p doc-change">{t('bulletins.changeNote')}：{bulletin.changeNote}</p>}
      {c.intro.map((p, i) => <p key={i} className="doc-p">{p}</p>)}
      {sections.map((key, i) => (
        <section key={key} className="doc-section" data-section={key}>
          <h2 className="doc-h1">{sectionNumber(i, lang)}{t(`doc.${key}`)}</h2>
          {body[key]()}
        </section>
      ))}
      {c.closing.map((p, i) => <p key={i} className="doc-p">{p}</p>)}
      <footer className="doc-sign">
        <div>{organ}</div>
        <div>{documentDate(bulletin.publishedAt ?? bulletin.createdAt, lang)}</div>
      </footer>
      <div className="doc-qr">
        <img src={publicQrUrl(c.campaign.id)} alt="QR" width={96} height={96} data-testid="print-qr" />
        <div>
          <div>{t('bulletins.qrHint')}</div>
          <div className="doc-url">{phoneUrl(c.campaign.id)}</div>
        </div>
      </div>
    </article>
    </SubjectContext.Provider>
  );
}

function itemList(rows: BulletinItemRow[], score: (x: number) => string) {
  // a tie at the boundary brings every tied unit in, marked 并列
  return rows.map((r) => `${r.rank}${r.tied ? '（并列）' : ''}. ${r.name}（${score(r.score)}）`).join('　');
}

function RankTable({ rows, score, showGroup }: { rows: BulletinRankRow[]; score: (x: number) => string; showGroup?: boolean }) {
  const { t } = useSubjectTranslation();
  const hasGrade = rows.some((r) => r.grade);
  return (
    <table className="doc-table">
      <thead>
        <tr>
          <th>{t('doc.rank')}</th><th>{t('doc.unit')}</th>{showGroup && <th>{t('doc.group')}</th>}<th>{t('doc.total')}</th>
          {hasGrade && <th>{t('doc.grade')}</th>}<th>{t('doc.delta')}</th><th>{t('doc.flagsCol')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.unit} data-unit={r.unit}>
            <td className="num">{r.rank}</td>
            <td>{r.name}</td>
            {showGroup && <td>{r.groupName}</td>}
            <td className="num">{score(r.total)}</td>
            {hasGrade && <td>{r.grade ?? ''}</td>}
            <td><Delta delta={r.delta} /></td>
            <td>{[...(r.vetoed ? [t('doc.vetoed')] : []), ...r.flags].join('、')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
