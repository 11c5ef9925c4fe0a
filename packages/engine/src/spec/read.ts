// Turns YAML or JSON text (JSON is read by the YAML parser too, so both get line numbers) into a
// plain tree, keeping for every number the exact text it was written as and for every path the
// line it stands on, so that validation errors can point at a line in the editor.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node } from 'yaml';
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

/**
 * Bounds of reading a spec (issue 13): a stranger's text must not freeze or crash whoever reads
 * it. YAML aliases can expand a 741-byte text to billions of values, or refer to the node that
 * holds them; flow collections can nest deeper than any parser's stack.
 */
export interface ReadLimits {
  /** characters of text */
  maxChars: number;
  /** nesting of mappings and lists */
  maxDepth: number;
  /** values of the tree after aliases are expanded: this many plus `perChar` per character of text */
  maxValues: number;
  perChar: number;
}

export const READ_LIMITS: ReadLimits = { maxChars: 20_000_000, maxDepth: 64, maxValues: 20_000, perChar: 2 };

class LimitError extends Error {
  readonly issue: Issue;
  constructor(issue: Issue) {
    super(issue.message);
    this.issue = issue;
  }
}

function limitIssue(code: string, en: string, zh: string, line?: number, text?: string): Issue {
  const at = line ? [` (line ${line})`, `（第 ${line} 行）`] : ['', ''];
  return { kind: 'spec', code, path: '', line, text, message: `${en}${at[0]}`, messageZh: `${zh}${at[1]}` };
}

/**
 * The deepest nesting of flow collections (`[` and `{`) outside quoted text and comments, and the
 * widest indentation, in one pass before parsing: the parser itself recurses per level.
 */
function nestingOf(text: string, maxDepth: number): { line: number; what: 'flow' | 'indent' } | null {
  let depth = 0;
  let line = 1;
  let lineStart = true;
  let indent = 0;
  let prev = '\n';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      lineStart = true;
      indent = 0;
      prev = ch;
      continue;
    }
    if (lineStart) {
      if (ch === ' ' || ch === '\t') {
        // a block collection nests one level per step of indentation at least
        if (++indent > maxDepth * 8) return { line, what: 'indent' };
        prev = ch;
        continue;
      }
      lineStart = false;
    }
    const tokenStart = prev === ' ' || prev === '\t' || prev === '\n' || prev === '[' || prev === '{' || prev === ',' || prev === ':' || prev === '-';
    if (tokenStart && ch === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (tokenStart && (ch === '"' || ch === "'")) {
      // a quoted scalar: to its closing quote ('' and \" are escapes)
      for (i++; i < text.length; i++) {
        const c = text[i];
        if (c === '\n') line++;
        if (ch === '"' && c === '\\') i++;
        else if (c === ch) {
          if (ch === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
    } else if (ch === '[' || ch === '{') {
      if (++depth > maxDepth) return { line, what: 'flow' };
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
    prev = text[i];
  }
  return null;
}

export function readTree(text: string, limits: ReadLimits = READ_LIMITS): { ok: true; value: ReadTree } | { ok: false; issues: Issue[] } {
  if (text.length > limits.maxChars) {
    return { ok: false, issues: [limitIssue('spec.too_large', `the spec is ${text.length} characters long; at most ${limits.maxChars} are read`, `规则文件长 ${text.length} 个字符，超过上限 ${limits.maxChars}`)] };
  }
  const deep = nestingOf(text, limits.maxDepth);
  if (deep) {
    return {
      ok: false,
      issues: [deep.what === 'flow'
        ? limitIssue('spec.too_deep', `lists and mappings are nested more than ${limits.maxDepth} levels deep`, `列表或映射嵌套超过 ${limits.maxDepth} 层`, deep.line)
        : limitIssue('spec.too_deep', `a line is indented more than ${limits.maxDepth * 8} columns: nested too deep`, `某行缩进超过 ${limits.maxDepth * 8} 列：嵌套过深`, deep.line)],
    };
  }
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
  const st: Walk = { doc, lines, lc, dup: duplicates, values: 0, maxValues: limits.maxValues + limits.perChar * text.length, maxDepth: limits.maxDepth, open: new Set(), resolved: aliasTargets(doc), aliasLine: undefined };
  let tree: Tree;
  try {
    tree = convert(st, doc.contents as Node | null, '', 0);
  } catch (e) {
    if (e instanceof LimitError) return { ok: false, issues: [e.issue] };
    throw e;
  }
  if (duplicates.length > 0) return { ok: false, issues: duplicates };
  return { ok: true, value: { tree, lines } };
}

/**
 * Every alias's node, found in one walk of the document: the last node before the alias with its
 * anchor (as the yaml library's Alias.resolve finds it, but that walks the whole document once per
 * alias: quadratic, a minute of CPU for an 80 kB list of aliases).
 */
function aliasTargets(doc: Document): Map<Node, Node | null> {
  const anchored = new Map<string, Node>();
  const targets = new Map<Node, Node | null>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchored.get(node.source) ?? null);
      else if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchored.set(node.anchor, node);
    },
  });
  return targets;
}

