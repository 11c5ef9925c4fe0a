// Bulletins (通报): a draft generated from the period's stored result, reviewed and edited, then
// published — frozen: the canonical JSON of its content and its sha256 are stored with the .docx
// and .xlsx rendered once, and the database refuses any later change of the row. A correction is a
// new version of the same period with a change note; earlier versions stay readable as they were.
import { createHash } from 'node:crypto';
import { periodKeys } from '@leitai/engine';
import { canonicalJson } from '../audit/chain.ts';
import type { Executor } from '../db/client.ts';
import { notify } from '../db/notify.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import {
  bulletinFile, countPublished, currentVersions, deleteDraft, findBulletin, insertBulletin, lastVersion, listBulletins, lockBulletin, markPublished,
  updateDraft, type BulletinMeta,
} from '../repositories/bulletins.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { findResultRow, previousResult } from '../repositories/results.ts';
import { catchUpLocked } from './recompute.ts';
import { BulletinContent } from '../schemas/bulletin-content.ts';
import type { BulletinCreateDto, BulletinDto, BulletinPatchDto, BulletinSummaryDto } from '../schemas/bulletins.ts';
import { buildBulletinContent, resultPart } from './bulletin-content.ts';
import { renderDocx, renderXlsx } from './bulletin-render.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import type { AuditActor, Ctx } from './context.ts';
import { periodLabel } from './period-label.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const NOT_FOUND = { zh: '通报', en: 'Bulletin' };
const published = () => new AppError('bulletin_published');

/** The content as it was published (the frozen text the hash is over), or a draft's current content. */
export function contentOf(row: Pick<BulletinMeta, 'status' | 'content' | 'contentJson'>): BulletinContent {
  return BulletinContent.parse(row.status === 'published' && row.contentJson !== null ? JSON.parse(row.contentJson) : row.content);
}

export function toSummary(row: BulletinMeta, current: Map<string, number>, opts: { anonymous?: boolean } = {}): BulletinSummaryDto {
  return {
    id: row.id, campaign: row.campaignId, period: row.period, version: row.version, status: row.status, number: row.number, title: row.title,
    changeNote: row.changeNote, contentHash: row.contentHash, createdAt: row.createdAt.toISOString(),
    createdBy: opts.anonymous ? null : row.createdByName, publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedBy: opts.anonymous ? null : row.publishedByName,
    createdByName: opts.anonymous ? null : row.createdByDisplay, publishedByName: opts.anonymous ? null : row.publishedByDisplay,
    current: row.status === 'published' && current.get(row.period) === row.version,
  };
}

export function toBulletin(row: BulletinMeta, current: Map<string, number>, opts: { anonymous?: boolean } = {}): BulletinDto {
  return { ...toSummary(row, current, opts), content: contentOf(row) };
}

/** The content of `period` from its stored result (409 without one) with the names of that result's spec version. */
async function generate(tx: Executor, ctx: Ctx, campaignId: string, period: string, text: { intro: string[]; closing: string[] }): Promise<BulletinContent> {
  const row = await findResultRow(tx, campaignId, period);
  if (!row) throw new AppError('conflict', { zh: `考核期“${period}”还没有计算结果，不能生成通报`, en: `Period "${period}" has no results yet; there is nothing to report` });
  const spec = await ctx.specs.get(tx, campaignId, row.version);
  return buildBulletinContent({
    spec, result: row.result, specVersion: row.version, computedAt: row.computedAt, previous: await previousResult(tx, campaignId, period),
    periodState: infoOf(await periodInfos(tx, campaignId), period).state, ...text,
  });
}

/** A bulletin the actor may read (404 otherwise: its existence is not told). */
async function readable(ex: Executor, actor: Actor, id: number): Promise<BulletinMeta> {
  const row = await findBulletin(ex, id);
  if (!row || !can(actor, 'bulletin.read', { campaignId: row.campaignId })) throw AppError.notFound(NOT_FOUND);
  return row;
}

/** A bulletin the actor manages: 404 when they may not read it, 403 when they read but do not manage its campaign. */
async function managed(ex: Executor, actor: Actor, id: number): Promise<void> {
  const row = await readable(ex, actor, id);
  if (!can(actor, 'bulletin.manage', { campaignId: row.campaignId })) throw new AppError('forbidden');
}

