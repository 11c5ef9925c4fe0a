// Writing reported figures. Every write, single or batch, goes through `writeFigures`: authorise
// each figure, check the versions the client edited (409 instead of a silent overwrite), validate
// the written figures with the engine, store, append the audit entries — all in one transaction,
// so a failed write stores nothing at all. The results catch up after the write commits (one
// recompute per campaign at a time, services/recompute.ts ResultsKeeper; readers of results wait
// for it); a write inside a caller's transaction (writeFiguresTx) recomputes in it.
import {
  checkData, evaluate, periodKeys, scheduleCellKey, scheduleFacts,
  type DataRow, type Issue, type ScheduleCell, type ScheduleFacts, type Spec, type ValueIndicator, type ValueIndicatorResult,
} from '@leitai/engine';
import { readers } from '@leitai/io';
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import * as schema from '../db/schema.ts';
import type { Executor } from '../db/client.ts';
import type { FigureStatus, PeriodState } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, reportsOnly, roleIn, type Actor } from '../policy.ts';
import { appendAudit, appendAuditSql, type AuditInput } from '../repositories/audit.ts';
import type { CampaignRow } from '../repositories/campaigns.ts';
import {
  deleteFigure, figureKey, findFigure, listFigures, lockForFigureWrite, markedOf, markWrittenSql, setFigureReview, upsertFiguresSql, writtenOf,
  type FeedingLink, type FigureKey, type FigureWrite, type WrittenFigure,
} from '../repositories/figures.ts';
import type { FigureView, StoredFigure } from './figure-store.ts';
import type { FigureConflictDto, FigureDto } from '../schemas/figures.ts';
import { jumpOf, mustExplain, needIssue, needOf, type NeedFacts } from './explanation-rule.ts';
import { figureDto, figureDtos, toEvidenceDto, toFigureDto } from './figure-dto.ts';
import { figureEvidenceOf } from '../repositories/evidence.ts';
import { auditActor, requireCampaign, campaignSpec } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { recomputeStored } from './recompute.ts';
import { refuseRolledUp } from './rollup-guard.ts';
import { infoOf, type PeriodInfo } from '../repositories/periods.ts';

export interface Writer extends Actor {
  username: string;
}

/**
 * A figure to store. `version` is the version of the stored figure the client edited: a number
 * (that version), null (the client saw no figure), or undefined (not checked: file imports and the
 * demo loader, which replace figures deliberately). `explanation`: the note stored with the value;
 * undefined (not sent) keeps the stored note while the value stays the same and drops it when the
 * value changes (a note explains the value it was written with).
 */
export type WriteRow = DataRow & { version?: number | null; explanation?: string | null };
export type ClearKey = FigureKey & { version?: number | null };

export interface WriteOptions {
  now?: Date;
  /** recorded in the audit log with every figure written */
  reason?: string;
  /** an approved correction: may change a closed period's figure (and a rolled-up one) */
  correction?: boolean;
  /** written by a roll-up (services/rollups.ts): the only writer, besides a correction, of a rolled-up figure */
  rollup?: boolean;
  /**
   * answer once the write committed, before the results caught up with it (PUT and batch: readers
   * of results wait for them); otherwise the write returns once its results are stored too
   */
  answerBeforeResults?: boolean;
  /**
   * apply the explanation rule (services/explanation-rule.ts): figures entered one by one or in a
   * batch (PUT, batch), not file imports, uploads or corrections, which carry their own reason
   */
  explanations?: boolean;
}

const subjectOf = (k: FigureKey) => `${k.unit}/${k.indicator}/${k.period}`;

