// Validates a whole spec tree against contract sections 1–8 and builds the model. Every problem is
// reported at once with its path; the model is returned only when there is none.
import { Dec } from '../decimal.ts';
import type {
  Campaign, EventIndicator, FlagRule, Grade, Group, Indicator, Pair, PerUnit, Rule, RuleWhen, ScoreIndicator, Spec, Summary, Unit, ValueIndicator,
} from '../model.ts';
import { periodKeys } from '../periods.ts';
import { Checker } from './checker.ts';
import { NumLit, joinPath, type Tree } from './read.ts';

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const ROOT_KEYS = ['version', 'campaign', 'groups', 'units', 'pairs', 'indicators', 'flags', 'summary', 'rules'] as const;
const CAMPAIGN_KEYS = ['id', 'name', 'organizer', 'year', 'cadence', 'ranking', 'precision', 'tie_break', 'description', 'subject'] as const;
/** the largest person id a unit may name (a PostgreSQL integer) */
const MAX_PERSON = 2_147_483_647;
const INDICATOR_KEYS = [
  'id', 'name', 'category', 'measure', 'input', 'weight', 'applies_to', 'method', 'direction', 'cumulative', 'quantity',
  'min', 'max', 'whole', 'target', 'base', 'cap', 'scope', 'step', 'effect', 'points', 'description', 'standard',
] as const;
const FLAG_KEYS = ['id', 'name', 'color', 'award', 'count', 'scope', 'indicator', 'mobile', 'min_total', 'max_total', 'tie_break', 'description'] as const;
const RULE_KEYS = ['id', 'name', 'action', 'when', 'at', 'repeat', 'description'] as const;
const WHEN_KEYS = ['flag', 'rank', 'scope', 'count', 'behind_schedule', 'missing', 'vetoed', 'below_base', 'consecutive'] as const;

export function validateTree(tree: Tree, lines: Map<string, number>): { spec?: Spec; c: Checker } {
  const c = new Checker(lines);
  const root = c.obj('', tree, ROOT_KEYS, ['version', 'campaign', 'groups', 'units', 'indicators']);
  if (!root) return { c };
  if (root.version !== undefined && root.version !== null) {
    const v = c.int('version', root.version, 1, 1);
    if (v === undefined) return { c };
  }

  const groups = readGroups(c, root.groups);
  const groupIds = new Set(groups.map((g) => g.id));
  const units = readUnits(c, root.units, groupIds, subjectOf(root.campaign));
  const unitById = new Map(units.map((u) => [u.id, u]));
  const pairs = readPairs(c, root.pairs, unitById);
  const indicators = readIndicators(c, root.indicators, units, groupIds);
  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  const campaign = readCampaign(c, root.campaign, indicatorById);
  const flags = readFlags(c, root.flags, indicatorById);
  const flagIds = new Set(flags.map((f) => f.id));
  const summary = root.summary === undefined || root.summary === null ? undefined : readSummary(c, root.summary, flagIds);
  const rules = readRules(c, root.rules, flagIds, indicatorById, campaign);

  if (c.issues.length > 0 || !campaign) return { c };
  return {
    c,
    spec: { version: 1, campaign, groups, units, pairs, indicators, flags, summary, rules },
  };
}

function readCampaign(c: Checker, v: Tree | undefined, indicators: Map<string, Indicator>): Campaign | undefined {
  const o = c.obj('campaign', v, CAMPAIGN_KEYS, ['id', 'name', 'year', 'cadence']);
  if (!o) return undefined;
  const id = c.id('campaign.id', o.id);
  if (id !== undefined && !SLUG.test(id)) {
    c.add('campaign.id', 'spec.slug', `"${id}" is not a valid id: lower-case letters, digits, - and _, starting with a letter or digit, at most 64`, `“${id}”不是有效编号：小写字母、数字、- 和 _，以字母或数字开头，最长 64 位`, id);
  }
  const name = c.str('campaign.name', o.name);
  const organizer = c.str('campaign.organizer', o.organizer, true);
  const year = c.int('campaign.year', o.year, 1900, 9999);
  const cadence = c.oneOf('campaign.cadence', o.cadence, ['month', 'quarter', 'half', 'year'] as const);
  const ranking = c.oneOf('campaign.ranking', o.ranking, ['competition', 'dense'] as const, 'competition');
  const precision = o.precision === undefined || o.precision === null ? 2 : c.int('campaign.precision', o.precision, 0, 4);
  const tieBreak = readIndicatorList(c, 'campaign.tie_break', o.tie_break, indicators) ?? [];
  const description = c.str('campaign.description', o.description, true);
  const subject = c.oneOf('campaign.subject', o.subject, ['unit', 'person'] as const, 'unit');
  if (id === undefined || name === undefined || year === undefined || !cadence || !ranking || precision === undefined) return undefined;
  const campaign: Campaign = { id, name, organizer, year, cadence, ranking, precision, tieBreak };
  if (description !== undefined) campaign.description = description;
  if (subject === 'person') campaign.subject = 'person';
  return campaign;
}

