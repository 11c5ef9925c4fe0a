// Entering figures: one, a batch (all or nothing), a CSV import; engine validation; who may enter what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

let t: TestApp;
let organizer: string;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  organizer = (await session(t.app, 'organizer')).cookie;
});
afterAll(async () => { await t.close(); });

const put = (payload: object, cookie = organizer) => t.app.inject({ method: 'PUT', url: `${U}/figures`, payload, headers: { cookie } });
const batch = (figures: object[], cookie = organizer) => t.app.inject({ method: 'POST', url: `${U}/figures/batch`, payload: { figures }, headers: { cookie } });
const figures = async (query = '', cookie = organizer) => (await t.app.inject({ method: 'GET', url: `${U}/figures${query}`, headers: { cookie } })).json().figures;
const storedCount = async () => Number((await t.app.leitai.ctx.db.$client.query(`SELECT count(*) AS n FROM figures WHERE campaign_id = $1`, [C])).rows[0].n);

describe('PUT figures', () => {
  it('stores the exact text of a figure', async () => {
    const res = await put({ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '33.30' });
    expect(res.statusCode).toBe(200);
    expect(res.json().figure).toMatchObject({ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '33.30' });
    const list = await figures('?period=2026-Q1');
    expect(list.find((f: { unit: string }) => f.unit === 'a')).toMatchObject({ value: '33.30', enteredBy: expect.stringMatching(/^organizer/) });
  });

  it('refuses a bad figure with the engine issues and stores nothing', async () => {
    const before = await storedCount();
    for (const [payload, code] of [
      [{ unit: 'a', indicator: 'gdp', period: '2026-Q2', value: '1e5' }, 'data.not_decimal'],
      [{ unit: 'a', indicator: 'style', period: '2026-Q2', value: '41' }, 'data.score_range'],
      [{ unit: 'a', indicator: 'honor', period: '2026-Q2', value: '1.5' }, 'data.event_count'],
      [{ unit: 'zz', indicator: 'gdp', period: '2026-Q2', value: '1' }, 'data.unknown_unit'],
      [{ unit: 'a', indicator: 'gdp', period: '2026-13', value: '1' }, 'data.unknown_period'],
    ] as const) {
      const res = await put(payload);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('data_invalid');
      expect(res.json().error.issues.map((i: { code: string }) => i.code)).toContain(code);
    }
    expect(await storedCount()).toBe(before);
  });

  it('replaces a figure, and null clears it', async () => {
    expect((await put({ unit: 'b', indicator: 'gdp', period: '2026-Q1', value: '10' })).json().figure.version).toBe(1);
    expect((await put({ unit: 'b', indicator: 'gdp', period: '2026-Q1', value: '12', version: 1 })).json().figure.version).toBe(2);
    let b = (await figures('?period=2026-Q1')).filter((f: { unit: string }) => f.unit === 'b');
    expect(b.map((f: { value: string }) => f.value)).toEqual(['12']);
    const cleared = await put({ unit: 'b', indicator: 'gdp', period: '2026-Q1', value: null, version: 2 });
    expect(cleared.json()).toEqual({ figure: null });
    b = (await figures('?period=2026-Q1')).filter((f: { unit: string }) => f.unit === 'b');
    expect(b).toEqual([]);
    expect((await put({ unit: 'b', indicator: 'gdp', period: '2026-Q1', value: null })).statusCode).toBe(404);
  });
});

