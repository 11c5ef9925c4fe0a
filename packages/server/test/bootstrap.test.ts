// First start: admin + demo campaign + demo users; later starts change nothing unless asked to
// reset the admin password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSpec, periodKeys } from '@leitai/engine';
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

  it('has the same figures on every run', () => {
    const units = [{ id: 'qingxi', faiTarget: 18, revTarget: 5 }, { id: 'wenchuang', faiTarget: 12, revTarget: 3 }];
    expect(demoFigures(units)).toEqual(demoFigures(units));
  });
});

describe('bootstrap', () => {
  it('creates the admin, the demo and its users on an empty database, once', async () => {
    const first = await bootstrap(t.app.leitai.ctx, { demo: true });
    expect(first.firstStart).toBe(true);
    expect(first.logins.map((l) => l.username)).toEqual(['admin', 'organizer', 'scorer', 'reporter', 'leader']);
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
    const secret = first.demo?.screenPath.replace('/screen/', '');
    const kiosk = await t.app.inject({ method: 'GET', url: `/api/v1/kiosk/${secret}` });
    expect(kiosk.statusCode).toBe(200);
    expect(describeBootstrap(first, 'http://localhost:3000')).toContain(`http://localhost:3000${first.demo?.screenPath}`);

    const again = await bootstrap(t.app.leitai.ctx, { demo: true });
    expect(again).toEqual({ firstStart: false, logins: [], adminReset: false });
  });

  it('resets the admin password when given one', async () => {
    const r = await bootstrap(t.app.leitai.ctx, { demo: true, adminPassword: 'a-new-password-1' });
    expect(r.adminReset).toBe(true);
    await signIn(t.app, 'admin', 'a-new-password-1');
  });
});