/** A list of declared indicator ids (a tie_break); undefined when not given. */
function readIndicatorList(c: Checker, path: string, v: Tree | undefined, indicators: Map<string, Indicator>): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const out: string[] = [];
  c.list(path, v, true)?.forEach((t, i) => {
    const p = `${path}[${i}]`;
    const tid = c.id(p, t);
    if (tid !== undefined && c.known(p, tid, indicators, 'indicator', '指标')) out.push(tid);
  });
  return out;
}

function readGroups(c: Checker, v: Tree | undefined): Group[] {
  const out: Group[] = [];
  const seen = new Set<string>();
  c.list('groups', v)?.forEach((g, i) => {
    const p = `groups[${i}]`;
    const o = c.obj(p, g, ['id', 'name'], ['id', 'name']);
    if (!o) return;
    const id = c.id(`${p}.id`, o.id);
    const name = c.str(`${p}.name`, o.name);
    if (id !== undefined && c.unique(`${p}.id`, id, seen, 'group', '赛组') && name !== undefined) out.push({ id, name });
  });
  return out;
}

/**
 * (Leitai extension) `campaign.subject` as written, read before the units are: 'person' only when
 * it says so (a wrong value is reported by readCampaign).
 */
function subjectOf(campaign: Tree | undefined): 'unit' | 'person' {
  return campaign && typeof campaign === 'object' && !Array.isArray(campaign) && !(campaign instanceof NumLit) && campaign.subject === 'person' ? 'person' : 'unit';
}

function readUnits(c: Checker, v: Tree | undefined, groups: Set<string>, subject: 'unit' | 'person'): Unit[] {
  const out: Unit[] = [];
  const seen = new Set<string>();
  const persons = new Map<number, string>();
  const list = c.list('units', v);
  if (list && list.length === 0) c.add('units', 'spec.empty', 'at least one unit is required', '至少需要一个参赛单位');
  list?.forEach((u, i) => {
    const p = `units[${i}]`;
    const o = c.obj(p, u, ['id', 'name', 'group', 'person'], ['id', 'name', 'group']);
    if (!o) return;
    const id = c.id(`${p}.id`, o.id);
    const name = c.str(`${p}.name`, o.name);
    const group = c.id(`${p}.group`, o.group);
    const groupOk = group !== undefined && c.known(`${p}.group`, group, groups, 'group', '赛组');
    const person = readPerson(c, `${p}.person`, o.person, subject, persons, id);
    if (id !== undefined && c.unique(`${p}.id`, id, seen, 'unit', '单位') && name !== undefined && groupOk && person !== null) {
      out.push(person === undefined ? { id, name, group: group as string } : { id, name, group: group as string, person });
    }
  });
  return out;
}

/**
 * (Leitai extension) `units[i].person`: the person record a competitor of a person campaign stands
 * for — a whole number from 1, only where `campaign.subject` is person, each person at most once.
 * undefined: not given; null: given and wrong (reported).
 */
function readPerson(c: Checker, path: string, v: Tree | undefined, subject: 'unit' | 'person', seen: Map<number, string>, unit: string | undefined): number | null | undefined {
  if (v === undefined || v === null) return undefined;
  if (subject !== 'person') {
    c.add(path, 'spec.person_needs_subject', 'a unit may name a person only in a campaign whose subject is person (campaign.subject: person)', '仅当 campaign.subject 为 person（人员竞赛）时，参赛对象才可关联人员', v instanceof NumLit ? v.text : typeof v === 'object' ? undefined : String(v));
    return null;
  }
  const n = c.int(path, v, 1, MAX_PERSON);
  if (n === undefined) return null;
  const other = seen.get(n);
  if (other !== undefined) {
    c.add(path, 'spec.duplicate_person', `person ${n} already stands as unit "${other}": a person competes once in a campaign`, `人员 ${n} 已作为参赛对象“${other}”参赛：同一人员在一项竞赛中只能参赛一次`, String(n));
    return null;
  }
  seen.set(n, unit ?? '');
  return n;
}

