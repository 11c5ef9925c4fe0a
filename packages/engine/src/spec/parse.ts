// Entry points for specs: text (YAML or JSON) or an already-parsed object.
import type { Result } from '../issues.ts';
import type { Spec } from '../model.ts';
import { readTree, type Tree } from './read.ts';
import { validateTree } from './validate.ts';

export function parseSpec(text: string): Result<Spec> {
  const read = readTree(text);
  if (!read.ok) return read;
  const { spec, c } = validateTree(read.value.tree, read.value.lines);
  if (spec) return { ok: true, value: spec };
  // in the order of the document, so that a person can fix them top to bottom
  const issues = c.issues.map((issue, i) => ({ issue, i })).sort((a, b) => (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) || a.i - b.i);
  return { ok: false, issues: issues.map((x) => x.issue) };
}

/** Validates a spec given as a plain object (numbers are read as the decimals they print as). */
export function validateSpec(doc: unknown): Result<Spec> {
  const { spec, c } = validateTree(doc as Tree, new Map());
  return spec ? { ok: true, value: spec } : { ok: false, issues: c.issues };
}
