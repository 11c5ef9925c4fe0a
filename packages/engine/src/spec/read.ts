// Turns YAML or JSON text (JSON is read by the YAML parser too, so both get line numbers) into a
// plain tree, keeping for every number the exact text it was written as and for every path the
// line it stands on, so that validation errors can point at a line in the editor.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Issue } from '../issues.ts';

/** A number as written in the source: `33.30` keeps its text so it is read as exactly 33.3. */
export class NumLit {
  readonly value: number;
  readonly text: string;
  constructor(value: number, text: string) {
    this.value = value;
    this.text = text;
  }
}

export type Tree = null | boolean | string | number | NumLit | Tree[] | { [key: string]: Tree };

export interface ReadTree {
  tree: Tree;
  lines: Map<string, number>;
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

export function readTree(text: string): { ok: true; value: ReadTree } | { ok: false; issues: Issue[] } {
  const lc = new LineCounter();
  // the parser's own duplicate-key check scans every earlier key (quadratic in a map's size, hours
  // for a 100,000-unit target map); convert() checks with a Set instead
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const line = e.linePos?.[0]?.line ?? (e.pos ? lc.linePos(e.pos[0]).line : undefined);
        const first = e.message.split('\n')[0];
        return {
          kind: 'spec' as const,
          code: 'spec.syntax',
          path: '',
          line,
          message: `syntax error${line ? ` at line ${line}` : ''}: ${first}`,
          messageZh: `语法错误${line ? `（第 ${line} 行）` : ''}：${first}`,
        };
      }),
    };
  }
  const lines = new Map<string, number>();
  const duplicates: Issue[] = [];
  const tree = convert(doc, doc.contents as Node | null, '', lines, lc, duplicates);
  if (duplicates.length > 0) return { ok: false, issues: duplicates };
  return { ok: true, value: { tree, lines } };
}

function convert(doc: Document, node: Node | null, path: string, lines: Map<string, number>, lc: LineCounter, dup: Issue[]): Tree {
  if (node == null) return null;
  if (node.range) lines.set(path, lc.linePos(node.range[0]).line);
  if (isAlias(node)) return convert(doc, node.resolve(doc) as Node | null, path, lines, lc, dup);
  if (isMap(node)) {
    const out: { [key: string]: Tree } = Object.create(null) as { [key: string]: Tree };
    for (const item of node.items) {
      const keyNode = item.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const childPath = joinPath(path, key);
      const line = keyNode && keyNode.range ? lc.linePos(keyNode.range[0]).line : undefined;
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        dup.push({
          kind: 'spec', code: 'spec.duplicate_key', path: childPath, line, text: key,
          message: `${childPath}: the key "${key}" appears twice${line ? ` (line ${line})` : ''}`,
          messageZh: `${childPath}：键“${key}”重复出现${line ? `（第 ${line} 行）` : ''}`,
        });
        continue;
      }
      if (line !== undefined) lines.set(childPath, line);
      out[key] = convert(doc, item.value as Node | null, childPath, lines, lc, dup);
      // a problem with a value is reported on the line of its key
      if (line !== undefined) lines.set(childPath, line);
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item, i) => convert(doc, item as Node | null, joinPath(path, i), lines, lc, dup));
  }
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') return new NumLit(v, node.source ?? String(v));
    if (typeof v === 'bigint') return new NumLit(Number(v), String(v));
    if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
    return String(v);
  }
  return null;
}
