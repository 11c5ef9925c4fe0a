// Reading, exporting and verifying the audit log. Writing happens only through appendAudit, in
// the transaction of each change (figures, spec versions, sign-ins…).
import { checkEntries, type AuditEntry, type ChainBreak } from '../audit/chain.ts';
import type { Executor } from '../db/client.ts';
import { auditPage, listAudit, type AuditFilter } from '../repositories/audit.ts';
import type { AuditEntryDto } from '../schemas/audit.ts';
import type { Ctx } from './context.ts';
import { withWords } from './audit-words.ts';

export function toAuditDto(e: AuditEntry): AuditEntryDto {
  return {
    seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, actor: e.actor, action: e.action, campaignId: e.campaignId,
    subject: e.subject, before: e.before ?? null, after: e.after ?? null, reason: e.reason, prevHash: e.prevHash, hash: e.hash,
  };
}

/** Newest first, `limit` at a time; `next` is the `before` cursor of the next page. */
export async function readAudit(ctx: Ctx, f: Omit<AuditFilter, 'after'>, limit: number): Promise<{ entries: AuditEntryDto[]; next: number | null }> {
  const rows = await listAudit(ctx.db, f, limit + 1, 'desc');
  const page = rows.slice(0, limit);
  return { entries: await withWords(ctx.db, page.map(toAuditDto)), next: rows.length > limit ? page[page.length - 1].seq : null };
}

const CSV_COLUMNS = ['seq', 'at', 'actor', 'actor_id', 'action', 'campaign', 'subject', 'before', 'after', 'reason', 'prev_hash', 'hash'] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // a leading = + - @ would be run as a formula by spreadsheet programs
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The matching entries as CSV (UTF-8 with BOM so that Excel reads the Chinese), oldest first. */
export async function* auditCsv(ctx: Ctx, f: Omit<AuditFilter, 'after' | 'before'>): AsyncGenerator<string> {
  yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
  let after = 0;
  for (;;) {
    const rows = await listAudit(ctx.db, { ...f, after }, 2000, 'asc');
    if (rows.length === 0) return;
    yield rows.map((e) => [e.seq, e.at.toISOString(), e.actor, e.actorId, e.action, e.campaignId, e.subject, e.before, e.after, e.reason, e.prevHash, e.hash]
      .map(csvCell).join(',') + '\r\n').join('');
    after = rows[rows.length - 1].seq;
  }
}

/** Walks the whole chain; the first entry that does not match, or how many entries were checked. */
export async function verifyAuditChain(ex: Executor): Promise<{ ok: true; count: number } | { ok: false; count: number; broken: ChainBreak }> {
  const state = { prevSeq: 0, prevHash: '0'.repeat(64) };
  let count = 0;
  for (;;) {
    const rows = await auditPage(ex, state.prevSeq, 5000);
    if (rows.length === 0) return { ok: true, count };
    const broken = checkEntries(rows, state);
    // seq has no gaps before the break: the entries before it are the intact ones
    if (broken) return { ok: false, count: state.prevSeq, broken };
    count += rows.length;
  }
}