function readPairs(c: Checker, v: Tree | undefined, units: Map<string, Unit>): Pair[] {
  const out: Pair[] = [];
  const seen = new Set<string>();
  c.list('pairs', v, true)?.forEach((pv, i) => {
    const p = `pairs[${i}]`;
    let id: string | undefined = `pair-${i + 1}`;
    let members: Tree[] | undefined;
    let membersPath = p;
    if (Array.isArray(pv)) {
      members = pv;
    } else {
      const o = c.obj(p, pv, ['id', 'units'], ['id', 'units']);
      if (!o) return;
      id = c.id(`${p}.id`, o.id);
      membersPath = `${p}.units`;
      members = c.list(membersPath, o.units);
    }
    if (!members) return;
    const ids: string[] = [];
    let ok = true;
    members.forEach((m, j) => {
      const mp = joinPath(membersPath, j);
      const uid = c.id(mp, m);
      if (uid === undefined || !c.known(mp, uid, units, 'unit', '单位')) {
        ok = false;
        return;
      }
      if (ids.includes(uid)) {
        c.add(mp, 'spec.duplicate_id', `unit "${uid}" stands twice in this pair`, `单位“${uid}”在同一结对中出现两次`, uid);
        ok = false;
      }
      ids.push(uid);
    });
    if (members.length < 2) {
      c.add(membersPath, 'spec.pair_size', `a pair needs 2 or more units, got ${members.length}`, `结对至少需要 2 个单位，实际为 ${members.length} 个`);
      ok = false;
    }
    if (ok) {
      const gs = new Set(ids.map((u) => (units.get(u) as Unit).group));
      if (gs.size > 1) {
        c.add(membersPath, 'spec.pair_groups', `the units of a pair must belong to one group, got groups ${[...gs].join(', ')}`, `结对单位须属于同一赛组，实际分属 ${[...gs].join('、')}`, ids.join(','));
        ok = false;
      }
    }
    if (id !== undefined && c.unique(Array.isArray(pv) ? p : `${p}.id`, id, seen, 'pair', '结对') && ok) out.push({ id, units: ids });
  });
  return out;
}

/**
 * A target or base: a number > 0, or `{ default, <unit id>: … }`. Every unit the indicator applies
 * to must get one; a unit's own entry for a unit it does not apply to is an error (1.1).
 */
function readPerUnit(c: Checker, path: string, v: Tree | undefined, units: Unit[], applies: (u: Unit) => boolean, what: [string, string]): PerUnit | undefined {
  if (v === undefined || v === null) return undefined;
  const unitById = new Map(units.map((u) => [u.id, u]));
  let def: Dec | undefined;
  const per: Record<string, Dec> = Object.create(null) as Record<string, Dec>;
  if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof NumLit)) {
    for (const [k, tv] of Object.entries(v)) {
      const tp = joinPath(path, k);
      if (k !== 'default' && !c.known(tp, k, unitById, 'unit', '单位')) continue;
      const d = c.dec(tp, tv, { positive: true });
      if (!d) continue;
      if (k === 'default') def = d;
      else if (!applies(unitById.get(k) as Unit)) {
        c.add(tp, 'spec.not_applicable_unit', `the indicator does not apply to unit "${k}" (its group is not in applies_to): remove this ${what[0]}`, `该指标不适用于单位“${k}”（其赛组不在 applies_to 中）：请删除此${what[1]}`, k);
      } else per[k] = d;
    }
  } else {
    def = c.dec(path, v, { positive: true });
    if (!def) return undefined;
  }
  const missing = units.filter((u) => applies(u) && !per[u.id] && !def).map((u) => u.id);
  if (missing.length > 0) {
    c.add(path, `spec.${what[0]}_missing`, `no ${what[0]} for unit(s) ${missing.join(', ')}: give a default or one per unit`, `单位 ${missing.join('、')} 没有${what[1]}：请给出 default 或逐个单位的${what[1]}`, missing.join(','));
  }
  // only the units' own are kept; the rest take the default (see perUnitOf in model.ts)
  return { default: def, units: per };
}

