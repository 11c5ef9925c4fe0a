// Creating, versioning, archiving and reading campaigns. A spec is stored only when the engine
// accepts it; a new version must keep every stored figure valid.
import type { Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import {
  findCampaign, findVersion, findVersionText, insertCampaign, insertVersion, listCampaigns, listVersions, lockCampaign, replaceStructure, setCampaignStatus,
  updateCampaign, type CampaignRow,
} from '../repositories/campaigns.ts';
import { resultPeriods } from '../repositories/results.ts';
import { ensureOrganization, loadScope } from '../repositories/users.ts';
import type { CampaignDto, ModelDto } from '../schemas/campaigns.ts';
import type { AuditActor, Ctx } from './context.ts';
import { appendAudit } from '../repositories/audit.ts';
import { createHash } from 'node:crypto';
import { checkFigures } from './figures.ts';
import { campaignModel } from './model.ts';
import { recomputeStored } from './recompute.ts';
import { checkPersonLinks } from './people.ts';
import { parseFreshSpec } from './specs.ts';
import { ORGANIZATION_NAME } from './users.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Only id and username: a full user object would put its assignments in every entry. */
export const auditActor = (a: AuditActor): AuditActor => ({ id: a.id, username: a.username });

export function toCampaignDto(c: CampaignRow): CampaignDto {
  return {
    id: c.id, name: c.name, year: c.year, cadence: c.cadence, organizer: c.organizer, organizationId: c.organizationId, status: c.status,
    version: c.currentVersion, updatedAt: c.updatedAt.toISOString(),
  };
}

export function campaignSpec(ex: Executor, ctx: Ctx, c: CampaignRow): Promise<Spec> {
  return ctx.specs.get(ex, c.id, c.currentVersion);
}

export async function requireCampaign(ex: Executor, id: string): Promise<CampaignRow> {
  const c = await findCampaign(ex, id);
  if (!c) throw AppError.notFound({ zh: `竞赛“${id}”`, en: `Campaign "${id}"` });
  return c;
}

function campaignColumns(spec: Spec) {
  return { name: spec.campaign.name, year: spec.campaign.year, cadence: spec.campaign.cadence, organizer: spec.campaign.organizer ?? null };
}

/**
 * `organizationId`: the organization the campaign belongs to; by default the one the creator
 * organizes (their own organization when they organize several, else the first), or the root.
 */
export async function createCampaign(ctx: Ctx, actor: Actor & AuditActor & { organizationId?: number }, specText: string, organizationIdIn?: number): Promise<CampaignDto> {
  const spec = await parseFreshSpec(specText);
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const organizationId = organizationIdIn ?? defaultOrganizationOf(actor) ?? (await ensureOrganization(tx, ORGANIZATION_NAME));
    const scope = actor.scope ?? (await loadScope(tx));
    if (!(organizationId in scope.orgParent)) throw AppError.notFound({ zh: `组织（编号 ${organizationId}）`, en: `Organization ${organizationId}` });
    if (!can({ ...actor, scope }, 'campaign.create', { organizationId })) {
      throw new AppError('forbidden', { zh: '只能为本组织创建竞赛', en: 'You may only create campaigns of your own organization' });
    }
    await checkPersonLinks(tx, { ...actor, scope }, spec);
    if (await findCampaign(tx, spec.campaign.id)) {
      throw new AppError('conflict', { zh: `竞赛“${spec.campaign.id}”已存在，请用新版本更新它`, en: `Campaign "${spec.campaign.id}" exists; save a new version instead` });
    }
    const row = await insertCampaign(tx, { id: spec.campaign.id, organizationId, ...campaignColumns(spec), status: 'active', currentVersion: 1, createdAt: now, updatedAt: now });
    await insertVersion(tx, { campaignId: row.id, version: 1, specText, createdBy: actor.id, createdAt: now });
    await replaceStructure(tx, row.id, spec);
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'campaign.create', campaignId: row.id, subject: `version 1`, after: { version: 1, specSha256: sha256(specText) } }]);
    return toCampaignDto(row);
  });
}

