// Spec text in, engine Spec out. Parsed specs are cached per (campaign, version): a version never
// changes once written, so the cache never needs invalidating.
import { parseSpec, type Issue, type Spec } from '@leitai/engine';
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
 * A spec text someone just sent (a new campaign or version): read first off the event loop within
 * a time and memory limit (issue 13: a YAML alias or merge-key chain must not stall the server),
 * then here, where it is known to read within the reader's limits.
 */
export async function parseFreshSpec(text: string): Promise<Spec> {
  const raw = forbiddenChar(text);
  if (raw) throw new AppError('spec_invalid', undefined, [controlIssue('', raw)]);
  const checked = await readers.checkSpec(text);
  if (!checked.ok) throw new AppError('spec_invalid', undefined, checked.issues);
  return parseSpecOrThrow(text, { fresh: true });
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
