// Evidence files (佐证材料) of a figure: attached by whoever may enter the figure while its period
// lets them change it, read by whoever may read the figure, each addition and removal in the
// audit log. A file may be attached before its figure is saved (the reporter's form attaches it
// while the value is being typed); it belongs to the figure's key, so it stays with the figure
// through later changes of the value.
import { createHash, randomUUID } from 'node:crypto';
import { periodKeys } from '@leitai/engine';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { countEvidence, deleteEvidence, evidenceData, findEvidenceMeta, insertEvidence, listEvidence, type EvidenceMeta } from '../repositories/evidence.ts';
import { findFigure, type FigureKey } from '../repositories/figures.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import type { EvidenceDto, FigureEvidenceDto } from '../schemas/evidence.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { toFigureEvidenceDto } from './figure-dto.ts';
import { assertPeriodAllows, authorise, type Writer } from './figures.ts';
import { safeFilename, sniffFileType } from './file-type.ts';
import type { Executor } from '../db/client.ts';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;

const subjectOf = (k: FigureKey) => `${k.unit}/${k.indicator}/${k.period}`;
const notFound = () => AppError.notFound({ zh: '该佐证材料', en: 'Evidence file' });

/** Locks the campaign and checks that `actor` may change the figure's evidence now (as for writing the figure). */
async function openForChange(tx: Executor, ctx: Ctx, actor: Writer, campaignId: string, k: FigureKey): Promise<void> {
  const campaign = await lockCampaign(tx, campaignId);
  if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
  if (campaign.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档', en: 'The campaign is archived' });
  const spec = await campaignSpec(tx, ctx, campaign);
  if (!spec.units.some((u) => u.id === k.unit) || !spec.indicators.some((d) => d.id === k.indicator) || !periodKeys(spec).includes(k.period)) {
    throw AppError.notFound({ zh: `数据 ${subjectOf(k)}`, en: `Figure ${subjectOf(k)}` });
  }
  authorise(actor, spec, campaignId, [k]);
  const figure = await findFigure(tx, campaignId, k);
  assertPeriodAllows(actor, campaignId, k, infoOf(await periodInfos(tx, campaignId), k.period).state, figure?.status);
}

/**
 * Attaches a file. `read` reads the upload: it is called only once the actor is known to be allowed
 * to enter the figure, so nobody else gets to send us 10 MB.
 */
export async function addEvidence(ctx: Ctx, actor: Writer, campaignId: string, k: FigureKey, read: () => Promise<{ data: Uint8Array; filename: string }>): Promise<EvidenceDto> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  authorise(actor, await campaignSpec(ctx.db, ctx, campaign), campaignId, [k]);
  const file = await read();
  if (file.data.length > EVIDENCE_MAX_BYTES) {
    throw new AppError('validation_failed', { zh: '文件超过 10 MB 的上限', en: 'The file is larger than the limit of 10 MB' }, undefined, undefined, 413);
  }
  if (file.data.length === 0) throw new AppError('validation_failed', { zh: '文件是空的', en: 'The file is empty' });
  const type = sniffFileType(file.data);
  if (!type) {
    throw new AppError('validation_failed', {
      zh: '不支持的文件类型：佐证材料只能是 PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx）或 OFD 文件',
      en: 'Unsupported file type: evidence must be a PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or OFD file',
    }, undefined, undefined, 415);
  }
  const now = ctx.now();
  const id = randomUUID();
  const filename = safeFilename(file.filename, type);
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  await ctx.db.transaction(async (tx) => {
    await openForChange(tx, ctx, actor, campaignId, k);
    if ((await countEvidence(tx, campaignId, k)) >= EVIDENCE_MAX_FILES) {
      throw new AppError('conflict', {
        zh: `每项数据最多附 ${EVIDENCE_MAX_FILES} 个佐证材料，请先删除不需要的`,
        en: `A figure takes at most ${EVIDENCE_MAX_FILES} evidence files; remove one first`,
      });
    }
    await insertEvidence(tx, { id, campaignId, ...k, filename, contentType: type.contentType, size: file.data.length, sha256, data: file.data, uploadedBy: actor.id, uploadedAt: now });
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'evidence.add', campaignId, subject: subjectOf(k),
      before: null, after: { id, filename, contentType: type.contentType, size: file.data.length, sha256 }, reason: null,
    }]);
  });
  return { id, filename, contentType: type.contentType, size: file.data.length, sha256, uploadedBy: actor.username, uploadedAt: now.toISOString() };
}

/** The evidence of a unit's period that `actor` may read (including files of figures not saved yet). */
export async function listUnitEvidence(ctx: Ctx, actor: Actor, campaignId: string, unit: string, period: string): Promise<FigureEvidenceDto[]> {
  await requireCampaign(ctx.db, campaignId);
  if (!can(actor, 'figure.read', { campaignId, unitId: unit })) throw new AppError('forbidden');
  return (await listEvidence(ctx.db, campaignId, { period, units: [unit] })).map(toFigureEvidenceDto);
}

/** The evidence row, or 404 for anyone who may not read its figure (its existence is not revealed). */
async function readable(ctx: Ctx, actor: Actor, id: string): Promise<EvidenceMeta> {
  const meta = await findEvidenceMeta(ctx.db, id);
  if (!meta || !can(actor, 'figure.read', { campaignId: meta.campaignId, unitId: meta.unit })) throw notFound();
  return meta;
}

export async function downloadEvidence(ctx: Ctx, actor: Actor, id: string): Promise<{ meta: EvidenceMeta; data: Uint8Array }> {
  const meta = await readable(ctx, actor, id);
  const data = await evidenceData(ctx.db, id);
  if (!data) throw notFound();
  return { meta, data };
}

export async function removeEvidence(ctx: Ctx, actor: Writer, id: string): Promise<void> {
  const meta = await readable(ctx, actor, id);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await openForChange(tx, ctx, actor, meta.campaignId, { unit: meta.unit, indicator: meta.indicator, period: meta.period });
    if (!(await deleteEvidence(tx, id))) throw notFound();
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'evidence.remove', campaignId: meta.campaignId, subject: subjectOf(meta),
      before: { id, filename: meta.filename, contentType: meta.contentType, size: meta.size, sha256: meta.sha256 }, after: null, reason: null,
    }]);
  });
}

