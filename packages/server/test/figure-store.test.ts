// The figure cache's columns (services/figure-store.ts) and the engine input built from them where
// a recompute runs (services/eval-task.ts): the same as the figures read and built the exact way.
import { parseSpec, type Spec } from '@leitai/engine';
import { afterAll, describe, expect, it } from 'vitest';
import type { Executor } from '../src/db/client.ts';
import type { FigureStatus } from '../src/db/schema.ts';
import type { Ctx } from '../src/services/context.ts';
import { buildInput, runStore, type FigureColumns, type StoreTask } from '../src/services/eval-task.ts';
import { campaignFigureStates, figureKey } from '../src/repositories/figures.ts';
import { columnsOf, FigureStore, readFigures, type FigureReader, type FigureView, type StoredFigure } from '../src/services/figure-store.ts';
import { builtInput } from '../src/services/recompute.ts';
import { makeCampaign, smallSpec, testApp, type TestApp } from './support/factories.ts';

const parsed = parseSpec(smallSpec('cols'));
if (!parsed.ok) throw new Error('spec');
const spec: Spec = parsed.value;
const specKey = 'cols@1';

const fig = (unit: string, indicator: string, period: string, value: string, status: FigureStatus = 'approved', version = 1): StoredFigure =>
  ({ unit, indicator, period, value, version, status, late: false, explanation: null });

/** An executor whose only query is the campaign's figures: `rows` (what a read returns now; see `read`). */
function reader(rows: () => StoredFigure[]): Executor {
  return { rows } as unknown as Executor;
}

/** The figure reader of these tests' stores: the rows of a `reader`. */
const read: FigureReader = async (ex) => new Map((ex as unknown as { rows: () => StoredFigure[] }).rows().map((f) => [figureKey(f), f]));

/** The figures of a list, as a view (read fresh: no cache, no history). */
async function viewOf(list: StoredFigure[]): Promise<FigureView> {
  return new FigureStore(16, read).get(reader(() => list), 'cols', 0);
}

const plain = (c: FigureColumns | null) => c && { ...c, mant: [...c.mant], scale: [...c.scale], status: [...c.status] };

describe('the figure cache in columns', () => {
  it('gives the columns of the version asked for: the latest, or one a few writes back (stepped back from the writes it applied)', async () => {
    const v5 = [fig('a', 'gdp', '2026-Q1', '12.5'), fig('b', 'gdp', '2026-Q1', '40'), fig('a', 'style', '2026-Q1', '30', 'pending')];
    const store = new FigureStore(16, read);
    await store.get(reader(() => v5), 'cols', 5);
    // write 5 → 6: b's figure replaced with more decimals, c's entered
    const w6 = [fig('b', 'gdp', '2026-Q1', '41.125', 'pending', 2), fig('c', 'gdp', '2026-Q2', '7', 'pending')];
    store.applied('cols', 5, 6, w6, []);
    // write 6 → 8: a's score cleared, d's event entered
    store.applied('cols', 6, 8, [fig('d', 'honor', '2026-Q2', '2', 'returned')], [{ unit: 'a', indicator: 'style', period: '2026-Q1' }]);
    const v6 = [v5[0], v5[2], ...w6];
    const v8 = [v5[0], ...w6, fig('d', 'honor', '2026-Q2', '2', 'returned')];
    const none = reader(() => { throw new Error('read again'); });
    for (const [version, list] of [[5, v5], [6, v6], [8, v8]] as const) {
      const got = await store.columns(none, 'cols', version, spec, specKey);
      expect('columns' in got).toBe(true);
      if ('columns' in got) expect(plain(got.columns)).toEqual(plain(columnsOf(await viewOf([...list]), spec, specKey)));
    }
    // a version it does not remember is read again
    const older = await store.columns(reader(() => v5), 'cols', 4, spec, specKey);
    expect('columns' in older && plain(older.columns)).toEqual(plain(columnsOf(await viewOf(v5), spec, specKey)));
    // a copy: the caller may move it to a worker thread and the cache keeps its own
    const a = await store.columns(none, 'cols', 8, spec, specKey);
    if ('columns' in a) a.columns.mant.fill(0);
    const b = await store.columns(none, 'cols', 8, spec, specKey);
    expect('columns' in b && plain(b.columns)).toEqual(plain(columnsOf(await viewOf(v8), spec, specKey)));
  });

  it('gives the figures themselves when one does not fit columns (beyond 2^53) or is not in the spec', async () => {
    expect(columnsOf(await viewOf([fig('a', 'gdp', '2026-Q1', '123456789012345678')]), spec, specKey)).toBeNull();
    expect(columnsOf(await viewOf([fig('zz', 'gdp', '2026-Q1', '1')]), spec, specKey)).toBeNull();
    const store = new FigureStore(16, read);
    const big = [fig('a', 'gdp', '2026-Q1', '123456789012345678')];
    const got = await store.columns(reader(() => big), 'cols', 1, spec, specKey);
    expect('view' in got).toBe(true);
  });
});

