// Issue 13, item 1: reading a spec is bounded. A stranger's text is refused with a named error —
// never a frozen process, never a stack overflow — and an ordinary spec with aliases still reads.
import { describe, expect, it, vi } from 'vitest';
import { Alias } from 'yaml';
import { readTree } from '../src/spec/read.ts';
import { parseSpec, type Issue } from '../src/index.ts';

/** `ms`: CPU time (on a busy machine the wall clock mostly measures the neighbours; unbounded,
 * the bomb below takes over a minute of CPU) */
function refused(text: string): { issues: Issue[]; ms: number } {
  const c0 = process.cpuUsage();
  const r = parseSpec(text);
  const c = process.cpuUsage(c0);
  const ms = (c.user + c.system) / 1000;
  if (r.ok) throw new Error('the spec should be refused');
  return { issues: r.issues, ms };
}

/** The issue's alias bomb: nine levels, each a list of nine aliases of the level below. */
function aliasBomb(): string {
  let s = 'version: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i <= 9; i++) s += `l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]\n`;
  return s;
}

const VALID = `version: 1
campaign: {id: t, name: T, year: 2026, cadence: month}
groups: [{id: g, name: G}]
units: [{id: a, name: A, group: g}, {id: b, name: B, group: g}]
indicators:
  - &score {id: s, name: S, input: score, weight: 10}
`;

describe('13.1 spec reading is bounded', () => {
  it('the 9-level alias bomb (under 1 kB, 387 million values expanded) is refused in well under a second', () => {
    const text = aliasBomb();
    expect(text.length).toBeLessThan(1000);
    const { issues, ms } = refused(text);
    expect(ms).toBeLessThan(1000);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'spec', code: 'spec.alias_expansion' });
    expect(issues[0].message).toContain('alias');
    expect(issues[0].messageZh).toContain('别名');
    expect(issues[0].line).toBeGreaterThan(0);
  });

  it('twelve chained merge keys, each repeating the one before, are refused', () => {
    let s = 'm0: &m0 {k: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]}\n';
    for (let i = 1; i <= 12; i++) s += `m${i}: &m${i} {<<: *m${i - 1}, a: *m${i - 1}, b: *m${i - 1}}\n`;
    const { issues, ms } = refused(s);
    expect(ms).toBeLessThan(1000);
    expect(issues.map((i) => i.code)).toEqual(['spec.alias_expansion']);
  });

  it('x: &a [1, *a] (an alias inside the list it names) is refused, not a stack overflow', () => {
    const { issues } = refused('version: 1\nx: &a [1, *a]\n');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'spec.alias_cycle', line: 2, text: '*a' });
    expect(issues[0].messageZh).toContain('别名 *a');
  });

  it('a mapping that holds an alias of itself is refused too', () => {
    expect(refused('a: &m {b: {c: *m}}\n').issues[0].code).toBe('spec.alias_cycle');
  });

  it('100,000 nested brackets are refused before parsing, quickly', () => {
    const { issues, ms } = refused(`x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(ms).toBeLessThan(500);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'spec.too_deep', line: 1 });
    expect(issues[0].messageZh).toContain('嵌套');
  });

  it('nesting more than 64 levels in block style is refused', () => {
    let s = '';
    for (let d = 0; d < 70; d++) s += `${' '.repeat(d)}k${d}:\n`;
    expect(refused(s).issues[0].code).toBe('spec.too_deep');
  });

  it('brackets inside quoted text and comments do not count as nesting', () => {
    const deepText = '['.repeat(200);
    const r = parseSpec(`${VALID.replace('name: T,', `name: "${deepText}",`)}# ${deepText}\n`);
    expect(r.ok).toBe(true);
  });

  it('a text over the size limit is refused without being parsed', () => {
    const { issues, ms } = refused(`# ${'x'.repeat(20_000_001)}\n`);
    expect(ms).toBeLessThan(1000);
    expect(issues[0].code).toBe('spec.too_large');
  });

  it('ordinary aliases still read: a shared definition used twice', () => {
    const r = parseSpec(`${VALID}  - {<<: *score, id: s2}\n`.replace('  - {<<: *score, id: s2}\n', '') + 'flags: [&f {id: r, name: R, award: top}]\n');
    expect(r.ok).toBe(true);
    const twice = parseSpec(VALID.replace("groups: [{id: g, name: G}]", "groups: [&grp {id: g, name: G}]").replace('units: [{id: a, name: A, group: g}, {id: b, name: B, group: g}]', 'units: [{id: a, name: A, group: g}, {id: b, name: B, group: g}]\npairs: [[a, b]]'));
    expect(twice.ok).toBe(true);
  });

  it('aliases are resolved in one walk of the document, not one walk per alias (a list of 20,000 aliases took a minute of CPU)', () => {
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    try {
      const text = `a: &a 1\nl: [${Array(5_000).fill('*a').join(', ')}]\n`;
      const r = readTree(text);
      expect(r.ok).toBe(true);
      if (r.ok) expect((r.value.tree as { l: unknown[] }).l).toHaveLength(5_000);
      // the yaml library's Alias.resolve walks the whole document each time it is called
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
  });

  it('an alias is the last node before it with its anchor (an anchor may be defined again)', () => {
    const r = readTree('a: &x [1]\nb: *x\nc: &x [2]\nd: *x\ne: {f: &y {g: 3}, h: *y}\n');
    expect(r.ok).toBe(true);
    if (r.ok) {
      const t = r.value.tree as Record<string, unknown>;
      const num = (v: unknown) => (v as { value: number }[]).map((x) => x.value);
      expect([num(t.b), num(t.d)]).toEqual([[1], [2]]);
      expect(JSON.stringify((t.e as Record<string, unknown>).h)).toBe(JSON.stringify((t.e as Record<string, unknown>).f));
    }
  });
});
