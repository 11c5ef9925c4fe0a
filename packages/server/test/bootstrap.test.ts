// First start: admin + demo campaign + demo users; later starts change nothing unless asked to
// reset the admin password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkData, evaluateAll, parseSpec, periodKeys, targetOf, type Spec } from '@leitai/engine';
import { bootstrap, describeBootstrap } from '../src/bootstrap.ts';
import { DEMO_SPEC_TEXT } from '../src/demo/load.ts';
import { demoFigures } from '../src/demo/figures.ts';
import { signIn, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

describe('demo campaign', () => {
  it('follows the contract and uses every input kind and method', () => {
    const parsed = parseSpec(DEMO_SPEC_TEXT);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const spec = parsed.value;
    expect(spec.units.length).toBe(24);
    expect(spec.groups.length).toBe(4);
    const kinds = new Set(spec.indicators.map((d) => (d.input === 'value' ? d.method : d.input === 'event' ? `event:${d.effect}` : d.input)));
    expect([...kinds].sort()).toEqual(['best', 'completion', 'event:bonus', 'event:penalty', 'event:veto', 'range', 'rank', 'schedule', 'score']);
    expect(spec.flags.some((f) => f.mobile)).toBe(true);
    expect(spec.flags.map((f) => f.color)).toEqual(expect.arrayContaining(['red', 'yellow']));
    expect(spec.summary?.grades.length).toBeGreaterThan(1);
    expect(spec.rules.length).toBeGreaterThan(0);
    expect(periodKeys(spec).slice(0, 6)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
  });

  it('uses spec 1.1 where the counties it imitates would: indicators by group, a half-year base check, a once-per-streak ladder', () => {
    const parsed = parseSpec(DEMO_SPEC_TEXT);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const spec: Spec = parsed.value;
    const target = (ind: string, unit: string) => {
      const d = spec.indicators.find((x) => x.id === ind);
      return d?.input === 'value' ? (targetOf(d, unit)?.toNumber() ?? 1) : 1;
    };
    const rows = demoFigures(spec.units.map((u) => ({ id: u.id, faiTarget: target('fai', u.id), revTarget: target('rev', u.id) })));
    const data = checkData(spec, rows.map((r, i) => ({ ...r, row: i + 2 })));
    if (!data.ok) throw new Error(data.issues.map((i) => i.message).join('\n'));
    const year = evaluateAll(spec, data.value);
    const june = year[year.length - 1];
    // departments invest nothing and sign no projects; only they are rated on service
    const fagai = june.units.find((u) => u.unit === 'fagai');
    expect(Object.keys(fagai?.indicators ?? {})).not.toContain('fai');
    expect(Object.keys(fagai?.indicators ?? {})).toContain('service');
    expect(Object.keys(june.units.find((u) => u.unit === 'qingxi')?.indicators ?? {})).not.toContain('service');
    // the base check is made at the half-year only, and finds someone
    const base = year.flatMap((p) => p.actions.filter((a) => a.rule === 'base-check').map((a) => a.period));
    expect(new Set(base)).toEqual(new Set(['2026-06']));
    // the ladder: each rung at most once per streak, in order — never the same rung in two periods in a row
    const rungs = ['warn', 'lagging', 'interview'];
    for (const u of spec.units) {
      const got = year.map((p) => p.actions.filter((a) => a.unit === u.id && rungs.includes(a.rule)).map((a) => a.rule));
      got.forEach((r, i) => {
        expect(r.length).toBeLessThanOrEqual(1);
        if (i > 0 && r.length && got[i - 1].length) expect(rungs.indexOf(r[0])).toBe(rungs.indexOf(got[i - 1][0]) + 1);
      });
    }
    expect(year.some((p) => p.actions.some((a) => a.rule === 'interview'))).toBe(true);
  });

  it('has the same figures on every run', () => {
    const units = [{ id: 'qingxi', faiTarget: 18, revTarget: 5 }, { id: 'wenchuang', faiTarget: 12, revTarget: 3 }];
    expect(demoFigures(units)).toEqual(demoFigures(units));
  });
});

describe('bootstrap', () => {
  it('creates the admin, the demo and its users on an empty database, once', async () => {
    const first = await bootstrap(t.app.leitai.ctx, { demo: true });
    expect(first.firstStart).toBe(true);
    expect(first.logins.map((l) => l.username)).toEqual(['admin', 'organizer', 'scorer', 'reporter', 'leader', 'town']);
    for (const l of first.logins) await signIn(t.app, l.username, l.password);

    const reporter = first.logins.find((l) => l.username === 'reporter');
    const cookie = await signIn(t.app, 'reporter', reporter?.password);
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json();
    expect(me.user.assignments).toEqual([{ campaignId: 'qingshan-2026', unitId: 'qingxi' }]);
    // the printed passwords let a person in, who then chooses their own before anything else
    expect(me.user.mustChangePassword).toBe(true);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/qingshan-2026/results', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: reporter?.password, newPassword: 'Qingxi-2026-new' }, headers: { cookie } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);

    const res = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/qingshan-2026/results', headers: { cookie } })).json();
    expect(res.periods).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(res.result.units).toHaveLength(24);
    // the demo year produces flags, a vetoed unit and accountability actions
    expect(res.result.flags.length).toBeGreaterThan(0);
    const april = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/qingshan-2026/results?period=2026-04', headers: { cookie } })).json();
    expect(april.result.units.find((u: { unit: string }) => u.unit === 'liuhe').vetoed).toBe(true);
    const actions = new Set(res.result.actions.map((a: { action: string }) => a.action));
    expect(actions.size).toBeGreaterThan(1);

    // January to May are published: the public page and the demo's big screen link show them
    const pub = (await t.app.inject({ method: 'GET', url: '/api/v1/public/campaigns/qingshan-2026' })).json();
    expect(pub.periods.map((p: { period: string }) => p.period).sort()).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(first.demo?.phonePath).toBe('/m/qingshan-2026');
    // … and were verified and closed before (issue 10 item 6): their bulletins are final, not 初步结果;
    // the current month is open with its figures waiting for verification
    const organizerLogin = first.logins.find((l) => l.username === 'organizer');
    const organizer = await signIn(t.app, 'organizer', organizerLogin?.password);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: organizerLogin?.password, newPassword: 'Kaohe-Ban-2026x' }, headers: { cookie: organizer } });
    const periodsRes = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/qingshan-2026/periods', headers: { cookie: organizer } });
    expect(periodsRes.statusCode, periodsRes.body).toBe(200);
    const periods = periodsRes.json().periods as { period: string; state: string; pending: number; returned: number }[];
    expect(periods.slice(0, 5).map((p) => [p.period, p.state, p.pending, p.returned])).toEqual(
      ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'].map((p) => [p, 'closed', 0, 0]));
    expect(periods[5]).toMatchObject({ period: '2026-06', state: 'open' });
    expect(periods[5].pending).toBeGreaterThan(100);
    const may = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/qingshan-2026/results?period=2026-05', headers: { cookie: organizer } })).json();
    expect(may).toMatchObject({ state: 'closed', unverified: [] });
    const bulletins = await t.app.leitai.ctx.db.$client.query("SELECT content->>'periodState' AS state FROM bulletins WHERE campaign_id = 'qingshan-2026'");
    expect(bulletins.rows.map((r: { state: string }) => r.state)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed']);
    const secret = first.demo?.screenPath.replace('/screen/', '');
    const kiosk = await t.app.inject({ method: 'GET', url: `/api/v1/kiosk/${secret}` });
    expect(kiosk.statusCode).toBe(200);
    expect(describeBootstrap(first, 'http://localhost:3000')).toContain(`http://localhost:3000${first.demo?.screenPath}`);

    // the levels: the town's organizer runs the town's village campaign and reports for 青溪镇 in the county's
    const town = first.logins.find((l) => l.username === 'town');
    const townCookie = await signIn(t.app, 'town', town?.password);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: town?.password, newPassword: 'Qingxi-Zhen-2026!' }, headers: { cookie: townCookie } })).statusCode).toBe(200);
    const townMe = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: townCookie } })).json().user;
    expect(townMe.organizationName).toBe('青溪镇党委');
    expect(townMe.campaignRoles).toEqual({ 'qingshan-2026': ['reporter'], 'qingxi-villages-2026': ['organizer'] });
    const orgs = (await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie: townCookie } })).json().organizations;
    expect(orgs.map((o: { name: string }) => o.name)).toEqual(['青山县委组织部', '青溪镇党委']);
    const townPeriods = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/qingxi-villages-2026/periods', headers: { cookie: townCookie } })).json().periods;
    expect(townPeriods.filter((p: { state: string }) => p.state === 'closed').map((p: { period: string }) => p.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    // its closed months count the villages' verified figures
    const townMay = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/qingxi-villages-2026/results?period=2026-05', headers: { cookie: townCookie } })).json();
    expect(townMay.result.units).toHaveLength(7);
    expect(townMay.result.units.every((u: { total: number }) => u.total > 50)).toBe(true);

    // 上下联动: 青溪镇's 新签约项目 in the county's campaign is the sum of its villages' in the town's, month by month,
    // verified and closed with the county's months, carrying its source; June waits for the town to close June
    const rollups = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/qingshan-2026/rollups', headers: { cookie: organizer } })).json().rollups;
    expect(rollups).toHaveLength(1);
    expect(rollups[0]).toMatchObject({ unit: 'qingxi', indicator: 'proj', sourceCampaign: { id: 'qingxi-villages-2026', name: '青溪镇2026年度村级擂台赛' }, measure: 'indicator_sum', description: '“新签约项目”合计' });
    expect(rollups[0].values.map((v: { period: string }) => v.period)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    const townMarch = (await t.app.inject({ method: 'GET', url: '/api/v1/campaigns/qingxi-villages-2026/figures?period=2026-03', headers: { cookie: townCookie } })).json().figures as { indicator: string; value: string }[];
    const sum = townMarch.filter((f) => f.indicator === 'proj').reduce((a, f) => a + Number(f.value), 0);
    expect(townMarch.filter((f) => f.indicator === 'proj')).toHaveLength(7);
    const countyFigure = async (period: string) => ((await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/qingshan-2026/figures?period=${period}`, headers: { cookie: organizer } })).json().figures as { unit: string; indicator: string; value: string; status: string }[])
      .find((f) => f.unit === 'qingxi' && f.indicator === 'proj');
    expect(await countyFigure('2026-03')).toMatchObject({ value: String(sum), status: 'approved' });
    expect(rollups[0].values[2]).toMatchObject({ period: '2026-03', sourcePeriod: '2026-03', value: String(sum), outcome: 'written', label: '来自 青溪镇2026年度村级擂台赛 2026-03' });
    expect(await countyFigure('2026-06')).toBeUndefined();

    const again = await bootstrap(t.app.leitai.ctx, { demo: true });
    expect(again).toEqual({ firstStart: false, logins: [], adminReset: false });
  }, 120_000);

  it('resets the admin password when given one', async () => {
    const r = await bootstrap(t.app.leitai.ctx, { demo: true, adminPassword: 'a-new-password-1' });
    expect(r.adminReset).toBe(true);
    await signIn(t.app, 'admin', 'a-new-password-1');
  });
});