describe('the engine input built from columns where the recompute runs', () => {
  it('is what the exact way builds: counted figures, counts per unit, unverified lists, periods with figures — and so the stored results', async () => {
    const list = [
      fig('a', 'gdp', '2026-Q1', '80'), fig('b', 'gdp', '2026-Q1', '95.5', 'pending'), fig('c', 'gdp', '2026-Q1', '110', 'returned'),
      fig('a', 'style', '2026-Q1', '31.25'), fig('d', 'style', '2026-Q1', '20', 'pending'), fig('b', 'honor', '2026-Q1', '2'),
      fig('a', 'gdp', '2026-Q2', '12'), fig('c', 'gdp', '2026-Q2', '0.125', 'pending'), fig('d', 'honor', '2026-Q2', '1', 'pending'),
    ];
    const view = await viewOf(list);
    const ctx = { figures: new FigureStore(16, read) } as unknown as Ctx;
    for (const states of [
      { '2026-Q1': 'open', '2026-Q2': 'open', '2026-Q3': 'unopened', '2026-Q4': 'unopened' },
      { '2026-Q1': 'verification', '2026-Q2': 'open', '2026-Q3': 'open', '2026-Q4': 'unopened' },
      { '2026-Q1': 'closed', '2026-Q2': 'verification', '2026-Q3': 'unopened', '2026-Q4': 'unopened' },
    ] as Record<string, string>[]) {
      const columns = columnsOf(view, spec, specKey) as FigureColumns;
      const exact = builtInput(ctx, spec, view, (p) => states[p]);
      const fromColumns = buildInput(spec, columns, states);
      expect(fromColumns.unverified).toEqual(exact.unverified);
      expect(fromColumns.counts).toEqual(exact.counts);
      expect(new Set(fromColumns.reported)).toEqual(new Set(exact.reported));
      const task: StoreTask = { kind: 'store', specKey, specText: smallSpec('cols'), states, storedPeriods: [], from: null };
      expect(runStore({ ...task, columns })).toEqual(runStore({ ...task, built: exact }));
    }
  });
});

describe('the cache is bounded', () => {
  it('keeps at most maxFigures figures over its campaigns, dropping the least recently used (never the one just read)', async () => {
    const store = new FigureStore(16, read, 5);
    const three = [fig('a', 'gdp', '2026-Q1', '1'), fig('b', 'gdp', '2026-Q1', '2'), fig('c', 'gdp', '2026-Q1', '3')];
    await store.get(reader(() => three), 'x', 1);
    await store.get(reader(() => three.slice(0, 2)), 'y', 1);
    expect(store.cached()).toEqual(['x', 'y']);
    await store.get(reader(() => three), 'z', 1);
    // x (3) + y (2) + z (3) is over 5: x goes
    expect(store.cached()).toEqual(['y', 'z']);
    expect(store.figureCount).toBe(5);
    const reads = store.reads;
    await store.get(reader(() => three), 'z', 1);
    expect(store.reads).toBe(reads);
    const six = [...three, fig('d', 'gdp', '2026-Q1', '4'), fig('a', 'gdp', '2026-Q2', '5'), fig('b', 'gdp', '2026-Q2', '6')];
    await store.get(reader(() => six), 'big', 1);
    expect(store.cached()).toEqual(['big']);
  });
});

describe('the figure cache builds its columns a slice at a time', () => {
  it('lets the event loop run between slices, and a write applied meanwhile is in the columns of its version (the one before stays as it was)', async () => {
    const v5 = [fig('a', 'gdp', '2026-Q1', '12.5'), fig('b', 'gdp', '2026-Q1', '40'), fig('a', 'style', '2026-Q1', '30', 'pending'), fig('c', 'gdp', '2026-Q2', '3'), fig('d', 'gdp', '2026-Q2', '4.25')];
    const store = new FigureStore(16, read);
    store.columnsSlice = 2;
    await store.get(reader(() => v5), 'cols', 5);
    const none = reader(() => { throw new Error('read again'); });
    const building = store.columns(none, 'cols', 5, spec, specKey);
    let built = false;
    void building.then(() => { built = true; });
    const loopRan = new Promise<boolean>((ok) => setImmediate(() => ok(built)));
    // the build has given the loop back after its first slice: a write commits and is applied now
    const w6 = [fig('b', 'gdp', '2026-Q1', '41.125', 'pending', 2), fig('c', 'gdp', '2026-Q3', '9')];
    store.applied('cols', 5, 6, w6, [{ unit: 'd', indicator: 'gdp', period: '2026-Q2' }]);
    const got5 = await building;
    // the event loop took its turn while the columns were being built
    expect(await loopRan).toBe(false);
    const v6 = [v5[0], v5[2], v5[3], ...w6];
    expect('columns' in got5 && plain(got5.columns)).toEqual(plain(columnsOf(await viewOf(v5), spec, specKey)));
    const got6 = await store.columns(none, 'cols', 6, spec, specKey);
    expect('columns' in got6 && plain(got6.columns)).toEqual(plain(columnsOf(await viewOf(v6), spec, specKey)));
  });
});

