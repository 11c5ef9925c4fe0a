// The campaign designer edits the spec document itself (what the YAML says, key for key), never a
// model of its own: what it saves is a spec a person could have written by hand, and every key it
// does not know (a future revision's) is kept as it was. Validation is the engine's, run on the
// YAML this module writes, so that the designer and the text editor refuse exactly the same things.
import { Document, isMap, isSeq, parse, type Node } from 'yaml';
import { parseSpec, type Issue, type Spec } from '@leitai/engine';

export type Cadence = 'month' | 'quarter' | 'half' | 'year';
/** A number a unit may have its own of: `12` or `{ default: 12, yishan: 15 }` (targets, bases, weights by group). */
export type PerKey = number | Record<string, number>;

export interface DCampaign {
  id: string;
  name: string;
  organizer?: string;
  year: number;
  cadence: Cadence;
  ranking?: 'competition' | 'dense';
  precision?: number;
  tie_break?: string[];
  description?: string;
  /** (Leitai extension) who competes: units (default) or persons */
  subject?: 'unit' | 'person';
  [key: string]: unknown;
}
export interface DGroup { id: string; name: string; [key: string]: unknown }
/** `person` (Leitai extension): in a person campaign, the person record the competitor stands for */
export interface DUnit { id: string; name: string; group: string; person?: number; [key: string]: unknown }
export interface DPair { id: string; units: string[]; [key: string]: unknown }

export type Input = 'value' | 'score' | 'event';
export type Method = 'completion' | 'schedule' | 'best' | 'range' | 'rank';
export interface DIndicator {
  id: string;
  name: string;
  category?: string;
  measure?: string;
  description?: string;
  standard?: string;
  input: Input;
  weight?: PerKey;
  applies_to?: string[];
  method?: Method;
  direction?: 'higher' | 'lower';
  cumulative?: boolean;
  quantity?: 'amount' | 'rate';
  min?: number;
  max?: number;
  whole?: boolean;
  target?: PerKey;
  base?: PerKey;
  cap?: number;
  scope?: 'group' | 'all';
  step?: number;
  effect?: 'bonus' | 'penalty' | 'veto';
  points?: number;
  [key: string]: unknown;
}
export interface DFlag {
  id: string;
  name: string;
  color?: string;
  award: 'top' | 'bottom';
  count?: number;
  scope?: 'group' | 'pair' | 'all';
  indicator?: string;
  mobile?: boolean;
  min_total?: number;
  max_total?: number;
  tie_break?: string[];
  description?: string;
  [key: string]: unknown;
}
export interface DGrade { id: string; name: string; share?: number; count?: number; min_total?: number; [key: string]: unknown }
export interface DSummary { method: 'flags' | 'mean' | 'sum' | 'latest'; points?: Record<string, number>; grades?: DGrade[]; [key: string]: unknown }
export interface DWhen {
  flag?: string;
  rank?: 'bottom';
  scope?: 'group' | 'pair' | 'all';
  count?: number;
  behind_schedule?: true | string[];
  missing?: boolean;
  vetoed?: boolean;
  below_base?: true | string[];
  consecutive?: number;
  [key: string]: unknown;
}
export interface DRule {
  id: string;
  name: string;
  action: string;
  at?: string[];
  repeat?: boolean;
  when: DWhen;
  description?: string;
  [key: string]: unknown;
}
export interface DraftSpec {
  version: 1;
  campaign: DCampaign;
  groups: DGroup[];
  units: DUnit[];
  pairs: DPair[];
  indicators: DIndicator[];
  flags: DFlag[];
  summary?: DSummary;
  rules: DRule[];
  [key: string]: unknown;
}

// The order keys are written in: the contract's, so that a saved spec reads like the documentation.
const ORDER: Record<string, string[]> = {
  root: ['version', 'campaign', 'groups', 'units', 'pairs', 'indicators', 'flags', 'summary', 'rules'],
  campaign: ['id', 'name', 'organizer', 'year', 'cadence', 'ranking', 'precision', 'tie_break', 'description', 'subject'],
  group: ['id', 'name'],
  unit: ['id', 'name', 'group', 'person'],
  pair: ['id', 'units'],
  indicator: [
    'id', 'name', 'category', 'measure', 'input', 'weight', 'applies_to', 'method', 'direction', 'cumulative', 'quantity', 'min', 'max', 'whole',
    'target', 'base', 'cap', 'scope', 'step', 'effect', 'points', 'standard', 'description',
  ],
  flag: ['id', 'name', 'color', 'award', 'count', 'scope', 'indicator', 'mobile', 'min_total', 'max_total', 'tie_break', 'description'],
  summary: ['method', 'points', 'grades'],
  grade: ['id', 'name', 'share', 'count', 'min_total'],
  rule: ['id', 'name', 'action', 'at', 'repeat', 'when', 'description'],
  when: ['flag', 'rank', 'scope', 'count', 'behind_schedule', 'missing', 'vetoed', 'below_base', 'consecutive'],
};

/** Keys in the given order, then any others as they came; empty values (undefined, '', []) left out. */
function ordered<T extends Record<string, unknown>>(o: T, kind: string, keepEmptyLists: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = [...ORDER[kind], ...Object.keys(o).filter((k) => !ORDER[kind].includes(k))];
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0 && !keepEmptyLists.includes(k)) continue;
    out[k] = v;
  }
  return out;
}