const NO_LINES = { set: () => NO_LINES } as unknown as Map<string, number>;

/** The state of one conversion: what it has produced so far, against its limits. */
interface Walk {
  doc: Document;
  lines: Map<string, number>;
  lc: LineCounter;
  dup: Issue[];
  values: number;
  maxValues: number;
  maxDepth: number;
  /** the collections being converted (an alias to one of them would never end) */
  open: Set<Node>;
  resolved: Map<Node, Node | null>;
  /** the line of the alias being expanded (problems inside it are reported there) */
  aliasLine: number | undefined;
}

function convert(st: Walk, node: Node | null, path: string, depth: number, inAlias = false): Tree {
  const { lc, dup } = st;
  // inside an alias's expansion, every path keeps the alias's line (found by its parent path)
  const lines = inAlias ? NO_LINES : st.lines;
  if (node == null) return null;
  const line = inAlias ? st.aliasLine : node.range ? lc.linePos(node.range[0]).line : undefined;
  if (line !== undefined) lines.set(path, line);
  if (++st.values > st.maxValues) {
    throw new LimitError(limitIssue('spec.alias_expansion', `the spec expands to more than ${st.maxValues} values (YAML aliases repeating aliases: an alias bomb?); write it out plainly`, `规则文件展开后超过 ${st.maxValues} 个值（YAML 别名层层引用别名，疑为“别名炸弹”）；请直接写出内容`, line));
  }
  if (isAlias(node)) {
    // (every alias's target was found in one walk before converting: aliasTargets)
    const target = st.resolved.get(node) ?? null;
    if (target && st.open.has(target)) {
      throw new LimitError(limitIssue('spec.alias_cycle', `the alias *${node.source} refers to a collection that contains it: it would never end`, `别名 *${node.source} 引用了包含它自身的集合，展开永无止境`, line, `*${node.source}`));
    }
    if (!inAlias) st.aliasLine = line;
    return convert(st, target, path, depth, true);
  }
  if ((isMap(node) || isSeq(node)) && depth >= st.maxDepth) {
    throw new LimitError(limitIssue('spec.too_deep', `${path || '(document)'}: lists and mappings are nested more than ${st.maxDepth} levels deep`, `${path || '（文档）'}：列表或映射嵌套超过 ${st.maxDepth} 层`, line));
  }
  if (isMap(node)) {
    st.open.add(node);
    const out: { [key: string]: Tree } = Object.create(null) as { [key: string]: Tree };
    for (const item of node.items) {
      const keyNode = item.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const childPath = joinPath(path, key);
      const keyLine = keyNode && keyNode.range && !inAlias ? lc.linePos(keyNode.range[0]).line : undefined;
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        dup.push({
          kind: 'spec', code: 'spec.duplicate_key', path: childPath, line: keyLine, text: key,
          message: `${childPath}: the key "${key}" appears twice${keyLine ? ` (line ${keyLine})` : ''}`,
          messageZh: `${childPath}：键“${key}”重复出现${keyLine ? `（第 ${keyLine} 行）` : ''}`,
        });
        continue;
      }
      if (keyLine !== undefined) lines.set(childPath, keyLine);
      out[key] = convert(st, item.value as Node | null, childPath, depth + 1, inAlias);
      // a problem with a value is reported on the line of its key
      if (keyLine !== undefined) lines.set(childPath, keyLine);
    }
    st.open.delete(node);
    return out;
  }
  if (isSeq(node)) {
    st.open.add(node);
    const out = node.items.map((item, i) => convert(st, item as Node | null, joinPath(path, i), depth + 1, inAlias));
    st.open.delete(node);
    return out;
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
