// Writing reported figures. Every write, single or batch, goes through `writeFigures`: authorise
// each figure, check the versions the client edited (409 instead of a silent overwrite), validate
// all of the campaign's figures together with the engine, store, append the audit entries,
// recompute every period's results and signal — all in one transaction, so a failed write stores
// nothing at all.
import { checkData, type DataRow, type Spec } from '@leitai/engine';
import { readRows } from '@leitai/io';
import type { Executor } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit, type AuditInput } from '../repositories/audit.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { campaignFigureStates, deleteFigure, figureKey, findFigure, listFigures, setFigureReview, upsertFigures, type FigureKey, type FigureRow } from '../repositories/figures.ts';
import type { FigureConflictDto, FigureDto } from '../schemas/figures.ts';
import { auditActor, requireCampaign, campaignSpec } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { recomputeStored } from './recompute.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';

export interface Writer extends Actor {
  username: string;
}

/**
 * A figure to store. `version` is the version of the stored figure the client edited: a number
 * (that version), null (the client saw no figure), or undefined (not checked: file imports and the
 * demo loader, which replace figures deliberately).
 */
export type WriteRow = DataRow & { version?: number | null };
export type ClearKey = FigureKey & { version?: number | null };

export interface WriteOptions {
  now?: Date;
  /** recorded in the audit log with every figure written */
  reason?: string;
  /** an approved correction: may change a closed period's figure */
  correction?: boolean;
}

const subjectOf = (k: FigureKey) => `${k.unit}/${k.indicator}/${k.period}`;

function authorise(actor: Actor, spec: Spec, campaignId: string, keys: FigureKey[]): void {
  const inputs = new Map(spec.indicators.map((d) => [d.id, d.input]));
  for (const k of keys) {
    if (!can(actor, 'figure.enter', { campaignId, unitId: k.unit, indicatorId: k.indicator, input: inputs.get(k.indicator) })) {
      throw new AppError('forbidden', {
        zh: `无权填报 ${k.unit} / ${k.indicator}`,
        en: `You may not enter figures for ${k.unit} / ${k.indicator}`,
      });
    }
  }
}

export function toFigureDto(r: FigureRow): FigureDto {
  return {
    unit: r.unit, indicator: r.indicator, period: r.period, value: r.value, enteredBy: r.enteredBy, enteredAt: r.enteredAt.toISOString(),
    version: r.version, late: r.late, status: r.status, reviewReason: r.reviewReason,
  };
}

const trimKey = <T extends FigureKey>(r: T): T => ({ ...r, unit: r.unit.trim(), indicator: r.indicator.trim(), period: r.period.trim() });

/** Stores `rows` (replacing figures with the same key) and removes `clears`; returns how many were saved. */
export async function writeFigures(ctx: Ctx, actor: Writer, campaignId: string, rowsIn: WriteRow[], clearsIn: ClearKey[] = [], opts: WriteOptions = {}): Promise<number> {
  return ctx.db.transaction((tx) => writeFiguresTx(tx, ctx, actor, campaignId, rowsIn, clearsIn, opts));
}

