// One page of a stored leaderboard (`GET /results?limit=&offset=`): the units ranked offset+1 …
// offset+limit overall (rank, then the result's order), cut from the stored columns without
// building a row per unit. Everything in a page comes from one stored version (one body): the
// route's etag names that version and the page, so a client paging through a result that changed
// meanwhile sees a different etag (and the new `page.total`).
import { resultColumns, resultRows, type Column, type ColumnGroup, type Columns, type PeriodResult, type ResultColumns } from '@leitai/engine';

export interface PageRequest {
  offset: number;
  limit: number;
}

interface Envelope {
  period: string | null;
  periods: string[];
  result: ResultColumns | PeriodResult | null;
  state: string | null;
  unverified: { unit: string }[];
  counts: Record<string, unknown>;
  movement: Record<string, unknown>;
}

/** The rows `sel` (indexes into the column's rows, in the page's order) of a column. */
function sliceColumn(col: Column, sel: number[]): Column {
  if (Array.isArray(col)) return sel.map((i) => col[i]);
  if (!('at' in col)) return { b: sel.map((i) => col.b[i]).join('') };
  const where = new Map<number, number>();
  col.at.forEach((row, k) => where.set(row, k));
  const at: number[] = [];
  const ks: number[] = [];
  sel.forEach((row, p) => {
    const k = where.get(row);
    if (k !== undefined) { at.push(p); ks.push(k); }
  });
  return 'b' in col ? { at, b: ks.map((k) => col.b[k]).join('') } : { at, v: ks.map((k) => col.v[k]) };
}

const sliceColumns = (cols: Columns, sel: number[]): Columns => Object.fromEntries(Object.entries(cols).map(([name, c]) => [name, sliceColumn(c, sel)]));

function sliceGroup(g: ColumnGroup, sel: number[], n: number): ColumnGroup {
  if (!g.at) return { cols: sliceColumns(g.cols, sel) };
  const where = new Map<number, number>();
  g.at.forEach((row, k) => where.set(row, k));
  const at: number[] = [];
  const ks: number[] = [];
  sel.forEach((row, p) => {
    const k = where.get(row);
    if (k !== undefined) { at.push(p); ks.push(k); }
  });
  return at.length === n ? { cols: sliceColumns(g.cols, ks) } : { at, cols: sliceColumns(g.cols, ks) };
}

/** The units' overall order: rank, then their order in the result. */
function rankOrder(c: ResultColumns): number[] {
  const rank = c.units['rank.all'];
  const ranks: unknown[] = Array.isArray(rank) ? rank : [];
  const order = Array.from({ length: c.n }, (_, i) => i);
  return order.sort((a, b) => ((ranks[a] as number) ?? Infinity) - ((ranks[b] as number) ?? Infinity) || a - b);
}

/** The page of a stored results body (its JSON text, or that parsed; result in columns or rows) as JSON text. */
export function pageOfBody(body: string | object, page: PageRequest, shape: 'rows' | 'columns'): string {
  const o = (typeof body === 'string' ? JSON.parse(body) : body) as Envelope;
  if (o.result === null) return JSON.stringify({ ...o, page: { ...page, total: 0 } });
  const c = Array.isArray((o.result as PeriodResult).units) ? resultColumns(o.result as PeriodResult) : o.result as ResultColumns;
  const sel = rankOrder(c).slice(page.offset, page.offset + page.limit);
  const unitCol = c.units.unit as string[];
  const ids = sel.map((i) => unitCol[i]);
  const on = new Set(ids);
  const groups = new Set(sel.map((i) => (c.units.group as string[])[i]));
  const pairs = c.pairs.filter((p) => p.units.some((u) => on.has(u)));
  const pairIds = new Set(pairs.map((p) => p.pair));
  const n = sel.length;
  const cut: ResultColumns = {
    campaign: c.campaign,
    period: c.period,
    n,
    units: sliceColumns(c.units, sel),
    indicators: Object.fromEntries(Object.entries(c.indicators).map(([id, g]) => [id, sliceGroup(g, sel, n)])),
    ...(c.categories ? { categories: Object.fromEntries(Object.entries(c.categories).map(([id, g]) => [id, sliceGroup(g, sel, n)])) } : {}),
    pairs,
    // the flags of the page's scopes: overall, its units' groups and pairs
    flags: c.flags.filter((f) => f.scope === 'all' || groups.has(f.scope) || pairIds.has(f.scope)),
    actions: c.actions.filter((a) => on.has(a.unit)),
  };
  const pick = <T>(r: Record<string, T>) => Object.fromEntries(ids.filter((u) => u in r).map((u) => [u, r[u]]));
  return JSON.stringify({
    period: o.period,
    periods: o.periods,
    result: shape === 'rows' ? resultRows(cut) : cut,
    state: o.state,
    unverified: o.unverified.filter((f) => on.has(f.unit)),
    counts: pick(o.counts),
    movement: pick(o.movement),
    page: { ...page, total: c.n },
  });
}

/** Page texts by their etag, and the last parsed bodies (a 10,000-unit body is parsed once per version, not per page). */
export class PageCache {
  private readonly pages = new Map<string, string>();
  private readonly parsed = new Map<string, object>();
  private bytes = 0;
  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  get(etag: string, make: () => string): string {
    const hit = this.pages.get(etag);
    if (hit !== undefined) {
      this.pages.delete(etag);
      this.pages.set(etag, hit);
      return hit;
    }
    const text = make();
    this.pages.set(etag, text);
    this.bytes += text.length;
    for (const [k, v] of this.pages) {
      if (this.bytes <= this.maxBytes || k === etag) break;
      this.pages.delete(k);
      this.bytes -= v.length;
    }
    return text;
  }

  /** The parsed body of a version (the last two versions are kept). */
  body(etag: string, text: string): object {
    const hit = this.parsed.get(etag);
    if (hit) return hit;
    const o = JSON.parse(text) as object;
    this.parsed.set(etag, o);
    for (const k of this.parsed.keys()) if (this.parsed.size > 2) this.parsed.delete(k);
    return o;
  }

  has(etag: string): boolean {
    return this.pages.has(etag);
  }

  /** The page text of `etag` when it is here. */
  peek(etag: string): string | undefined {
    return this.pages.get(etag);
  }
}
