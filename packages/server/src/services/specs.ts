// Spec text in, engine Spec out. Parsed specs are cached per (campaign, version): a version never
// changes once written, so the cache never needs invalidating.
import { parseSpec, type Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { findVersionText } from '../repositories/campaigns.ts';

export function parseSpecOrThrow(text: string): Spec {
  const parsed = parseSpec(text);
  if (!parsed.ok) throw new AppError('spec_invalid', undefined, parsed.issues);
  return parsed.value;
}

export class SpecCache {
  private readonly cache = new Map<string, Spec>();

  async get(ex: Executor, campaignId: string, version: number): Promise<Spec> {
    const key = `${campaignId}@${version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const text = await findVersionText(ex, campaignId, version);
    if (text === undefined) throw AppError.notFound({ zh: '竞赛方案版本', en: 'Campaign version' });
    const spec = parseSpecOrThrow(text);
    if (this.cache.size > 200) this.cache.clear();
    this.cache.set(key, spec);
    return spec;
  }
}
