// Spec text in, engine Spec out. Parsed specs are cached per (campaign, version): a version never
// changes once written, so the cache never needs invalidating.
import { parseSpec, periodKeys, type Issue, type Spec } from '@leitai/engine';
import { readers } from '@leitai/io';
import type { Executor } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { findVersionText } from '../repositories/campaigns.ts';
import { findForbidden, forbiddenChar } from '../text/clean.ts';

/**
 * `fresh`: text about to be stored (a new campaign or version) is also refused when it, or a name
 * or text it spells with YAML escapes ("\a", "\x1b"), holds a control character. Stored versions
 * are read as they are.
 */
export function parseSpecOrThrow(text: string, opts: { fresh?: boolean } = {}): Spec {
  if (opts.fresh) {
    const raw = forbiddenChar(text);
    if (raw) throw new AppError('spec_invalid', undefined, [controlIssue('', raw)]);
  }
  const parsed = parseSpec(text);
  if (!parsed.ok) throw new AppError('spec_invalid', undefined, parsed.issues);
  if (opts.fresh) {
    const found = findForbidden(parsed.value, 'spec');
    if (found) throw new AppError('spec_invalid', undefined, [controlIssue(found.path.replace(/^spec\.?/, ''), found.char)]);
  }
  return parsed.value;
}

/**
 * What a spec sent to the server may hold (a new campaign or version). Reading it is bounded by the
 * engine's reader (characters, nesting, values after YAML aliases: READ_LIMITS) and these counts,
 * never by the clock: whether a spec is accepted does not depend on how busy the machine is. The
 * slots (units × indicators × periods) bound what the campaign's figures can ever cost a server (its
 * figure cache holds about 10 bytes a slot; 10,000 units × 30 indicators × 12 months is 3.6 million).
 */
export interface SpecLimits {
  /** characters of the spec's text */
  chars: number;
  units: number;
  indicators: number;
  /** units × indicators × periods */
  slots: number;
}

export const SPEC_LIMITS: SpecLimits = { chars: 8_000_000, units: 100_000, indicators: 1_000, slots: 8_000_000 };

function tooBig(path: string, en: string, zh: string): AppError {
  const issue: Issue = { kind: 'spec', code: 'spec.too_large', path, message: en, messageZh: zh };
  return new AppError('spec_invalid', undefined, [issue]);
}

/** Refuses a spec beyond `limits`, naming what is too big and the limit. */
export function checkSpecSize(spec: Spec, limits: SpecLimits = SPEC_LIMITS): void {
  const U = spec.units.length;
  const I = spec.indicators.length;
  const T = periodKeys(spec).length;
  const n = (x: number) => x.toLocaleString('en');
  if (U > limits.units) throw tooBig('units', `units: ${n(U)} units; a campaign may have at most ${n(limits.units)}`, `units：共 ${U} 个单位，一项竞赛最多 ${limits.units} 个`);
  if (I > limits.indicators) throw tooBig('indicators', `indicators: ${n(I)} indicators; a campaign may have at most ${n(limits.indicators)}`, `indicators：共 ${I} 项指标，一项竞赛最多 ${limits.indicators} 项`);
  if (U * I * T > limits.slots) {
    throw tooBig(
      'units',
      `${n(U)} units × ${n(I)} indicators × ${T} periods = ${n(U * I * T)} figures a year; a campaign may have at most ${n(limits.slots)} (fewer units or indicators, or a longer period)`,
      `${U} 个单位 × ${I} 项指标 × ${T} 期 = 每年 ${U * I * T} 个数据，一项竞赛最多 ${limits.slots} 个（请减少单位或指标，或改用更长的周期）`,
    );
  }
}

/**
 * A spec text someone just sent (a new campaign or version): read first off the event loop within
 * the reader's limits (issue 13: a YAML alias or merge-key chain must not stall the server; counts,
 * not time), then here, where it is known to read within them; then its size checked (SPEC_LIMITS).
 */
export async function parseFreshSpec(text: string, limits: SpecLimits = SPEC_LIMITS): Promise<Spec> {
  if (text.length > limits.chars) {
    throw tooBig('', `the spec is ${text.length.toLocaleString('en')} characters long; at most ${limits.chars.toLocaleString('en')} are read`, `规则文件长 ${text.length} 个字符，超过上限 ${limits.chars}`);
  }
  const raw = forbiddenChar(text);
  if (raw) throw new AppError('spec_invalid', undefined, [controlIssue('', raw)]);
  const checked = await readers.checkSpec(text);
  if (!checked.ok) throw new AppError('spec_invalid', undefined, checked.issues);
  const spec = parseSpecOrThrow(text, { fresh: true });
  checkSpecSize(spec, limits);
  return spec;
}

function controlIssue(path: string, char: string): Issue {
  const where = path ? `${path}: ` : '';
  const whereZh = path ? `${path}：` : '';
  return {
    kind: 'spec', code: 'spec.control_character', ...(path ? { path } : {}),
    message: `${where}contains the control character ${char}, which names and texts may not hold`,
    messageZh: `${whereZh}含有不允许的控制字符 ${char}（名称和文字中不能有控制字符）`,
  };
}

export class SpecCache {
  private readonly cache = new Map<string, Spec>();
  private readonly texts = new Map<string, string>();

  /** The text of a spec version (what an evaluation worker parses). */
  async text(ex: Executor, campaignId: string, version: number): Promise<string> {
    const key = `${campaignId}@${version}`;
    let text = this.texts.get(key);
    if (text === undefined) {
      text = await findVersionText(ex, campaignId, version);
      if (text === undefined) throw AppError.notFound({ zh: '竞赛方案版本', en: 'Campaign version' });
      if (this.texts.size > 200) this.texts.clear();
      this.texts.set(key, text);
    }
    return text;
  }

  async get(ex: Executor, campaignId: string, version: number): Promise<Spec> {
    const key = `${campaignId}@${version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const spec = parseSpecOrThrow(await this.text(ex, campaignId, version));
    if (this.cache.size > 200) this.cache.clear();
    this.cache.set(key, spec);
    return spec;
  }
}
