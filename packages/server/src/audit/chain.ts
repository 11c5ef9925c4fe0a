// The audit log's hash chain, pure (shared by the server and `leitai audit verify`).
// hash(entry) = sha256 hex of `prevHash + "\n" + canonicalJson(content)`, where content is every
// column except the two hashes. Canonical JSON: object keys sorted (recursively), no whitespace,
// timestamps as ISO 8601 strings with milliseconds. jsonb does not keep key order, so sorting is
// what makes a stored entry hash the same when read back.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  seq: number;
  at: Date;
  actorId: number | null;
  actor: string | null;
  action: string;
  campaignId: string | null;
  subject: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

export function entryHash(prevHash: string, c: AuditContent): string {
  const content = {
    seq: c.seq, at: c.at, actorId: c.actorId, actor: c.actor, action: c.action, campaignId: c.campaignId,
    subject: c.subject, before: c.before ?? null, after: c.after ?? null, reason: c.reason,
  };
  return createHash('sha256').update(`${prevHash}\n${canonicalJson(content)}`).digest('hex');
}

export interface ChainBreak {
  seq: number;
  /** what does not match */
  problem: 'gap' | 'prev_hash' | 'hash';
  message: string;
  entry: AuditEntry;
}

/**
 * Checks entries in seq order, continuing from `state` (so a long log can be read in pages).
 * Returns the first entry that does not match, or null.
 */
export function checkEntries(entries: AuditEntry[], state: { prevSeq: number; prevHash: string }): ChainBreak | null {
  for (const e of entries) {
    if (e.seq !== state.prevSeq + 1) {
      return { seq: e.seq, problem: 'gap', message: `entry ${e.seq} follows entry ${state.prevSeq}: entries ${state.prevSeq + 1}…${e.seq - 1} are missing`, entry: e };
    }
    if (e.prevHash !== state.prevHash) {
      return { seq: e.seq, problem: 'prev_hash', message: `entry ${e.seq} does not carry the hash of entry ${state.prevSeq}`, entry: e };
    }
    if (entryHash(e.prevHash, e) !== e.hash) {
      return { seq: e.seq, problem: 'hash', message: `entry ${e.seq} was changed after it was written (its content does not match its hash)`, entry: e };
    }
    state.prevSeq = e.seq;
    state.prevHash = e.hash;
  }
  return null;
}