/** (1.1) applies_to: a non-empty list of declared group ids, each once. */
function readAppliesTo(c: Checker, path: string, v: Tree | undefined, groups: Set<string>): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const list = c.list(path, v);
  if (!list) return undefined;
  if (list.length === 0) {
    c.add(path, 'spec.empty', 'must name at least one group (leave applies_to out for every group)', '至少应列出一个赛组（适用于所有赛组时请省略 applies_to）');
    return undefined;
  }
  const out: string[] = [];
  list.forEach((g, j) => {
    const gp = `${path}[${j}]`;
    const gid = c.id(gp, g);
    if (gid === undefined || !c.known(gp, gid, groups, 'group', '赛组')) return;
    if (out.includes(gid)) c.add(gp, 'spec.duplicate_id', `group "${gid}" is listed twice`, `赛组“${gid}”重复列出`, gid);
    else out.push(gid);
  });
  return out;
}

/**
 * (1.1) weight: a number > 0, or `{ default, <group id>: … }`; every group the indicator applies to
 * (that has units) must get one, and no group it does not apply to may have one.
 */
function readWeight(c: Checker, path: string, v: Tree | undefined, groups: Set<string>, applies: (g: string) => boolean, units: Unit[]): Pick<ScoreIndicator, 'weight' | 'groupWeights'> | undefined {
  if (v === undefined || v === null) {
    c.add(path, 'spec.required', 'required', '必填');
    return undefined;
  }
  if (!(typeof v === 'object' && !Array.isArray(v) && !(v instanceof NumLit))) {
    const w = c.dec(path, v, { positive: true });
    return w ? { weight: w, groupWeights: Object.create(null) as Record<string, Dec> } : undefined;
  }
  let def: Dec | undefined;
  const per: Record<string, Dec> = Object.create(null) as Record<string, Dec>;
  let ok = true;
  for (const [k, wv] of Object.entries(v)) {
    const wp = joinPath(path, k);
    if (k !== 'default' && !c.known(wp, k, groups, 'group', '赛组')) {
      ok = false;
      continue;
    }
    const d = c.dec(wp, wv, { positive: true });
    if (!d) {
      ok = false;
      continue;
    }
    if (k === 'default') def = d;
    else if (!applies(k)) {
      c.add(wp, 'spec.not_applicable_group', `the indicator does not apply to group "${k}" (not in applies_to): remove this weight`, `该指标不适用于赛组“${k}”（不在 applies_to 中）：请删除此权重`, k);
      ok = false;
    } else per[k] = d;
  }
  const missing = [...new Set(units.filter((u) => applies(u.group) && !per[u.group] && !def).map((u) => u.group))];
  if (missing.length > 0) {
    c.add(path, 'spec.weight_missing', `no weight for group(s) ${missing.join(', ')}: give a default or one per group`, `赛组 ${missing.join('、')} 没有权重：请给出 default 或逐个赛组的权重`, missing.join(','));
    ok = false;
  }
  if (!ok) return undefined;
  // the default; without one, the largest group weight (see Weighted in model.ts)
  let weight = def;
  if (!def) for (const w of Object.values(per)) if (!weight || w.cmp(weight) > 0) weight = w;
  if (!weight) {
    c.add(path, 'spec.empty', 'give a default or at least one group\'s weight', '请给出 default 或至少一个赛组的权重');
    return undefined;
  }
  return { weight, groupWeights: per };
}

