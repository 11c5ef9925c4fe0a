// Small typed readers over the raw tree. Each reader records an issue with the value's path and
// returns undefined on failure, so validation goes on and reports every problem at once.
import { Dec } from '../decimal.ts';
import type { Issue } from '../issues.ts';
import { NumLit, joinPath, type Tree } from './read.ts';

export type Obj = { [key: string]: Tree };

function show(v: Tree): string {
  if (v instanceof NumLit) return v.text;
  if (typeof v === 'string') return JSON.stringify(v);
  return JSON.stringify(v);
}

export class Checker {
  readonly issues: Issue[] = [];
  private readonly seen = new Set<string>();
  private readonly lines: Map<string, number>;

  constructor(lines: Map<string, number>) {
    this.lines = lines;
  }

  add(path: string, code: string, en: string, zh: string, text?: string): void {
    // the same problem found twice (a required key is checked by its mapping and by its reader)
    const key = `${path}\u0000${code}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const line = this.lines.get(path) ?? this.nearestLine(path);
    const where = path || '(document)';
    this.issues.push({
      kind: 'spec',
      code,
      path,
      line,
      text,
      message: `${where}: ${en}`,
      messageZh: `${where}：${zh}`,
    });
  }

  private nearestLine(path: string): number | undefined {
    let p = path;
    while (p) {
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut > 0 ? p.slice(0, cut) : '';
      const l = this.lines.get(p);
      if (l !== undefined) return l;
    }
    return undefined;
  }

  /** A mapping with only the allowed keys; unknown keys are errors so that typos never pass. */
  obj(path: string, v: Tree | undefined, allowed: readonly string[], required: readonly string[] = []): Obj | undefined {
    if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v) || v instanceof NumLit) {
      this.add(path, 'spec.type', `must be a mapping, got ${v === undefined ? 'nothing' : show(v)}`, `应为映射（键值对），实际为 ${v === undefined ? '空' : show(v)}`);
      return undefined;
    }
    for (const k of Object.keys(v)) {
      if (!allowed.includes(k)) {
        const near = allowed.find((a) => !(a in v) && editDistance(a, k) <= 2);
        const hint = near ? ` — did you mean "${near}"?` : '';
        const hintZh = near ? `——是否应为“${near}”？` : '';
        this.add(joinPath(path, k), 'spec.unknown_key', `unknown key "${k}"${hint} (allowed: ${allowed.join(', ')})`, `未知的键“${k}”${hintZh}（允许：${allowed.join('、')}）`, k);
      }
    }
    for (const k of required) {
      if (v[k] === undefined || v[k] === null) this.add(joinPath(path, k), 'spec.required', 'required', '必填', k);
    }
    return v;
  }

  list(path: string, v: Tree | undefined, optional = false): Tree[] | undefined {
    if (v === undefined || v === null) {
      if (!optional) this.add(path, 'spec.required', 'required', '必填');
      return optional ? [] : undefined;
    }
    if (!Array.isArray(v)) {
      this.add(path, 'spec.type', `must be a list, got ${show(v)}`, `应为列表，实际为 ${show(v)}`);
      return undefined;
    }
    return v;
  }

  str(path: string, v: Tree | undefined, optional = false): string | undefined {
    if (v === undefined || v === null) {
      if (!optional) this.add(path, 'spec.required', 'required', '必填');
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.add(path, 'spec.type', `must be a non-empty text, got ${show(v)}`, `应为非空文本，实际为 ${show(v)}`, show(v));
      return undefined;
    }
    return v;
  }

  /**
   * An id: a text. A number written as an id (unit codes such as `0101`) is taken as the text it
   * was written as, so that `0101` stays `0101` and matches the data file.
   */
  id(path: string, v: Tree | undefined): string | undefined {
    if (v === undefined || v === null) {
      this.add(path, 'spec.required', 'required', '必填');
      return undefined;
    }
    if (v instanceof NumLit) return v.text;
    if (typeof v !== 'string' || v.trim() === '') {
      this.add(path, 'spec.type', `an id must be a text, got ${show(v)} (quote it)`, `编号应为文本，实际为 ${show(v)}（请加引号）`, show(v));
      return undefined;
    }
    return v;
  }

  dec(path: string, v: Tree | undefined, opts: { optional?: boolean; positive?: boolean; min?: number } = {}): Dec | undefined {
    if (v === undefined || v === null) {
      if (!opts.optional) this.add(path, 'spec.required', 'required', '必填');
      return undefined;
    }
    if (!(v instanceof NumLit) && typeof v !== 'number') {
      this.add(path, 'spec.type', `must be a number, got ${show(v)}`, `应为数字，实际为 ${show(v)}`, show(v));
      return undefined;
    }
    const d = v instanceof NumLit ? (Dec.parse(v.text.replace(/_/g, '')) ?? finite(v.value)) : finite(v);
    if (!d) {
      this.add(path, 'spec.type', `must be a finite number, got ${show(v)}`, `应为有限数字，实际为 ${show(v)}`, show(v));
      return undefined;
    }
    if (opts.positive && d.sign() <= 0) {
      this.add(path, 'spec.range', `must be greater than 0, got ${d.toString()}`, `应大于 0，实际为 ${d.toString()}`, d.toString());
      return undefined;
    }
    if (opts.min !== undefined && d.cmp(Dec.fromNumber(opts.min)) < 0) {
      this.add(path, 'spec.range', `must be at least ${opts.min}, got ${d.toString()}`, `应不小于 ${opts.min}，实际为 ${d.toString()}`, d.toString());
      return undefined;
    }
    return d;
  }

  int(path: string, v: Tree | undefined, min: number, max: number, optional = false): number | undefined {
    const d = this.dec(path, v, { optional });
    if (!d) return undefined;
    const n = d.toNumber();
    if (!d.isInteger() || n < min || n > max) {
      this.add(path, 'spec.range', `must be a whole number from ${min} to ${max}, got ${d.toString()}`, `应为 ${min} 到 ${max} 的整数，实际为 ${d.toString()}`, d.toString());
      return undefined;
    }
    return n;
  }

  bool(path: string, v: Tree | undefined): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.add(path, 'spec.type', `must be true or false, got ${show(v)}`, `应为 true 或 false，实际为 ${show(v)}`, show(v));
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(path: string, v: Tree | undefined, options: readonly T[], fallback?: T): T | undefined {
    if (v === undefined || v === null) {
      if (fallback === undefined) this.add(path, 'spec.required', `required (one of ${options.join(', ')})`, `必填（${options.join('、')} 之一）`);
      return fallback;
    }
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
      this.add(path, 'spec.enum', `must be one of ${options.join(', ')}, got ${show(v)}`, `应为 ${options.join('、')} 之一，实际为 ${show(v)}`, show(v));
      return undefined;
    }
    return v as T;
  }

  /** Records a duplicate id; returns false when `id` was already seen. */
  unique(path: string, id: string, seen: Set<string>, kind: string, kindZh: string): boolean {
    if (seen.has(id)) {
      this.add(path, 'spec.duplicate_id', `duplicate ${kind} id "${id}"`, `${kindZh}编号“${id}”重复`, id);
      return false;
    }
    seen.add(id);
    return true;
  }

  known(path: string, id: string, known: { has(id: string): boolean }, kind: string, kindZh: string): boolean {
    if (!known.has(id)) {
      this.add(path, 'spec.unknown_id', `unknown ${kind} "${id}"`, `未声明的${kindZh}“${id}”`, id);
      return false;
    }
    return true;
  }
}

function finite(n: number): Dec | undefined {
  return Number.isFinite(n) ? Dec.fromNumber(n) : undefined;
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
