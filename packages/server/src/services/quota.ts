// Upload quota: what one user may store in a day (uploaded sheets kept for their preview, and
// evidence files), so that one account cannot fill the database. Refused with 429 quota_exceeded
// naming what is used and the limit.
import { and, eq, gt, sql } from 'drizzle-orm';
import { figureEvidence, uploads } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Ctx } from './context.ts';

export const DEFAULT_UPLOAD_QUOTA_BYTES = 100 * 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;

export async function storedToday(ctx: Ctx, userId: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - DAY_MS);
  const [u] = await ctx.db.select({ n: sql<string>`coalesce(sum(octet_length(${uploads.file})), 0)` }).from(uploads).where(and(eq(uploads.userId, userId), gt(uploads.createdAt, since)));
  const [e] = await ctx.db.select({ n: sql<string>`coalesce(sum(${figureEvidence.size}), 0)` }).from(figureEvidence).where(and(eq(figureEvidence.uploadedBy, userId), gt(figureEvidence.uploadedAt, since)));
  return Number(u?.n ?? 0) + Number(e?.n ?? 0);
}

/** Throws quota_exceeded when storing `bytes` more would pass the user's daily quota. */
export async function checkUploadQuota(ctx: Ctx, userId: number, bytes: number, quotaBytes: number): Promise<void> {
  const used = await storedToday(ctx, userId, ctx.now());
  if (used + bytes <= quotaBytes) return;
  const mb = (n: number) => `${Math.round((n / MB) * 10) / 10} MB`;
  throw new AppError('quota_exceeded', {
    zh: `上传额度已用完：24 小时内已上传 ${mb(used)}，每人每天上限 ${mb(quotaBytes)}（本文件 ${mb(bytes)}），请明天再试或联系管理员`,
    en: `Upload quota used up: ${mb(used)} uploaded in the last 24 hours, the limit is ${mb(quotaBytes)} a day per person (this file: ${mb(bytes)}); try tomorrow or ask the admin`,
  }, undefined, { retryAfter: 3600 });
}
