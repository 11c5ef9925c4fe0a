// The explanation rule: a unit's figure that falls behind the pro-rata schedule or jumps against
// the period before is refused without a short explanation (422 explanation_required, naming the
// indicator and why); the explanation is stored with the figure, shown with it and kept in the
// audit log. Organizers are not held to it; a reporter's file import is (issue 10 item 2).
import { checkData, evaluate, parseSpec, type ValueIndicatorResult } from '@leitai/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

const C = 'expl-2026';
// fai: schedule, target 100 a year → 25 expected by Q1, 50 by Q2; visits: a quarterly (not cumulative) count
const SPEC = `version: 1
campaign: { id: ${C}, name: 说明测试, year: 2026, cadence: quarter }
groups:
  - { id: g, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g }
  - { id: b, name: 乙镇, group: g }
indicators:
  - { id: fai, name: 固定资产投资, input: value, weight: 60, method: schedule, target: 100 }
  - { id: visits, name: 走访次数, input: value, weight: 30, method: completion, target: 100, cumulative: false }
  - { id: style, name: 作风, input: score, weight: 10 }
  - { id: energy, name: 单位增加值能耗, input: value, weight: 10, method: range, direction: lower, quantity: rate }
flags: []
`;

let t: TestApp;
let reporter: string;
let organizer: string;
const U = `/api/v1/campaigns/${C}`;

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, SPEC);
  reporter = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  organizer = (await session(t.app, 'organizer')).cookie;
});
afterAll(async () => { await t.close(); });

const put = (payload: object, cookie = reporter, lang = 'zh-CN') =>
  t.app.inject({ method: 'PUT', url: `${U}/figures`, payload, headers: { cookie, 'accept-language': lang } });
const batch = (figures: object[], cookie = reporter) => t.app.inject({ method: 'POST', url: `${U}/figures/batch`, payload: { figures }, headers: { cookie } });
const figure = async (unit: string, indicator: string, period: string) =>
  ((await t.app.inject({ method: 'GET', url: `${U}/figures?period=${period}`, headers: { cookie: organizer } })).json().figures as { unit: string; indicator: string }[])
    .find((f) => f.unit === unit && f.indicator === indicator) as Record<string, unknown> | undefined;
const audit = async () => (await t.app.inject({ method: 'GET', url: `/api/v1/audit?campaign=${C}&action=figure.set`, headers: { cookie: organizer } })).json().entries;

describe('behind schedule', () => {
  it('is refused without an explanation, naming the indicator and why, in the reader\'s language; nothing is stored', async () => {
    const res = await put({ unit: 'a', indicator: 'fai', period: '2026-Q1', value: '20' });
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('explanation_required');
    expect(err.message).toContain('固定资产投资');
    expect(err.message).toContain('落后序时进度');
    expect(err.message).toContain('25');
    expect(err.issues).toEqual([expect.objectContaining({ code: 'explanation.behind_schedule', row: 2, text: '20' })]);
    const en = (await put({ unit: 'a', indicator: 'fai', period: '2026-Q1', value: '20', explanation: '   ' }, reporter, 'en')).json().error;
    expect(en.code).toBe('explanation_required');
    expect(en.message).toMatch(/固定资产投资 \(甲镇, 2026-Q1\) is behind schedule \(20 against an expected 25\)/);
    expect(await figure('a', 'fai', '2026-Q1')).toBeUndefined();
  });

  it('is stored with its explanation, which the figure and the audit entry carry', async () => {
    const res = await put({ unit: 'a', indicator: 'fai', period: '2026-Q1', value: '20', explanation: '项目集中在下半年开工' });
    expect(res.statusCode).toBe(200);
    expect(res.json().figure).toMatchObject({ value: '20', explanation: '项目集中在下半年开工', evidence: [] });
    expect(await figure('a', 'fai', '2026-Q1')).toMatchObject({ explanation: '项目集中在下半年开工' });
    const [entry] = await audit();
    expect(entry).toMatchObject({ subject: 'a/fai/2026-Q1', after: { value: '20', explanation: '项目集中在下半年开工' } });
  });

  it('a figure ahead of schedule needs none', async () => {
    const res = await put({ unit: 'b', indicator: 'fai', period: '2026-Q1', value: '30' }, organizer);
    expect(res.statusCode).toBe(200);
    expect(res.json().figure.explanation).toBeNull();
  });
});

