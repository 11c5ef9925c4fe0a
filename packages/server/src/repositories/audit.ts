// SQL for the audit log. Appends take a transaction-scoped advisory lock, so appends from every
// process on the database take turns and the chain never forks; the entries commit (or roll back)
// with the change they record.
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';
import { entryHash, GENESIS_HASH, type AuditEntry } from '../audit/chain.ts';

const AUDIT_LOCK = 727_003;

/** The audit log's lock as an SQL expression (a statement that takes it before appendAudit(…, { locked: true })). */
export const auditLockSql = () => sql`pg_advisory_xact_lock(${AUDIT_LOCK})`;

export interface AuditInput {
  /** when, if not the append's `at` (entries of writes committed together, each at its own time) */
  at?: Date;
  actor: { id: number; username: string } | null;
  action: string;
  campaignId?: string | null;
  subject?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Appends entries at `at`; must run inside the transaction of the change they record. `locked`:
 * the transaction took the audit lock already (auditLockSql) in a statement before this call.
 */
export async function appendAudit(tx: Executor, at: Date, inputs: AuditInput[], opts: { locked?: boolean } = {}): Promise<void> {
  if (inputs.length === 0) return;
  // the lock before the read of the last entry, in a statement of its own: a statement's snapshot
  // is taken when it starts, so a read in the locking statement could miss an append committed
  // while it waited for the lock, and the chain would fork
  if (!opts.locked) await tx.execute(sql`SELECT ${auditLockSql()}`);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows: AuditEntry[] = inputs.map((i) => {
    seq += 1;
    const content = {
      seq, at: i.at ?? at, actorId: i.actor?.id ?? null, actor: i.actor?.username ?? null, action: i.action, campaignId: i.campaignId ?? null,
      subject: i.subject ?? null, before: i.before ?? null, after: i.after ?? null, reason: i.reason ?? null,
    };
    const hash = entryHash(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += 2000) {
    await tx.insert(auditLog).values(rows.slice(i, i + 2000).map((r) => ({ ...r, before: r.before ?? null, after: r.after ?? null })));
  }
}

export interface AuditFilter {
  campaignId?: string;
  actor?: string;
  action?: string;
  subject?: string;
  from?: Date;
  to?: Date;
  /** only entries of these campaigns (an organizer's view: the campaigns they manage) */
  campaignIds?: string[];
  /** entries after this seq (export, oldest first) */
  after?: number;
  /** entries before this seq (paging newest first) */
  before?: number;
}

function where(f: AuditFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.campaignId !== undefined) conds.push(eq(auditLog.campaignId, f.campaignId));
  if (f.campaignIds !== undefined) conds.push(f.campaignIds.length > 0 ? inArray(auditLog.campaignId, f.campaignIds) : sql`false`);
  if (f.actor !== undefined) conds.push(eq(auditLog.actor, f.actor));
  if (f.action !== undefined) {
    // "figure" matches figure.set, figure.clear…; "figure.set" matches itself
    conds.push(f.action.includes('.') ? eq(auditLog.action, f.action) : sql`${auditLog.action} LIKE ${`${f.action.replace(/[%_\\]/g, '\\$&')}.%`}`);
  }
  if (f.subject !== undefined) conds.push(eq(auditLog.subject, f.subject));
  if (f.from !== undefined) conds.push(gte(auditLog.at, f.from));
  if (f.to !== undefined) conds.push(lte(auditLog.at, f.to));
  if (f.after !== undefined) conds.push(gt(auditLog.seq, f.after));
  if (f.before !== undefined) conds.push(lt(auditLog.seq, f.before));
  return conds.length > 0 ? and(...conds) : undefined;
}

export async function listAudit(ex: Executor, f: AuditFilter, limit: number, order: 'asc' | 'desc'): Promise<AuditEntry[]> {
  return ex.select().from(auditLog).where(where(f)).orderBy(order === 'asc' ? asc(auditLog.seq) : desc(auditLog.seq)).limit(limit);
}

/** The whole chain in seq order, a page at a time (for verification). */
export async function auditPage(ex: Executor, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  return ex.select().from(auditLog).where(gt(auditLog.seq, afterSeq)).orderBy(asc(auditLog.seq)).limit(limit);
}
