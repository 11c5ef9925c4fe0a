// /print/bulletins/:id — a bulletin as an A4 page to print (or save as PDF): no app chrome, only
// the document and, on screen, a small bar with a print button. A signed-in reader of the campaign
// sees drafts too; anyone else gets published bulletins only (the public route).
import { useEffect } from 'react';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { getBulletin, getPublicBulletin } from '../../api/endpoints.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { BulletinDocument } from './BulletinDocument.tsx';
import './print.css';

async function loadBulletin(id: number) {
  try {
    return (await getBulletin(id)).bulletin;
  } catch (e) {
    if (e instanceof ApiError && [401, 403, 404].includes(e.status)) return (await getPublicBulletin(id)).bulletin;
    throw e;
  }
}

export function PrintBulletinPage() {
  const { bulletinId = '' } = useParams();
  const { t } = useTranslation();
  const state = useAsync(() => loadBulletin(Number(bulletinId)), [bulletinId]);
  const b = state.data;
  useEffect(() => {
    if (b) document.title = `${b.title} · ${b.number}`;
  }, [b]);

  return (
    <div className="print-page">
      <div className="print-bar">
        <span>{b ? `${b.title}（${b.status === 'draft' ? t('bulletins.draft') : t('bulletins.versionN', { version: b.version })}）` : ''}</span>
        <button type="button" onClick={() => window.print()} disabled={!b} data-testid="print-button">{t('bulletins.printNow')}</button>
      </div>
      {state.error ? (
        <div className="print-sheet print-message">{state.error instanceof ApiError && state.error.status === 404 ? t('common.notFound') : state.error.message}</div>
      ) : !b ? (
        <div className="print-sheet print-message">{t('app.loading')}</div>
      ) : (
        <div className="print-sheet"><BulletinDocument bulletin={b} /></div>
      )}
    </div>
  );
}
