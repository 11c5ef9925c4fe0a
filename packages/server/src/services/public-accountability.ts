// What public pages show of accountability (issue 15 item 5). Each campaign decides whether public
// bulletins, the big screen and the phone pages show it at all (case settings, default: no): ranks,
// flags and scores are public; the actions (约谈, 督办单, …, a veto's reason) stay internal. A published
// bulletin's frozen content is not changed: public readers get a copy without them, and its Word and
// Excel files are rendered from that copy; signed-in readers keep the whole bulletin.
import type { Executor } from '../db/client.ts';
import type { BulletinMeta } from '../repositories/bulletins.ts';
import type { BulletinDto } from '../schemas/bulletins.ts';
import { renderDocx, renderXlsx } from './bulletin-render.ts';
import { bulletinFileOf, contentOf, type BulletinFileKind } from './bulletins.ts';
import { showsAccountability } from './cases.ts';
import type { Ctx } from './context.ts';

/** The bulletin as the public sees it: without its actions unless the campaign shows them. */
export function redactBulletin(b: BulletinDto, show: boolean): BulletinDto {
  return show || b.content.actions.length === 0 ? b : { ...b, content: { ...b.content, actions: [] } };
}

export async function publicBulletinView(ex: Executor, b: BulletinDto): Promise<BulletinDto> {
  return redactBulletin(b, await showsAccountability(ex, b.campaign));
}

/** A published bulletin's file for the public: the stored bytes, or rendered without the actions. */
export async function publicFileOf(ctx: Ctx, row: BulletinMeta, kind: BulletinFileKind, publicUrl: string): Promise<{ data: Uint8Array; filename: string }> {
  const content = contentOf(row);
  if (content.actions.length === 0 || (await showsAccountability(ctx.db, row.campaignId))) return bulletinFileOf(ctx, row, kind, publicUrl);
  const stored = await bulletinFileOf(ctx, row, kind, publicUrl);
  const head = { number: row.number, title: row.title, version: row.version, changeNote: row.changeNote, contentHash: row.contentHash };
  const redacted = { ...content, actions: [] };
  const date = row.publishedAt ?? row.createdAt;
  const data = kind === 'docx' ? await renderDocx(redacted, head, date, publicUrl) : await renderXlsx(redacted, head, date, publicUrl);
  return { data, filename: stored.filename };
}