export async function updateSpec(ctx: Ctx, actor: Actor & AuditActor, id: string, specText: string): Promise<CampaignDto> {
  const spec = await parseFreshSpec(specText);
  if (spec.campaign.id !== id) {
    throw new AppError('spec_invalid', undefined, [{
      kind: 'spec', code: 'spec.campaign_id_mismatch', path: 'campaign.id', text: spec.campaign.id,
      message: `campaign.id "${spec.campaign.id}" does not match the campaign being edited ("${id}")`,
      messageZh: `campaign.id“${spec.campaign.id}”与正在修改的竞赛（“${id}”）不符`,
    }]);
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const current = await lockCampaign(tx, id);
    if (!current) throw AppError.notFound({ zh: `竞赛“${id}”`, en: `Campaign "${id}"` });
    if (current.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档，不能修改', en: 'The campaign is archived' });
    await checkPersonLinks(tx, actor, spec);
    // Every stored figure must still fit the new spec (units, indicators, score ranges…): the figure
    // path's check over all of them
    const stored = await ctx.figures.get(tx, id, current.dataVersion);
    const issues = checkFigures(spec, [...stored.values()].map(([, f], i) => ({ ...f, row: i + 2 })));
    if (issues.length > 0) throw new AppError('data_invalid', { zh: '已填报的数据与新方案不符', en: 'Stored figures do not fit the new spec' }, issues);
    const version = current.currentVersion + 1;
    await insertVersion(tx, { campaignId: id, version, specText, createdBy: actor.id, createdAt: now });
    const row = await updateCampaign(tx, id, { ...campaignColumns(spec), currentVersion: version, updatedAt: now });
    await replaceStructure(tx, id, spec);
    // a new spec may change every period: one signal naming the latest is enough for clients to refetch
    await recomputeStored(tx, ctx, row, spec, now, 'latest');
    const previousText = await findVersionText(tx, id, current.currentVersion);
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'campaign.spec_version', campaignId: id, subject: `version ${version}`,
      before: { version: current.currentVersion, specSha256: previousText === undefined ? null : sha256(previousText) },
      after: { version, specSha256: sha256(specText) },
    }]);
    return toCampaignDto(row);
  });
}

export async function archiveCampaign(ctx: Ctx, actor: AuditActor, id: string): Promise<CampaignDto> {
  return ctx.db.transaction(async (tx) => {
    const current = await lockCampaign(tx, id);
    if (!current) throw AppError.notFound({ zh: `竞赛“${id}”`, en: `Campaign "${id}"` });
    const now = ctx.now();
    const row = await setCampaignStatus(tx, id, 'archived', now);
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'campaign.archive', campaignId: id, before: { status: current.status }, after: { status: 'archived' } }]);
    return toCampaignDto(row);
  });
}

/** The organization an actor's new campaign belongs to when none is named. */
function defaultOrganizationOf(actor: Actor & { organizationId?: number }): number | undefined {
  const organizes = actor.grants.filter((g) => g.role === 'organizer' && g.organizationId != null).map((g) => g.organizationId as number);
  if (actor.organizationId !== undefined && organizes.includes(actor.organizationId)) return actor.organizationId;
  return organizes[0];
}

export async function listVisibleCampaigns(ctx: Ctx, actor: Actor): Promise<CampaignDto[]> {
  const rows = await listCampaigns(ctx.db);
  const scope = actor.scope ?? (await loadScope(ctx.db));
  return rows.filter((c) => can({ ...actor, scope }, 'campaign.read', { campaignId: c.id })).map(toCampaignDto);
}

export async function campaignDetail(ctx: Ctx, id: string): Promise<{ campaign: CampaignDto; specText: string; model: ModelDto }> {
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, id);
    const spec = await campaignSpec(tx, ctx, c);
    const specText = (await findVersionText(tx, id, c.currentVersion)) ?? '';
    return { campaign: toCampaignDto(c), specText, model: campaignModel(spec, await resultPeriods(tx, id)) };
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export async function campaignVersions(ctx: Ctx, id: string) {
  await requireCampaign(ctx.db, id);
  const rows = await listVersions(ctx.db, id);
  return rows.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy, createdByName: v.createdByName }));
}

/** One stored version with its text (the version history shows any of them). */
export async function campaignVersion(ctx: Ctx, id: string, version: number) {
  await requireCampaign(ctx.db, id);
  const v = await findVersion(ctx.db, id, version);
  if (!v) throw AppError.notFound({ zh: `竞赛“${id}”的第 ${version} 版`, en: `Version ${version} of campaign "${id}"` });
  return { version: v.version, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy, createdByName: v.createdByName, specText: v.specText };
}