export function authorise(actor: Actor, spec: Spec, campaignId: string, keys: FigureKey[]): void {
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

/** A period not yet opened by its organizer (未开启) takes no figures. */
const periodNotOpenText = (period: string) => ({
  zh: `考核期 ${period} 尚未开启填报：组织者开启后才能报送`,
  en: `Period ${period} is not open for reporting yet: figures are taken once the organizer opens it`,
});

/**
 * Why the figure's period does not let `actor` change it (or its evidence) now, or null when it
 * does: not before the period is opened (未开启); a closed period only through an accepted
 * correction; in verification the campaign's reporters may only fix what its section returned
 * (organizers and scorers may still write). The one lock of writes, uploads and evidence.
 */
export function periodRefusal(actor: Actor, campaignId: string, k: FigureKey, state: PeriodState, status: FigureStatus | undefined, correction = false): { code: 'period_locked' | 'period_not_open'; zh: string; en: string } | null {
  if (state === 'unopened' && !correction) return { code: 'period_not_open', ...periodNotOpenText(k.period) };
  if (state === 'closed' && !correction) {
    return { code: 'period_locked', zh: `考核期 ${k.period} 已锁定：数据只能通过更正申请修改`, en: `Period ${k.period} is closed: its figures change only through a correction request` };
  }
  if (state === 'verification' && reportsOnly(actor, campaignId) && status !== 'returned') {
    return {
      code: 'period_locked',
      zh: `考核期 ${k.period} 已截止报送、进入审核：只能修改被退回的数据（${subjectOf(k)}）`,
      en: `Reporting for ${k.period} has closed and it is being verified: only returned figures can be changed (${subjectOf(k)})`,
    };
  }
  return null;
}

export function assertPeriodAllows(actor: Actor, campaignId: string, k: FigureKey, state: PeriodState, status: FigureStatus | undefined, correction = false): void {
  const refused = periodRefusal(actor, campaignId, k, state, status, correction);
  if (refused) throw new AppError(refused.code, { zh: refused.zh, en: refused.en });
}

/**
 * The engine's check of figures about to be stored — values, ids, score ranges, event counts, a
 * key given twice — naming the rows their callers gave them. Stored figures were checked when
 * written: only candidates are checked (a new spec checks every stored figure through it).
 */
export function checkFigures(spec: Spec, rows: DataRow[]): FigureIssue[] {
  // the engine names rows by number: the callers' own when each figure has its own (its messages
  // then name them, "first on row N" included), else i + 2 for candidate i; each issue goes back
  // to its candidate, named by its keys and the row its caller gave it
  const own = new Set(rows.map((r) => r.row)).size === rows.length;
  const at = (r: DataRow, i: number) => (own ? r.row : i + 2);
  const byRow = new Map(rows.map((r, i) => [at(r, i), r]));
  const checked = checkData(spec, rows.map((r, i) => ({ unit: r.unit, indicator: r.indicator, period: r.period, value: r.value, row: at(r, i) })));
  if (checked.ok) return [];
  return checked.issues.map((issue) => {
    const r = issue.row === undefined ? undefined : byRow.get(issue.row);
    return r ? figureIssue(issue, r, issue.row as number) : issue;
  });
}

/** A data issue about one figure: its keys, and its message with and without the row. */
export type FigureIssue = Issue & Partial<FigureKey> & { detail?: string; detailZh?: string };

const withoutPrefix = (text: string, prefix: string) => (text.startsWith(prefix) ? text.slice(prefix.length) : text);

/** The engine's issue of internal row `at` as the issue of figure `r` (at the row its caller gave it). */
export function figureIssue(issue: Issue, r: DataRow, at: number): FigureIssue {
  const en = withoutPrefix(issue.message, `row ${at}: `);
  const zh = withoutPrefix(issue.messageZh, `第 ${at} 行：`);
  return {
    ...issue, row: r.row, unit: r.unit, indicator: r.indicator, period: r.period,
    message: `row ${r.row}: ${en}`, messageZh: `第 ${r.row} 行：${zh}`, detail: en, detailZh: zh,
  };
}

export interface Merge {
  /** every figure of the campaign as the write would leave them */
  after: FigureView;
  /** the figures stored over the others, as they would be stored */
  draft: StoredFigure[];
  /** the engine's problems with the candidates (none: they may be stored) */
  issues: FigureIssue[];
}

/** A candidate as stored: pending, on time, with its explanation (a writer decides otherwise). */
const pendingDraft = (r: WriteRow, current: StoredFigure | undefined): StoredFigure => ({
  unit: r.unit, indicator: r.indicator, period: r.period, value: r.value.trim(), version: (current?.version ?? 0) + 1, status: 'pending', late: false, explanation: noteOf(r.explanation),
});

/**
 * The one merge of the figure path: the campaign's `stored` figures with `rows` stored over them
 * and `clears` removed, the candidates checked by the engine. Used by every write (below), the
 * upload preview (services/uploads.ts) and the form's preview (services/preview.ts), so what a
 * preview accepts is what a write stores. Nothing is copied: `after` is a view over `stored`.
 */
export function mergeFigures(spec: Spec, stored: FigureView, rows: WriteRow[], clears: FigureKey[] = [], draftOf = pendingDraft): Merge {
  const issues = checkFigures(spec, rows);
  const draft = rows.map((r) => draftOf(r, stored.get(figureKey(r))));
  return { after: stored.with(draft, clears), draft, issues };
}

/** Blank is no explanation. */
const noteOf = (e: string | null | undefined): string | null => (e ?? '').trim() || null;

const trimKey = <T extends FigureKey>(r: T): T => ({ ...r, unit: r.unit.trim(), indicator: r.indicator.trim(), period: r.period.trim() });

/** Stores `rows` (replacing figures with the same key) and removes `clears`; returns how many were saved. */
export async function writeFigures(ctx: Ctx, actor: Writer, campaignId: string, rowsIn: WriteRow[], clearsIn: ClearKey[] = [], opts: WriteOptions = {}): Promise<number> {
  return (await writeFiguresOut(ctx, actor, campaignId, rowsIn, clearsIn, opts)).saved;
}

async function writeFiguresOut(ctx: Ctx, actor: Writer, campaignId: string, rows: WriteRow[], clears: ClearKey[], opts: WriteOptions): Promise<Saved> {
  // this process's writes of a campaign are queued and committed together (groupWrite)
  const out = await groupWrite(ctx, campaignId, { actor, rows, clears, opts });
  // the results catch up behind the write (readers of results wait for them: ResultsKeeper.fresh)
  if (out.written) {
    if (opts.answerBeforeResults) void ctx.results.kick(campaignId);
    else await ctx.results.fresh(campaignId);
  }
  return out;
}

/** writeFigures inside the caller's transaction (an accepted correction writes with its decision): the results are recomputed in it. */
export async function writeFiguresTx(tx: Executor, ctx: Ctx, actor: Writer, campaignId: string, rows: WriteRow[], clears: ClearKey[] = [], opts: WriteOptions = {}): Promise<number> {
  const base = await lockForWrite(tx, ctx, campaignId, 'all');
  const plan = await planWrite(tx, ctx, base, base.stored, { actor, rows, clears, opts });
  if (!plan.changes) return plan.saved;
  const done = await applyWrite(tx, serialLine(tx), plan);
  await recomputeStored(tx, ctx, base.campaign, base.spec, plan.now, plan.periods, plan.after);
  await appendAudit(tx, plan.now, done.audit);
  return plan.saved;
}

/** A write as its caller asked for it. */
interface WriteCall { actor: Writer; rows: WriteRow[]; clears: ClearKey[]; opts: WriteOptions }

/** What a write answers: how many figures it saved, and those it stored (none when nothing changed). */
interface Saved { saved: number; written?: WrittenFigure[] }

/** What writes of a campaign read once under its lock (once per group of writes committed together). */
interface WriteBase {
  campaign: CampaignRow;
  spec: Spec;
  links: FeedingLink[];
  infos: Map<string, PeriodInfo>;
  /** the figures at the campaign's data version (cached, or read now) */
  stored: FigureView;
}

/**
 * Locks the campaign and reads what writes of `units` check under its lock (once per group of
 * writes committed together). `units`: the units the writes touch — when the figure cache does not
 * hold the campaign's data version, only their figures are read (FigureStore.forWrite) and the cache
 * is filled in the background; 'all': every figure (a write that recomputes in its transaction).
 */
async function lockForWrite(tx: Executor, ctx: Ctx, campaignId: string, units: readonly string[] | 'all'): Promise<WriteBase> {
  const locked = await lockForFigureWrite(tx, campaignId);
  if (!locked) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
  const { campaign } = locked;
  if (campaign.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档，不能再填报', en: 'The campaign is archived' });
  const spec = await campaignSpec(tx, ctx, campaign);
  // The campaign row is locked: nobody else writes its figures until we commit, so the figures of
  // its data version (cached, or read now) are the ones our writes replace.
  const stored = await ctx.figures.forWrite(tx, campaignId, campaign.dataVersion, units, ctx.db);
  return { campaign, spec, links: locked.links, infos: locked.periods, stored };
}

/** The units a group of writes touches (as planWrite trims them). */
const unitsOf = (calls: WriteCall[]): string[] => [...new Set(calls.flatMap((c) => [...c.rows, ...c.clears].map((k) => k.unit.trim())))];

/** A write checked and ready to store: nothing changes (`changes` false), or what it stores. */
type Plan = { changes: false; saved: number } | Changes;
interface Changes {
  changes: true;
  saved: number;
  call: WriteCall;
  campaignId: string;
  now: Date;
  /** the rows that change a figure, as stored (trimmed, with lateness and note) */
  changed: (FigureWrite & { late: boolean; explanation: string | null })[];
  clears: FigureKey[];
  /** the figures before the write, by key */
  before: (k: FigureKey) => StoredFigure | undefined;
  /** the figures stored over the others (their versions set once stored) */
  draft: StoredFigure[];
  /** every figure of the campaign as the write leaves them */
  after: FigureView;
  periods: Set<string>;
}

/**
 * Checks a write against `stored` (the figures as the writes before it left them) and the
 * campaign's state read under its lock: rights, roll-ups, versions (409), periods, values,
 * explanations. Refuses (throws) with the reason; writes nothing.
 */
async function planWrite(tx: Executor, ctx: Ctx, base: WriteBase, stored: FigureView, call: WriteCall): Promise<Plan> {
  const { actor, opts } = call;
  const { campaign, spec } = base;
  const campaignId = campaign.id;
  const now = opts.now ?? ctx.now();
  const rows = call.rows.map(trimKey);
  const clears = call.clears.map(trimKey);
  const clearing = new Set(clears.map(figureKey));
  const both = rows.find((r) => clearing.has(figureKey(r)));
  if (both) {
    throw new AppError('validation_failed', {
      zh: `${subjectOf(both)} 不能在同一次提交中既填写又清除`,
      en: `${subjectOf(both)} cannot be both entered and cleared in one write`,
    });
  }
  authorise(actor, spec, campaignId, [...rows, ...clears]);
  if (!opts.correction && !opts.rollup) await refuseRolledUp(tx, campaignId, spec, [...rows, ...clears], base.links);

  const current = (k: FigureKey) => stored.get(figureKey(k));
  // Saving the value that is stored already changes nothing and is no conflict: a retried or
  // repeated save succeeds without a new version (a key given twice is left to the engine).
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(figureKey(r), (seen.get(figureKey(r)) ?? 0) + 1);
  const changed = rows.filter((r) => {
    const c = current(r);
    return seen.get(figureKey(r)) !== 1 || c?.value !== r.value.trim() || (r.explanation !== undefined && noteOf(r.explanation) !== (c?.explanation ?? null));
  });
  if (changed.length === 0 && clears.length === 0) return { changes: false, saved: rows.length };
  const conflicts: { key: FigureKey; sent: number | null }[] = [];
  for (const r of [...changed, ...clears]) {
    if (r.version === undefined) continue;
    if ((current(r)?.version ?? null) !== r.version) conflicts.push({ key: r, sent: r.version });
  }
  if (conflicts.length > 0) await throwConflict(tx, campaignId, conflicts);

  // The period decides whether the figure may change now, and whether it is late.
  const { infos } = base;
  // a period the spec does not have is refused by checkData below; a roll-up feeds a period not yet opened too
  const known = new Set(periodKeys(spec));
  const stateOf = (k: FigureKey) => {
    const state = infoOf(infos, k.period).state;
    return state === 'unopened' && (opts.rollup || !known.has(k.period)) ? 'open' : state;
  };
  for (const k of [...changed, ...clears]) assertPeriodAllows(actor, campaignId, k, stateOf(k), current(k)?.status, opts.correction);
  const lateOf = (k: FigureKey) => {
    const info = infoOf(infos, k.period);
    const past = info.deadline !== null && now > info.deadline;
    // a figure fixed after it was returned keeps its earlier lateness
    return stateOf(k) === 'open' ? past : (current(k)?.late ?? past);
  };

  const noteAfter = (r: WriteRow) => (r.explanation === undefined && current(r)?.value === r.value.trim() ? (current(r)?.explanation ?? null) : noteOf(r.explanation));
  const { after, draft, issues } = mergeFigures(spec, stored, changed, clears, (r, c) => ({ ...pendingDraft(r, c), status: opts.correction ? 'approved' : 'pending', late: lateOf(r), explanation: noteAfter(r) }));
  if (issues.length > 0) throw new AppError('data_invalid', undefined, issues);
  for (const k of clears) if (!current(k)) throw AppError.notFound({ zh: '该数据', en: 'Figure' });
  if (opts.explanations && mustExplain(roleIn(actor, campaignId))) requireExplanations(ctx, spec, after, changed);
  return {
    changes: true, saved: rows.length, call, campaignId, now, clears, before: current, draft, after,
    changed: changed.map((r) => ({ unit: r.unit, indicator: r.indicator, period: r.period, value: r.value.trim(), late: lateOf(r), explanation: noteAfter(r) })),
    periods: new Set([...changed, ...clears].map((r) => r.period)),
  };
}

/**
 * Stores a planned write's figures; returns them as stored and its audit entries (to append). The
 * upsert goes out on `line` before this function first waits when nothing is cleared (a group's
 * upserts then go out together, pipelined).
 */
async function applyWrite(tx: Executor, line: Line, plan: Changes): Promise<{ written: WrittenFigure[]; audit: AuditInput[] }> {
  const { call: { actor, opts }, campaignId, now, before } = plan;
  const who = auditActor(actor);
  const audit: AuditInput[] = [];
  for (const k of plan.clears) {
    const was = before(k);
    // the cached figures said it is stored: if it is not, the write fails (and its group with it)
    if (!was || !(await deleteFigure(tx, campaignId, k))) throw AppError.notFound({ zh: '该数据', en: 'Figure' });
    audit.push({ at: now, actor: who, action: 'figure.clear', campaignId, subject: subjectOf(k), before: { value: was.value, version: was.version }, after: null, reason: opts.reason ?? null });
  }
  const upsert = plan.changed.length === 0 ? undefined : line.send(upsertFiguresSql(campaignId, plan.changed, actor.id, now), 'leitai_upsert_figures');
  const written = upsert ? writtenOf(await upsert) : [];
  const versions = new Map(written.map((w) => [figureKey(w), w.version]));
  for (const f of plan.draft) f.version = versions.get(figureKey(f)) ?? f.version;
  for (const r of plan.changed) {
    const was = before(r);
    audit.push({
      at: now, actor: who, action: 'figure.set', campaignId, subject: subjectOf(r),
      before: was ? { value: was.value, version: was.version, ...(was.explanation ? { explanation: was.explanation } : {}) } : null,
      after: { value: r.value, version: versions.get(figureKey(r)) ?? null, ...(r.late ? { late: true } : {}), ...(r.explanation ? { explanation: r.explanation } : {}) },
      reason: opts.reason ?? null,
    });
  }
  // an approved correction is verified by the organizer's decision
  if (opts.correction) for (const r of plan.changed) await setFigureReview(tx, campaignId, r, { status: 'approved', reason: null, by: actor.id, at: now });
  return { written, audit };
}

/**
 * Statements of a write's transaction, run in the order they are sent. `name`: a statement whose
 * text never changes (its values are parameters) may be prepared once per connection under it.
 */
interface Line {
  send(statement: SQL, name?: string): Promise<{ rows: unknown[] }>;
}

/** A line over a drizzle transaction: each statement sent once the one before it is answered. */
function serialLine(tx: Executor): Line {
  let last: Promise<unknown> = Promise.resolve();
  return {
    send(statement) {
      const res = last.then(() => tx.execute(statement));
      last = res.catch(() => {});
      return res;
    },
  };
}

const dialect = new PgDialect();

/**
 * Runs `fn` in a transaction on a pooled connection in pipeline mode (node-postgres `pipeline`:
 * a statement goes out without waiting for the answer to the one before; the server runs them in
 * order, each with its own sync). BEGIN goes out with the first statement, and `commit` sends the
 * last statement and COMMIT together: a save is three round trips (BEGIN and the lock; the figures
 * and the data version; the audit entries and COMMIT). A statement that fails leaves the
 * transaction aborted, so the statements behind it fail and a COMMIT behind it rolls back: `commit`
 * then throws the first error. `fn` uses `tx` (drizzle, statements awaited one by one) and `line`
 * (raw statements, sent at once, in order with those of `tx` sent before them).
 */
async function pipelinedTransaction<T>(ctx: Ctx, fn: (tx: Executor, line: Line, begun: Promise<unknown>, commit: (last: SQL, name?: string) => Promise<void>) => Promise<T>): Promise<T> {
  const client = (await (ctx.db.$client as pg.Pool).connect()) as pg.PoolClient & { pipeline: boolean };
  client.pipeline = true;
  let ended = false;
  let broken: Error | undefined;
  const began = client.query('begin');
  began.catch(() => {});
  const send = (statement: SQL, name?: string) => {
    const q = dialect.sqlToQuery(statement);
    // prepared once per connection (parsed and planned once, not on every save)
    return client.query({ name, text: q.sql, values: q.params as unknown[] });
  };
  const commit = async (last: SQL, name?: string) => {
    await began;
    const done = send(last, name);
    done.catch(() => {});
    const committed = client.query('commit');
    ended = true;
    const [a, b] = await Promise.allSettled([done, committed]);
    if (a.status === 'rejected') throw a.reason;
    if (b.status === 'rejected') throw b.reason;
    if (b.value.command !== 'COMMIT') throw new Error(`COMMIT answered ${b.value.command}`);
  };
  try {
    const out = await fn(drizzleOn(client), { send }, began, commit);
    if (!ended) {
      ended = true;
      await client.query('commit');
    }
    return out;
  } catch (err) {
    if (!ended) {
      try {
        await client.query('rollback');
      } catch (e) {
        broken = e as Error;
      }
    }
    throw err;
  } finally {
    client.pipeline = false;
    client.release(broken);
  }
}

/** drizzle over one pooled connection (made once per connection) */
const drizzles = new WeakMap<pg.PoolClient, Executor>();
function drizzleOn(client: pg.PoolClient): Executor {
  let db = drizzles.get(client);
  if (!db) drizzles.set(client, (db = drizzle(client, { schema }) as unknown as Executor));
  return db;
}

interface Queued { call: WriteCall; resolve: (o: Saved) => void; reject: (e: unknown) => void }

/** per app (its figure store) and campaign: the writes waiting for the one running to commit */
const waiting = new WeakMap<object, Map<string, Queued[]>>();

/** writes committed together at most */
const GROUP = 64;

/**
 * Runs a figure write of the campaign in this process's queue of them: while one transaction runs,
 * the writes that arrive wait, and are then committed together in one transaction. So a deadline
 * rush costs one lock, one audit append and one COMMIT (one WAL flush) per group, not per save;
 * waiting writes hold no pooled connection; and each finds the figures the writes before it left
 * (the cache, then the writes before it in the group), never reading them all again. Each answers
 * as if alone: one refused leaves the others as they are.
 */
function groupWrite(ctx: Ctx, campaignId: string, call: WriteCall): Promise<Saved> {
  let byCampaign = waiting.get(ctx.figures);
  if (!byCampaign) waiting.set(ctx.figures, (byCampaign = new Map()));
  const queue = byCampaign;
  return new Promise<Saved>((resolve, reject) => {
    const q = queue.get(campaignId);
    if (q) {
      q.push({ call, resolve, reject });
      return;
    }
    queue.set(campaignId, [{ call, resolve, reject }]);
    void (async () => {
      for (;;) {
        const list = queue.get(campaignId) as Queued[];
        if (list.length === 0) {
          queue.delete(campaignId);
          return;
        }
        const group = list.splice(0, GROUP);
        await ctx.figures.exclusive(campaignId, () => commitGroup(ctx, campaignId, group));
      }
    })();
  });
}

/** sizes of the groups committed (for the server bench: how many writes arrive together) */
export const groupSizes: number[] = [];

type Settled = { ok: true; out: Saved } | { ok: false; err: unknown };

/**
 * Commits a group of writes in one transaction: the campaign locked and its periods and roll-up
 * links read once; each write checked against the figures the ones before it left — a refused
 * write is answered with its reason and stores nothing, the others go on — then its figures
 * stored; then one statement for the data version, the periods left to catch up and the audit
 * lock, one append of every entry (in the writes' order), COMMIT. A statement that fails aborts the
 * transaction: the group's writes are then run one by one, each alone, so one cannot sink the others.
 */
async function commitGroup(ctx: Ctx, campaignId: string, group: Queued[]): Promise<void> {
  let settled: Settled[];
  let cache: { from: number; to: number; set: StoredFigure[]; cleared: FigureKey[] } | undefined;
  try {
    ({ settled, cache } = await pipelinedTransaction(ctx, (tx, line, begun, commit) => runGroup(tx, line, begun, commit, ctx, campaignId, group.map((w) => w.call))));
  } catch (err) {
    if (group.length === 1) {
      // the write alone was refused, or its transaction failed: nothing of it was stored
      group[0].reject(err);
      return;
    }
    for (const w of group) await commitGroup(ctx, campaignId, [w]);
    return;
  }
  if (groupSizes.length < 100_000) groupSizes.push(group.length);
  // committed: this process's cache of the campaign's figures takes the writes (no re-read)
  if (cache) ctx.figures.applied(campaignId, cache.from, cache.to, cache.set, cache.cleared);
  group.forEach((w, i) => {
    const s = settled[i];
    if (s.ok) w.resolve(s.out);
    else w.reject(s.err);
  });
}

async function runGroup(tx: Executor, line: Line, begun: Promise<unknown>, commit: (last: SQL, name?: string) => Promise<void>, ctx: Ctx, campaignId: string, calls: WriteCall[]) {
  const base = await lockForWrite(tx, ctx, campaignId, unitsOf(calls));
  // (answered before the lock: nothing is written outside the transaction)
  await begun;
  let view = base.stored;
  const settled: Settled[] = [];
  const periods = new Set<string>();
  // each figure as the group leaves it (null: cleared), for the cache
  const last = new Map<string, StoredFigure | FigureKey>();
  // the writes' figures stored (their upserts sent together; answered in order)
  const applied: { i: number; done: Promise<{ written: WrittenFigure[]; audit: AuditInput[] }> }[] = [];
  for (const call of calls) {
    let plan: Plan;
    try {
      plan = await planWrite(tx, ctx, base, view, call);
    } catch (err) {
      settled.push({ ok: false, err });
      continue;
    }
    if (!plan.changes) {
      settled.push({ ok: true, out: { saved: plan.saved } });
      continue;
    }
    const done = applyWrite(tx, line, plan);
    done.catch(() => {});
    // a write that clears figures or approves a correction waits for its statements
    if (plan.clears.length > 0 || call.opts.correction) await done;
    applied.push({ i: settled.length, done });
    view = plan.after;
    for (const p of plan.periods) periods.add(p);
    for (const k of plan.clears) last.set(figureKey(k), k);
    for (const f of plan.draft) last.set(figureKey(f), f);
    settled.push({ ok: true, out: { saved: plan.saved } });
  }
  if (applied.length === 0) return { settled, cache: undefined };
  const marked = line.send(markWrittenSql(campaignId, [...periods]), 'leitai_mark_written');
  marked.catch(() => {});
  const audit: AuditInput[] = [];
  for (const a of applied) {
    const done = await a.done;
    audit.push(...done.audit);
    const s = settled[a.i] as { ok: true; out: Saved };
    s.out.written = done.written;
  }
  const { version: to, head } = markedOf(await marked, campaignId);
  await commit(appendAuditSql(head, ctx.now(), audit).statement, 'leitai_append_audit');
  const set: StoredFigure[] = [];
  const cleared: FigureKey[] = [];
  for (const f of last.values()) if ('value' in f) set.push(f); else cleared.push(f);
  return { settled, cache: { from: base.campaign.dataVersion, to, set, cleared } };
}

async function throwConflict(tx: Executor, campaignId: string, list: { key: FigureKey; sent: number | null }[]): Promise<never> {
  const conflicts: FigureConflictDto[] = [];
  for (const c of list.slice(0, 100)) {
    const current = await findFigure(tx, campaignId, c.key);
    conflicts.push({ unit: c.key.unit, indicator: c.key.indicator, period: c.key.period, sentVersion: c.sent, current: current ? await figureDto(tx, campaignId, current) : null });
  }
  const first = conflicts[0];
  const one = list.length === 1;
  throw new AppError('conflict', {
    zh: one ? `${first.unit} / ${first.indicator} / ${first.period} 已被他人修改，请查看当前值后再保存` : `${list.length} 项数据已被他人修改，请查看当前值后再保存`,
    en: one ? `${first.unit} / ${first.indicator} / ${first.period} was changed by someone else; review the current value and save again` : `${list.length} figures were changed by someone else; review the current values and save again`,
  }, undefined, { conflicts, ...(one ? { current: first.current } : {}) });
}

export async function putFigure(
  ctx: Ctx, actor: Writer, campaignId: string, f: FigureKey & { value: string | null; version?: number | null; reason?: string; explanation?: string | null },
): Promise<FigureDto | null> {
  const version = f.version ?? null;
  const key = { unit: f.unit, indicator: f.indicator, period: f.period };
  if (f.value === null) {
    await writeFigures(ctx, actor, campaignId, [], [{ ...key, version }], { reason: f.reason, answerBeforeResults: true });
    return null;
  }
  const k = trimKey(key);
  // the figure's evidence files are read beside the write (a figure write does not change them)
  const evidence = figureEvidenceOf(ctx.db, campaignId, k);
  evidence.catch(() => {});
  const out = await writeFiguresOut(ctx, actor, campaignId, [{ ...key, value: f.value, version, explanation: f.explanation, row: 2 }], [], { reason: f.reason, explanations: true, answerBeforeResults: true });
  // the figure as the write stored it; read only when the write changed nothing
  const written = out.written?.[0];
  const stored = written ? { ...written, enteredBy: actor.username } : await findFigure(ctx.db, campaignId, k);
  if (!stored) throw new AppError('internal');
  return toFigureDto(stored, (await evidence).map(toEvidenceDto));
}

/** Batch item i (0-based) is reported as spreadsheet row i + 2, as if item 1 sat under a header. */
export function batchRows(items: { unit: string; indicator: string; period: string; value: string; version?: number | null; explanation?: string | null }[]): WriteRow[] {
  return items.map((f, i) => ({ ...f, version: f.version ?? null, row: i + 2 }));
}

/** Entered figures (PUT, batch), with the figures cleared in the same write: the explanation rule applies. */
export function saveBatch(ctx: Ctx, actor: Writer, campaignId: string, rows: WriteRow[], clears: ClearKey[] = []): Promise<number> {
  return writeFigures(ctx, actor, campaignId, rows, clears, { explanations: true, answerBeforeResults: true });
}

/**
 * The figures among `rows` (value indicators) that, as written, fall behind schedule or jump
 * against the period before: each with the issue naming its unit, indicator, period and why.
 * `after`: every figure of the campaign as the write leaves them. Used by writes (to refuse a
 * reporter's figure without an explanation) and by the upload preview (to ask for one).
 */
export interface ExplanationNeed {
  /** with the row the caller gave the figure, and its unit, indicator and period */
  issue: FigureIssue & FigureKey;
  /** the message without a row */
  bare: { zh: string; en: string };
}

export function explanationNeeds(ctx: Ctx, spec: Spec, after: FigureView, rows: WriteRow[]): Map<WriteRow, ExplanationNeed> {
  const indicators = new Map(spec.indicators.map((d) => [d.id, d]));
  const unitNames = new Map(spec.units.map((u) => [u.id, u.name]));
  const out = new Map<WriteRow, ExplanationNeed>();
  const values = rows.filter((r) => indicators.get(r.indicator)?.input === 'value');
  if (values.length === 0) return out;
  // the engine says who is behind schedule, for the written cells of schedule indicators only
  const schedule = scheduleChecks(ctx, spec, after, values.filter((r) => (indicators.get(r.indicator) as ValueIndicator).method === 'schedule'));
  for (const r of values) {
    const ind = indicators.get(r.indicator) as ValueIndicator;
    const res = schedule(r);
    const facts: NeedFacts = {
      ahead: res?.ahead, ytd: res?.ytd, expected: res?.expected,
      jump: jumpOf(spec, ind, r.period, (p) => after.get(figureKey({ unit: r.unit, indicator: r.indicator, period: p }))?.value),
    };
    const need = needOf(facts);
    if (!need) continue;
    const unit = unitNames.get(r.unit) ?? r.unit;
    const bare = needIssue(ind, unit, r.period, r.value.trim(), need, facts);
    out.set(r, {
      issue: { ...needIssue(ind, unit, r.period, r.value.trim(), need, facts, r.row), unit: r.unit, indicator: r.indicator, period: r.period, detail: bare.message, detailZh: bare.messageZh },
      bare: { zh: bare.messageZh, en: bare.message },
    });
  }
  return out;
}

/**
 * The engine's schedule facts (year to date, expected, ahead) of each written figure of a schedule
 * indicator, as the write leaves the figures: `scheduleFacts` per written period, from the written
 * cells' own figures (a unit's facts are its own: other units' and indicators' figures do not
 * change them). A save costs the same at 10 or 10,000 units, and so does an upload's preview.
 */
function scheduleChecks(ctx: Ctx, spec: Spec, after: FigureView, rows: WriteRow[]): (r: WriteRow) => ScheduleFacts | undefined {
  if (rows.length === 0) return () => undefined;
  const periods = periodKeys(spec);
  const cells = new Map<string, ScheduleCell>();
  for (const r of rows) cells.set(scheduleCellKey(r), { unit: r.unit, indicator: r.indicator });
  const own: DataRow[] = [];
  for (const { unit, indicator } of cells.values()) {
    for (const period of periods) {
      const f = after.get(figureKey({ unit, indicator, period }));
      if (f) own.push({ unit, indicator, period, value: f.value, row: own.length + 2 });
    }
  }
  const byPeriod = new Map<string, Map<string, ScheduleFacts | undefined>>();
  for (const period of new Set(rows.map((r) => r.period))) {
    const asked = [...new Map(rows.filter((r) => r.period === period).map((r) => [scheduleCellKey(r), { unit: r.unit, indicator: r.indicator }])).values()];
    const facts = scheduleFacts(spec, asked, own, period);
    // (stored figures were checked when written: should these not pass, the whole campaign's
    // figures are evaluated, as before)
    byPeriod.set(period, facts.ok ? facts.value : wholeCampaignFacts(ctx, spec, after, asked, period));
  }
  return (r) => byPeriod.get(r.period)?.get(scheduleCellKey(r));
}

function wholeCampaignFacts(ctx: Ctx, spec: Spec, after: FigureView, cells: ScheduleCell[], period: string): Map<string, ScheduleFacts | undefined> {
  const result = evaluate(spec, ctx.figures.dataset(after, spec, () => true), { period });
  const units = new Map(result.units.map((u) => [u.unit, u]));
  return new Map(cells.map((c) => [scheduleCellKey(c), units.get(c.unit)?.indicators[c.indicator] as ValueIndicatorResult | undefined]));
}

/**
 * Refuses (422 explanation_required, one issue per figure naming its unit, indicator, period and
 * why) the changed value figures without an explanation that, as written, fall behind schedule or
 * jump against the period before.
 */
function requireExplanations(ctx: Ctx, spec: Spec, after: FigureView, changed: WriteRow[]): void {
  const needs = explanationNeeds(ctx, spec, after, changed.filter((r) => noteOf(r.explanation) === null));
  if (needs.size === 0) return;
  const issues = [...needs.values()].map((n) => n.issue);
  const bare = [...needs.values()].map((n) => n.bare);
  throw new AppError('explanation_required', issues.length === 1 ? bare[0] : {
    zh: `${issues.length} 项数据落后序时进度或较上期变化异常，须填写情况说明：${bare.map((b) => b.zh).slice(0, 3).join('；')}${issues.length > 3 ? '…' : ''}`,
    en: `${issues.length} figures are behind schedule or jump against the period before and need an explanation: ${bare.map((b) => b.en).slice(0, 3).join('; ')}${issues.length > 3 ? '…' : ''}`,
  }, issues);
}

export async function importFigures(ctx: Ctx, actor: Writer, campaignId: string, file: { data: Uint8Array; filename: string }): Promise<number> {
  // off the event loop, within time and memory limits (issue 13)
  const read = await readers.readRows(file.data, file.filename);
  if (!read.ok) throw new AppError('data_invalid', undefined, read.issues);
  if (read.value.length === 0) throw new AppError('data_invalid', { zh: '文件中没有数据行', en: 'The file has no data rows' });
  // a file import replaces figures deliberately: versions are not checked (the audit log keeps the earlier values);
  // a reporter's file meets the explanation rule like the form and the template upload (its explanation column)
  return writeFigures(ctx, actor, campaignId, read.value, [], { reason: `import ${file.filename}`, explanations: true });
}

/** Only the figures the policy lets this actor read (a reporter: their own unit's). */
export async function readFigures(ctx: Ctx, actor: Actor, campaignId: string, period: string | undefined): Promise<FigureDto[]> {
  await requireCampaign(ctx.db, campaignId);
  const rows = await listFigures(ctx.db, campaignId, { period });
  return figureDtos(ctx.db, campaignId, rows.filter((r) => can(actor, 'figure.read', { campaignId, unitId: r.unit })));
}
