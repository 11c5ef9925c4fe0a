// The lobby big screen (大屏): a kiosk URL carries a random token (no sign-in). The table keeps
// only its sha256; revoking it closes the screen's stream on every server process (NOTIFY kiosk).
// The screen shows published bulletins only (services/public.ts).
import { createHash, randomBytes } from 'node:crypto';
import { notify } from '../db/notify.ts';
import { AppError } from '../errors.ts';
import type { Lang } from '../http/language.ts';
import { appendAudit } from '../repositories/audit.ts';
import { findToken, findTokenByHash, insertToken, listTokens, revokeToken, type KioskTokenRow } from '../repositories/kiosk.ts';
import type { KioskTokenDto } from '../schemas/bulletins.ts';
import { toBulletin } from './bulletins.ts';
import { publicBulletinView } from './public-accountability.ts';
import { auditActor, requireCampaign } from './campaigns.ts';
import type { AuditActor, Ctx } from './context.ts';
import { can, type Actor } from '../policy.ts';
import { campaignInfo, published } from './public.ts';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const NOT_FOUND = { zh: '大屏链接', en: 'Screen link' };

function toDto(t: KioskTokenRow): KioskTokenDto {
  return { id: t.id, label: t.label, createdAt: t.createdAt.toISOString(), createdBy: t.createdBy, revokedAt: t.revokedAt?.toISOString() ?? null };
}

export async function createKioskToken(ctx: Ctx, actor: AuditActor, campaignId: string, label: string): Promise<{ token: KioskTokenDto; secret: string }> {
  const secret = randomBytes(24).toString('base64url');
  return ctx.db.transaction(async (tx) => {
    await requireCampaign(tx, campaignId);
    const now = ctx.now();
    const id = await insertToken(tx, { campaignId, tokenHash: hashOf(secret), label, createdBy: actor.id, createdAt: now });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'kiosk.create', campaignId, subject: `kiosk token ${id}`, after: { id, label } }]);
    const row = await findToken(tx, id);
    if (!row) throw new AppError('internal');
    return { token: toDto(row), secret };
  });
}

export async function listKioskTokens(ctx: Ctx, campaignId: string): Promise<KioskTokenDto[]> {
  await requireCampaign(ctx.db, campaignId);
  return (await listTokens(ctx.db, campaignId)).map(toDto);
}

/** Revoking twice changes nothing (the first time stays). */
export async function revokeKioskToken(ctx: Ctx, actor: AuditActor & Partial<Actor>, id: number): Promise<KioskTokenDto> {
  return ctx.db.transaction(async (tx) => {
    const before = await findToken(tx, id);
    if (!before) throw AppError.notFound(NOT_FOUND);
    // the link's own campaign decides (the route only asked "organizes some campaign?")
    if (actor.grants && !can({ id: actor.id, grants: actor.grants, scope: actor.scope }, 'kiosk.manage', { campaignId: before.campaignId })) {
      throw can({ id: actor.id, grants: actor.grants, scope: actor.scope }, 'campaign.read', { campaignId: before.campaignId }) ? new AppError('forbidden') : AppError.notFound(NOT_FOUND);
    }
    const now = ctx.now();
    if (await revokeToken(tx, id, now)) {
      await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'kiosk.revoke', campaignId: before.campaignId, subject: `kiosk token ${id}`, after: { id } }]);
      await notify(tx, 'kiosk', { campaign: before.campaignId, token: id, revoked: true });
    }
    const row = await findToken(tx, id);
    if (!row) throw new AppError('internal');
    return toDto(row);
  });
}

/** The token of a kiosk URL: 404 when unknown or revoked. */
export async function kioskToken(ctx: Ctx, secret: string): Promise<KioskTokenRow> {
  const t = await findTokenByHash(ctx.db, hashOf(secret));
  if (!t || t.revokedAt !== null) throw AppError.notFound(NOT_FOUND);
  return t;
}

export async function kioskView(ctx: Ctx, secret: string, lang: Lang) {
  const token = await kioskToken(ctx, secret);
  return ctx.db.transaction(async (tx) => {
    const p = await published(tx, token.campaignId, { allowNone: true });
    const last = p.rows.length - 1;
    // before the first publication the screen shows only the campaign's name
    const c = await requireCampaign(tx, token.campaignId);
    return {
      campaign: last >= 0 ? campaignInfo(p.contents[last]) : { id: c.id, name: c.name, year: c.year, organizer: c.organizer },
      latest: last >= 0 ? await publicBulletinView(tx, toBulletin(p.rows[last], p.current, { anonymous: true })) : null,
      periods: p.contents.map((content) => ({
        period: content.period,
        label: lang === 'en' ? content.periodLabel.en : content.periodLabel.zh,
        overall: content.overall.map((r) => ({ unit: r.unit, name: r.name, total: r.total, rank: r.rank })),
      })),
    };
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}
