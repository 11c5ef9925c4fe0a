// Writing reported figures. Every write, single or batch, goes through `writeFigures`: authorise
// each figure, validate all of the campaign's figures together with the engine, store, recompute
// every period's results and signal — all in one transaction, so a bad figure stores nothing.
import { checkData, type DataRow, type Spec } from '@leitai/engine';
import { readRows } from '@leitai/io';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { deleteFigure, listFigures, upsertFigures, type FigureKey } from '../repositories/figures.ts';
import type { FigureDto } from '../schemas/figures.ts';
import { campaignSpec, requireCampaign, storedDataRows } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { storeResults } from './recompute.ts';

export interface Writer extends Actor {
  username: string;
}

const keyOf = (k: FigureKey) => `${k.unit}\u0000${k.indicator}\u0000${k.period}`;

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

/** Stores `rows` (replacing figures with the same key) and removes `clears`; returns how many were saved. */
export async function writeFigures(ctx: Ctx, actor: Writer, campaignId: string, rows: DataRow[], clears: FigureKey[] = [], now = ctx.now()): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    if (campaign.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档，不能再填报', en: 'The campaign is archived' });
    const spec = await campaignSpec(tx, ctx, campaign);
    authorise(actor, spec, campaignId, [...rows, ...clears]);

    const replaced = new Set([...rows, ...clears].map(keyOf));
    const lastRow = rows.reduce((m, r) => Math.max(m, r.row), 1);
    const kept = (await storedDataRows(tx, campaignId, lastRow)).filter((r) => !replaced.has(keyOf(r)));
    const checked = checkData(spec, [...rows, ...kept]);
    if (!checked.ok) throw new AppError('data_invalid', undefined, checked.issues);

    for (const k of clears) {
      if (!(await deleteFigure(tx, campaignId, k))) throw AppError.notFound({ zh: '该数据', en: 'Figure' });
    }
    await upsertFigures(tx, campaignId, rows.map((r) => ({ unit: r.unit.trim(), indicator: r.indicator.trim(), period: r.period.trim(), value: r.value.trim() })), actor.id, now);
    await storeResults(tx, now, { id: campaignId, version: campaign.currentVersion }, spec, checked.value, [...rows, ...clears].map((r) => r.period.trim()));
    return rows.length;
  });
}

export async function putFigure(ctx: Ctx, actor: Writer, campaignId: string, f: FigureKey & { value: string | null }): Promise<FigureDto | null> {
  if (f.value === null) {
    await writeFigures(ctx, actor, campaignId, [], [f]);
    return null;
  }
  const at = ctx.now();
  await writeFigures(ctx, actor, campaignId, [{ ...f, value: f.value, row: 2 }], [], at);
  return { unit: f.unit, indicator: f.indicator, period: f.period, value: f.value.trim(), enteredBy: actor.username, enteredAt: at.toISOString() };
}

/** Batch item i (0-based) is reported as spreadsheet row i + 2, as if item 1 sat under a header. */
export function batchRows(items: { unit: string; indicator: string; period: string; value: string }[]): DataRow[] {
  return items.map((f, i) => ({ ...f, row: i + 2 }));
}

export async function importFigures(ctx: Ctx, actor: Writer, campaignId: string, file: { data: Uint8Array; filename: string }): Promise<number> {
  const read = await readRows(file.data, file.filename);
  if (!read.ok) throw new AppError('data_invalid', undefined, read.issues);
  if (read.value.length === 0) throw new AppError('data_invalid', { zh: '文件中没有数据行', en: 'The file has no data rows' });
  return writeFigures(ctx, actor, campaignId, read.value);
}

/** Only the figures the policy lets this actor read (a reporter: their own unit's). */
export async function readFigures(ctx: Ctx, actor: Actor, campaignId: string, period: string | undefined): Promise<FigureDto[]> {
  await requireCampaign(ctx.db, campaignId);
  const rows = await listFigures(ctx.db, campaignId, { period });
  return rows
    .filter((r) => can(actor, 'figure.read', { campaignId, unitId: r.unit }))
    .map((r) => ({ ...r, enteredAt: r.enteredAt.toISOString() }));
}
