// /vote/:token — a rater's ballot on a phone, no account: the subjects to approve, mark or grade,
// sent once. The link is the rater's one-time token; after voting it opens "已投票" only.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { castVote, getVoteForm } from '../../api/people.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { PhoneMessage, PhoneShell } from '../phone/PhoneShell.tsx';

export function VotePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const form = useAsync(() => getVoteForm(token), [token]);
  const [approvals, setApprovals] = useState<string[]>([]);
  const [marks, setMarks] = useState<Record<string, string>>({});
  const [levels, setLevels] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (form.error) {
    const missing = form.error instanceof ApiError && form.error.status === 404;
    return <PhoneShell title={t('people.vote.title')}><PhoneMessage>{missing ? t('common.notFound') : form.error.message}</PhoneMessage></PhoneShell>;
  }
  const f = form.data;
  if (!f) return <PhoneShell title={t('people.vote.title')}><PhoneMessage>{t('app.loading')}</PhoneMessage></PhoneShell>;
  const shell = (body: React.ReactNode) => <PhoneShell title={f.title} subtitle={[f.campaignName, t('people.vote.group', { group: f.group })].join(' · ')}>{body}</PhoneShell>;
  if (sent) return shell(<PhoneMessage><span data-testid="vote-done">{t('people.vote.done')}</span></PhoneMessage>);
  if (f.status !== 'open') return shell(<PhoneMessage><span data-testid="vote-status">{t(`people.vote.${f.status}`)}</span></PhoneMessage>);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = f.kind === 'approval' ? { approvals } : f.kind === 'marks' ? { marks: Object.fromEntries(Object.entries(marks).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()])) } : { levels };
      await castVote(token, body);
      setSent(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (id: string) => setApprovals((a) => (a.includes(id) ? a.filter((x) => x !== id) : f.choose !== null && a.length >= f.choose ? a : [...a, id]));

  return shell(
    <>
      <p className="ph-muted" style={{ padding: '0 4px' }}>{f.kind === 'approval' && f.choose !== null ? t('people.vote.choose', { n: f.choose }) : null} {t('people.vote.anonymous')}</p>
      {f.subjects.map((s) => (
        <section key={s.id} className="ph-card" data-testid="vote-subject" data-name={s.name} style={{ padding: 12 }}>
          {f.kind === 'approval' && (
            <label style={{ display: 'flex', gap: 10, alignItems: 'flex-start', fontSize: 16 }}>
              <input type="checkbox" style={{ width: 22, height: 22 }} checked={approvals.includes(s.id)} onChange={() => toggle(s.id)} data-testid="vote-approve"
                disabled={!approvals.includes(s.id) && f.choose !== null && approvals.length >= f.choose} />
              <span><b>{s.name}</b>{s.detail && <span className="ph-muted" style={{ display: 'block', fontSize: 13 }}>{s.detail}</span>}</span>
            </label>
          )}
          {f.kind === 'marks' && (
            <label style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', fontSize: 16 }}>
              <b>{s.name}</b>
              <span><input inputMode="decimal" maxLength={8} style={{ width: 80, fontSize: 16 }} value={marks[s.id] ?? ''} onChange={(e) => setMarks({ ...marks, [s.id]: e.target.value })} data-testid="vote-mark" /> {t('people.vote.mark', { max: f.weight })}</span>
            </label>
          )}
          {f.kind === 'levels' && (
            <div>
              <b style={{ fontSize: 16 }}>{s.name}</b>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginTop: 6 }}>
                {f.levels.map((l) => (
                  <label key={l.id} style={{ fontSize: 15 }}>
                    <input type="radio" name={`lv-${s.id}`} checked={levels[s.id] === l.id} onChange={() => setLevels({ ...levels, [s.id]: l.id })} data-testid="vote-level" /> {l.name}
                  </label>
                ))}
              </div>
            </div>
          )}
        </section>
      ))}
      {error && <div className="ph-card ph-message" role="alert" data-testid="vote-error">{error}</div>}
      <div style={{ padding: 12 }}>
        <button type="button" className="ph-button" style={{ width: '100%', padding: 14, fontSize: 17, background: '#c8161d', color: '#fff', border: 0, borderRadius: 6 }}
          disabled={busy} onClick={() => void submit()} data-testid="vote-submit">{t('people.vote.submit')}</button>
      </div>
    </>,
  );
}
