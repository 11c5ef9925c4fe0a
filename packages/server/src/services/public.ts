// What everyone may see without signing in: published bulletins only. Everything here is read from
// their frozen content (the current, i.e. highest published, version of each period), never from
// live results, figures or drafts — so a later figure change or a new draft shows nowhere until it
// is published. A campaign with nothing published does not exist here (404).
import type { Executor } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { currentPublished, currentVersions, findBulletin, type BulletinMeta } from '../repositories/bulletins.ts';
import type { BulletinContent } from '../schemas/bulletin-content.ts';
import type { BulletinDto } from '../schemas/bulletins.ts';
import type { Lang } from '../http/language.ts';
import { contentOf, toBulletin, type BulletinFileKind } from './bulletins.ts';
import { publicBulletinView, publicFileOf } from './public-accountability.ts';
import type { Ctx } from './context.ts';
import { phoneUrl, qrSvg } from './qr.ts';

const label = (c: BulletinContent, lang: Lang) => (lang === 'en' ? c.periodLabel.en : c.periodLabel.zh);
const NOTHING = (id: string) => AppError.notFound({ zh: `已发布的竞赛“${id}”`, en: `Published campaign "${id}"` });

export interface Published {
  rows: BulletinMeta[];
  contents: BulletinContent[];
  current: Map<string, number>;
}

/** The current version of every published period, in period order (404 when there is none). */
export async function published(ex: Executor, campaignId: string, { allowNone = false } = {}): Promise<Published> {
  const rows = await currentPublished(ex, campaignId);
  if (rows.length === 0 && !allowNone) throw NOTHING(campaignId);
  return { rows, contents: rows.map(contentOf), current: new Map(rows.map((r) => [r.period, r.version])) };
}

export function campaignInfo(c: BulletinContent) {
  return { id: c.campaign.id, name: c.campaign.name, year: c.campaign.year, organizer: c.campaign.organizer };
}

const readOnly = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

export async function publicCampaign(ctx: Ctx, campaignId: string, lang: Lang) {
  return ctx.db.transaction(async (tx) => {
    const p = await published(tx, campaignId);
    const last = p.rows.length - 1;
    return {
      campaign: campaignInfo(p.contents[last]),
      periods: p.rows.map((r, i) => ({ period: r.period, label: label(p.contents[i], lang), bulletinId: r.id, version: r.version, publishedAt: (r.publishedAt ?? r.createdAt).toISOString() })),
      latest: await publicBulletinView(tx, toBulletin(p.rows[last], p.current, { anonymous: true })),
    };
  }, readOnly);
}

export async function publicUnit(ctx: Ctx, campaignId: string, unitId: string, lang: Lang) {
  return ctx.db.transaction(async (tx) => {
    const p = await published(tx, campaignId);
    const history = p.contents.flatMap((c) => {
      const row = c.overall.find((r) => r.unit === unitId);
      if (!row) return [];
      const groupRank = c.groups.find((g) => g.id === row.group)?.rows.find((r) => r.unit === unitId)?.rank ?? row.rank;
      return [{ period: c.period, label: label(c, lang), total: row.total, rank: row.rank, groupRank, delta: row.delta, vetoed: row.vetoed, flags: row.flags, grade: row.grade, row }];
    });
    const last = history.at(-1);
    if (!last) throw AppError.notFound({ zh: `单位“${unitId}”`, en: `Unit "${unitId}"` });
    const flags: Record<string, number> = {};
    for (const h of history) for (const f of h.flags) flags[f] = (flags[f] ?? 0) + 1;
    return {
      unit: { id: unitId, name: last.row.name, group: last.row.group, groupName: last.row.groupName },
      history: history.map(({ row: _row, ...h }) => h),
      flags,
    };
  }, readOnly);
}

export async function searchUnits(ctx: Ctx, campaignId: string, q: string) {
  const p = await published(ctx.db, campaignId);
  const needle = q.toLowerCase();
  const latest = p.contents[p.contents.length - 1];
  return latest.overall
    .filter((r) => r.name.toLowerCase().includes(needle) || r.unit.toLowerCase().includes(needle))
    .slice(0, 50)
    .map((r) => ({ id: r.unit, name: r.name, groupName: r.groupName }));
}

/** A published bulletin by id (drafts do not exist here). */
async function publishedRow(ex: Executor, id: number): Promise<BulletinMeta> {
  const row = await findBulletin(ex, id);
  if (!row || row.status !== 'published') throw AppError.notFound({ zh: '通报', en: 'Bulletin' });
  return row;
}

export async function publicBulletin(ctx: Ctx, id: number): Promise<BulletinDto> {
  const row = await publishedRow(ctx.db, id);
  return publicBulletinView(ctx.db, toBulletin(row, await currentVersions(ctx.db, row.campaignId), { anonymous: true }));
}

export async function publicBulletinFile(ctx: Ctx, id: number, kind: BulletinFileKind, publicUrl: string) {
  return publicFileOf(ctx, await publishedRow(ctx.db, id), kind, publicUrl);
}

/** The QR code of the campaign's phone page, or of a unit's on it (the unit must be in a published bulletin). */
export async function phoneQr(ctx: Ctx, campaignId: string, unitId: string | undefined, publicUrl: string): Promise<string> {
  const p = await published(ctx.db, campaignId);
  if (unitId !== undefined && !p.contents.some((c) => c.overall.some((r) => r.unit === unitId))) {
    throw AppError.notFound({ zh: `单位“${unitId}”`, en: `Unit "${unitId}"` });
  }
  return qrSvg(phoneUrl(publicUrl, campaignId, unitId));
}
