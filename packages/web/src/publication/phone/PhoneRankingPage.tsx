// /m/:campaignId — the published ranking on a phone: the latest published period (or an earlier
// one), overall or by group, with movement and flags; "查询我的名次" finds a unit and opens its
// page; the page can be shared by link or QR code. Only published bulletins are read, and a new
// publication shows by itself (the public stream).
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { SubjectContext, useSubjectTranslation } from '../../lib/subject.ts';
import { ApiError } from '../../api/client.ts';
import { getPublicBulletin, getPublicCampaign, publicStreamUrl } from '../../api/endpoints.ts';
import type { BulletinContent, BulletinRankRow } from '../../api/types.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { fixed, flagColorByName, flagCss, periodLabel, shortDateTime } from '../format.ts';
import { usePublicationStream } from '../usePublicationStream.ts';
import { Delta } from '../Delta.tsx';
import { PhoneMessage, PhoneShell } from './PhoneShell.tsx';
import { SharePanel } from './SharePanel.tsx';

type View = 'all' | 'group';

export function PhoneRankingPage() {
  const { campaignId = '' } = useParams();
  const { t, i18n } = useSubjectTranslation();
  const [params, setParams] = useSearchParams();
  // the period menu's labels (2026年6月 / June 2026) come in the request's language: ask again on a switch
  const campaign = useAsync(() => getPublicCampaign(campaignId), [campaignId, i18n.language]);
  usePublicationStream(publicStreamUrl(campaignId), () => campaign.reload());
  const periods = campaign.data?.periods ?? [];
  const wanted = params.get('period');
  const picked = periods.find((p) => p.period === wanted);
  const latest = campaign.data?.latest ?? null;
  // an earlier period is its own published bulletin; the latest comes with the campaign
  const older = useAsync(
    () => (picked && picked.bulletinId !== latest?.id ? getPublicBulletin(picked.bulletinId).then((r) => r.bulletin) : Promise.resolve(null)),
    [picked?.bulletinId ?? 0, latest?.id ?? 0],
  );
  const bulletin = picked && picked.bulletinId !== latest?.id ? older.data ?? null : latest;
  const view: View = params.get('view') === 'group' ? 'group' : 'all';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  const name = campaign.data?.campaign.name ?? '';
  if (campaign.error) {
    const missing = campaign.error instanceof ApiError && campaign.error.status === 404;
    return <PhoneShell title={t('app.name')}><PhoneMessage>{missing ? t('phone.notPublished') : campaign.error.message}</PhoneMessage></PhoneShell>;
  }
  if (!campaign.data) return <PhoneShell title={t('app.name')}><PhoneMessage>{t('app.loading')}</PhoneMessage></PhoneShell>;

  return (
    <SubjectContext.Provider value={latest?.content.campaign.subject}>
    <PhoneShell title={name} subtitle={campaign.data.campaign.organizer ?? undefined}>
      <SearchBox campaignId={campaignId} rows={latest?.content.overall ?? []} />
      {!bulletin ? (
        <PhoneMessage>{older.error ? older.error.message : latest ? t('app.loading') : t('phone.notPublished')}</PhoneMessage>
      ) : (
        <section className="ph-card" data-testid="phone-ranking" data-period={bulletin.period}>
          <div className="ph-row-head">
            <select
              className="ph-select"
              value={bulletin.period}
              onChange={(e) => set('period', e.target.value)}
              aria-label={t('phone.period')}
              data-testid="phone-period"
            >
              {[...periods].reverse().map((p) => <option key={p.period} value={p.period}>{p.label || p.period}</option>)}
            </select>
            <div className="ph-tabs" role="tablist">
              {(['all', 'group'] as View[]).map((v) => (
                <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'ph-tab on' : 'ph-tab'}
                  onClick={() => set('view', v)} data-testid={`phone-view-${v}`}>
                  {t(v === 'all' ? 'phone.overall' : 'phone.byGroup')}
                </button>
              ))}
            </div>
          </div>
          <div className="ph-muted ph-pubinfo" data-testid="phone-published">
            {periodLabel(bulletin.content, i18n.language)} · {bulletin.number} · {t('phone.publishedAt', { time: shortDateTime(bulletin.publishedAt) })}
            {bulletin.version > 1 && ` · ${t('bulletins.versionN', { version: bulletin.version })}`}
            {bulletin.content.periodState !== 'closed' && <span className="ph-chip ph-chip-provisional">{t('phone.provisional')}</span>}
          </div>
          {view === 'all'
            ? <RankList campaignId={campaignId} rows={bulletin.content.overall} content={bulletin.content} showGroup />
            : bulletin.content.groups.map((g) => (
              <div key={g.id} data-group={g.id}>
                <h2 className="ph-h2 ph-group">{g.name}</h2>
                <RankList campaignId={campaignId} rows={g.rows} content={bulletin.content} />
              </div>
            ))}
        </section>
      )}
      <SharePanel campaignId={campaignId} />
    </PhoneShell>
    </SubjectContext.Provider>
  );
}

