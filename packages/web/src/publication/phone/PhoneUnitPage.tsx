// /m/:campaignId/u/:unitId — one unit's published standing on a phone: its latest rank (overall
// and in its group) and total, the flags it has won, a small rank trend and every published
// period in a table; shareable like the ranking. From published bulletins only.
import { useParams } from 'react-router-dom';
import { useSubjectTranslation } from '../../lib/subject.ts';
import { ApiError } from '../../api/client.ts';
import { getPublicCampaign, getPublicUnit } from '../../api/endpoints.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { Delta } from '../Delta.tsx';
import { fixed } from '../format.ts';
import { PhoneMessage, PhoneShell } from './PhoneShell.tsx';
import { SharePanel } from './SharePanel.tsx';
import { RankSparkline } from './RankSparkline.tsx';

export function PhoneUnitPage() {
  const { campaignId = '', unitId = '' } = useParams();
  const unit = useAsync(() => getPublicUnit(campaignId, unitId), [campaignId, unitId]);
  const campaign = useAsync(() => getPublicCampaign(campaignId), [campaignId]);
  const { t } = useSubjectTranslation(campaign.data?.latest?.content.campaign.subject);
  const back = `/m/${encodeURIComponent(campaignId)}`;
  const campaignName = campaign.data?.campaign.name;
  const score = (x: number) => fixed(x, campaign.data?.latest?.content.campaign.precision);

  if (unit.error) {
    const missing = unit.error instanceof ApiError && unit.error.status === 404;
    return <PhoneShell title={t('app.name')} back={back}><PhoneMessage>{missing ? t('phone.notFound') : unit.error.message}</PhoneMessage></PhoneShell>;
  }
  if (!unit.data) return <PhoneShell title={campaignName ?? t('app.name')} back={back}><PhoneMessage>{t('app.loading')}</PhoneMessage></PhoneShell>;
  const { unit: u, history, flags } = unit.data;
  const last = history.at(-1);
  // the rank axis ends at the number of units ranked (from the latest bulletin, once it is here)
  const allSize = Math.max(campaign.data?.latest?.content.overall.length ?? 0, ...history.map((h) => h.rank), 1);
  const flagEntries = Object.entries(flags).filter(([, n]) => n > 0);

  return (
    <PhoneShell title={u.name} subtitle={[campaignName, u.groupName].filter(Boolean).join(' · ')} back={back}>
      <section className="ph-card ph-unit-head" data-testid="phone-unit" data-unit={u.id}>
        {last ? (
          <>
            <div className="ph-big">
              <div>
                <div className="ph-big-num" data-testid="phone-unit-rank">{last.rank}</div>
                <div className="ph-muted">{t('phone.overallRank')}</div>
              </div>
              <div>
                <div className="ph-big-num">{last.groupRank}</div>
                <div className="ph-muted">{t('phone.groupRank', { group: u.groupName })}</div>
              </div>
              <div>
                <div className="ph-big-num">{score(last.total)}</div>
                <div className="ph-muted">{t('doc.total')}</div>
              </div>
            </div>
            <div className="ph-muted ph-pubinfo">
              {last.label || last.period} · {t('phone.groupMove')} <Delta delta={last.delta} />
              {last.vetoed && <span className="ph-chip ph-chip-veto">{t('doc.vetoed')}</span>}
              {last.grade && <span className="ph-chip ph-chip-grade">{last.grade}</span>}
            </div>
          </>
        ) : <div className="ph-muted">{t('phone.notPublished')}</div>}
      </section>

      <section className="ph-card" data-testid="phone-flags">
        <h2 className="ph-h2">{t('phone.flagsWon')}</h2>
        {flagEntries.length === 0
          ? <div className="ph-muted">{t('phone.noFlags')}</div>
          : <div className="ph-flag-counts">{flagEntries.map(([name, n]) => <span key={name} className="ph-flag-count">⚑ {name} × {n}</span>)}</div>}
      </section>

      {history.length > 1 && (
        <section className="ph-card">
          <h2 className="ph-h2">{t('phone.trend')}</h2>
          <RankSparkline points={history.map((h) => ({ label: h.period.split('-').slice(1).join('-') || h.period, rank: h.rank }))} max={allSize} />
        </section>
      )}

      <section className="ph-card">
        <h2 className="ph-h2">{t('phone.history')}</h2>
        <table className="ph-table" data-testid="phone-history">
          <thead>
            <tr><th>{t('phone.period')}</th><th>{t('doc.total')}</th><th>{t('phone.rankShort')}</th><th>{t('phone.groupRankShort')}</th><th>{t('doc.delta')}</th></tr>
          </thead>
          <tbody>
            {[...history].reverse().map((h) => (
              <tr key={h.period} data-period={h.period}>
                <td>
                  {h.label || h.period}
                  {h.flags.length > 0 && <div className="ph-flags-line">⚑ {h.flags.join('、')}</div>}
                </td>
                <td className="num">{score(h.total)}</td>
                <td className="num">{h.rank}</td>
                <td className="num">{h.groupRank}</td>
                <td><Delta delta={h.delta} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <SharePanel campaignId={campaignId} unitId={u.id} />
    </PhoneShell>
  );
}
