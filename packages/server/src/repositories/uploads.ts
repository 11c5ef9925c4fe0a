// SQL for figure uploads waiting for confirmation (services/uploads.ts).
import { and, eq, lt } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { uploads } from '../db/schema.ts';

export type UploadRecord = typeof uploads.$inferSelect;

export async function insertUpload(ex: Executor, row: typeof uploads.$inferInsert): Promise<void> {
  await ex.insert(uploads).values(row);
}

/** The upload, locked for the rest of the transaction when `lock` (a confirmation takes it once). */
export async function findUpload(ex: Executor, id: string, lock = false): Promise<UploadRecord | undefined> {
  const q = ex.select().from(uploads).where(eq(uploads.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function markUploadConfirmed(ex: Executor, id: string, at: Date): Promise<void> {
  await ex.update(uploads).set({ status: 'confirmed', confirmedAt: at }).where(and(eq(uploads.id, id), eq(uploads.status, 'pending')));
}

export async function deleteUploadsBefore(ex: Executor, before: Date): Promise<void> {
  await ex.delete(uploads).where(lt(uploads.createdAt, before));
}
