// /p/selections/:id — the 公示 of a selection, no sign-in: who is to be honoured, nominated by whom
// and why, until when; anyone may raise an objection (text and contact) while the notice runs.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { fileObjection, getPublicSelection } from '../../api/people.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { PhoneMessage, PhoneShell } from '../phone/PhoneShell.tsx';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '');

export function PublicityPage() {
  const { selectionId = '' } = useParams();
  const { t } = useTranslation();
  const page = useAsync(() => getPublicSelection(Number(selectionId)), [selectionId]);
  const [about, setAbout] = useState('');
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [filed, setFiled] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (page.error) {
    const missing = page.error instanceof ApiError && page.error.status === 404;
    return <PhoneShell title={t('people.publicity.title')}><PhoneMessage>{missing ? t('common.notFound') : page.error.message}</PhoneMessage></PhoneShell>;
  }
  const p = page.data;
  if (!p) return <PhoneShell title={t('people.publicity.title')}><PhoneMessage>{t('app.loading')}</PhoneMessage></PhoneShell>;
  const title = `${p.year} ${p.honour}${p.category ? `·${p.category}` : ''}`;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await fileObjection(p.id, { nomination: about ? Number(about) : undefined, text: text.trim(), contact: contact.trim() });
      setFiled(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <PhoneShell title={`${t('people.publicity.title')}：${title}`} subtitle={[p.organizer, p.campaignName].filter(Boolean).join(' · ')}>
      <section className="ph-card" style={{ padding: 12 }}>
        <div data-testid="publicity-state">
          {p.state === 'confirmed' ? t('people.publicity.confirmed') : p.open ? t('people.publicity.until', { until: when(p.publicityUntil) }) : t('people.publicity.over')}
        </div>
      </section>
      <section className="ph-card" style={{ padding: 12 }}>
        <h2 style={{ fontSize: 17, margin: '0 0 8px' }}>{t('people.publicity.list')}</h2>
        {p.elected.map((e) => (
          <div key={e.nomination} data-testid="publicity-elected" style={{ padding: '8px 0', borderTop: '1px solid #eee' }}>
            <b style={{ fontSize: 16 }}>{e.name}</b> <span className="ph-muted">{e.unit} · {t(`people.post.${e.post}`)}</span>
            <div className="ph-muted" style={{ fontSize: 13 }}>{t('people.publicity.nominatedBy')}：{e.nominatedBy}</div>
            <div style={{ fontSize: 14 }}>{e.reason}</div>
          </div>
        ))}
      </section>
      {p.open && (
        <section className="ph-card" style={{ padding: 12 }}>
          <h2 style={{ fontSize: 17, margin: '0 0 8px' }}>{t('people.publicity.objectTitle')}</h2>
          {filed ? <div data-testid="objection-filed">{t('people.publicity.filed')}</div> : (
            <>
              <p className="ph-muted" style={{ fontSize: 13 }}>{t('people.publicity.hint')}</p>
              <label style={{ display: 'block', marginBottom: 8 }}>{t('people.publicity.about')}
                <select value={about} onChange={(e) => setAbout(e.target.value)} style={{ display: 'block', width: '100%', fontSize: 16 }} data-testid="objection-about">
                  <option value="">{t('people.publicity.general')}</option>
                  {p.elected.map((e) => <option key={e.nomination} value={e.nomination}>{e.name}</option>)}
                </select>
              </label>
              <label style={{ display: 'block', marginBottom: 8 }}>{t('people.publicity.text')}
                <textarea maxLength={2000} rows={4} value={text} onChange={(e) => setText(e.target.value)} style={{ display: 'block', width: '100%', fontSize: 16 }} data-testid="objection-text" />
              </label>
              <label style={{ display: 'block', marginBottom: 8 }}>{t('people.publicity.contact')}
                <input maxLength={100} value={contact} onChange={(e) => setContact(e.target.value)} style={{ display: 'block', width: '100%', fontSize: 16 }} data-testid="objection-contact" />
              </label>
              {error && <div role="alert" data-testid="objection-error" style={{ color: '#c8161d' }}>{error}</div>}
              <button type="button" disabled={busy || !text.trim() || !contact.trim()} onClick={() => void submit()} data-testid="objection-submit"
                style={{ width: '100%', padding: 12, fontSize: 16, background: '#c8161d', color: '#fff', border: 0, borderRadius: 6 }}>{t('people.publicity.submit')}</button>
            </>
          )}
        </section>
      )}
    </PhoneShell>
  );
}