function readIndicators(c: Checker, v: Tree | undefined, units: Unit[], groups: Set<string>): Indicator[] {
  const out: Indicator[] = [];
  const seen = new Set<string>();
  const list = c.list('indicators', v);
  if (list && list.length === 0) c.add('indicators', 'spec.empty', 'at least one indicator is required', '至少需要一个指标');
  list?.forEach((iv, i) => {
    const p = `indicators[${i}]`;
    const o = c.obj(p, iv, INDICATOR_KEYS, ['id', 'name', 'input']);
    if (!o) return;
    const id = c.id(`${p}.id`, o.id);
    const name = c.str(`${p}.name`, o.name);
    const category = c.str(`${p}.category`, o.category, true);
    const measure = c.str(`${p}.measure`, o.measure, true);
    const description = c.str(`${p}.description`, o.description, true);
    const standard = c.str(`${p}.standard`, o.standard, true);
    const input = o.input === undefined || o.input === null ? undefined : c.oneOf(`${p}.input`, o.input, ['value', 'score', 'event'] as const);
    const idOk = id !== undefined && c.unique(`${p}.id`, id, seen, 'indicator', '指标');
    const appliesTo = readAppliesTo(c, `${p}.applies_to`, o.applies_to, groups);
    const appliesOk = o.applies_to === undefined || o.applies_to === null || appliesTo !== undefined;
    const inGroup = (g: string) => appliesTo === undefined || appliesTo.includes(g);
    const applies = (u: Unit) => inGroup(u.group);
    const base: Pick<Indicator, 'id' | 'name' | 'category' | 'measure' | 'description' | 'standard' | 'appliesTo'> = { id: id as string, name: name as string, category, measure };
    if (description !== undefined) base.description = description;
    if (standard !== undefined) base.standard = standard;
    if (appliesTo !== undefined) base.appliesTo = appliesTo;
    const forbid = (keys: string[], why: string, whyZh: string) => {
      for (const k of keys) {
        if (o[k] !== undefined && o[k] !== null) c.add(`${p}.${k}`, 'spec.not_applicable', `"${k}" is not allowed: ${why}`, `不允许“${k}”：${whyZh}`, k);
      }
    };
    const valueOnly = ['quantity', 'min', 'max', 'whole'];
    if (input === 'event') {
      // The contract says so in as many words; a weight here means the author misread the input kind.
      forbid(['weight', 'method'], 'event indicators have no weight and no method', '事件类指标没有权重和计分方法');
      forbid([...valueOnly, 'base'], 'only value indicators have bounds, a quantity and a base', '只有数值类指标才有取值范围、数量类型和基本目标');
      const effect = c.oneOf(`${p}.effect`, o.effect, ['bonus', 'penalty', 'veto'] as const);
      let points: Dec | undefined;
      let cap: Dec | undefined;
      if (effect && effect !== 'veto') {
        points = c.dec(`${p}.points`, o.points, { positive: true });
        cap = c.dec(`${p}.cap`, o.cap, { optional: true, positive: true });
      }
      if (idOk && name !== undefined && effect && appliesOk) out.push({ ...base, input: 'event', effect, points, cap } satisfies EventIndicator);
      return;
    }
    if (input === 'score') {
      forbid([...valueOnly, 'base'], 'only value indicators have bounds, a quantity and a base', '只有数值类指标才有取值范围、数量类型和基本目标');
      const weight = readWeight(c, `${p}.weight`, o.weight, groups, inGroup, units);
      if (idOk && name !== undefined && weight && appliesOk) out.push({ ...base, input: 'score', ...weight } satisfies ScoreIndicator);
      return;
    }
    if (input !== 'value') return;
    const weight = readWeight(c, `${p}.weight`, o.weight, groups, inGroup, units);
    const method = c.oneOf(`${p}.method`, o.method, ['completion', 'schedule', 'best', 'range', 'rank'] as const);
    const direction = c.oneOf(`${p}.direction`, o.direction, ['higher', 'lower'] as const, 'higher');
    const cumulative = c.bool(`${p}.cumulative`, o.cumulative) ?? true;
    const quantity = c.oneOf(`${p}.quantity`, o.quantity, ['amount', 'rate'] as const, 'amount');
    if (quantity === 'rate' && !cumulative) {
      c.add(`${p}.quantity`, 'spec.rate_cumulative', 'a rate must be reported year-to-date: quantity rate needs cumulative true', '比率类指标（quantity: rate）必须按累计值填报：不能与 cumulative: false 同用', 'rate');
    }
    const min = c.dec(`${p}.min`, o.min, { optional: true });
    const max = c.dec(`${p}.max`, o.max, { optional: true });
    if (min && max && min.cmp(max) > 0) c.add(`${p}.max`, 'spec.range', `max ${max.toString()} is below min ${min.toString()}`, `max ${max.toString()} 小于 min ${min.toString()}`, max.toString());
    const whole = c.bool(`${p}.whole`, o.whole) ?? false;
    const needsTarget = method === 'completion' || method === 'schedule';
    let target: ValueIndicator['target'];
    let baseTarget: ValueIndicator['base'];
    if (needsTarget) {
      if (o.target === undefined || o.target === null) c.add(`${p}.target`, 'spec.required', `required for method ${method}`, `计分方法 ${method} 必须给出目标值`);
      else target = readPerUnit(c, `${p}.target`, o.target, units, applies, ['target', '目标值']);
      baseTarget = readPerUnit(c, `${p}.base`, o.base, units, applies, ['base', '基本目标']);
    } else if (method) {
      forbid(['base'], `method ${method} has no target, so no base target`, `计分方法 ${method} 没有目标值，也就没有基本目标`);
    }
    const cap = needsTarget ? (c.dec(`${p}.cap`, o.cap, { optional: true, positive: true }) ?? Dec.ONE) : Dec.ONE;
    let scope: 'group' | 'all' = 'group';
    if (method === 'best' || method === 'range' || method === 'rank') {
      scope = c.oneOf(`${p}.scope`, o.scope, ['group', 'all'] as const, 'group') ?? 'group';
    }
    let step: Dec | undefined;
    if (method === 'rank') step = c.dec(`${p}.step`, o.step, { optional: true, positive: true });
    if (method === 'best' && direction === 'lower') {
      c.add(`${p}.direction`, 'spec.best_lower', 'method best works with direction higher only', 'best 方法只支持 direction: higher', 'lower');
    }
    const baseOk = o.base === undefined || o.base === null || baseTarget !== undefined;
    if (idOk && name !== undefined && weight && method && direction && quantity && appliesOk && baseOk && (!needsTarget || target)) {
      const ind: ValueIndicator = { ...base, input: 'value', ...weight, method, direction, cumulative, quantity, whole, target, cap, scope, step };
      if (min) ind.min = min;
      if (max) ind.max = max;
      if (baseTarget) ind.base = baseTarget;
      out.push(ind);
    }
  });
  return out;
}