describe('a jump against the period before', () => {
  it('of a year-to-date figure compares what was added in each period', async () => {
    // a: 20 by Q1; 45 by Q2 adds 25 (+25 %): behind schedule (45 < 50) but no jump
    const behind = await put({ unit: 'a', indicator: 'fai', period: '2026-Q2', value: '45' });
    expect(behind.json().error.issues[0].code).toBe('explanation.behind_schedule');
    // 60 by Q2 adds 40 against 20 (+100 %): ahead of schedule, but a jump
    const jump = await put({ unit: 'a', indicator: 'fai', period: '2026-Q2', value: '60' });
    expect(jump.statusCode).toBe(422);
    expect(jump.json().error.issues[0]).toMatchObject({ code: 'explanation.jump' });
    expect(jump.json().error.message).toContain('较上期变化异常');
    expect(jump.json().error.message).toContain('+100%');
    // 55 adds 35 (+75 %): still a jump; 50 adds 30 (+50 %): not more than half, and on schedule
    expect((await put({ unit: 'a', indicator: 'fai', period: '2026-Q2', value: '55' })).statusCode).toBe(422);
    expect((await put({ unit: 'a', indicator: 'fai', period: '2026-Q2', value: '50' })).statusCode).toBe(200);
  });

  it('of a figure per period compares the figures themselves, up or down', async () => {
    expect((await put({ unit: 'a', indicator: 'visits', period: '2026-Q1', value: '40' })).statusCode).toBe(200);
    const down = await put({ unit: 'a', indicator: 'visits', period: '2026-Q2', value: '10' });
    expect(down.statusCode).toBe(422);
    expect(down.json().error.message).toContain('-75%');
    expect((await put({ unit: 'a', indicator: 'visits', period: '2026-Q2', value: '50' })).statusCode).toBe(200);
  });

  it('of a rate (spec 1.1 quantity: rate) compares the levels themselves, not their increases', async () => {
    // 0.544 → 0.531 is −2 %: no explanation (as increases: −0.013 against 0.544, a "−102 %" jump)
    expect((await put({ unit: 'a', indicator: 'energy', period: '2026-Q1', value: '0.544' })).statusCode).toBe(200);
    expect((await put({ unit: 'a', indicator: 'energy', period: '2026-Q2', value: '0.531' })).statusCode).toBe(200);
    // 0.531 → 0.2 is −62 %: a jump of the level
    const drop = await put({ unit: 'a', indicator: 'energy', period: '2026-Q3', value: '0.2' });
    expect(drop.statusCode).toBe(422);
    expect(drop.json().error.message).toContain('本期 0.2，上期 0.531，-62%');
  });

  it('is not checked without an earlier figure, or against an earlier 0', async () => {
    expect((await put({ unit: 'a', indicator: 'visits', period: '2026-Q4', value: '500' })).statusCode).toBe(200);
    expect((await put({ unit: 'b', indicator: 'visits', period: '2026-Q1', value: '0' }, organizer)).statusCode).toBe(200);
    const b = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'b' }])).cookie;
    expect((await put({ unit: 'b', indicator: 'visits', period: '2026-Q2', value: '80' }, b)).statusCode).toBe(200);
  });
});

