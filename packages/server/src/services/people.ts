// People (issue 17 items 1–2, 5): persons of an organization kept across campaigns and years, their
// performance ledger [实绩台账], their honours (蝉联 counted), and their scores and ranks in the
// campaigns where they compete. A campaign's competitor stands for a person when the spec links it
// (`campaign.subject: person`, `units[i].person: <person id>` — Leitai's extension of the contract,
// see docs/api-plan.md), or, as before that field, when its unit id is `person-<id>`; the engine
// treats it as any unit.
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Issue, Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { campaigns, honours, ledgerEntries, ledgerEntryFiles, organizations, periodResults, persons, users, type UnitStanding } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { periodInfosOf } from '../repositories/overview.ts';
import { loadScope } from '../repositories/users.ts';
import type { HonourDto, PersonDto } from '../schemas/people.ts';
import { auditActor, campaignSpec } from './campaigns.ts';
import type { Ctx } from './context.ts';
import type { Writer } from './figures.ts';

type PersonRow = typeof persons.$inferSelect;
const NOT_FOUND = { zh: '该人员', en: 'Person' };
export const personUnitId = (personId: number) => `person-${personId}`;
/** The person a competitor stands for (`person-<id>`), null for a unit. */
export const personIdOf = (unitId: string): number | null => {
  const m = /^person-([1-9]\d{0,9})$/.exec(unitId);
  return m ? Number(m[1]) : null;
};

/** The person each competitor of a spec stands for: `units[i].person`, else a `person-<id>` unit id. */
export function personsOfSpec(spec: Spec): Map<string, number> {
  const out = new Map<string, number>();
  for (const u of spec.units) {
    const p = u.person ?? personIdOf(u.id);
    if (p !== null) out.set(u.id, p);
  }
  return out;
}

/**
 * A spec's links to person records must name persons that exist and that the saver may read: a
 * spec_invalid error naming `units[i].person` for each that does not (nothing is saved).
 */
export async function checkPersonLinks(ex: Executor, actor: Actor, spec: Spec): Promise<void> {
  const linked = spec.units.map((u, i) => ({ i, u })).filter(({ u }) => u.person !== undefined);
  if (linked.length === 0) return;
  const rows = await ex.select({ id: persons.id, organizationId: persons.organizationId }).from(persons).where(inArray(persons.id, linked.map(({ u }) => u.person as number)));
  const known = new Map(rows.map((r) => [r.id, r.organizationId]));
  const reader = actor.scope ? actor : { ...actor, scope: await loadScope(ex) };
  const issues: Issue[] = [];
  for (const { i, u } of linked) {
    const org = known.get(u.person as number);
    if (org !== undefined && can(reader, 'person.read', { organizationId: org })) continue;
    const path = `units[${i}].person`;
    issues.push({
      kind: 'spec', code: 'spec.unknown_person', path, text: String(u.person),
      message: `${path}: person ${u.person} (for "${u.name}") is not in the people register of your organizations`,
      messageZh: `${path}：人员 ${u.person}（“${u.name}”）不在本组织的人员名录中`,
    });
  }
  if (issues.length > 0) throw new AppError('spec_invalid', { zh: '方案关联的人员不存在', en: 'The spec links persons that do not exist' }, issues);
}

async function orgNames(ex: Executor): Promise<Map<number, string>> {
  return new Map((await ex.select({ id: organizations.id, name: organizations.name }).from(organizations)).map((o) => [o.id, o.name]));
}

const toPerson = (p: PersonRow, names: Map<number, string>): PersonDto => ({ id: p.id, organizationId: p.organizationId, organizationName: names.get(p.organizationId) ?? '', name: p.name, unit: p.unit, post: p.post });

export async function listPersons(ctx: Ctx, actor: Actor): Promise<PersonDto[]> {
  const rows = await ctx.db.select().from(persons).orderBy(asc(persons.organizationId), asc(persons.id));
  const names = await orgNames(ctx.db);
  return rows.filter((p) => can(actor, 'person.read', { organizationId: p.organizationId })).map((p) => toPerson(p, names));
}

async function readablePerson(ex: Executor, actor: Actor, id: number): Promise<PersonRow> {
  const [p] = await ex.select().from(persons).where(eq(persons.id, id));
  if (!p || !can(actor, 'person.read', { organizationId: p.organizationId })) throw AppError.notFound(NOT_FOUND);
  return p;
}