function readFlags(c: Checker, v: Tree | undefined, indicators: Map<string, Indicator>): FlagRule[] {
  const out: FlagRule[] = [];
  const seen = new Set<string>();
  c.list('flags', v, true)?.forEach((fv, i) => {
    const p = `flags[${i}]`;
    const o = c.obj(p, fv, FLAG_KEYS, ['id', 'name', 'award']);
    if (!o) return;
    const id = c.id(`${p}.id`, o.id);
    const name = c.str(`${p}.name`, o.name);
    const color = c.str(`${p}.color`, o.color, true);
    const award = c.oneOf(`${p}.award`, o.award, ['top', 'bottom'] as const);
    const count = o.count === undefined || o.count === null ? 1 : c.int(`${p}.count`, o.count, 1, 1_000_000);
    const scope = c.oneOf(`${p}.scope`, o.scope, ['group', 'pair', 'all'] as const, 'group');
    let indicator: string | undefined;
    if (o.indicator !== undefined && o.indicator !== null) {
      const iid = c.id(`${p}.indicator`, o.indicator);
      if (iid !== undefined && c.known(`${p}.indicator`, iid, indicators, 'indicator', '指标')) indicator = iid;
      else indicator = undefined;
    }
    const mobile = c.bool(`${p}.mobile`, o.mobile) ?? false;
    const minTotal = c.dec(`${p}.min_total`, o.min_total, { optional: true });
    const maxTotal = c.dec(`${p}.max_total`, o.max_total, { optional: true });
    const tieBreak = readIndicatorList(c, `${p}.tie_break`, o.tie_break, indicators);
    const description = c.str(`${p}.description`, o.description, true);
    const indicatorOk = o.indicator === undefined || o.indicator === null || indicator !== undefined;
    if (id !== undefined && c.unique(`${p}.id`, id, seen, 'flag', '旗帜') && name !== undefined && award && count !== undefined && scope && indicatorOk) {
      const flag: FlagRule = { id, name, color, award, count, scope, indicator, mobile, minTotal, maxTotal };
      if (tieBreak !== undefined) flag.tieBreak = tieBreak;
      if (description !== undefined) flag.description = description;
      out.push(flag);
    }
  });
  return out;
}

