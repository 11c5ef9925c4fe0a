// Issue 13 item 2: uploads are read within bounds. A small .xlsx that unpacks to hundreds of
// megabytes (a zip bomb, honest or lying about its sizes) is refused quickly without the heap
// growing with it and without blocking the event loop; rows and cells past the limits are refused
// with named issues; ordinary workbooks still read (streamed).
import { createDeflateRaw, crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { watchLoop } from './support/loop.ts';
import { DEFAULT_LIMITS, readCsvRows, readRows, readXlsxGrid } from '../src/index.ts';

/** Deflates `repeat` copies of `chunk` without ever holding the whole. */
function deflateRepeated(chunk: Buffer, repeat: number, head = '', tail = ''): Promise<{ data: Buffer; size: number; crc: number }> {
  return new Promise((resolve, reject) => {
    const z = createDeflateRaw({ level: 1, memLevel: 9 });
    const out: Buffer[] = [];
    z.on('data', (b: Buffer) => out.push(b));
    z.on('end', () => resolve({ data: Buffer.concat(out), size: head.length + chunk.length * repeat + tail.length, crc }));
    z.on('error', reject);
    let crc = crc32(head);
    z.write(head);
    let i = 0;
    const pump = () => {
      while (i < repeat) {
        i++;
        crc = crc32(chunk, crc);
        if (!z.write(chunk)) { z.once('drain', pump); return; }
      }
      crc = crc32(tail, crc);
      z.end(tail);
    };
    pump();
  });
}

/** A zip of deflated parts; `lie`: the central directory declares every part as 100 bytes. */
function zipOf(parts: { name: string; data: Buffer; size: number; crc: number }[], lie = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const size = lie ? 100 : p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14); local.writeUInt32LE(p.data.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16); central.writeUInt32LE(p.data.length, 20); central.writeUInt32LE(size, 24); central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

let sheetPart: Promise<{ data: Buffer; size: number; crc: number }> | undefined;
async function bomb(lie: boolean): Promise<Buffer> {
  sheetPart ??= deflateSheet();
  return zipOf([{ name: 'xl/worksheets/sheet1.xml', ...(await sheetPart) }], lie);
}

function deflateSheet() {
  const row = Buffer.from('<row><c t="inlineStr"><is><t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</t></is></c></row>'.repeat(64));
  // ≈ 520 MB of sheet XML
  return deflateRepeated(row, Math.ceil((520 * 1024 * 1024) / row.length), '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>', '</sheetData></worksheet>');
}

async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; heapGrowth: number; maxLoopDelayMs: number }> {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const loop = watchLoop();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  return { value, ms, heapGrowth: process.memoryUsage().heapUsed - heap0, maxLoopDelayMs: loop.stop().maxMs };
}

describe('zip bombs (item 2)', () => {
  it('a 520 MB sheet in a small file is refused from its declared size at once', async () => {
    const file = await bomb(false);
    // within the 20 MB upload limit, unpacking to 26 times that
    expect(file.length).toBeLessThan(20 * 1024 * 1024);
    const r = await measured(() => readRows(file, 'bomb.xlsx'));
    expect(r.value.ok).toBe(false);
    if (!r.value.ok) expect(r.value.issues[0].code).toBe('data.too_large');
    expect(r.ms).toBeLessThan(1000);
  }, 60_000);

  it('one that lies about its sizes is refused when unpacking passes the limit: bounded heap, event loop free', async () => {
    const file = await bomb(true);
    const r = await measured(() => readXlsxGrid(file));
    expect(r.value.ok).toBe(false);
    if (!r.value.ok) {
      expect(r.value.issues[0].code).toBe('data.too_large');
      expect(r.value.issues[0].messageZh).toContain('64 MB');
    }
    expect(r.heapGrowth).toBeLessThan(48 * 1024 * 1024);
    expect(r.maxLoopDelayMs).toBeLessThan(100);
    expect(r.ms).toBeLessThan(5000);
  }, 60_000);
});

describe('rows and cells (item 2)', () => {
  it('a CSV with more rows than the limit is refused naming the limit', () => {
    const text = 'unit,indicator,period,value\n' + 'a,x,2026-01,1\n'.repeat(DEFAULT_LIMITS.maxRows + 1);
    const r = readCsvRows(new TextEncoder().encode(text));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'data.too_many_rows' });
  });

  it('a CSV with too many cells in few rows is refused', () => {
    const text = 'unit,indicator,period,value\n' + `${','.repeat(DEFAULT_LIMITS.maxCells)}\n`;
    const r = readCsvRows(new TextEncoder().encode(text));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0].code).toBe('data.too_many_cells');
  });

  it('an .xlsx past the row limit is refused; a normal one reads', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['unit', 'indicator', 'period', 'value']);
    for (let i = 0; i < 50; i++) ws.addRow(['a', 'x', '2026-01', i]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const small = await readXlsxGrid(bytes, { ...DEFAULT_LIMITS, maxRows: 20 });
    expect(small.ok).toBe(false);
    if (!small.ok) expect(small.issues[0].code).toBe('data.too_many_rows');
    const fine = await readRows(bytes, 'f.xlsx');
    expect(fine.ok && fine.value.length).toBe(50);
    if (fine.ok) expect(fine.value[49]).toEqual({ unit: 'a', indicator: 'x', period: '2026-01', value: '49', row: 51 });
  });
});