export async function createPerson(ctx: Ctx, actor: Writer & { organizationId: number }, input: { name: string; unit: string; post: PersonRow['post']; organizationId?: number }): Promise<PersonDto> {
  const organizationId = input.organizationId ?? actor.organizationId;
  if (!can(actor, 'person.manage', { organizationId })) throw new AppError('forbidden', { zh: '只能在本组织及下级组织登记人员', en: 'You may add people to your organization and those below it only' });
  return ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const [p] = await tx.insert(persons).values({ organizationId, name: input.name, unit: input.unit, post: input.post, createdAt: now }).returning();
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'person.create', subject: `person ${p.id}`, after: { name: p.name, unit: p.unit, post: p.post, organizationId } }]);
    return toPerson(p, await orgNames(tx));
  });
}

export async function addLedgerEntry(ctx: Ctx, actor: Writer, personId: number, input: { date: string; what: string; evidence?: string; keyWork?: string }) {
  return ctx.db.transaction(async (tx) => {
    const p = await readablePerson(tx, actor, personId);
    if (!can(actor, 'person.manage', { organizationId: p.organizationId })) throw new AppError('forbidden');
    const now = ctx.now();
    const [e] = await tx.insert(ledgerEntries).values({ personId, date: input.date, what: input.what, evidence: input.evidence || null, keyWork: input.keyWork || null, createdBy: actor.id, createdAt: now }).returning({ id: ledgerEntries.id });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'person.ledger', subject: `person ${personId}`, after: { entry: e.id, date: input.date, what: input.what, keyWork: input.keyWork ?? null } }]);
    return e.id;
  });
}

/** Honours with their 蝉联 streak: how many years in a row (up to this one) the subject held the same honour. */
function withStreaks(rows: (typeof honours.$inferSelect & { personName: string | null })[], all: (typeof honours.$inferSelect)[]): HonourDto[] {
  const key = (h: { honour: string; category: string; personId: number | null; unitName: string | null }) => `${h.honour}\u0000${h.category}\u0000${h.personId ?? ''}\u0000${h.unitName ?? ''}`;
  const years = new Map<string, Set<number>>();
  for (const h of all) {
    const k = key(h);
    if (!years.has(k)) years.set(k, new Set());
    years.get(k)?.add(h.year);
  }
  return rows.map((h) => {
    const ys = years.get(key(h)) ?? new Set<number>();
    let streak = 1;
    while (ys.has(h.year - streak)) streak += 1;
    return { id: h.id, honour: h.honour, category: h.category, year: h.year, personId: h.personId, personName: h.personName, unitName: h.unitName, citation: h.citation, selectionId: h.selectionId, streak };
  });
}

export async function listHonours(ctx: Ctx, actor: Actor, q: { year?: number; person?: number; unit?: string }): Promise<HonourDto[]> {
  const where: SQL[] = [];
  if (q.person !== undefined) where.push(eq(honours.personId, q.person));
  if (q.unit !== undefined) where.push(eq(honours.unitName, q.unit));
  const rows = await ctx.db.select({ h: honours, personName: persons.name }).from(honours).leftJoin(persons, eq(persons.id, honours.personId))
    .where(where.length > 0 ? and(...where) : undefined).orderBy(desc(honours.year), asc(honours.honour), asc(honours.id));
  const visible = rows.filter((r) => can(actor, 'person.read', { organizationId: r.h.organizationId }));
  const all = await ctx.db.select().from(honours);
  return withStreaks(visible.map((r) => ({ ...r.h, personName: r.personName })), all).filter((h) => q.year === undefined || h.year === q.year);
}

/** Records an honour directly (a committee's deliberation, an earlier year's list). */
export async function createHonour(ctx: Ctx, actor: Writer & { organizationId: number }, input: { honour: string; category?: string; year: number; personId?: number; unitName?: string; citation: string; organizationId?: number }): Promise<HonourDto> {
  if ((input.personId === undefined) === (input.unitName === undefined)) throw new AppError('validation_failed', { zh: '表彰对象须为一名人员或一个单位（二选一）', en: 'An honour is for one person or one unit (exactly one of personId, unitName)' });
  const organizationId = input.organizationId ?? actor.organizationId;
  if (!can(actor, 'person.manage', { organizationId })) throw new AppError('forbidden');
  return ctx.db.transaction(async (tx) => {
    if (input.personId !== undefined) await readablePerson(tx, actor, input.personId);
    const now = ctx.now();
    const [h] = await tx.insert(honours).values({ organizationId, honour: input.honour, category: input.category ?? '', year: input.year, personId: input.personId ?? null, unitName: input.unitName ?? null, citation: input.citation, createdBy: actor.id, createdAt: now }).returning();
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'honour.create', subject: `honour ${h.id}`, after: { honour: h.honour, category: h.category, year: h.year, personId: h.personId, unitName: h.unitName, citation: h.citation } }]);
    const [p] = h.personId ? await tx.select({ name: persons.name }).from(persons).where(eq(persons.id, h.personId)) : [];
    return withStreaks([{ ...h, personName: p?.name ?? null }], await tx.select().from(honours))[0];
  });
}