function readSummary(c: Checker, v: Tree, flags: Set<string>): Summary | undefined {
  const o = c.obj('summary', v, ['method', 'points', 'grades'], ['method']);
  if (!o) return undefined;
  const method = c.oneOf('summary.method', o.method, ['flags', 'mean', 'sum', 'latest'] as const);
  const points: Record<string, Dec> = Object.create(null) as Record<string, Dec>;
  if (o.points !== undefined && o.points !== null) {
    const po = c.obj('summary.points', o.points, Object.keys(typeof o.points === 'object' && o.points && !Array.isArray(o.points) ? o.points : {}));
    if (po) {
      for (const [fid, pv] of Object.entries(po)) {
        const pp = `summary.points.${fid}`;
        const okFlag = c.known(pp, fid, flags, 'flag', '旗帜');
        const d = c.dec(pp, pv);
        if (okFlag && d) points[fid] = d;
      }
    }
  }
  const grades: Grade[] = [];
  const seen = new Set<string>();
  c.list('summary.grades', o.grades, true)?.forEach((gv, i) => {
    const p = `summary.grades[${i}]`;
    const g = c.obj(p, gv, ['id', 'name', 'share', 'count', 'min_total'], ['id', 'name']);
    if (!g) return;
    const id = c.id(`${p}.id`, g.id);
    const name = c.str(`${p}.name`, g.name);
    const share = c.dec(`${p}.share`, g.share, { optional: true, positive: true });
    if (share && share.cmp(Dec.ONE) > 0) c.add(`${p}.share`, 'spec.range', `must be at most 1, got ${share.toString()}`, `应不大于 1，实际为 ${share.toString()}`, share.toString());
    const count = g.count === undefined || g.count === null ? undefined : c.int(`${p}.count`, g.count, 1, 1_000_000);
    const minTotal = c.dec(`${p}.min_total`, g.min_total, { optional: true });
    if (id !== undefined && c.unique(`${p}.id`, id, seen, 'grade', '等次') && name !== undefined) {
      const grade: Grade = { id, name, share, minTotal };
      if (count !== undefined) grade.count = count;
      grades.push(grade);
    }
  });
  if (!method) return undefined;
  return { method, points, grades };
}

