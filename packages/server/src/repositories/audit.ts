// SQL for the audit log. An append locks and reads the chain's head (audit_head, one row) in one
// statement, so appends from every process on the database take turns and the chain never forks;
// the entries commit (or roll back) with the change they record, and move the head on with them.
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { auditHead, auditLog } from '../db/schema.ts';
import { entryHash, type AuditEntry } from '../audit/chain.ts';

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

/** The chain's head: its last entry's seq and hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * The chain's head, locked for the transaction, as an SQL expression (a json object {seq, hash}) for
 * a statement of its own that takes it before appendAudit(…, { head }). FOR UPDATE waits for an
 * append in progress and then returns the head as that append left it (read committed re-reads a
 * row it waited for), so the entries chain from the latest committed one.
 */
export const auditHeadSql = () => sql`(SELECT json_build_object('seq', ${auditHead.seq}::float8, 'hash', ${auditHead.hash}) FROM ${auditHead} WHERE ${auditHead.id} = 1 FOR UPDATE)`;

/** Locks and reads the chain's head (see auditHeadSql). */
export async function lockAuditHead(tx: Executor): Promise<AuditHead> {
  const res = await tx.execute(sql`SELECT ${auditHeadSql()} AS head`);
  const head = (res.rows[0] as { head: AuditHead | null } | undefined)?.head;
  if (!head) throw new Error('audit_head has no row: run the migrations');
  return head;
}

/**
 * The statement appending entries after `head` at `at` (one statement for any number: their columns
 * as arrays), moving the head on to the last; the entries as hashed. Must run in the transaction
 * that locked the head.
 */
export function appendAuditSql(head: AuditHead, at: Date, inputs: AuditInput[]): { statement: SQL; entries: AuditEntry[] } {
  let seq = head.seq;
  let prevHash = head.hash;
  const entries: AuditEntry[] = inputs.map((i) => {
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
  const col = <T>(f: (e: AuditEntry) => T) => sql.param(entries.map(f));
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const statement = sql`WITH appended AS (
      INSERT INTO ${auditLog} (seq, at, actor_id, actor, action, campaign_id, subject, before, after, reason, prev_hash, hash)
      SELECT * FROM unnest(${col((e) => e.seq)}::bigint[], ${col((e) => e.at.toISOString())}::timestamptz[], ${col((e) => e.actorId)}::int[],
        ${col((e) => e.actor)}::text[], ${col((e) => e.action)}::text[], ${col((e) => e.campaignId)}::text[], ${col((e) => e.subject)}::text[],
        ${col((e) => json(e.before))}::jsonb[], ${col((e) => json(e.after))}::jsonb[], ${col((e) => e.reason)}::text[],
        ${col((e) => e.prevHash)}::text[], ${col((e) => e.hash)}::text[])
    )
    UPDATE ${auditHead} SET seq = ${seq}, hash = ${prevHash} WHERE ${auditHead.id} = 1`;
  return { statement, entries };
}

/**
 * Appends entries at `at`; must run inside the transaction of the change they record. `head`: the
 * transaction locked and read the chain's head already (auditHeadSql) in a statement before this call.
 */
export async function appendAudit(tx: Executor, at: Date, inputs: AuditInput[], opts: { head?: AuditHead } = {}): Promise<void> {
  if (inputs.length === 0) return;
  const head = opts.head ?? (await lockAuditHead(tx));
  await tx.execute(appendAuditSql(head, at, inputs).statement);
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
