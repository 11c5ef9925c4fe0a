// Nearing-due reminders by a timer (issue 15 item 1): a case within its campaign's nearing days
// reminds the unit's inbox once without anyone reading the board — from the periodic job, once per
// case even when two server processes run the job at the same moment (the "already reminded" mark
// under a row lock); the timer of a server started with an interval sends it by itself. The clock
// is the tests' own.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.ts';
import { remindAllNearingDue } from '../src/services/cases.ts';
import { makeCampaign, makeUser, signIn, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let other: TestApp;
const C = 'remind-2026';
const U = `/api/v1/campaigns/${C}`;
const DAY = 24 * 3600 * 1000;
const SPEC = `version: 1
campaign: { id: ${C}, name: 提醒测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
`;
let organizer: string;
let username: string;

beforeAll(async () => {
  t = await testApp();
  // a second server process on the same database
  other = await testApp({ db: t.db });
  await makeCampaign(t.app, SPEC);
  username = (await makeUser(t.app, 'organizer')).username;
  organizer = await signIn(t.app, username);
});
afterAll(async () => {
  await other.close();
  await t.close();
});

const inbox = async (unit: string) => ((await t.app.inject({ method: 'GET', url: `${U}/inbox`, headers: { cookie: organizer } })).json().reminders as { kind: string; unit: string; message: string }[])
  .filter((r) => r.kind === 'case' && r.unit === unit);
const steps = async (id: number) => ((await t.app.inject({ method: 'GET', url: `${U}/cases/${id}`, headers: { cookie: organizer } })).json().case.steps as { action: string }[]).map((s) => s.action);
const advance = async (ms: number) => {
  t.clock.advance(ms);
  other.clock.now = t.clock.now;
  organizer = await signIn(t.app, username);
};

describe('nearing-due reminders by the timer', () => {
  it('reminds once when the case comes within the nearing days, with nobody reading the board, even from two processes at once', async () => {
    // now: 2026-07-01 16:00 Beijing; due 2026-07-10 (end of the day)
    const res = await t.app.inject({ method: 'POST', url: `${U}/cases`, payload: { unit: 'a', kind: 'reminder', reason: '进度滞后', due: '2026-07-10' }, headers: { cookie: organizer } });
    expect(res.statusCode).toBe(201);
    const id = res.json().case.id as number;
    const issued = (await inbox('a')).length;
    expect(await t.app.leitai.caseReminders.runOnce()).toBe(0);
    await advance(6 * DAY); // 07-07 16:00: 3 days and 8 hours left
    expect(await t.app.leitai.caseReminders.runOnce()).toBe(0);
    await advance(DAY); // 07-08 16:00: within 3 days
    const sent = await Promise.all([remindAllNearingDue(t.app.leitai.ctx), remindAllNearingDue(other.app.leitai.ctx), other.app.leitai.caseReminders.runOnce()]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await t.app.leitai.caseReminders.runOnce()).toBe(0);
    expect((await inbox('a')).length).toBe(issued + 1);
    expect(await steps(id)).toEqual(['issue', 'nearing']);
  });

  it('a server started with an interval sends the reminder by itself', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${U}/cases`, payload: { unit: 'b', kind: 'reminder', reason: '材料未报', due: '2026-07-10' }, headers: { cookie: organizer } });
    const id = res.json().case.id as number;
    const before = (await inbox('b')).length;
    const timed = await buildApp({ databaseUrl: t.db.url, now: () => t.clock.now, caseReminderMs: 20 });
    await timed.ready();
    try {
      await vi.waitFor(async () => expect(await steps(id)).toEqual(['issue', 'nearing']), { timeout: 20_000, interval: 50 });
      expect((await inbox('b')).length).toBe(before + 1);
    } finally {
      await timed.close();
    }
  });

  it('the overview counts each campaign\'s open cases and the overdue ones (问责事项 column)', async () => {
    const row = async () => ((await t.app.inject({ method: 'GET', url: '/api/v1/overview', headers: { cookie: organizer } })).json().campaigns as { id: string; openCases: number; overdueCases: number }[]).find((c) => c.id === C);
    expect(await row()).toMatchObject({ openCases: 2, overdueCases: 0 });
    await advance(3 * DAY); // 07-11 16:00 Beijing: both past 07-10
    expect(await row()).toMatchObject({ openCases: 2, overdueCases: 2 });
  });
});