async function dto(ex: Executor, id: number): Promise<BulletinDto> {
  const row = await findBulletin(ex, id);
  if (!row) throw AppError.notFound(NOT_FOUND);
  return toBulletin(row, await currentVersions(ex, row.campaignId));
}

export async function listCampaignBulletins(ctx: Ctx, campaignId: string, period: string | undefined): Promise<BulletinSummaryDto[]> {
  return ctx.db.transaction(async (tx) => {
    await requireCampaign(tx, campaignId);
    const current = await currentVersions(tx, campaignId);
    return (await listBulletins(tx, campaignId, { period })).map((r) => toSummary(r, current));
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export async function readBulletin(ctx: Ctx, actor: Actor, id: number): Promise<BulletinDto> {
  const row = await readable(ctx.db, actor, id);
  return toBulletin(row, await currentVersions(ctx.db, row.campaignId));
}

export async function createBulletin(ctx: Ctx, actor: Actor & AuditActor, campaignId: string, body: BulletinCreateDto): Promise<BulletinDto> {
  return ctx.db.transaction(async (tx) => {
    const c = await lockCampaign(tx, campaignId);
    if (!c) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const spec = await campaignSpec(tx, ctx, c);
    if (!periodKeys(spec).includes(body.period)) throw AppError.notFound({ zh: `考核期“${body.period}”`, en: `Period "${body.period}"` });
    const last = await lastVersion(tx, campaignId, body.period);
    if (last?.status === 'draft') {
      throw new AppError('conflict', { zh: '该考核期已有通报草稿，请修改或删除它', en: 'The period already has a draft bulletin: edit or delete it' });
    }
    const version = (last?.version ?? 0) + 1;
    if (version > 1 && !body.changeNote) {
      throw new AppError('validation_failed', { zh: '更正通报（第2版起）须填写更正说明', en: 'A correction (version 2 on) needs a change note' });
    }
    // a correction starts from the version it corrects: same number, title and text unless given
    const before = last ? (await listBulletins(tx, campaignId, { period: body.period })).find((b) => b.version === last.version) : undefined;
    const beforeContent = before ? contentOf(before) : undefined;
    const content = await generate(tx, ctx, campaignId, body.period, {
      intro: body.intro ?? beforeContent?.intro ?? [], closing: body.closing ?? beforeContent?.closing ?? [],
    });
    const n = (await countPublished(tx, campaignId)) + 1;
    const now = ctx.now();
    const id = await insertBulletin(tx, {
      campaignId, period: body.period, version, status: 'draft',
      number: body.number ?? before?.number ?? `${content.campaign.organizer ?? content.campaign.name}通〔${content.campaign.year}〕${n}号`,
      title: body.title ?? before?.title ?? `${content.campaign.name}${periodLabel(body.period).zh}通报`,
      changeNote: body.changeNote ?? null, content, createdBy: actor.id, createdAt: now, updatedAt: now,
    });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'bulletin.create', campaignId, subject: `bulletin ${id}`, after: { id, period: body.period, version } }]);
    return dto(tx, id);
  });
}

/** Locks a draft the actor may manage: 404 when it is not there, 409 bulletin_published when it is frozen. */
async function lockDraft(tx: Executor, id: number): Promise<BulletinMeta> {
  const locked = await lockBulletin(tx, id);
  if (!locked) throw AppError.notFound(NOT_FOUND);
  if (locked.status !== 'draft') throw published();
  const row = await findBulletin(tx, id);
  if (!row) throw AppError.notFound(NOT_FOUND);
  return row;
}

export async function updateBulletin(ctx: Ctx, actor: Actor & AuditActor, id: number, body: BulletinPatchDto): Promise<BulletinDto> {
  return ctx.db.transaction(async (tx) => {
    await managed(tx, actor, id);
    const row = await lockDraft(tx, id);
    if (body.changeNote === null && row.version > 1) {
      throw new AppError('validation_failed', { zh: '更正通报（第2版起）须填写更正说明', en: 'A correction (version 2 on) needs a change note' });
    }
    const old = contentOf(row);
    const text = { intro: body.intro ?? old.intro, closing: body.closing ?? old.closing };
    const content = body.regenerate ? await generate(tx, ctx, row.campaignId, row.period, text) : { ...old, ...text };
    const now = ctx.now();
    await updateDraft(tx, id, {
      number: body.number ?? row.number, title: body.title ?? row.title,
      changeNote: body.changeNote === undefined ? row.changeNote : body.changeNote, content, updatedAt: now,
    });
    const changed = (['number', 'title', 'intro', 'closing', 'changeNote', 'regenerate'] as const).filter((k) => body[k] !== undefined);
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'bulletin.update', campaignId: row.campaignId, subject: `bulletin ${id}`, after: { id, changed } }]);
    return dto(tx, id);
  });
}

