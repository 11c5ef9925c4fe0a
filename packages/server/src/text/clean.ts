// Characters that have no business in a name or a free text: C0 controls other than tab, line feed
// and carriage return, DEL, the C1 controls, lone UTF-16 surrogates and the non-characters U+FFFE /
// U+FFFF. Most of them are not allowed in XML 1.0 at all, so one of them in a unit's name would make
// every Word or Excel file written with that name unreadable. Requests carrying them are refused at
// the boundary (http/input.ts); exports strip them whatever is stored (xmlSafe).

// eslint-disable-next-line no-control-regex
const BAD = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
// eslint-disable-next-line no-control-regex
const BAD_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** The first forbidden character of `s` as U+XXXX, or undefined when there is none. */
export function forbiddenChar(s: string): string | undefined {
  const m = BAD.exec(s);
  if (!m) return undefined;
  return `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `s` without the forbidden characters. */
export function stripForbidden(s: string): string {
  return BAD.test(s) ? s.replace(BAD_ALL, '') : s;
}

/** A deep copy of a JSON-like value with every string cleaned (for documents written as XML). */
export function xmlSafe<T>(value: T): T {
  if (typeof value === 'string') return stripForbidden(value) as T;
  if (Array.isArray(value)) return value.map((v) => xmlSafe(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = xmlSafe(v);
    return out as T;
  }
  return value;
}

/** Where in a JSON-like value the first forbidden character is (`body.units[2].name`), or undefined. */
export function findForbidden(value: unknown, where: string, depth = 0): { path: string; char: string } | undefined {
  if (typeof value === 'string') {
    const c = forbiddenChar(value);
    return c ? { path: where, char: c } : undefined;
  }
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const f = findForbidden(value[i], `${where}[${i}]`, depth + 1);
      if (f) return f;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const kc = forbiddenChar(k);
    if (kc) return { path: `${where} (a key)`, char: kc };
    const f = findForbidden(v, `${where}.${k}`, depth + 1);
    if (f) return f;
  }
  return undefined;
}
