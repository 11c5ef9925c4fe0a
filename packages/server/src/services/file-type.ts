// The type of an evidence file, read from its bytes (the browser's claim and the file name are
// not trusted). Accepted: PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) and OFD (the Chinese
// national fixed-layout format). .docx, .xlsx and OFD are all zip archives: which one a zip is
// follows from the names of its entries, read from the archive's central directory.

export interface FileType {
  contentType: string;
  /** file name extensions of the type; the first is added to a name that has none of them */
  extensions: string[];
}

const PDF: FileType = { contentType: 'application/pdf', extensions: ['.pdf'] };
const PNG: FileType = { contentType: 'image/png', extensions: ['.png'] };
const JPEG: FileType = { contentType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] };
const DOCX: FileType = { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] };
const XLSX: FileType = { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'] };
const OFD: FileType = { contentType: 'application/ofd', extensions: ['.ofd'] };

const startsWith = (data: Uint8Array, sig: number[], at = 0) => data.length >= at + sig.length && sig.every((b, i) => data[at + i] === b);

/** Names of a zip archive's entries, from its central directory; null when it is not a readable zip. */
export function zipEntryNames(data: Uint8Array): string[] | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // the end-of-central-directory record is in the last 22 + 65535 (comment) bytes
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < entries; n++) {
    if (at + 46 > data.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    if (at + 46 + nameLen > data.length) return null;
    names.push(decoder.decode(data.subarray(at + 46, at + 46 + nameLen)));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function zipType(data: Uint8Array): FileType | null {
  const names = zipEntryNames(data);
  if (!names) return null;
  const has = (name: string) => names.includes(name);
  if (has('[Content_Types].xml') && has('word/document.xml')) return DOCX;
  if (has('[Content_Types].xml') && has('xl/workbook.xml')) return XLSX;
  if (has('OFD.xml')) return OFD;
  return null;
}

/** The accepted type of `data`, or null for anything else. */
export function sniffFileType(data: Uint8Array): FileType | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF; // %PDF-
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(data, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) return zipType(data);
  return null;
}

/**
 * A safe stored name: the last path segment, without control characters, at most 120 characters,
 * ending in an extension of the file's real type (a PDF called `x.html` is kept as `x.html.pdf`,
 * so that a downloaded file opens as what it is).
 */
export function safeFilename(name: string, type: FileType): string {
  // eslint-disable-next-line no-control-regex
  let base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (base === '' || base === '.' || base === '..') base = 'evidence';
  const lower = base.toLowerCase();
  if (!type.extensions.some((e) => lower.endsWith(e))) base = `${base}${type.extensions[0]}`;
  if (base.length > 120) {
    const ext = type.extensions.find((e) => base.toLowerCase().endsWith(e)) ?? '';
    base = base.slice(0, 120 - ext.length) + ext;
  }
  return base;
}