describe('reading a campaign\'s figures from the database', () => {
  let t: TestApp | undefined;
  afterAll(async () => { await t?.close(); });

  it('a page at a time gives every figure, as one statement reads them, in the order of unit, indicator and period (pages of any size)', async () => {
    t = await testApp();
    const figs = [];
    for (const period of ['2026-Q3', '2026-Q1', '2026-Q2']) {
      for (const unit of ['d', 'a', 'c']) figs.push({ unit, indicator: 'gdp', period, value: `${unit === 'a' ? 12.5 : 40}` }, { unit, indicator: 'style', period, value: '30' });
    }
    const c = await makeCampaign(t.app, smallSpec('readall'), figs);
    const ctx = t.app.leitai.ctx;
    await ctx.db.$client.query(`UPDATE figures SET explanation = '说明', late = true WHERE campaign_id = $1 AND unit_id = 'c' AND period = '2026-Q2'`, [c.id]);
    const [chunked, whole, paged] = await ctx.db.transaction(async (tx) => [await readFigures(tx, c.id), await campaignFigureStates(tx, c.id), await readFigures(tx, c.id, { page: 4 })] as const);
    const byKey = (a: { unit: string; indicator: string; period: string }, b: typeof a) => (a.unit + a.indicator + a.period < b.unit + b.indicator + b.period ? -1 : 1);
    expect(chunked.size).toBe(18);
    expect([...chunked.values()]).toEqual([...whole].sort(byKey));
    expect([...chunked.keys()]).toEqual([...whole].sort(byKey).map((f) => figureKey(f)));
    expect([...paged.entries()]).toEqual([...chunked.entries()]);
    // some units' figures only: every indicator and period of each
    const some = await ctx.db.transaction((tx) => readFigures(tx, c.id, { units: ['c', 'zz'], page: 5 }));
    expect([...some.values()]).toEqual([...whole].filter((f) => f.unit === 'c').sort(byKey));
    expect(chunked.get(figureKey({ unit: 'c', indicator: 'gdp', period: '2026-Q2' }))).toMatchObject({ value: '40', late: true, explanation: '说明', status: 'pending', version: 1 });
    // a campaign without figures
    const empty = await makeCampaign(t.app, smallSpec('readnone'));
    expect((await ctx.db.transaction((tx) => readFigures(tx, empty.id))).size).toBe(0);
  }, 60_000);
});

describe('a read that another write overtakes', () => {
  let t: TestApp | undefined;
  afterAll(async () => { await t?.close(); });

  /** `obj` (a query builder and what its methods return), running `before` first when awaited */
  function delayed<T extends object>(obj: T, before: () => Promise<void>): T {
    return new Proxy(obj, {
      get(target, key) {
        const v = Reflect.get(target, key) as unknown;
        if (key === 'then') return (ok: (x: unknown) => unknown, no: (e: unknown) => unknown) => before().then(() => (target as unknown as PromiseLike<unknown>).then(ok, no));
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          const r = (v as (...a: unknown[]) => unknown).apply(target, args);
          return r && typeof r === 'object' ? delayed(r, before) : r;
        };
      },
    });
  }

  it('is never a mix: a write committed between its pages\' reads (one figure in a page read, one in a page not yet read) is read whole', async () => {
    t = await testApp();
    const figs = ['2026-Q1', '2026-Q2'].map((period) => ({ unit: 'a', indicator: 'gdp', period, value: '1' }));
    const c = await makeCampaign(t.app, smallSpec('overtaken'), figs);
    const ctx = t.app.leitai.ctx;
    let selects = 0;
    let wrote = false;
    // after Q1's figures are read, another connection changes Q1's and Q2's figure in one transaction
    const write = async () => {
      if (wrote) return;
      wrote = true;
      await ctx.db.$client.query(`UPDATE figures SET value = '2' WHERE campaign_id = $1`, [c.id]);
    };
    const got = await ctx.db.transaction(async (tx) => {
      const ex = new Proxy(tx, {
        get(target, key) {
          const v = Reflect.get(target, key) as unknown;
          if (key !== 'select' && key !== 'execute') return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          return (...args: unknown[]) => {
            const b = (v as (...a: unknown[]) => object).apply(target, args);
            // statements: the data version, the first page (Q1's figure), then the second: the write comes before that
            return ++selects === 3 ? delayed(b, write) : b;
          };
        },
      });
      return readFigures(ex as typeof tx, c.id, { page: 1 });
    });
    expect(wrote).toBe(true);
    expect([...got.values()].map((f) => `${f.period} ${f.value}`)).toEqual(['2026-Q1 2', '2026-Q2 2']);
  }, 60_000);
});
