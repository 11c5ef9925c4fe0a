// The phone pages' addresses and their QR codes (on the public pages and printed on bulletins).
import QRCode from 'qrcode';

/** `/m/:campaign` or `/m/:campaign/u/:unit` under the configured public base URL. */
export function phoneUrl(publicUrl: string, campaignId: string, unitId?: string): string {
  const base = `${publicUrl.replace(/\/+$/, '')}/m/${encodeURIComponent(campaignId)}`;
  return unitId === undefined ? base : `${base}/u/${encodeURIComponent(unitId)}`;
}

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export function qrPng(url: string, width = 300): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });
}
