// Small builders for tests: an app on a fresh database, users of any role, campaigns from spec
// text, and signed-in cookies.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Role } from '../../src/db/schema.ts';
import type { AssignmentDto, GrantDto, UserDto } from '../../src/schemas/common.ts';
import { insertOrganization } from '../../src/repositories/users.ts';
import type { OrganizationKind } from '../../src/db/schema.ts';
import { createCampaign } from '../../src/services/campaigns.ts';
import { writeFigures } from '../../src/services/figures.ts';
import { openPeriodsQuietly } from '../../src/services/periods.ts';
import { createUser } from '../../src/services/users.ts';
import { freshDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  /** move the app's clock */
  clock: { now: Date; advance(ms: number): void };
  close(): Promise<void>;
}

export async function testApp(opts: { db?: TestDatabase } = {}): Promise<TestApp> {
  const db = opts.db ?? (await freshDatabase());
  const clock = { now: new Date('2026-07-01T08:00:00Z'), advance(ms: number) { this.now = new Date(this.now.getTime() + ms); } };
  const app = await buildApp({ databaseUrl: db.url, now: () => clock.now });
  await app.ready();
  return {
    app, db, clock,
    close: async () => {
      await app.close();
      if (!opts.db) await db.drop();
    },
  };
}

let seq = 0;
export const PASSWORD = 'correct-horse-42';

export async function makeUser(app: FastifyInstance, role: Role, assignments: AssignmentDto[] = [], username?: string): Promise<UserDto> {
  seq += 1;
  return createUser(app.leitai.ctx, { username: username ?? `${role}${seq}`, password: PASSWORD, displayName: `${role} ${seq}`, role, assignments });
}

/** A user of the organization `organizationId` holding exactly `grants`. */
export async function makeMember(app: FastifyInstance, organizationId: number, grants: GrantDto[], username?: string): Promise<UserDto> {
  seq += 1;
  return createUser(app.leitai.ctx, { username: username ?? `member${seq}`, password: PASSWORD, displayName: `member ${seq}`, organizationId, grants });
}

/** An organization below `parentId` (the root is created with the first user or campaign). */
export async function makeOrganization(app: FastifyInstance, parentId: number, name: string, kind: OrganizationKind = 'town'): Promise<number> {
  return (await insertOrganization(app.leitai.ctx.db, { parentId, name, kind })).id;
}

/** The root organization's id. */
export async function rootOrganization(app: FastifyInstance): Promise<number> {
  const { rows } = await app.leitai.ctx.db.$client.query('SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY id LIMIT 1');
  if (rows[0]) return rows[0].id as number;
  return (await insertOrganization(app.leitai.ctx.db, { parentId: null, name: '县委组织部', kind: 'county' })).id;
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'leitai_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `leitai_session=${c.value}`;
}

export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  return cookieOf(res);
}

/** A user of `role` and their cookie. */
export async function session(app: FastifyInstance, role: Role, assignments: AssignmentDto[] = []): Promise<{ user: UserDto; cookie: string }> {
  const user = await makeUser(app, role, assignments);
  return { user, cookie: await signIn(app, user.username) };
}

/**
 * A campaign from spec text (and optionally figures), written as a fresh admin; in the root
 * organization unless named. Its periods are opened first, as its organizer would (`open`: every
 * period unless listed; [] leaves them all 未开启 — the lifecycle tests).
 */
export async function makeCampaign(
  app: FastifyInstance, specText: string, figures: { unit: string; indicator: string; period: string; value: string }[] = [], organizationId?: number,
  opts: { open?: 'all' | string[] } = {},
) {
  const admin = await makeUser(app, 'admin');
  const campaign = await createCampaign(app.leitai.ctx, admin, specText, organizationId);
  await openPeriods(app, campaign.id, opts.open ?? 'all');
  if (figures.length > 0) await writeFigures(app.leitai.ctx, admin, campaign.id, figures.map((f, i) => ({ ...f, row: i + 2 })));
  return campaign;
}

/**
 * The organizer's 开启 step for a campaign's periods (every period not yet open, or those listed),
 * before a test writes figures: a period not yet open takes none. Quiet: the opening notices to
 * the units' inboxes are tested in periods.test.ts, and would only crowd other tests' inboxes.
 */
export async function openPeriods(app: FastifyInstance, campaignId: string, periods: 'all' | string[] = 'all'): Promise<void> {
  const ctx = app.leitai.ctx;
  const { rows } = await ctx.db.$client.query(`SELECT u.id, u.username FROM users u JOIN role_grants g ON g.user_id = u.id WHERE g.role = 'admin' ORDER BY u.id LIMIT 1`);
  const found = rows[0] as { id: number; username: string } | undefined;
  await openPeriodsQuietly(ctx, found ?? await makeUser(app, 'admin'), campaignId, periods);
}

/** A small campaign with every input kind: 4 units in 2 groups, one pair, quarterly. */
export function smallSpec(id = 'small-2026'): string {
  return `version: 1
campaign: { id: ${id}, name: 小型竞赛, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
  - { id: g2, name: 二组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙局, group: g2 }
  - { id: d, name: 丁局, group: g2 }
pairs:
  - [a, b]
indicators:
  - { id: gdp, name: 产值, input: value, weight: 60, method: completion, target: 100 }
  - { id: style, name: 作风, input: score, weight: 40 }
  - { id: honor, name: 表彰, input: event, effect: bonus, points: 1 }
flags:
  - { id: red, name: 红旗, color: red, award: top, scope: group }
rules:
  - { id: report, name: 催报, action: reminder, when: { missing: true } }
`;
}

export async function json<T = unknown>(res: LightMyRequestResponse): Promise<T> {
  return res.json<T>();
}
