// Figures as the API shows them: the stored row with its explanation and the metadata of its
// evidence files (never their bytes).
import type { Executor } from '../db/client.ts';
import { listEvidence, type EvidenceMeta } from '../repositories/evidence.ts';
import { figureKey, type FigureRow } from '../repositories/figures.ts';
import type { EvidenceDto, FigureEvidenceDto } from '../schemas/evidence.ts';
import type { FigureDto } from '../schemas/figures.ts';

export function toEvidenceDto(e: EvidenceMeta): EvidenceDto {
  return { id: e.id, filename: e.filename, contentType: e.contentType, size: e.size, sha256: e.sha256, uploadedBy: e.uploadedBy, uploadedAt: e.uploadedAt.toISOString() };
}

export const toFigureEvidenceDto = (e: EvidenceMeta): FigureEvidenceDto => ({ ...toEvidenceDto(e), unit: e.unit, indicator: e.indicator, period: e.period });

export function toFigureDto(r: FigureRow, evidence: EvidenceDto[] = []): FigureDto {
  return {
    unit: r.unit, indicator: r.indicator, period: r.period, value: r.value, enteredBy: r.enteredBy, enteredAt: r.enteredAt.toISOString(),
    version: r.version, late: r.late, status: r.status, reviewReason: r.reviewReason, explanation: r.explanation, evidence,
  };
}

/** The rows as DTOs with their evidence, read in one query (narrowed to the rows' period and units when they share them). */
export async function figureDtos(ex: Executor, campaignId: string, rows: FigureRow[]): Promise<FigureDto[]> {
  if (rows.length === 0) return [];
  const periods = new Set(rows.map((r) => r.period));
  const units = [...new Set(rows.map((r) => r.unit))];
  const evidence = await listEvidence(ex, campaignId, {
    ...(periods.size === 1 ? { period: rows[0].period } : {}),
    ...(units.length <= 500 ? { units } : {}),
  });
  const byKey = new Map<string, EvidenceDto[]>();
  for (const e of evidence) {
    const k = figureKey(e);
    byKey.set(k, [...(byKey.get(k) ?? []), toEvidenceDto(e)]);
  }
  return rows.map((r) => toFigureDto(r, byKey.get(figureKey(r)) ?? []));
}

export async function figureDto(ex: Executor, campaignId: string, row: FigureRow): Promise<FigureDto> {
  const [dto] = await figureDtos(ex, campaignId, [row]);
  return dto;
}