/** 查询我的名次: matches as you type among the units of the latest bulletin (no round trip on a slow line). */
function SearchBox({ campaignId, rows }: { campaignId: string; rows: BulletinRankRow[] }) {
  const { t } = useSubjectTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const query = q.trim().toLowerCase();
  const matches = useMemo(
    () => (query ? rows.filter((r) => r.name.toLowerCase().includes(query) || r.unit.toLowerCase().includes(query)).slice(0, 8) : []),
    [rows, query],
  );
  const unitPath = (unit: string) => `/m/${encodeURIComponent(campaignId)}/u/${encodeURIComponent(unit)}`;
  return (
    <section className="ph-card ph-search">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (matches.length >= 1) navigate(unitPath(matches[0].unit));
        }}
      >
        <label className="ph-h2" htmlFor="ph-q">{t('phone.search')}</label>
        <div className="ph-search-row">
          <input id="ph-q" type="search" className="ph-input" value={q} onChange={(e) => setQ(e.target.value)}
            placeholder={t('phone.searchPlaceholder')} autoComplete="off" enterKeyHint="search" data-testid="phone-search" />
          <button type="submit" className="ph-button" data-testid="phone-search-go">{t('phone.searchGo')}</button>
        </div>
      </form>
      {query && (
        <ul className="ph-matches" data-testid="phone-matches">
          {matches.length === 0 && <li className="ph-muted">{t('phone.noMatch')}</li>}
          {matches.map((r) => (
            <li key={r.unit}>
              <Link to={unitPath(r.unit)} data-unit={r.unit}>
                <span>{r.name}</span>
                <span className="ph-muted">{r.groupName} · {t('phone.rankOf', { rank: r.rank })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RankList({ campaignId, rows, content, showGroup }: { campaignId: string; rows: BulletinRankRow[]; content: BulletinContent; showGroup?: boolean }) {
  const { t } = useSubjectTranslation();
  const colors = useMemo(() => flagColorByName(content), [content]);
  return (
    <ol className="ph-ranks">
      {rows.map((r) => (
        <li key={r.unit} data-unit={r.unit} className={r.vetoed ? 'vetoed' : undefined}>
          <Link to={`/m/${encodeURIComponent(campaignId)}/u/${encodeURIComponent(r.unit)}`} className="ph-rank-row">
            <span className={`ph-rank${r.rank <= 3 ? ` top${r.rank}` : ''}`}>{r.rank}</span>
            <span className="ph-rank-name">
              <span className="ph-name">{r.name}</span>
              <span className="ph-rank-sub">
                {showGroup && <span className="ph-muted">{r.groupName}</span>}
                {r.vetoed && <span className="ph-chip ph-chip-veto">{t('doc.vetoed')}</span>}
                {r.flags.map((f) => <span key={f} className="ph-chip" style={{ background: flagCss(colors.get(f)) }}>⚑{f}</span>)}
              </span>
            </span>
            <span className="ph-total">{fixed(r.total, content.campaign.precision)}</span>
            <Delta delta={r.delta} className="ph-delta" />
          </Link>
        </li>
      ))}
    </ol>
  );
}
