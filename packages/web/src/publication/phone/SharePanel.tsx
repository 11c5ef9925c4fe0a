// Share a phone page: its link (copied with one tap) and its QR code, drawn by the server
// (GET /public/campaigns/:id/qr.svg), so the page itself carries no QR library.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { publicQrUrl } from '../../api/endpoints.ts';
import { phoneUrl } from '../format.ts';

export function SharePanel({ campaignId, unitId }: { campaignId: string; unitId?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const url = phoneUrl(campaignId, unitId);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // no clipboard (plain http on some phones): the link is shown selectable below
      window.prompt(t('phone.copyLink'), url);
    }
  };
  return (
    <section className="ph-card ph-share" data-testid="phone-share">
      <h2 className="ph-h2">{t('phone.share')}</h2>
      <div className="ph-share-body">
        <img src={publicQrUrl(campaignId, unitId)} alt={t('phone.qr')} width={112} height={112} loading="lazy" className="ph-qr" />
        <div className="ph-share-text">
          <div className="ph-url" data-testid="share-url">{url}</div>
          <button type="button" className="ph-button" onClick={() => void copy()} data-testid="copy-link">
            {copied ? t('phone.copied') : t('phone.copyLink')}
          </button>
          <div className="ph-muted">{t('phone.qr')}</div>
        </div>
      </div>
    </section>
  );
}
