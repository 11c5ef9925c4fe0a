// Renders a bulletin's .docx and .xlsx. Published bulletins are rendered once, at publication, and
// their stored bytes are served from then on; a draft is rendered on every download.
import type { BulletinContent } from '../schemas/bulletin-content.ts';
import { renderBulletinDocx } from './bulletin-docx.ts';
import { renderBulletinXlsx } from './bulletin-xlsx.ts';
import { phoneUrl, qrPng } from './qr.ts';
import { xmlSafe } from '../text/clean.ts';

export interface RenderMeta {
  number: string;
  title: string;
  version: number;
  changeNote: string | null;
  /** sha256 of the content (null for a draft) */
  contentHash: string | null;
  /** the publication date (a draft: now), printed as the 成文日期 */
  date: Date;
  /** the phone page of the campaign, printed with its QR code */
  phoneUrl: string;
  qrPng: Buffer;
}

export interface BulletinHead {
  number: string;
  title: string;
  version: number;
  changeNote: string | null;
  contentHash: string | null;
}

// Documents are XML inside: text is cleaned of characters XML cannot hold, whatever is stored
// (names are refused at the boundary since; older data may still carry them).
async function metaOf(content: BulletinContent, head: BulletinHead, date: Date, publicUrl: string): Promise<RenderMeta> {
  const url = phoneUrl(publicUrl, content.campaign.id);
  return { ...xmlSafe(head), date, phoneUrl: url, qrPng: await qrPng(url) };
}

export async function renderDocx(content: BulletinContent, head: BulletinHead, date: Date, publicUrl: string): Promise<Uint8Array> {
  return renderBulletinDocx(xmlSafe(content), await metaOf(content, head, date, publicUrl));
}

export async function renderXlsx(content: BulletinContent, head: BulletinHead, date: Date, publicUrl: string): Promise<Uint8Array> {
  return renderBulletinXlsx(xmlSafe(content), await metaOf(content, head, date, publicUrl));
}
