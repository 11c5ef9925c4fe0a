// What changed between two versions of a spec, in sentences an organizer reads ("权重 30→25",
// "新增指标 招商引资"), naming things by their names. Shown before saving a new version and on the
// version history page.
import type { DIndicator, DraftSpec, PerKey } from './doc.ts';

export interface Change {
  zh: string;
  en: string;
}

const str = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v)) return v.map(str).join('、');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${str(x)}`).join(', ');
  return String(v);
};
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const FIELD: Record<string, [string, string]> = {
  name: ['名称', 'name'], organizer: ['组织单位', 'organizer'], year: ['年度', 'year'], cadence: ['周期', 'cadence'], ranking: ['并列名次', 'ranking'],
  precision: ['小数位数', 'decimals'], tie_break: ['同分比较', 'tie break'], description: ['说明', 'description'], subject: ['参赛对象', 'competitors'], person: ['关联人员', 'person'],
  weight: ['权重', 'weight'], method: ['计分方法', 'method'], input: ['数据类型', 'input'], target: ['目标', 'target'], base: ['基本目标', 'base target'],
  cap: ['封顶', 'cap'], category: ['类别', 'category'], measure: ['计量单位', 'measure'], direction: ['方向', 'direction'], cumulative: ['累计填报', 'cumulative'],
  quantity: ['数据性质', 'quantity'], min: ['下限', 'min'], max: ['上限', 'max'], whole: ['整数', 'whole'], scope: ['比较范围', 'scope'], step: ['每位扣分', 'step'],
  effect: ['效果', 'effect'], points: ['分值', 'points'], applies_to: ['适用赛组', 'applies to'], standard: ['评分标准', 'standard'],
  color: ['颜色', 'colour'], award: ['授予', 'award'], count: ['名额', 'count'], indicator: ['按指标', 'by indicator'], mobile: ['流动', 'mobile'],
  min_total: ['最低分', 'minimum'], max_total: ['最高分', 'maximum'], action: ['措施', 'action'], when: ['条件', 'condition'], at: ['检查期次', 'checked at'],
  repeat: ['每期重复', 'repeat'], method_summary: ['年度汇总方法', 'summary method'], share: ['比例', 'share'],
};
const field = (k: string): [string, string] => FIELD[k] ?? [k, k];

/** A target or weight map told briefly: "12" or "默认 12，3 个单位另定". */
function perKeyText(v: PerKey | undefined, unitName: (id: string) => string): [string, string] {
  if (v === undefined) return ['—', '—'];
  if (typeof v === 'number') return [String(v), String(v)];
  const own = Object.keys(v).filter((k) => k !== 'default');
  if (own.length <= 3) {
    const parts = Object.entries(v).map(([k, x]) => [k === 'default' ? '默认' : unitName(k), k === 'default' ? 'default' : unitName(k), x] as const);
    return [parts.map(([z, , x]) => `${z} ${x}`).join('，'), parts.map(([, e, x]) => `${e} ${x}`).join(', ')];
  }
  const d = v.default === undefined ? '' : `默认 ${v.default}，`;
  const de = v.default === undefined ? '' : `default ${v.default}, `;
  return [`${d}${own.length} 个单位各自设定`, `${de}${own.length} units of their own`];
}

function byId<T extends { id: string }>(list: T[]): Map<string, T> {
  return new Map(list.map((x) => [x.id, x]));
}

export function diffSpecs(before: DraftSpec, after: DraftSpec): Change[] {
  const out: Change[] = [];
  const add = (zh: string, en: string) => out.push({ zh, en });
  const unitName = (id: string) => after.units.find((u) => u.id === id)?.name ?? before.units.find((u) => u.id === id)?.name ?? id;
  const groupName = (id: string) => after.groups.find((g) => g.id === id)?.name ?? before.groups.find((g) => g.id === id)?.name ?? id;

  for (const k of ['name', 'organizer', 'year', 'cadence', 'ranking', 'precision', 'description']) {
    const a = before.campaign[k];
    const b = after.campaign[k];
    if (!same(a, b)) add(`${field(k)[0]} ${str(a)}→${str(b)}`, `${field(k)[1]} ${str(a)}→${str(b)}`);
  }

  const listDiff = <T extends { id: string; name?: string }>(a: T[], b: T[], kindZh: string, kindEn: string, label: (x: T) => string, fields: (x: T, y: T) => Change[]) => {
    const am = byId(a);
    const bm = byId(b);
    for (const x of b) if (!am.has(x.id)) add(`新增${kindZh} ${label(x)}`, `new ${kindEn} ${label(x)}`);
    for (const x of a) if (!bm.has(x.id)) add(`删除${kindZh} ${label(x)}`, `removed ${kindEn} ${label(x)}`);
    for (const y of b) {
      const x = am.get(y.id);
      if (!x) continue;
      for (const c of fields(x, y)) add(`${kindZh} ${label(y)}：${c.zh}`, `${kindEn} ${label(y)}: ${c.en}`);
    }
  };
  const fieldChanges = (skip: string[], render?: (k: string, v: unknown) => [string, string]) => <T extends Record<string, unknown>>(x: T, y: T): Change[] => {
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => !skip.includes(k));
    const cs: Change[] = [];
    for (const k of keys) {
      if (same(x[k], y[k])) continue;
      const [az, ae] = render ? render(k, x[k]) : [str(x[k]), str(x[k])];
      const [bz, be] = render ? render(k, y[k]) : [str(y[k]), str(y[k])];
      const [fz, fe] = field(k);
      cs.push({ zh: `${fz} ${az}→${bz}`, en: `${fe} ${ae}→${be}` });
    }
    return cs;
  };

  listDiff(before.groups, after.groups, '赛组', 'group', (g) => g.name, fieldChanges(['id']));
  listDiff(before.units, after.units, '单位', 'unit', (u) => u.name, fieldChanges(['id'], (k, v) => (k === 'group' ? [groupName(String(v)), groupName(String(v))] : [str(v), str(v)])));
  const pairText = (units: string[]) => units.map(unitName).join('—');
  const pairsA = new Set(before.pairs.map((p) => pairText(p.units)));
  const pairsB = new Set(after.pairs.map((p) => pairText(p.units)));
  for (const p of pairsB) if (!pairsA.has(p)) add(`新增结对 ${p}`, `new pair ${p}`);
  for (const p of pairsA) if (!pairsB.has(p)) add(`取消结对 ${p}`, `removed pair ${p}`);

  const renderInd = (k: string, v: unknown): [string, string] => {
    if (k === 'target' || k === 'base' || k === 'weight') return perKeyText(v as PerKey | undefined, (id) => (k === 'weight' ? groupName(id) : unitName(id)));
    if (k === 'applies_to' && Array.isArray(v)) return [v.map((g) => groupName(String(g))).join('、'), v.map((g) => groupName(String(g))).join(', ')];
    return [str(v), str(v)];
  };
  listDiff<DIndicator>(before.indicators, after.indicators, '指标', 'indicator', (i) => i.name, fieldChanges(['id'], renderInd));
  listDiff(before.flags, after.flags, '旗帜', 'flag', (f) => f.name, fieldChanges(['id']));
  listDiff(before.rules, after.rules, '问责规则', 'rule', (r) => r.name, fieldChanges(['id']));

  const sa = before.summary;
  const sb = after.summary;
  if (!sa && sb) add('新增年度汇总与等次', 'new year summary and grades');
  else if (sa && !sb) add('删除年度汇总与等次', 'removed the year summary');
  else if (sa && sb) {
    if (sa.method !== sb.method) add(`年度汇总方法 ${sa.method}→${sb.method}`, `summary method ${sa.method}→${sb.method}`);
    if (!same(sa.points, sb.points)) add('年度汇总的夺旗分值有调整', 'flag points of the summary changed');
    listDiff(sa.grades ?? [], sb.grades ?? [], '等次', 'grade', (g) => g.name, fieldChanges(['id']));
  }
  return out;
}