describe('a batch', () => {
  it('names every figure that needs an explanation by its item row, and stores nothing', async () => {
    const res = await batch([
      { unit: 'a', indicator: 'visits', period: '2026-Q3', value: '50' },
      { unit: 'a', indicator: 'fai', period: '2026-Q3', value: '51' },
      { unit: 'a', indicator: 'fai', period: '2026-Q4', value: '52' },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('explanation_required');
    expect(res.json().error.issues.map((i: { row: number; code: string }) => [i.row, i.code])).toEqual([[3, 'explanation.behind_schedule'], [4, 'explanation.behind_schedule']]);
    expect(await figure('a', 'visits', '2026-Q3')).toBeUndefined();
    const ok = await batch([
      { unit: 'a', indicator: 'visits', period: '2026-Q3', value: '50' },
      { unit: 'a', indicator: 'fai', period: '2026-Q3', value: '51', explanation: '三季度汛期停工' },
    ]);
    expect(ok.statusCode).toBe(200);
    expect(await figure('a', 'fai', '2026-Q3')).toMatchObject({ value: '51', explanation: '三季度汛期停工' });
  });
});

describe('changing the explanation', () => {
  it('alone is a change (new version, verified again); saving the same value without one keeps it', async () => {
    const before = await figure('a', 'fai', '2026-Q1') as { version: number };
    const same = await put({ unit: 'a', indicator: 'fai', period: '2026-Q1', value: '20', version: before.version });
    expect(same.json().figure).toMatchObject({ version: before.version, explanation: '项目集中在下半年开工' });
    const changed = await put({ unit: 'a', indicator: 'fai', period: '2026-Q1', value: '20', version: before.version, explanation: '两个项目延期至下半年开工' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().figure).toMatchObject({ version: before.version + 1, status: 'pending', explanation: '两个项目延期至下半年开工' });
  });

  it('a new value without an explanation drops the old one (it explained the old value)', async () => {
    const before = await figure('a', 'fai', '2026-Q1') as { version: number };
    const res = await put({ unit: 'a', indicator: 'fai', period: '2026-Q1', value: '26', version: before.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().figure.explanation).toBeNull();
  });

  it('is at most 500 characters', async () => {
    const res = await put({ unit: 'a', indicator: 'fai', period: '2026-Q1', value: '21', explanation: '长'.repeat(501) });
    expect(res.statusCode).toBe(400);
  });
});

describe('who is held to it', () => {
  it('not organizers, who may still give one', async () => {
    expect((await put({ unit: 'b', indicator: 'fai', period: '2026-Q2', value: '31' }, organizer)).statusCode).toBe(200);
    const res = await put({ unit: 'b', indicator: 'fai', period: '2026-Q3', value: '32', explanation: '据单位书面报告' }, organizer);
    expect(res.json().figure.explanation).toBe('据单位书面报告');
  });

  it('a reporter\'s file import too: refused without the explanation column, stored with it', async () => {
    const importCsv = (csv: string) => {
      const { payload, headers } = multipartFile('q4.csv', csv);
      return t.app.inject({ method: 'POST', url: `${U}/figures/import`, payload, headers: { ...headers, cookie: reporter } });
    };
    const refused = await importCsv('unit,indicator,period,value\na,fai,2026-Q4,60\n');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('explanation_required');
    expect(await figure('a', 'fai', '2026-Q4')).toBeUndefined();
    const res = await importCsv('unit,indicator,period,value,explanation\na,fai,2026-Q4,60,项目延期开工\n');
    expect(res.statusCode).toBe(200);
    expect((await figure('a', 'fai', '2026-Q4'))?.explanation).toBe('项目延期开工');
  });
});

// The schedule check reads only the written cells' figures (engine scheduleFacts), not the whole
// campaign: its answer must still be the whole campaign's evaluation's, with groups, applies_to,
// group weights, per-unit targets, summed and cumulative amounts, rates, both directions, pairs,
// flags, rules and a tie-break around it.
describe('behind schedule, as the whole campaign\'s evaluation says', () => {
  const W = 'expl-wide-2026';
  const WIDE = `version: 1
campaign: { id: ${W}, name: 宽说明测试, year: 2026, cadence: month, tie_break: [inv] }
groups:
  - { id: g1, name: 一组 }
  - { id: g2, name: 二组 }
units:
  - { id: a, name: 甲, group: g1 }
  - { id: b, name: 乙, group: g1 }
  - { id: c, name: 丙, group: g2 }
  - { id: d, name: 丁, group: g2 }
pairs:
  - { id: ab, units: [a, b] }
indicators:
  - { id: inv, name: 投资, input: value, weight: { default: 20, g2: 30 }, method: schedule, target: { default: 120, b: 240 } }
  - { id: cost, name: 成本, input: value, weight: 10, method: schedule, direction: lower, cumulative: false, target: 60 }
  - { id: lvl, name: 水平, input: value, weight: 10, method: schedule, quantity: rate, target: 10, applies_to: [g1] }
  - { id: bst, name: 最佳, input: value, weight: 10, method: best }
  - { id: sc, name: 评分, input: score, weight: 10 }
  - { id: vt, name: 否决, input: event, effect: veto }
flags:
  - { id: red, name: 红旗, award: top, count: 1 }
  - { id: lag, name: 落后, award: bottom, scope: group, indicator: inv }
rules:
  - { id: behind, name: 落后提醒, action: reminder, when: { behind_schedule: [inv, cost] } }
`;
  const months = ['2026-01', '2026-02', '2026-03'];
  const start: Record<string, Record<string, string[]>> = {
    a: { inv: ['10', '20', '30'], cost: ['5', '5', '5'], lvl: ['3', '3', '3'], bst: ['1', '2', '3'] },
    b: { inv: ['20', '40', '60'], cost: ['4', '5', '5'], lvl: ['4', '4', '4'], bst: ['2', '2', '2'] },
    c: { inv: ['12', '22', '28'], cost: ['3', '3', '3'], bst: ['5', '1', '1'] },
    d: { inv: ['8', '16', '24'], cost: ['6', '6', '6'], bst: ['1', '1', '1'] },
  };
  // (unit, indicator, period, value): month 4 expects inv 40 (b: 80), cost 20 (at most), lvl 10 × 4/12
  const cases: [string, string, string, string][] = [
    ['a', 'inv', '2026-04', '38'], ['b', 'inv', '2026-04', '85'], ['c', 'inv', '2026-04', '41'], ['d', 'inv', '2026-04', '39'],
    ['a', 'cost', '2026-04', '6'], ['b', 'cost', '2026-04', '4'], ['c', 'cost', '2026-04', '11'], ['d', 'cost', '2026-04', '2'],
    ['a', 'lvl', '2026-04', '3'], ['b', 'lvl', '2026-04', '4'], ['a', 'inv', '2026-03', '29'], ['c', 'cost', '2026-02', '4'],
  ];
  let wideReporter: string;
  beforeAll(async () => {
    const rows = Object.entries(start).flatMap(([unit, byInd]) => Object.entries(byInd).flatMap(([indicator, vs]) => vs.map((value, i) => ({ unit, indicator, period: months[i], value }))));
    await makeCampaign(t.app, WIDE, [...rows, { unit: 'd', indicator: 'vt', period: '2026-01', value: '1' }, { unit: 'c', indicator: 'sc', period: '2026-02', value: '7' }]);
    wideReporter = (await session(t.app, 'reporter', ['a', 'b', 'c', 'd'].map((unitId) => ({ campaignId: W, unitId })))).cookie;
  });

  it('refuses a reporter\'s figure without an explanation exactly when the whole campaign, evaluated with it, has the unit behind schedule', async () => {
    const spec = parseSpec(WIDE);
    if (!spec.ok) throw new Error('spec');
    const seen = { behind: 0, ahead: 0 };
    for (const [unit, indicator, period, value] of cases) {
      // the whole campaign's figures as stored, with this one written over them, evaluated by the engine
      const stored = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${W}/figures`, headers: { cookie: organizer } })).json().figures as { unit: string; indicator: string; period: string; value: string; version: number }[];
      const rows = [...stored.filter((f) => !(f.unit === unit && f.indicator === indicator && f.period === period)), { unit, indicator, period, value }];
      const data = checkData(spec.value, rows.map((r, i) => ({ ...r, row: i + 2 })));
      if (!data.ok) throw new Error('data');
      const whole = evaluate(spec.value, data.value, { period }).units.find((u) => u.unit === unit)?.indicators[indicator] as ValueIndicatorResult;
      const version = stored.find((f) => f.unit === unit && f.indicator === indicator && f.period === period)?.version ?? null;
      const res = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${W}/figures`, payload: { unit, indicator, period, value, version }, headers: { cookie: wideReporter } });
      const codes = res.statusCode === 422 ? (res.json().error.issues as { code: string }[]).map((i) => i.code) : [];
      const label = `${unit} ${indicator} ${period} = ${value}: ytd ${whole.ytd}, expected ${whole.expected}`;
      expect(codes.includes('explanation.behind_schedule'), label).toBe(whole.ahead === false);
      if (whole.ahead === false) {
        seen.behind++;
        expect(res.json().error.message, label).toContain(`序时目标 ${whole.expected}`);
        // with an explanation it is stored
        const ok = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${W}/figures`, payload: { unit, indicator, period, value, version, explanation: '原因说明' }, headers: { cookie: wideReporter } });
        expect(ok.statusCode, label).toBe(200);
      } else {
        seen.ahead++;
        if (res.statusCode !== 200) expect(codes, label).toEqual(['explanation.jump']);
      }
    }
    expect(seen.behind).toBeGreaterThanOrEqual(4);
    expect(seen.ahead).toBeGreaterThanOrEqual(4);
  });
});