function readRules(c: Checker, v: Tree | undefined, flags: Set<string>, indicators: Map<string, Indicator>, campaign: Campaign | undefined): Rule[] {
  const out: Rule[] = [];
  const seen = new Set<string>();
  c.list('rules', v, true)?.forEach((rv, i) => {
    const p = `rules[${i}]`;
    const o = c.obj(p, rv, RULE_KEYS, ['id', 'name', 'action', 'when']);
    if (!o) return;
    const id = c.id(`${p}.id`, o.id);
    const name = c.str(`${p}.name`, o.name);
    const action = c.str(`${p}.action`, o.action);
    const w = o.when === undefined || o.when === null ? undefined : c.obj(`${p}.when`, o.when, WHEN_KEYS);
    if (!w) return;
    const wp = `${p}.when`;
    const when: RuleWhen = { scope: 'group', count: 1, consecutive: 1 };
    let conditions = 0;
    let ok = true;
    if (w.flag !== undefined && w.flag !== null) {
      const f = c.id(`${wp}.flag`, w.flag);
      if (f !== undefined && c.known(`${wp}.flag`, f, flags, 'flag', '旗帜')) when.flag = f;
      else ok = false;
      conditions++;
    }
    if (w.rank !== undefined && w.rank !== null) {
      if (c.oneOf(`${wp}.rank`, w.rank, ['bottom'] as const)) when.rank = 'bottom';
      else ok = false;
      conditions++;
    }
    const scope = c.oneOf(`${wp}.scope`, w.scope, ['group', 'pair', 'all'] as const, 'group');
    const count = w.count === undefined || w.count === null ? 1 : c.int(`${wp}.count`, w.count, 1, 1_000_000);
    const consecutive = w.consecutive === undefined || w.consecutive === null ? 1 : c.int(`${wp}.consecutive`, w.consecutive, 1, 1000);
    if (!scope || count === undefined || consecutive === undefined) ok = false;
    else Object.assign(when, { scope, count, consecutive });
    if (w.behind_schedule !== undefined && w.behind_schedule !== null) {
      const bp = `${wp}.behind_schedule`;
      if (w.behind_schedule === true) {
        when.behindSchedule = true;
        conditions++;
      } else if (w.behind_schedule === false) {
        // false states no condition
      } else {
        const ids: string[] = [];
        c.list(bp, w.behind_schedule)?.forEach((x, j) => {
          const xp = `${bp}[${j}]`;
          const iid = c.id(xp, x);
          if (iid === undefined || !c.known(xp, iid, indicators, 'indicator', '指标')) {
            ok = false;
            return;
          }
          const ind = indicators.get(iid);
          if (!ind || ind.input !== 'value' || ind.method !== 'schedule') {
            c.add(xp, 'spec.not_schedule', `indicator "${iid}" does not use method schedule`, `指标“${iid}”不是序时进度（schedule）指标`, iid);
            ok = false;
            return;
          }
          ids.push(iid);
        });
        when.behindSchedule = ids;
        conditions++;
      }
    }
    const missing = c.bool(`${wp}.missing`, w.missing);
    if (missing) {
      when.missing = true;
      conditions++;
    }
    const vetoed = c.bool(`${wp}.vetoed`, w.vetoed);
    if (vetoed) {
      when.vetoed = true;
      conditions++;
    }
    if (w.below_base !== undefined && w.below_base !== null) {
      const bp = `${wp}.below_base`;
      if (w.below_base === true) {
        when.belowBase = true;
        conditions++;
      } else if (w.below_base !== false) {
        const ids: string[] = [];
        c.list(bp, w.below_base)?.forEach((x, j) => {
          const xp = `${bp}[${j}]`;
          const iid = c.id(xp, x);
          if (iid === undefined || !c.known(xp, iid, indicators, 'indicator', '指标')) {
            ok = false;
            return;
          }
          const ind = indicators.get(iid);
          if (!ind || ind.input !== 'value' || !ind.base) {
            c.add(xp, 'spec.no_base', `indicator "${iid}" has no base target`, `指标“${iid}”没有基本目标（base）`, iid);
            ok = false;
            return;
          }
          ids.push(iid);
        });
        when.belowBase = ids;
        conditions++;
      }
    }
    if (conditions === 0) {
      c.add(wp, 'spec.no_condition', 'names no condition (flag, rank, behind_schedule, missing, vetoed or below_base)', '没有任何条件（flag、rank、behind_schedule、missing、vetoed 或 below_base）');
      ok = false;
    }
    let at: string[] | undefined;
    if (o.at !== undefined && o.at !== null) {
      const keys = campaign ? periodKeys({ campaign }) : null;
      const list = c.list(`${p}.at`, o.at);
      if (!list) ok = false;
      else if (list.length === 0) {
        c.add(`${p}.at`, 'spec.empty', 'must name at least one period (leave at out for every period)', '至少应列出一个考核期（每期都检查时请省略 at）');
        ok = false;
      } else {
        at = [];
        list.forEach((x, j) => {
          const xp = `${p}.at[${j}]`;
          const key = c.id(xp, x);
          if (key === undefined) {
            ok = false;
            return;
          }
          if (keys && !keys.includes(key)) {
            c.add(xp, 'spec.unknown_period', `"${key}" is not a period of this campaign (${keys[0]} … ${keys[keys.length - 1]})`, `“${key}”不是本竞赛的考核期（${keys[0]} … ${keys[keys.length - 1]}）`, key);
            ok = false;
          } else if ((at as string[]).includes(key)) {
            c.add(xp, 'spec.duplicate_id', `period "${key}" is listed twice`, `考核期“${key}”重复列出`, key);
            ok = false;
          } else (at as string[]).push(key);
        });
      }
    }
    const repeat = c.bool(`${p}.repeat`, o.repeat) ?? true;
    const description = c.str(`${p}.description`, o.description, true);
    if (id !== undefined && c.unique(`${p}.id`, id, seen, 'rule', '规则') && name !== undefined && action !== undefined && ok) {
      const rule: Rule = { id, name, action, when, repeat };
      if (at) rule.at = at;
      if (description !== undefined) rule.description = description;
      out.push(rule);
    }
  });
  return out;
}