function plain(doc: DraftSpec): Record<string, unknown> {
  const root: Record<string, unknown> = {
    ...doc,
    campaign: ordered(doc.campaign, 'campaign'),
    groups: doc.groups.map((g) => ordered(g, 'group')),
    units: doc.units.map((u) => ordered(u, 'unit')),
    pairs: doc.pairs.map((p) => ordered(p, 'pair')),
    indicators: doc.indicators.map((i) => ordered(i, 'indicator')),
    flags: doc.flags.map((f) => ordered(f, 'flag', ['tie_break'])),
    summary: doc.summary
      ? ordered({ ...doc.summary, grades: doc.summary.grades?.map((g) => ordered(g, 'grade')), points: doc.summary.points && Object.keys(doc.summary.points).length > 0 ? doc.summary.points : undefined }, 'summary')
      : undefined,
    rules: doc.rules.map((r) => ordered({ ...r, when: ordered(r.when, 'when') }, 'rule')),
  };
  return ordered(root, 'root', ['groups', 'units', 'indicators']);
}

const flow = (n: unknown) => {
  if (isMap(n) || isSeq(n)) (n as { flow?: boolean }).flow = true;
};

/** The YAML text of a draft: block style for sections and indicators, one line per group, unit, pair, flag, rule and grade. */
export function toYaml(doc: DraftSpec): string {
  const d = new Document(plain(doc));
  const section = (key: string) => d.get(key, true) as Node | undefined;
  for (const key of ['groups', 'units', 'pairs', 'flags', 'rules']) {
    const s = section(key);
    if (isSeq(s)) s.items.forEach(flow);
  }
  const campaign = section('campaign');
  if (isMap(campaign)) flow(campaign.get('tie_break', true));
  const summary = section('summary');
  if (isMap(summary)) {
    flow(summary.get('points', true));
    const grades = summary.get('grades', true);
    if (isSeq(grades)) grades.items.forEach(flow);
  }
  const indicators = section('indicators');
  if (isSeq(indicators)) {
    for (const ind of indicators.items) {
      if (!isMap(ind)) continue;
      for (const k of ['weight', 'applies_to', 'target', 'base']) flow(ind.get(k, true));
    }
  }
  return d.toString({ lineWidth: 0, flowCollectionPadding: true });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A draft from spec text, or null when the text is not a YAML/JSON mapping at all (the engine's
 * issues then say why). Short-form pairs `[a, b]` get the id the contract gives them (pair-N).
 */
export function fromYaml(text: string): DraftSpec | null {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch {
    return null;
  }
  if (!isObj(raw)) return null;
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const pairs = list(raw.pairs).map((p, i) => (Array.isArray(p) ? { id: `pair-${i + 1}`, units: p as string[] } : (p as DPair)));
  return {
    ...raw,
    version: 1,
    campaign: (isObj(raw.campaign) ? raw.campaign : {}) as DCampaign,
    groups: list(raw.groups) as DGroup[],
    units: list(raw.units) as DUnit[],
    pairs,
    indicators: list(raw.indicators) as DIndicator[],
    flags: list(raw.flags) as DFlag[],
    summary: isObj(raw.summary) ? (raw.summary as DSummary) : undefined,
    rules: list(raw.rules).map((r) => (isObj(r) ? { ...r, when: isObj(r.when) ? r.when : {} } : r)) as DRule[],
  };
}

export function emptyDraft(year: number): DraftSpec {
  return {
    version: 1,
    campaign: { id: '', name: '', year, cadence: 'month' },
    groups: [],
    units: [],
    pairs: [],
    indicators: [],
    flags: [],
    rules: [],
  };
}

export interface Checked {
  yaml: string;
  issues: Issue[];
  spec?: Spec;
}

/** The engine's verdict on a draft, exactly as the server will give it on saving. */
export function checkDraft(doc: DraftSpec): Checked {
  const yaml = toYaml(doc);
  const r = parseSpec(yaml);
  return r.ok ? { yaml, issues: [], spec: r.value } : { yaml, issues: r.issues };
}

/** The issues at a path or inside it (`indicators[2]` takes `indicators[2].target` too). */
export function issuesAt(issues: readonly Issue[], path: string): Issue[] {
  return issues.filter((i) => i.path !== undefined && (i.path === path || i.path.startsWith(path + '.') || i.path.startsWith(path + '[')));
}

/** The value a unit gets from a PerKey (its own, else the default). */
export function perKeyOf(v: PerKey | undefined, key: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v;
  return Object.prototype.hasOwnProperty.call(v, key) ? v[key] : v.default;
}

/** The simplest PerKey form: a bare number when only a default is given. */
export function compactPerKey(v: Record<string, number>): PerKey | undefined {
  const keys = Object.keys(v);
  if (keys.length === 0) return undefined;
  if (keys.length === 1 && keys[0] === 'default') return v.default;
  return v;
}

export function asMap(v: PerKey | undefined): Record<string, number> {
  if (v === undefined) return {};
  if (typeof v === 'number') return { default: v };
  return { ...v };
}

/** Period keys of a year and cadence, as the contract names them. */
export function periodsOf(year: number, cadence: Cadence): string[] {
  switch (cadence) {
    case 'month': return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    case 'quarter': return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
    case 'half': return [`${year}-H1`, `${year}-H2`];
    default: return [String(year)];
  }
}

/** The engine's model of a spec text as plain JSON (decimals as text): two specs mean the same when these are equal. */
export function specMeaning(text: string): unknown {
  const r = parseSpec(text);
  if (!r.ok) return { issues: r.issues.map((i) => i.message) };
  return JSON.parse(JSON.stringify(r.value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as unknown;
}
