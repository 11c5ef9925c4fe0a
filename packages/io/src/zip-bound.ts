// Measures what a zip (an .xlsx) unpacks to before anything reads it: the central directory's
// declared sizes first (a cheap refusal of an honest bomb), then every part inflated for real and
// counted, stopping at the limit (a dishonest one); the parts a caller asks for are kept (within
// the same limit), the rest thrown away. Inflation runs in zlib's thread pool: the event loop keeps
// serving others meanwhile.
import { createInflateRaw } from 'node:zlib';
import { tooBig, type ReadLimits } from './limits.ts';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

class NotAZip extends Error {}

function centralDirectory(buf: Buffer): Entry[] {
  // the end-of-central-directory record: in the last 64 KiB + 22 bytes
  const min = Math.max(0, buf.length - 0xffff - 22);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new NotAZip('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new NotAZip('bad central directory');
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + buf.readUInt16LE(p + 28)), method: buf.readUInt16LE(p + 10), compressedSize: buf.readUInt32LE(p + 20), size: buf.readUInt32LE(p + 24), localOffset: buf.readUInt32LE(p + 42) });
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

function inflateCounting(data: Buffer, budget: number, keep?: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw();
    let n = 0;
    let over = false;
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      keep?.push(chunk);
      if (n > budget && !over) {
        over = true;
        z.destroy();
        resolve(n);
      }
    });
    z.on('end', () => resolve(n));
    z.on('error', (e) => (over ? resolve(n) : reject(e)));
    z.end(data);
  });
}

/**
 * Throws LimitExceeded when the zip unpacks to more than the limit (or has too many parts); returns
 * false when it is not a zip this reader understands (the workbook reader then says so).
 */
export async function checkInflatedSize(bytes: Uint8Array, limits: ReadLimits): Promise<boolean> {
  return (await unpackBounded(bytes, limits, () => false)) !== false;
}

/**
 * The zip's parts whose names `wanted` accepts, unpacked (by their names), within the limits as
 * checkInflatedSize: LimitExceeded when over them, false when it is not a zip this reader understands.
 */
export async function unpackBounded(bytes: Uint8Array, limits: ReadLimits, wanted: (name: string) => boolean): Promise<Map<string, Buffer> | false> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let entries: Entry[];
  try {
    entries = centralDirectory(buf);
  } catch {
    return false;
  }
  if (entries.length > limits.maxEntries) throw tooBig(limits.maxInflatedBytes);
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > limits.maxInflatedBytes) throw tooBig(limits.maxInflatedBytes);
  let total = 0;
  const parts = new Map<string, Buffer>();
  for (const e of entries) {
    const keep = wanted(e.name) ? ([] as Buffer[]) : undefined;
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return false;
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const data = buf.subarray(start, Math.min(buf.length, start + e.compressedSize));
    if (e.method === 0) {
      total += data.length;
      keep?.push(data);
    } else if (e.method === 8) {
      try {
        total += await inflateCounting(data, limits.maxInflatedBytes - total, keep);
      } catch {
        return false;
      }
    } else return false;
    if (total > limits.maxInflatedBytes) throw tooBig(limits.maxInflatedBytes);
    if (keep) parts.set(e.name, Buffer.concat(keep));
  }
  return parts;
}