export async function personPage(ctx: Ctx, actor: Actor, id: number) {
  const p = await readablePerson(ctx.db, actor, id);
  // the organizer's own entries and reporters' entries once the section approved them
  const ledger = await ctx.db.select({ e: ledgerEntries, by: users.displayName, campaignName: campaigns.name }).from(ledgerEntries)
    .leftJoin(users, eq(users.id, ledgerEntries.createdBy)).leftJoin(campaigns, eq(campaigns.id, ledgerEntries.campaignId))
    .where(and(eq(ledgerEntries.personId, id), inArray(ledgerEntries.state, ['recorded', 'approved']))).orderBy(desc(ledgerEntries.date), desc(ledgerEntries.id));
  const entryIds = ledger.filter(({ e }) => e.campaignId !== null).map(({ e }) => e.id);
  const files = entryIds.length ? await ctx.db.select({ id: ledgerEntryFiles.id, entryId: ledgerEntryFiles.entryId, filename: ledgerEntryFiles.filename, size: ledgerEntryFiles.size })
    .from(ledgerEntryFiles).where(inArray(ledgerEntryFiles.entryId, entryIds)).orderBy(asc(ledgerEntryFiles.uploadedAt), asc(ledgerEntryFiles.id)) : [];
  // the key work's name by the campaign's current spec
  const specs = new Map<string, Spec>();
  for (const cid of new Set(ledger.map(({ e }) => e.campaignId).filter((x): x is string => x !== null))) {
    const [c] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, cid));
    if (c) specs.set(cid, await campaignSpec(ctx.db, ctx, c));
  }
  const hs = await listHonours(ctx, actor, { person: id });
  // the campaigns in which the person competes (linked by the spec, or as person-<id>), and each
  // stored period's total and rank
  const unitOf = new Map<string, string>();
  for (const c of await ctx.db.select().from(campaigns)) {
    if (!can(actor, 'campaign.read', { campaignId: c.id })) continue;
    for (const [unit, person] of personsOfSpec(await campaignSpec(ctx.db, ctx, c))) if (person === id) unitOf.set(c.id, unit);
  }
  const ids = [...unitOf.keys()];
  const scores = [];
  if (ids.length > 0) {
    // read your writes across campaigns (this page is not under one campaign's route): each
    // campaign's stored results first catch up with the figures committed before the request
    await Promise.all(ids.map((c) => ctx.results.fresh(c)));
    const cs = new Map((await ctx.db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).where(inArray(campaigns.id, ids))).map((c) => [c.id, c.name]));
    const rows = await ctx.db.select({ campaign: periodResults.campaignId, period: periodResults.period, standings: periodResults.standings }).from(periodResults)
      .where(inArray(periodResults.campaignId, ids)).orderBy(asc(periodResults.period));
    const states = await periodInfosOf(ctx.db, ids);
    for (const r of rows) {
      const s = (r.standings as Record<string, UnitStanding>)[unitOf.get(r.campaign) as string];
      const state = states.get(r.campaign)?.get(r.period)?.state ?? 'unopened';
      scores.push({ campaign: r.campaign, campaignName: cs.get(r.campaign) ?? r.campaign, period: r.period, total: s?.total ?? null, rank: s?.rank.all ?? null, of: Object.keys(r.standings as object).length, state });
    }
  }
  return {
    person: toPerson(p, await orgNames(ctx.db)),
    ledger: ledger.map(({ e, by, campaignName }) => ({
      id: e.id, date: e.date, what: e.what, evidence: e.evidence, keyWork: e.keyWork, createdBy: by, createdAt: e.createdAt.toISOString(),
      state: e.state === 'approved' ? 'approved' as const : 'recorded' as const, campaignName, campaign: e.campaignId,
      indicatorName: e.indicatorId === null ? null : specs.get(e.campaignId ?? '')?.indicators.find((d) => d.id === e.indicatorId)?.name ?? e.indicatorId,
      files: files.filter((f) => f.entryId === e.id).map(({ id: fileId, filename, size }) => ({ id: fileId, filename, size })),
    })),
    honours: hs,
    scores,
  };
}
