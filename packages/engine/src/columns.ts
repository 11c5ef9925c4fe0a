// A period result in columns: the same content as a PeriodResult with each field of the units,
// of their indicators and of their categories stored once per field as an array over the units
// (not once per unit × indicator as an object with its keys). About half the bytes of the JSON of a
// PeriodResult; `resultRows` gives back exactly the PeriodResult it was made from (the leaderboard
// is sent this way: the server stores it, the web turns it back into rows).
//
// A column: an array of every row's value; `{ b }`, booleans as a string of 0 and 1; `{ at, v }` or
// `{ at, b }`, a field only some rows have (the rows' indexes). Nested objects (a rank, a tally, a
// summary) become one column per leaf, named by its path ("rank.all"); an empty object is a leaf.
// Not for explanations (a result with explanations is sent as rows).
import type { PeriodResult, UnitResult } from './results.ts';

export type Column = unknown[] | { b: string } | { at: number[]; v: unknown[] } | { at: number[]; b: string };
export type Columns = Record<string, Column>;

/** Columns of some of the units (`at`: their indexes in `units`; absent: every unit). */
export interface ColumnGroup {
  at?: number[];
  cols: Columns;
}

export interface ResultColumns {
  campaign: string;
  period: string;
  /** the units' own fields (unit, group, total, ranks, flags, …), one row per unit in order */
  units: Columns;
  /** how many units */
  n: number;
  /** each indicator's results, over the units it applies to */
  indicators: Record<string, ColumnGroup>;
  /** each category's subtotal and ranks, when the result has categories */
  categories?: Record<string, ColumnGroup>;
  pairs: PeriodResult['pairs'];
  flags: PeriodResult['flags'];
  actions: PeriodResult['actions'];
}

type Obj = Record<string, unknown>;
const SEP = '\u001f';

// a key's own dots (ids have none: slugs) kept apart from the path's
const escapeKey = (k: string) => (/[.%]/.test(k) ? k.replace(/%/g, '%25').replace(/\./g, '%2E') : k);
const unescapeKey = (k: string) => (k.includes('%') ? k.replace(/%2E/g, '.').replace(/%25/g, '%') : k);

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function leaves(row: Obj, prefix: string, out: [string, unknown][]): void {
  for (const [k, v] of Object.entries(row)) {
    if (v === undefined) continue;
    if (isObject(v) && Object.keys(v).length > 0) leaves(v, `${prefix}${k}${SEP}`, out);
    else out.push([`${prefix}${k}`, v]);
  }
}

/** The columns of `rows`, rows in order. */
function encode(rows: Obj[]): Columns {
  const byPath = new Map<string, { at: number[]; v: unknown[] }>();
  rows.forEach((row, i) => {
    const out: [string, unknown][] = [];
    leaves(row, '', out);
    for (const [path, v] of out) {
      let c = byPath.get(path);
      if (!c) byPath.set(path, (c = { at: [], v: [] }));
      c.at.push(i);
      c.v.push(v);
    }
  });
  const cols: Columns = {};
  for (const [path, c] of byPath) {
    const bools = c.v.every((x) => typeof x === 'boolean');
    const every = c.at.length === rows.length;
    const b = bools ? c.v.map((x) => (x ? '1' : '0')).join('') : '';
    cols[path.split(SEP).map(escapeKey).join('.')] = every ? (bools ? { b } : c.v) : bools ? { at: c.at, b } : { at: c.at, v: c.v };
  }
  return cols;
}

/** Rows back from `encode` (n rows). */
function decode(cols: Columns, n: number): Obj[] {
  const rows: Obj[] = Array.from({ length: n }, () => ({}));
  for (const [name, col] of Object.entries(cols)) {
    const path = name.split('.').map(unescapeKey);
    const at = Array.isArray(col) || !('at' in col) ? null : col.at;
    const values: unknown[] = Array.isArray(col) ? col : 'b' in col ? [...col.b].map((c) => c === '1') : col.v;
    values.forEach((v, k) => {
      let o = rows[at ? at[k] : k];
      for (let d = 0; d < path.length - 1; d++) {
        const next = o[path[d]];
        if (isObject(next)) o = next;
        else o = o[path[d]] = {};
      }
      o[path[path.length - 1]] = v;
    });
  }
  return rows;
}

function group(units: UnitResult[], pick: (u: UnitResult) => Record<string, unknown> | undefined): Record<string, ColumnGroup> {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const u of units) for (const id of Object.keys(pick(u) ?? {})) if (!seen.has(id)) { seen.add(id); ids.push(id); }
  const out: Record<string, ColumnGroup> = {};
  for (const id of ids) {
    const at: number[] = [];
    const rows: Obj[] = [];
    units.forEach((u, i) => {
      const r = pick(u)?.[id];
      if (r !== undefined) {
        at.push(i);
        rows.push(r as Obj);
      }
    });
    out[id] = at.length === units.length ? { cols: encode(rows) } : { at, cols: encode(rows) };
  }
  return out;
}

/** A period result (without explanations) in columns. */
export function resultColumns(r: PeriodResult): ResultColumns {
  const hasCategories = r.units.some((u) => u.categories !== undefined);
  const own = r.units.map((u) => {
    const { indicators: _i, categories: _c, ...rest } = u;
    return rest as Obj;
  });
  return {
    campaign: r.campaign,
    period: r.period,
    n: r.units.length,
    units: encode(own),
    indicators: group(r.units, (u) => u.indicators),
    ...(hasCategories ? { categories: group(r.units, (u) => u.categories) } : {}),
    pairs: r.pairs,
    flags: r.flags,
    actions: r.actions,
  };
}

/** The period result `resultColumns` was made from. */
export function resultRows(c: ResultColumns): PeriodResult {
  const units = decode(c.units, c.n) as unknown as UnitResult[];
  const hasCategories = c.categories !== undefined;
  for (const u of units) {
    u.indicators = {};
    if (hasCategories) u.categories = {};
  }
  const fill = (groups: Record<string, ColumnGroup>, into: (u: UnitResult) => Record<string, unknown>) => {
    for (const [id, g] of Object.entries(groups)) {
      const rows = decode(g.cols, g.at ? g.at.length : c.n);
      rows.forEach((row, k) => { into(units[g.at ? g.at[k] : k])[id] = row; });
    }
  };
  fill(c.indicators, (u) => u.indicators);
  if (c.categories) fill(c.categories, (u) => u.categories as Record<string, unknown>);
  return { campaign: c.campaign, period: c.period, units, pairs: c.pairs, flags: c.flags, actions: c.actions };
}