/** writeFigures inside the caller's transaction (an accepted correction writes with its decision). */
export async function writeFiguresTx(tx: Executor, ctx: Ctx, actor: Writer, campaignId: string, rowsIn: WriteRow[], clearsIn: ClearKey[] = [], opts: WriteOptions = {}): Promise<number> {
  const now = opts.now ?? ctx.now();
  const rows = rowsIn.map(trimKey);
  const clears = clearsIn.map(trimKey);
  const campaign = await lockCampaign(tx, campaignId);
  if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
  if (campaign.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档，不能再填报', en: 'The campaign is archived' });
  const spec = await campaignSpec(tx, ctx, campaign);
  authorise(actor, spec, campaignId, [...rows, ...clears]);

  // The campaign row is locked: nobody else writes its figures until we commit, so the versions
  // read here are the ones our write replaces.
  const stored = await campaignFigureStates(tx, campaignId);
  const byKey = new Map(stored.map((s) => [figureKey(s), s]));
  // Saving the value that is stored already changes nothing and is no conflict: a retried or
  // repeated save succeeds without a new version (a key given twice is left to the engine).
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(figureKey(r), (seen.get(figureKey(r)) ?? 0) + 1);
  const changed = rows.filter((r) => seen.get(figureKey(r)) !== 1 || byKey.get(figureKey(r))?.value !== r.value.trim());
  if (changed.length === 0 && clears.length === 0) return rows.length;
  const conflicts: { key: FigureKey; sent: number | null }[] = [];
  for (const r of [...changed, ...clears]) {
    if (r.version === undefined) continue;
    const current = byKey.get(figureKey(r));
    if ((current?.version ?? null) !== r.version) conflicts.push({ key: r, sent: r.version });
  }
  if (conflicts.length > 0) await throwConflict(tx, campaignId, conflicts);

  // The period decides whether the figure may change now, and whether it is late.
  const infos = await periodInfos(tx, campaignId);
  for (const k of [...changed, ...clears]) {
    const info = infoOf(infos, k.period);
    if (info.state === 'closed' && !opts.correction) {
      throw new AppError('period_locked', {
        zh: `考核期 ${k.period} 已锁定：数据只能通过更正申请修改`,
        en: `Period ${k.period} is closed: its figures change only through a correction request`,
      });
    }
    // in verification a unit may only fix what its section returned; organizers and scorers may still write
    if (info.state === 'verification' && actor.role === 'reporter' && byKey.get(figureKey(k))?.status !== 'returned') {
      throw new AppError('period_locked', {
        zh: `考核期 ${k.period} 已截止报送、进入审核：只能修改被退回的数据（${subjectOf(k)}）`,
        en: `Reporting for ${k.period} has closed and it is being verified: only returned figures can be changed (${subjectOf(k)})`,
      });
    }
  }
  const lateOf = (k: FigureKey) => {
    const info = infoOf(infos, k.period);
    const past = info.deadline !== null && now > info.deadline;
    // a figure fixed after it was returned keeps its earlier lateness
    return info.state === 'open' ? past : (byKey.get(figureKey(k))?.late ?? past);
  };

  const replaced = new Set([...changed, ...clears].map(figureKey));
  const lastRow = rows.reduce((m, r) => Math.max(m, r.row), 1);
  const kept = stored.filter((s) => !replaced.has(figureKey(s))).map((s, i) => ({ unit: s.unit, indicator: s.indicator, period: s.period, value: s.value, row: lastRow + 1 + i }));
  const checked = checkData(spec, [...changed.map(({ version: _v, ...r }) => r), ...kept]);
  if (!checked.ok) throw new AppError('data_invalid', undefined, checked.issues);

  const audit: AuditInput[] = [];
  const who = auditActor(actor);
  for (const k of clears) {
    const before = byKey.get(figureKey(k));
    if (!before || !(await deleteFigure(tx, campaignId, k))) throw AppError.notFound({ zh: '该数据', en: 'Figure' });
    audit.push({ actor: who, action: 'figure.clear', campaignId, subject: subjectOf(k), before: { value: before.value, version: before.version }, after: null, reason: opts.reason ?? null });
  }
  const written = await upsertFigures(tx, campaignId, changed.map((r) => ({ unit: r.unit, indicator: r.indicator, period: r.period, value: r.value.trim(), late: lateOf(r) })), actor.id, now);
  const versions = new Map(written.map((w) => [figureKey(w), w.version]));
  for (const r of changed) {
    const before = byKey.get(figureKey(r));
    audit.push({
      actor: who, action: 'figure.set', campaignId, subject: subjectOf(r),
      before: before ? { value: before.value, version: before.version } : null,
      after: { value: r.value.trim(), version: versions.get(figureKey(r)) ?? null, ...(lateOf(r) ? { late: true } : {}) },
      reason: opts.reason ?? null,
    });
  }
  // an approved correction is verified by the organizer's decision
  if (opts.correction) for (const r of changed) await setFigureReview(tx, campaignId, r, { status: 'approved', reason: null, by: actor.id, at: now });
  await recomputeStored(tx, ctx, campaign, spec, now, new Set([...changed, ...clears].map((r) => r.period)));
  await appendAudit(tx, now, audit);
  return rows.length;
}

async function throwConflict(tx: Executor, campaignId: string, list: { key: FigureKey; sent: number | null }[]): Promise<never> {
  const conflicts: FigureConflictDto[] = [];
  for (const c of list.slice(0, 100)) {
    const current = await findFigure(tx, campaignId, c.key);
    conflicts.push({ unit: c.key.unit, indicator: c.key.indicator, period: c.key.period, sentVersion: c.sent, current: current ? toFigureDto(current) : null });
  }
  const first = conflicts[0];
  const one = list.length === 1;
  throw new AppError('conflict', {
    zh: one ? `${first.unit} / ${first.indicator} / ${first.period} 已被他人修改，请查看当前值后再保存` : `${list.length} 项数据已被他人修改，请查看当前值后再保存`,
    en: one ? `${first.unit} / ${first.indicator} / ${first.period} was changed by someone else; review the current value and save again` : `${list.length} figures were changed by someone else; review the current values and save again`,
  }, undefined, { conflicts, ...(one ? { current: first.current } : {}) });
}

export async function putFigure(ctx: Ctx, actor: Writer, campaignId: string, f: FigureKey & { value: string | null; version?: number | null; reason?: string }): Promise<FigureDto | null> {
  const version = f.version ?? null;
  const key = { unit: f.unit, indicator: f.indicator, period: f.period };
  if (f.value === null) {
    await writeFigures(ctx, actor, campaignId, [], [{ ...key, version }], { reason: f.reason });
    return null;
  }
  await writeFigures(ctx, actor, campaignId, [{ ...key, value: f.value, version, row: 2 }], [], { reason: f.reason });
  const stored = await findFigure(ctx.db, campaignId, trimKey(key));
  if (!stored) throw new AppError('internal');
  return toFigureDto(stored);
}

/** Batch item i (0-based) is reported as spreadsheet row i + 2, as if item 1 sat under a header. */
export function batchRows(items: { unit: string; indicator: string; period: string; value: string; version?: number | null }[]): WriteRow[] {
  return items.map((f, i) => ({ ...f, version: f.version ?? null, row: i + 2 }));
}

export async function importFigures(ctx: Ctx, actor: Writer, campaignId: string, file: { data: Uint8Array; filename: string }): Promise<number> {
  const read = await readRows(file.data, file.filename);
  if (!read.ok) throw new AppError('data_invalid', undefined, read.issues);
  if (read.value.length === 0) throw new AppError('data_invalid', { zh: '文件中没有数据行', en: 'The file has no data rows' });
  // a file import replaces figures deliberately: versions are not checked (the audit log keeps the earlier values)
  return writeFigures(ctx, actor, campaignId, read.value, [], { reason: `import ${file.filename}` });
}

/** Only the figures the policy lets this actor read (a reporter: their own unit's). */
export async function readFigures(ctx: Ctx, actor: Actor, campaignId: string, period: string | undefined): Promise<FigureDto[]> {
  await requireCampaign(ctx.db, campaignId);
  const rows = await listFigures(ctx.db, campaignId, { period });
  return rows.filter((r) => can(actor, 'figure.read', { campaignId, unitId: r.unit })).map(toFigureDto);
}
