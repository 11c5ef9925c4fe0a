// SQL for evidence files (佐证材料) attached to a figure key. Listing never reads the files' bytes;
// only a download does.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { figureEvidence, users } from '../db/schema.ts';
import type { FigureKey } from './figures.ts';

const metaColumns = {
  id: figureEvidence.id,
  campaignId: figureEvidence.campaignId,
  unit: figureEvidence.unitId,
  indicator: figureEvidence.indicatorId,
  period: figureEvidence.period,
  filename: figureEvidence.filename,
  contentType: figureEvidence.contentType,
  size: figureEvidence.size,
  sha256: figureEvidence.sha256,
  uploadedBy: users.username,
  uploadedAt: figureEvidence.uploadedAt,
};

export interface EvidenceMeta extends FigureKey {
  id: string;
  campaignId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: Date;
}

export interface EvidenceInsert extends FigureKey {
  id: string;
  campaignId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  uploadedBy: number;
  uploadedAt: Date;
}

/** The evidence of a campaign's figures, oldest first; narrowed to a period, units or one figure. */
export async function listEvidence(ex: Executor, campaignId: string, filter: { period?: string; units?: string[]; indicator?: string } = {}): Promise<EvidenceMeta[]> {
  const conds = [eq(figureEvidence.campaignId, campaignId)];
  if (filter.period !== undefined) conds.push(eq(figureEvidence.period, filter.period));
  if (filter.units !== undefined) conds.push(inArray(figureEvidence.unitId, filter.units.length > 0 ? filter.units : ['']));
  if (filter.indicator !== undefined) conds.push(eq(figureEvidence.indicatorId, filter.indicator));
  return ex
    .select(metaColumns)
    .from(figureEvidence)
    .leftJoin(users, eq(users.id, figureEvidence.uploadedBy))
    .where(and(...conds))
    .orderBy(asc(figureEvidence.uploadedAt), asc(figureEvidence.id));
}

/**
 * The evidence of one figure, oldest first (as listEvidence narrowed to it): the statement built
 * once per executor and prepared once per connection (a save reads it beside its write).
 */
export async function figureEvidenceOf(ex: Executor, campaignId: string, k: FigureKey): Promise<EvidenceMeta[]> {
  let q = figureEvidenceQueries.get(ex);
  if (!q) figureEvidenceQueries.set(ex, (q = figureEvidenceQuery(ex)));
  return q.execute({ campaignId, unit: k.unit, indicator: k.indicator, period: k.period });
}

const figureEvidenceQuery = (ex: Executor) => ex
  .select(metaColumns)
  .from(figureEvidence)
  .leftJoin(users, eq(users.id, figureEvidence.uploadedBy))
  .where(and(
    eq(figureEvidence.campaignId, sql.placeholder('campaignId')), eq(figureEvidence.period, sql.placeholder('period')),
    eq(figureEvidence.unitId, sql.placeholder('unit')), eq(figureEvidence.indicatorId, sql.placeholder('indicator')),
  ))
  .orderBy(asc(figureEvidence.uploadedAt), asc(figureEvidence.id))
  .prepare('leitai_figure_evidence');
const figureEvidenceQueries = new WeakMap<Executor, ReturnType<typeof figureEvidenceQuery>>();

export async function findEvidenceMeta(ex: Executor, id: string): Promise<EvidenceMeta | undefined> {
  const [row] = await ex.select(metaColumns).from(figureEvidence).leftJoin(users, eq(users.id, figureEvidence.uploadedBy)).where(eq(figureEvidence.id, id));
  return row;
}

export async function evidenceData(ex: Executor, id: string): Promise<Uint8Array | undefined> {
  const [row] = await ex.select({ data: figureEvidence.data }).from(figureEvidence).where(eq(figureEvidence.id, id));
  return row?.data;
}

export async function countEvidence(ex: Executor, campaignId: string, k: FigureKey): Promise<number> {
  const [row] = await ex
    .select({ n: count() })
    .from(figureEvidence)
    .where(and(eq(figureEvidence.campaignId, campaignId), eq(figureEvidence.unitId, k.unit), eq(figureEvidence.indicatorId, k.indicator), eq(figureEvidence.period, k.period)));
  return row?.n ?? 0;
}

export async function insertEvidence(ex: Executor, e: EvidenceInsert): Promise<void> {
  await ex.insert(figureEvidence).values({
    id: e.id, campaignId: e.campaignId, unitId: e.unit, indicatorId: e.indicator, period: e.period, filename: e.filename,
    contentType: e.contentType, size: e.size, sha256: e.sha256, data: e.data, uploadedBy: e.uploadedBy, uploadedAt: e.uploadedAt,
  });
}

export async function deleteEvidence(ex: Executor, id: string): Promise<boolean> {
  const rows = await ex.delete(figureEvidence).where(eq(figureEvidence.id, id)).returning({ id: figureEvidence.id });
  return rows.length > 0;
}
