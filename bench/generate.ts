// Synthetic campaigns for the benchmark: N units in groups of about 20, pairs of consecutive units
// within each group, K indicators covering every input, method, direction, scope and accumulation
// the contract knows, flags, rules and a flags summary with grades — and a year of figures.
//
// Everything is deterministic (a seeded PRNG): the same N, K and seed give the same spec text and
// the same figures on every machine. The spec is built as JSON text and read through `parseSpec`,
// so it is validated exactly as a user's spec would be (above 20,000 units through
// `validateSpec(JSON.parse(text))`: see GenerateOptions.reader); the figures go in as columns through
// `datasetFromColumns` (T×U integer mantissas per indicator, NaN = not reported).
import { datasetFromColumns, parseSpec, validateSpec, type Dataset, type Spec } from '@leitai/engine';

export const YEAR = 2026;
export const MONTHS = 12;

/** sfc32: small, fast, good enough for synthetic figures, and the same on every platform. */
export function prng(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162;
  let d = 1;
  const next = (): number => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** What the SQL peer needs to know of each indicator (the spec has it too, as exact decimals). */
export interface IndicatorMeta {
  id: string;
  input: 'value' | 'score' | 'event';
  method?: 'completion' | 'schedule' | 'best' | 'range' | 'rank';
  direction: 'higher' | 'lower';
  cumulative: boolean;
  /** value and score inputs */
  weight: number;
  cap: number;
  /**
   * The annual target (completion, schedule: the spec's default) or, for best / range / rank,
   * a reference level the SQL peer divides by in its completion-style approximation.
   */
  target: number;
  /** per-unit targets as written in the spec (completion and schedule), else null */
  unitTargets: Float64Array | null;
  effect?: 'bonus' | 'penalty' | 'veto';
  points: number;
  eventCap: number;
  /** decimals of the figures */
  scale: number;
}

export interface Generated {
  units: number;
  indicators: number;
  groups: number;
  pairs: number;
  specText: string;
  spec: Spec;
  data: Dataset;
  columns: { scale: number; mant: Float64Array }[];
  meta: IndicatorMeta[];
  /** per unit: its group's index */
  unitGroup: Int32Array;
  /** figures reported (non-NaN mantissas) */
  reported: number;
  missing: number;
  /** how the spec text was read, and the milliseconds it took (reading and validation) */
  reader: 'parseSpec' | 'validateSpec';
  parseMs: number;
  datasetMs: number;
}

interface ValueTemplate {
  name: string;
  measure: string;
  method: 'completion' | 'schedule' | 'best' | 'range' | 'rank';
  direction: 'higher' | 'lower';
  cumulative: boolean;
  scope?: 'group' | 'all';
  /** typical annual level (for cumulative: year-end figure; for rates: the rate itself) */
  level: number;
  /** a rate (percent, intensity) rather than an amount that grows through the year */
  rate?: boolean;
  /** spread of the rate around its level, in its own units (rates may go negative) */
  spread?: number;
  scale: number;
  weight: number;
  cap?: number;
  step?: number;
  /** completion / schedule: every unit gets its own target (else a default and a few overrides) */
  perUnit?: boolean;
}

// The value indicators cycle through these ten: all five methods, both directions, both
// accumulations, both scopes; targets per unit for every schedule indicator.
const VALUE_TEMPLATES: ValueTemplate[] = [
  { name: '规上固定资产投资', measure: '亿元', method: 'schedule', direction: 'higher', cumulative: true, level: 18, scale: 3, weight: 10, cap: 1.2, perUnit: true },
  { name: '一般公共预算收入', measure: '万元', method: 'completion', direction: 'higher', cumulative: true, level: 9000, scale: 2, weight: 8 },
  { name: '招商引资到位资金', measure: '万元', method: 'best', direction: 'higher', cumulative: false, scope: 'group', level: 24000, scale: 2, weight: 6 },
  { name: '地区生产总值增速', measure: '%', method: 'range', direction: 'higher', cumulative: true, scope: 'all', level: 5.5, rate: true, spread: 4, scale: 2, weight: 6 },
  { name: '安全生产事故直接经济损失', measure: '万元', method: 'rank', direction: 'lower', cumulative: false, scope: 'group', level: 60, scale: 2, weight: 5, step: 0.25 },
  { name: '社会消费品零售总额', measure: '万元', method: 'schedule', direction: 'higher', cumulative: false, level: 52000, scale: 2, weight: 8, perUnit: true },
  { name: '单位GDP能耗', measure: '吨标准煤/万元', method: 'completion', direction: 'lower', cumulative: true, level: 0.52, rate: true, spread: 0.08, scale: 3, weight: 5, cap: 1.2 },
  { name: '新增市场主体', measure: '户', method: 'best', direction: 'higher', cumulative: true, scope: 'all', level: 900, scale: 2, weight: 4 },
  { name: '信访积案化解周期', measure: '天', method: 'range', direction: 'lower', cumulative: false, scope: 'group', level: 240, scale: 3, weight: 4 },
  { name: '农村居民人均可支配收入', measure: '元', method: 'rank', direction: 'higher', cumulative: true, scope: 'all', level: 21000, scale: 2, weight: 6 },
];

const SCORE_NAMES = ['党建工作', '营商环境评价', '乡村振兴考评', '生态环境督查', '意识形态工作', '平安建设'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The decimal text of mantissa m at `scale` decimals, exactly (no floating point). */
export function mantText(m: number, scale: number): string {
  if (scale === 0) return String(m);
  const neg = m < 0;
  const s = String(neg ? -m : m).padStart(scale + 1, '0');
  const out = `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
  return neg ? `-${out}` : out;
}

/** a decimal number with `scale` decimals, as a JSON number whose text is that decimal */
function dec(x: number, scale: number): number {
  return Number(mantText(Math.round(x * 10 ** scale), scale));
}

export interface GenerateOptions {
  units: number;
  indicators: number;
  seed?: number;
  /** share of value and score figures not reported (default 0.003) */
  missingRate?: number;
  /**
   * How the spec text is read: `parseSpec` (the YAML reader, as for a user's file) or
   * `validateSpec(JSON.parse(text))` (the same validation without the YAML reader). Default:
   * parseSpec up to 20,000 units. The YAML reader checks duplicate keys by scanning the keys seen
   * so far, so a target map with a key per unit costs O(units²): about 10 s at 10,000 units, hours
   * at 100,000.
   */
  reader?: 'parseSpec' | 'validateSpec';
}

export function generate(opts: GenerateOptions): Generated {
  const N = opts.units;
  const K = opts.indicators;
  if (N < 4) throw new RangeError('at least 4 units');
  if (K < 9) throw new RangeError('at least 9 indicators (5 methods, a score and 3 event inputs)');
  const seed = opts.seed ?? 20260101;
  const missingRate = opts.missingRate ?? 0.003;
  const rnd = prng(seed ^ (N * 7919) ^ (K * 104729));
  const T = MONTHS;
  const uw = Math.max(4, String(N).length);

  // ---- units, groups (about 20 units each, balanced), pairs (consecutive units in a group)
  const G = Math.max(1, Math.round(N / 20));
  const unitIds: string[] = [];
  const unitGroup = new Int32Array(N);
  const groupMembers: number[][] = Array.from({ length: G }, () => []);
  for (let u = 0; u < N; u++) {
    unitIds.push(`u${pad(u + 1, uw)}`);
    const g = Math.floor((u * G) / N);
    unitGroup[u] = g;
    groupMembers[g].push(u);
  }
  const groups = Array.from({ length: G }, (_, g) => ({ id: `g${pad(g + 1, 3)}`, name: `第${g + 1}赛组` }));
  const units = unitIds.map((id, u) => ({ id, name: `第${u + 1}镇`, group: groups[unitGroup[u]].id }));
  const pairs: { id: string; units: string[] }[] = [];
  for (const members of groupMembers) {
    for (let k = 0; k + 1 < members.length; k += 2) pairs.push({ id: `p${pairs.length + 1}`, units: [unitIds[members[k]], unitIds[members[k + 1]]] });
  }

  // ---- indicators: 3 events (bonus, penalty, veto), about K/7 section scores, the rest values
  const nEvents = 3;
  const nScores = Math.max(1, Math.floor(K / 7));
  const nValues = K - nEvents - nScores;
  const indicators: Record<string, unknown>[] = [];
  const meta: IndicatorMeta[] = [];
  const templates: ValueTemplate[] = [];
  // per unit "strength" and per (unit, indicator) performance, so that ranks are not pure noise
  const strength = new Float64Array(N);
  for (let u = 0; u < N; u++) strength[u] = 0.85 + 0.3 * rnd();

  for (let v = 0; v < nValues; v++) {
    const tp = VALUE_TEMPLATES[v % VALUE_TEMPLATES.length];
    const round = Math.floor(v / VALUE_TEMPLATES.length);
    const id = `v${pad(v + 1, 2)}`;
    templates.push(tp);
    const ind: Record<string, unknown> = {
      id,
      name: round === 0 ? tp.name : `${tp.name}（${round + 1}）`,
      category: ['经济发展', '项目推进', '民生保障', '安全稳定'][v % 4],
      measure: tp.measure,
      input: 'value',
      weight: tp.weight,
      method: tp.method,
    };
    if (tp.direction === 'lower') ind.direction = 'lower';
    if (!tp.cumulative) ind.cumulative = false;
    if (tp.scope) ind.scope = tp.scope;
    if (tp.step !== undefined) ind.step = tp.step;
    if (tp.cap !== undefined) ind.cap = tp.cap;
    let unitTargets: Float64Array | null = null;
    const defaultTarget = dec(tp.level, 2);
    if (tp.method === 'completion' || tp.method === 'schedule') {
      unitTargets = new Float64Array(N);
      const target: Record<string, number> = { default: defaultTarget };
      for (let u = 0; u < N; u++) {
        // every unit its own target, or a default with every tenth unit set apart
        const own = tp.perUnit || u % 10 === 3;
        const t = own ? dec(tp.level * (tp.rate ? 0.9 + 0.2 * rnd() : 0.5 + rnd()), 2) : defaultTarget;
        unitTargets[u] = t;
        if (own) target[unitIds[u]] = t;
      }
      ind.target = target;
    }
    indicators.push(ind);
    meta.push({
      id, input: 'value', method: tp.method, direction: tp.direction, cumulative: tp.cumulative,
      weight: tp.weight, cap: tp.cap ?? 1, target: defaultTarget, unitTargets,
      points: 0, eventCap: 0, scale: tp.scale,
    });
  }
  for (let s = 0; s < nScores; s++) {
    const id = `s${pad(s + 1, 2)}`;
    const weight = s % 2 === 0 ? 5 : 3;
    indicators.push({ id, name: SCORE_NAMES[s % SCORE_NAMES.length] + (s >= SCORE_NAMES.length ? `（${Math.floor(s / SCORE_NAMES.length) + 1}）` : ''), category: '部门评价', input: 'score', weight });
    meta.push({ id, input: 'score', direction: 'higher', cumulative: false, weight, cap: 1, target: weight, unitTargets: null, points: 0, eventCap: 0, scale: s % 2 === 0 ? 1 : 2 });
  }
  indicators.push({ id: 'honor', name: '市级以上表彰', category: '加减分', input: 'event', effect: 'bonus', points: 0.5, cap: 2 });
  meta.push({ id: 'honor', input: 'event', effect: 'bonus', direction: 'higher', cumulative: false, weight: 0, cap: 1, target: 1, unitTargets: null, points: 0.5, eventCap: 2, scale: 0 });
  indicators.push({ id: 'notice', name: '被通报批评', category: '加减分', input: 'event', effect: 'penalty', points: 1, cap: 3 });
  meta.push({ id: 'notice', input: 'event', effect: 'penalty', direction: 'higher', cumulative: false, weight: 0, cap: 1, target: 1, unitTargets: null, points: 1, eventCap: 3, scale: 0 });
  indicators.push({ id: 'safety', name: '重大安全事故', category: '一票否决', input: 'event', effect: 'veto' });
  meta.push({ id: 'safety', input: 'event', effect: 'veto', direction: 'higher', cumulative: false, weight: 0, cap: 1, target: 1, unitTargets: null, points: 0, eventCap: 0, scale: 0 });

  // ---- the reference level the SQL peer divides by for best / range / rank
  for (let v = 0; v < nValues; v++) {
    const tp = templates[v];
    if (tp.method === 'best' || tp.method === 'range' || tp.method === 'rank') meta[v].target = dec(tp.level, 2);
  }

  const firstSchedule = meta.find((m) => m.method === 'schedule') as IndicatorMeta;
  const firstCompletion = meta.find((m) => m.method === 'completion') as IndicatorMeta;
  const spec = {
    version: 1,
    campaign: {
      id: `bench-${N}x${K}`,
      name: `比学争赶超结对竞赛（基准 ${N} 单位 × ${K} 指标）`,
      organizer: '某县委组织部',
      year: YEAR,
      cadence: 'month',
      ranking: 'competition',
      precision: 2,
      tie_break: [firstSchedule.id, firstCompletion.id],
    },
    groups,
    units,
    pairs,
    indicators,
    flags: [
      { id: 'red', name: '红旗', color: 'red', award: 'top', count: 1, scope: 'group' },
      { id: 'yellow', name: '黄旗', color: 'yellow', award: 'bottom', count: 1, scope: 'group' },
      { id: 'pair-red', name: '结对红旗', color: 'red', award: 'top', count: 1, scope: 'pair' },
      { id: 'banner', name: `${firstSchedule.id}流动红旗`, color: 'red', award: 'top', count: 1, scope: 'group', indicator: firstSchedule.id, mobile: true, min_total: dec(firstSchedule.weight * 0.8, 2) },
    ],
    summary: {
      method: 'flags',
      points: { red: 3, 'pair-red': 1, banner: 2 },
      grades: [
        { id: 'excellent', name: '优秀', share: 0.2 },
        { id: 'good', name: '良好', min_total: 12 },
        { id: 'pass', name: '合格', min_total: 4 },
        { id: 'fail', name: '不合格' },
      ],
    },
    rules: [
      { id: 'interview', name: '约谈', action: 'interview', when: { flag: 'yellow', consecutive: 2 } },
      { id: 'lagging', name: '督办单', action: 'supervision', when: { rank: 'bottom', scope: 'group', count: 1, consecutive: 2 } },
      { id: 'remind', name: '提醒单', action: 'reminder', when: { behind_schedule: true } },
      { id: 'report', name: '催报', action: 'reminder', when: { missing: true } },
      { id: 'veto', name: '一票否决', action: 'review', when: { vetoed: true } },
    ],
  };
  const specText = JSON.stringify(spec);
  const reader = opts.reader ?? (N <= 20_000 ? 'parseSpec' : 'validateSpec');
  const p0 = performance.now();
  const parsed = reader === 'parseSpec' ? parseSpec(specText) : validateSpec(JSON.parse(specText));
  const parseMs = performance.now() - p0;
  if (!parsed.ok) throw new Error(`generated spec is invalid:\n${parsed.issues.slice(0, 10).map((i) => i.message).join('\n')}`);

  // ---- figures
  const columns: { scale: number; mant: Float64Array }[] = [];
  let reported = 0;
  let missing = 0;
  for (let i = 0; i < K; i++) {
    const m = meta[i];
    const mant = new Float64Array(T * N).fill(NaN);
    const unit = 10 ** m.scale;
    if (m.input === 'value') {
      const tp = templates[i];
      for (let u = 0; u < N; u++) {
        // this unit's performance on this indicator: its strength with some noise; for `lower`
        // indicators a strong unit reports less
        const perf = strength[u] * (0.85 + 0.3 * rnd());
        const size = m.unitTargets ? m.unitTargets[u] / tp.level : 0.5 + rnd();
        const f = tp.direction === 'lower' ? 2 - perf : perf;
        let acc = 0;
        for (let t = 0; t < T; t++) {
          let x: number;
          if (tp.rate) {
            // a rate: the year-to-date level wanders around the unit's own level (and may go
            // below zero for growth rates)
            const base = m.unitTargets ? m.unitTargets[u] : tp.level;
            const spread = tp.spread as number;
            x = tp.direction === 'lower' ? base * f * (0.95 + 0.1 * rnd()) : base + spread * ((perf - 1) * 3 + (rnd() - 0.5));
          } else {
            const month = (tp.level * size * f * (0.8 + 0.4 * rnd())) / T;
            acc += month;
            x = tp.cumulative ? acc : month;
          }
          if (rnd() < missingRate) {
            missing++;
            continue;
          }
          mant[t * N + u] = Math.round(x * unit);
          reported++;
        }
      }
    } else if (m.input === 'score') {
      const full = Math.round(m.weight * unit);
      for (let t = 0; t < T; t++) {
        for (let u = 0; u < N; u++) {
          if (rnd() < missingRate) {
            missing++;
            continue;
          }
          const frac = Math.min(1, 0.55 + 0.4 * strength[u] * rnd() + 0.1 * rnd());
          mant[t * N + u] = Math.min(full, Math.round(full * frac));
          reported++;
        }
      }
    } else {
      // events: mostly none (not reported = 0 events); vetoes are rare
      const rate = m.effect === 'bonus' ? 0.05 : m.effect === 'penalty' ? 0.03 : 0.0002;
      for (let t = 0; t < T; t++) {
        for (let u = 0; u < N; u++) {
          const r = rnd();
          if (r < rate) {
            mant[t * N + u] = r < rate * 0.15 && m.effect !== 'veto' ? 2 : 1;
            reported++;
          }
        }
      }
    }
    columns.push({ scale: m.scale, mant });
  }
  const d0 = performance.now();
  const data = datasetFromColumns(parsed.value, columns);
  const datasetMs = performance.now() - d0;
  return {
    units: N, indicators: K, groups: G, pairs: pairs.length,
    specText, spec: parsed.value, data, columns, meta, unitGroup, reported, missing, reader, parseMs, datasetMs,
  };
}