export async function deleteBulletin(ctx: Ctx, actor: Actor & AuditActor, id: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await managed(tx, actor, id);
    const row = await lockDraft(tx, id);
    await deleteDraft(tx, id);
    await appendAudit(tx, ctx.now(), [{
      actor: auditActor(actor), action: 'bulletin.delete', campaignId: row.campaignId, subject: `bulletin ${id}`, before: { id, period: row.period, version: row.version },
    }]);
  });
}

export async function publishBulletin(ctx: Ctx, actor: Actor & AuditActor, id: number, publicUrl: string): Promise<BulletinDto> {
  return ctx.db.transaction(async (tx) => {
    await managed(tx, actor, id);
    const found = await findBulletin(tx, id);
    if (!found) throw AppError.notFound(NOT_FOUND);
    // the campaign first, as every figure write does: no result can change while this publishes
    const campaign = await lockCampaign(tx, found.campaignId);
    // results a figure write left behind are caught up first: what is published is current
    if (campaign) await catchUpLocked(tx, ctx, campaign);
    const row = await lockDraft(tx, id);
    const draft = contentOf(row);
    const fresh = await generate(tx, ctx, row.campaignId, row.period, { intro: draft.intro, closing: draft.closing });
    // what was reviewed is what is published: results that changed since the draft was made must be reviewed again
    if (canonicalJson(resultPart(fresh)) !== canonicalJson(resultPart(draft))) {
      throw new AppError('conflict', {
        zh: '草稿生成后该考核期的结果已有变化，请重新生成草稿并复核后再发布',
        en: 'The period\'s results changed after this draft was generated: regenerate it and review it again before publishing',
      });
    }
    const contentJson = canonicalJson(fresh);
    const contentHash = sha256(contentJson);
    const now = ctx.now();
    const head = { number: row.number, title: row.title, version: row.version, changeNote: row.changeNote, contentHash };
    const [docx, xlsx] = [await renderDocx(fresh, head, now, publicUrl), await renderXlsx(fresh, head, now, publicUrl)];
    await markPublished(tx, id, { content: fresh, contentJson, contentHash, docx, xlsx, publishedBy: actor.id, publishedAt: now, updatedAt: now });
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'bulletin.publish', campaignId: row.campaignId, subject: `bulletin ${id}`,
      after: { id, period: row.period, version: row.version, hash: contentHash },
    }]);
    await notify(tx, 'publication', { campaign: row.campaignId, period: row.period, bulletin: id, version: row.version });
    return dto(tx, id);
  });
}

export type BulletinFileKind = 'docx' | 'xlsx';

export const FILE_TYPES: Record<BulletinFileKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A published bulletin's stored bytes; a draft rendered now. */
export async function bulletinFileOf(ctx: Ctx, row: BulletinMeta, kind: BulletinFileKind, publicUrl: string): Promise<{ data: Uint8Array; filename: string }> {
  const filename = `${row.title}${row.version > 1 ? `（第${row.version}版）` : ''}${row.status === 'draft' ? '（草稿）' : ''}.${kind}`;
  if (row.status === 'published') {
    const data = await bulletinFile(ctx.db, row.id, kind);
    if (!data) throw new AppError('internal');
    return { data, filename };
  }
  const head = { number: row.number, title: row.title, version: row.version, changeNote: row.changeNote, contentHash: null };
  const content = contentOf(row);
  const data = kind === 'docx' ? await renderDocx(content, head, ctx.now(), publicUrl) : await renderXlsx(content, head, ctx.now(), publicUrl);
  return { data, filename };
}

export async function downloadBulletin(ctx: Ctx, actor: Actor, id: number, kind: BulletinFileKind, publicUrl: string) {
  return bulletinFileOf(ctx, await readable(ctx.db, actor, id), kind, publicUrl);
}