describe('POST figures/batch', () => {
  it('is all or nothing; issue rows are item index + 2', async () => {
    const before = await storedCount();
    const res = await batch([
      { unit: 'c', indicator: 'gdp', period: '2026-Q1', value: '5' },
      { unit: 'c', indicator: 'style', period: '2026-Q1', value: '50' },
      { unit: 'd', indicator: 'gdp', period: '2026-Q1', value: 'abc' },
    ]);
    expect(res.statusCode).toBe(422);
    const issues = res.json().error.issues;
    expect(issues.map((i: { row: number }) => i.row)).toEqual([3, 4]);
    expect(issues[1].text).toBe('abc');
    expect(await storedCount()).toBe(before);
  });

  it('names each problem\'s figure (unit, indicator, period) and gives its message without the row', async () => {
    const res = await batch([
      { unit: 'c', indicator: 'gdp', period: '2026-Q1', value: '5' },
      { unit: 'd', indicator: 'gdp', period: '2026-Q1', value: 'abc' },
    ]);
    expect(res.statusCode).toBe(422);
    const [issue] = res.json().error.issues;
    expect(issue).toMatchObject({ row: 3, unit: 'd', indicator: 'gdp', period: '2026-Q1', text: 'abc' });
    expect(issue.messageZh.startsWith('第 3 行：')).toBe(true);
    expect(issue.detailZh).toBe(issue.messageZh.slice('第 3 行：'.length));
    expect(issue.detail).toBe(issue.message.slice('row 3: '.length));
  });

  it('stores and clears figures in one request: one transaction, all or nothing', async () => {
    const P4 = '2026-Q4';
    expect((await batch([{ unit: 'd', indicator: 'honor', period: P4, value: '1' }, { unit: 'c', indicator: 'gdp', period: P4, value: '4' }])).statusCode).toBe(200);
    const versionOf = async (unit: string, indicator: string) => ((await figures(`?period=${P4}`)) as { unit: string; indicator: string; version: number }[]).find((f) => f.unit === unit && f.indicator === indicator)?.version ?? null;
    const honor = await versionOf('d', 'honor') as number;
    const gdp = await versionOf('c', 'gdp');
    const send = (figs: object[], clears: object[]) => t.app.inject({ method: 'POST', url: `${U}/figures/batch`, payload: { figures: figs, clears }, headers: { cookie: organizer } });
    // a bad figure beside the clear: nothing happens, the cleared figure is still there
    const bad = await send([{ unit: 'a', indicator: 'gdp', period: P4, value: 'x' }], [{ unit: 'd', indicator: 'honor', period: P4, version: honor }]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.issues[0]).toMatchObject({ unit: 'a', indicator: 'gdp', period: P4 });
    expect(((await figures(`?period=${P4}`)) as unknown[]).length).toBe(2);
    // a stale version of the cleared figure: 409, nothing happens
    expect((await send([{ unit: 'c', indicator: 'gdp', period: P4, value: '6', version: gdp }], [{ unit: 'd', indicator: 'honor', period: P4, version: honor + 5 }])).statusCode).toBe(409);
    // one figure both entered and cleared: refused
    expect((await send([{ unit: 'd', indicator: 'honor', period: P4, value: '2', version: honor }], [{ unit: 'd', indicator: 'honor', period: P4, version: honor }])).statusCode).toBe(400);
    const ok = await send([{ unit: 'c', indicator: 'gdp', period: P4, value: '6', version: gdp }], [{ unit: 'd', indicator: 'honor', period: P4, version: honor }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await figures(`?period=${P4}`)).toEqual([expect.objectContaining({ unit: 'c', indicator: 'gdp', value: '6' })]);
    // only clears is a batch too
    expect((await send([], [{ unit: 'c', indicator: 'gdp', period: P4, version: await versionOf('c', 'gdp') }])).statusCode).toBe(200);
    expect(await figures(`?period=${P4}`)).toEqual([]);
    // an empty batch names nothing: 400
    expect((await send([], [])).statusCode).toBe(400);
  });

  it('reports a figure given twice in one batch', async () => {
    const res = await batch([
      { unit: 'c', indicator: 'gdp', period: '2026-Q1', value: '5' },
      { unit: 'c', indicator: 'gdp', period: '2026-Q1', value: '6' },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues[0]).toMatchObject({ code: 'data.duplicate', row: 3 });
  });

  it('saves a good batch', async () => {
    const res = await batch([
      { unit: 'c', indicator: 'gdp', period: '2026-Q1', value: '80' },
      { unit: 'd', indicator: 'gdp', period: '2026-Q1', value: '90' },
      { unit: 'c', indicator: 'honor', period: '2026-Q1', value: '2' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ saved: 3 });
  });
});

describe('POST figures/import', () => {
  const upload = (name: string, content: string, cookie = organizer) => {
    const { payload, headers } = multipartFile(name, content);
    return t.app.inject({ method: 'POST', url: `${U}/figures/import`, payload, headers: { ...headers, cookie } });
  };

  it('imports a long-format CSV (with BOM)', async () => {
    const res = await upload('q2.csv', '\uFEFFunit,indicator,period,value\na,gdp,2026-Q2,55.5\nb,gdp,2026-Q2,60\nc,style,2026-Q2,35\n');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ saved: 3 });
    expect((await figures('?period=2026-Q2')).length).toBe(3);
  });

  it('refuses a CSV with bad rows, naming each row as a spreadsheet shows it', async () => {
    const before = await storedCount();
    const res = await upload('bad.csv', 'unit,indicator,period,value\na,gdp,2026-Q3,1\nb,gdp,2026-Q3,1,000\nq,gdp,2026-Q3,1\n');
    expect(res.statusCode).toBe(422);
    const rows = res.json().error.issues.map((i: { row: number }) => i.row);
    expect(rows).toContain(4);
    expect(await storedCount()).toBe(before);
  });

  it('refuses a request without a file', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${U}/figures/import`, payload: {}, headers: { cookie: organizer } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });
});

describe('who may enter what', () => {
  it('a reporter enters value figures for their own unit only, and reads only their unit', async () => {
    const { cookie } = await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }]);
    // (a's year-to-date figure grows about as much as the quarter before: no explanation needed)
    expect((await put({ unit: 'a', indicator: 'gdp', period: '2026-Q3', value: '80' }, cookie)).statusCode).toBe(200);
    expect((await put({ unit: 'b', indicator: 'gdp', period: '2026-Q3', value: '7' }, cookie)).statusCode).toBe(403);
    expect((await put({ unit: 'a', indicator: 'style', period: '2026-Q3', value: '7' }, cookie)).statusCode).toBe(403);
    // a batch with one figure they may not enter stores nothing
    const before = await storedCount();
    expect((await batch([{ unit: 'a', indicator: 'gdp', period: '2026-Q4', value: '1' }, { unit: 'b', indicator: 'gdp', period: '2026-Q4', value: '1' }], cookie)).statusCode).toBe(403);
    expect(await storedCount()).toBe(before);
    const seen = await figures('', cookie);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((f: { unit: string }) => f.unit === 'a')).toBe(true);
  });

  it('a scorer enters points of their assigned score indicator only', async () => {
    const { cookie } = await session(t.app, 'scorer', [{ campaignId: C, indicatorId: 'style' }]);
    expect((await put({ unit: 'd', indicator: 'style', period: '2026-Q3', value: '30' }, cookie)).statusCode).toBe(200);
    expect((await put({ unit: 'd', indicator: 'gdp', period: '2026-Q3', value: '30' }, cookie)).statusCode).toBe(403);
  });

  it('a leader enters nothing', async () => {
    const { cookie } = await session(t.app, 'leader');
    expect((await put({ unit: 'd', indicator: 'gdp', period: '2026-Q3', value: '30' }, cookie)).statusCode).toBe(403);
  });
});

describe('no lost work', () => {
  const key = { unit: 'd', indicator: 'gdp', period: '2026-Q4' };

  it('refuses a write without the version of an existing figure, answering with the current value', async () => {
    expect((await put({ ...key, value: '40' })).statusCode).toBe(200);
    const res = await put({ ...key, value: '41' });
    expect(res.statusCode).toBe(409);
    const err = res.json().error;
    expect(err.code).toBe('conflict');
    expect(err.current).toMatchObject({ ...key, value: '40', version: 1 });
    expect(err.conflicts).toEqual([expect.objectContaining({ ...key, sentVersion: null, current: expect.objectContaining({ value: '40' }) })]);
    // a stale version, and a version for a figure that is gone, are conflicts too
    expect((await put({ ...key, value: '41', version: 7 })).statusCode).toBe(409);
    expect((await put({ unit: 'd', indicator: 'gdp', period: '2026-Q3', value: '1', version: 1 })).json().error).toMatchObject({ code: 'conflict', current: null });
  });

  it('two people saving the same figure at once: one wins, the other gets 409 with the winner\'s value', async () => {
    const [x, y] = await Promise.all([
      put({ ...key, value: '50', version: 1 }),
      put({ ...key, value: '60', version: 1 }),
    ]);
    const codes = [x.statusCode, y.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const [won, lost] = x.statusCode === 200 ? [x, y] : [y, x];
    expect(won.json().figure).toMatchObject({ version: 2 });
    expect(lost.json().error.current).toMatchObject({ value: won.json().figure.value, version: 2 });
    const stored = (await figures('?period=2026-Q4')).find((f: { unit: string; indicator: string }) => f.unit === 'd' && f.indicator === 'gdp');
    expect(stored).toMatchObject({ value: won.json().figure.value, version: 2 });
  });

  it('saving the value that is stored already is no conflict and no new version (a retried save)', async () => {
    const current = (await figures('?period=2026-Q4')).find((f: { unit: string; indicator: string }) => f.unit === 'd' && f.indicator === 'gdp');
    const again = await put({ ...key, value: current.value });
    expect(again.statusCode).toBe(200);
    expect(again.json().figure).toMatchObject({ value: current.value, version: current.version });
  });

  it('a batch with one stale figure stores nothing and lists the conflicts', async () => {
    const before = await storedCount();
    const res = await batch([
      { unit: 'a', indicator: 'honor', period: '2026-Q4', value: '1' },
      { ...key, value: '70', version: 1 },
    ]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.conflicts).toHaveLength(1);
    expect(await storedCount()).toBe(before);
  });
});
