// Public commitments on a phone (issue 16 item 1): /m/:campaignId/commitments[?unit=] lists a campaign's (or
// a unit's) approved commitments; /m/:campaignId/commitments/:commitmentId shows one — its items and aims,
// the figures behind an indicator's item, quarterly progress (示诺/践诺), the year-end report and verdicts,
// moderated remarks with their answers — and takes a remark from anyone (stored for the organizer,
// shown only once published). What the QR code of a commitment opens.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { getPublicCommitment, getPublicCommitments, publicCommitmentQrUrl, sendRemark, type PublicCommitment } from '../../api/ledgers.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { PhoneMessage, PhoneShell } from './PhoneShell.tsx';

function Aim({ item }: { item: PublicCommitment['items'][number] }) {
  const { t } = useTranslation();
  if (item.benchmark !== 'indicator') return <>{t(`commit.benchmarks.${item.benchmark}`)}</>;
  return (
    <>
      {item.indicatorName} ≥ {item.target}
      {item.progress && <div className="ph-muted">{t('commit.figure', { period: item.progress.period, value: item.progress.value ?? '—', target: item.target })}</div>}
    </>
  );
}

export function PhoneCommitmentsPage() {
  const { campaignId = '' } = useParams();
  const [params] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const { t } = useTranslation();
  const list = useAsync(() => getPublicCommitments(campaignId, unit), [campaignId, unit ?? '']);
  if (list.error) {
    const missing = list.error instanceof ApiError && list.error.status === 404;
    return <PhoneShell title={t('commit.title')}><PhoneMessage>{missing ? t('common.notFound') : list.error.message}</PhoneMessage></PhoneShell>;
  }
  if (!list.data) return <PhoneShell title={t('commit.title')}><PhoneMessage>{t('app.loading')}</PhoneMessage></PhoneShell>;
  return (
    <PhoneShell title={t('commit.title')} subtitle={list.data.campaign.name} back={`/m/${encodeURIComponent(campaignId)}`}>
      {list.data.commitments.length === 0 && <PhoneMessage>{t('commit.none')}</PhoneMessage>}
      {list.data.commitments.map((c) => (
        <Link key={c.id} to={`/m/${encodeURIComponent(campaignId)}/commitments/${c.id}`} className="ph-card" style={{ display: 'block', color: 'inherit', textDecoration: 'none' }} data-testid="phone-commitment-link">
          <div><strong>{c.owner}</strong>{c.post ? `（${c.post}）` : ''}</div>
          <div>{c.title}</div>
          <div className="ph-muted">{t(`commit.states.${c.status}`)} · {c.items.length} {t('commit.items')}</div>
        </Link>
      ))}
    </PhoneShell>
  );
}

export function PhoneCommitmentPage() {
  const { campaignId = '', commitmentId = '' } = useParams();
  const cid = Number(commitmentId);
  const { t } = useTranslation();
  const state = useAsync(() => getPublicCommitment(cid), [cid]);
  const [remark, setRemark] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const back = `/m/${encodeURIComponent(campaignId)}/commitments`;
  if (state.error) {
    const missing = state.error instanceof ApiError && state.error.status === 404;
    return <PhoneShell title={t('commit.title')} back={back}><PhoneMessage>{missing ? t('common.notFound') : state.error.message}</PhoneMessage></PhoneShell>;
  }
  const c = state.data?.commitment;
  if (!c) return <PhoneShell title={t('commit.title')} back={back}><PhoneMessage>{t('app.loading')}</PhoneMessage></PhoneShell>;
  const send = async () => {
    try {
      await sendRemark(c.id, remark.trim());
      setRemark('');
      setSent(t('commit.remarkSent'));
    } catch (e) {
      setSent((e as Error).message);
    }
  };
  return (
    <PhoneShell title={c.owner} subtitle={`${c.campaignName} · ${t('commit.title')}`} back={back}>
      <section className="ph-card" data-testid="phone-commitment" data-id={c.id} data-status={c.status}>
        <h2 className="ph-h2" data-testid="phone-commitment-title">{c.title}</h2>
        {c.post && <div className="ph-muted">{c.post}</div>}
        <table className="ph-table">
          <tbody>
            {c.items.map((i, n) => (
              <tr key={i.id} data-testid="phone-commitment-item" data-verdict={i.verdict ?? ''}>
                <td>{n + 1}</td>
                <td>{i.text}<div className="ph-muted"><Aim item={i} />{i.due ? ` · ${i.due}` : ''}</div></td>
                <td>{i.verdict && <span className="ph-chip">{t(`commit.verdicts.${i.verdict}`)}</span>}{i.verdictReason && <div className="ph-muted">{i.verdictReason}</div>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="ph-card" data-testid="phone-commitment-progress">
        <h2 className="ph-h2">{t('commit.progress')}</h2>
        {c.updates.length === 0 && <div className="ph-muted">{t('commit.noProgress')}</div>}
        {c.updates.map((u) => (
          <div key={u.id} data-update={u.quarter} style={{ marginBottom: 8 }}>
            <strong>{u.quarter}</strong> {u.text}
            {u.files.length > 0 && <div className="ph-muted">{u.files.join('、')}</div>}
          </div>
        ))}
      </section>

      {c.report && (
        <section className="ph-card">
          <h2 className="ph-h2">{t('commit.yearReport')}</h2>
          <div style={{ whiteSpace: 'pre-wrap' }}>{c.report}</div>
        </section>
      )}

      {c.satisfaction && (
        <section className="ph-card" data-testid="phone-satisfaction">
          <h2 className="ph-h2">{t('rating.score')}</h2>
          <div className="ph-big-num">{c.satisfaction.score === null ? '—' : t('rating.of', { score: c.satisfaction.score, outOf: c.satisfaction.outOf })}</div>
        </section>
      )}

      <section className="ph-card" data-testid="phone-remarks">
        <h2 className="ph-h2">{t('commit.publicRemarks')}</h2>
        {c.remarks.map((r) => (
          <div key={r.id} data-remark={r.id} style={{ marginBottom: 8 }}>
            <div>{r.text}</div>
            {r.answer && <div className="ph-muted">{t('commit.reply', { answer: r.answer })}</div>}
          </div>
        ))}
        <div className="ph-search-row">
          <textarea className="ph-input" rows={3} maxLength={500} value={remark} onChange={(e) => setRemark(e.target.value)} placeholder={t('commit.remarkPlaceholder')} data-testid="phone-remark-text" />
        </div>
        <div style={{ marginTop: 8 }}>
          <button type="button" className="ph-button" disabled={!remark.trim()} onClick={() => void send()} data-testid="phone-remark-send">{t('commit.remarkSend')}</button>
          {sent && <span className="ph-muted" data-testid="phone-remark-sent" style={{ marginLeft: 8 }}>{sent}</span>}
        </div>
      </section>

      <section className="ph-card ph-share">
        <img src={publicCommitmentQrUrl(c.id)} alt={t('commit.qr')} width={140} height={140} />
        <div className="ph-muted" style={{ wordBreak: 'break-all' }}>{c.url}</div>
      </section>
    </PhoneShell>
  );
}
