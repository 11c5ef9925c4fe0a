// Issue 13: uploads and spec texts are read off the event loop, within a time and a heap limit.
// The event loop stays free while a big CSV or a workbook is read (support/loop.ts measures its
// blocks while timers keep firing); an overrun or a file needing too much memory is
// refused with a named issue, the worker replaced, and the next read works.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, readRows, readXlsxGrid, ReaderPool } from '../src/index.ts';
import { watchLoop } from './support/loop.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const pools: ReaderPool[] = [];
const pool = (o: ConstructorParameters<typeof ReaderPool>[0] = {}) => {
  const p = new ReaderPool(o);
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

/** A long-format CSV of `n` rows (about 30 bytes each). */
function bigCsv(n: number): Uint8Array {
  const lines = ['unit,indicator,period,value'];
  for (let i = 0; i < n; i++) lines.push(`u${i % 5000},x${i % 30},2026-${String((i % 12) + 1).padStart(2, '0')},${(i * 1.25).toFixed(2)}`);
  return enc(lines.join('\n'));
}

/** The event loop's longest block (ms of its CPU, see support/loop.ts) while `fn` runs. */
async function loopDelayDuring<T>(fn: () => Promise<T>): Promise<{ value: T; maxMs: number; ticks: number }> {
  const loop = watchLoop();
  const value = await fn();
  const { maxMs, ticks } = loop.stop();
  return { value, maxMs, ticks };
}

describe('readers off the event loop', () => {
  it('a 1.3 MB CSV is read in a worker: the same rows as readRows, the loop free meanwhile', async () => {
    const p = pool();
    const bytes = bigCsv(50_000);
    expect(bytes.length).toBeGreaterThan(1.2 * 1024 * 1024);
    await p.readRows(enc('unit,indicator,period,value\n'.repeat(1000)), 'warm.csv'); // starts a worker
    const { value, maxMs, ticks } = await loopDelayDuring(() => p.readRows(bytes, 'big.csv'));
    const inline = await readRows(bytes, 'big.csv');
    expect(value).toEqual(inline);
    expect(value.ok && value.value.length).toBe(50_000);
    // parsing it on the loop blocks it for most of a second; in the worker only sending the bytes
    // and receiving the rows remain (about 1 ms per 1,000 rows)
    expect(ticks).toBeGreaterThan(0);
    expect(maxMs).toBeLessThan(100);
  }, 60_000);

  it('an .xlsx is read in a worker, as readXlsxGrid reads it; a damaged one is refused by name', async () => {
    const p = pool();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['unit', 'indicator', 'period', 'value']);
    for (let i = 0; i < 50; i++) ws.addRow([`u${i}`, 'x', '2026-01', i * 1.5]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect(await p.readGrid(bytes, 'a.xlsx')).toEqual(await readXlsxGrid(bytes));
    const rows = await p.readRows(bytes, 'a.xlsx');
    expect(rows.ok && rows.value.length).toBe(50);
    const damaged = bytes.slice(0, Math.floor(bytes.length / 2));
    const r = await p.readRows(damaged, 'a.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].code).toBe('data.xlsx');
  }, 60_000);

  it('a read that overruns its time is stopped and refused by name; the next read works', async () => {
    const p = pool({ timeBaseMs: 1, timePerMbMs: 0, threads: 1 });
    const r = await p.readRows(bigCsv(50_000), 'slow.csv', { ...DEFAULT_LIMITS, maxRows: 1e9, maxCells: 1e9 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0].code).toBe('data.too_slow');
      expect(r.issues[0].messageZh).toContain('秒');
    }
    // a pool with time to spare reads the same file
    const q = pool({ threads: 1 });
    const ok = await q.readRows(bigCsv(1_000), 'fine.csv');
    expect(ok.ok).toBe(true);
  }, 60_000);

  it('a read that needs more memory than the heap limit is refused by name; the next read works', async () => {
    const p = pool({ maxHeapMb: 64, threads: 1 });
    const r = await p.readRows(bigCsv(800_000), 'huge.csv', { ...DEFAULT_LIMITS, maxRows: 1e9, maxCells: 1e9 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].code).toBe('data.too_large');
    const ok = await p.readRows(bigCsv(1_000), 'fine.csv');
    expect(ok.ok).toBe(true);
  }, 120_000);

  it('a spec is read or refused by counts, not by the clock: a pool with no time to spare reads a 2,000-unit spec and refuses a bomb by name', async () => {
    const p = pool({ timeBaseMs: 1, timePerMbMs: 0, threads: 1 });
    const units = Array.from({ length: 2_000 }, (_, i) => `  - {id: u${i}, name: 单位${i}, group: g}`).join('\n');
    const text = `version: 1\ncampaign: {id: t, name: T, year: 2026, cadence: month}\ngroups: [{id: g, name: G}]\nunits:\n${units}\nindicators:\n  - &s {id: s, name: S, input: score, weight: 10}\n`;
    expect(text.length).toBeGreaterThan(p.inlineBelow);
    const ok = await p.checkSpec(text);
    expect(ok).toEqual({ ok: true, value: null });
    let s = 'l0: &l0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 9; i++) s += `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
    const expanding = await p.checkSpec(`${s}${'#'.repeat(20_000)}`);
    expect(expanding.ok).toBe(false);
    if (!expanding.ok) expect(expanding.issues.map((i) => i.code)).toEqual(['spec.alias_expansion']);
  }, 60_000);

  it('spec texts: a YAML alias bomb and an alias cycle are refused by name in the worker', async () => {
    const p = pool();
    const lines = ['l0: &l0 [x]'];
    for (let i = 1; i <= 12; i++) lines.push(`l${i}: &l${i} { <<: *l${i - 1}, k${i}: [${Array(12).fill(`*l${i - 1}`).join(', ')}] }`);
    const { value, maxMs } = await loopDelayDuring(() => p.checkSpec(lines.join('\n')));
    expect(value.ok).toBe(false);
    if (!value.ok) expect(value.issues.map((i) => i.code)).toContain('spec.alias_expansion');
    expect(maxMs).toBeLessThan(100);
    const cycle = await p.checkSpec('x: &a [1, *a]');
    expect(cycle.ok).toBe(false);
    if (!cycle.ok) expect(cycle.issues[0].code).toBe('spec.alias_cycle');
  }, 60_000);
});
