// Ids are made from names, so that nobody has to invent one: the pinyin of a Chinese name (青溪镇 →
// qingxizhen), lower-cased letters and digits of any other, else a sequence (unit-3). They are
// never shown where the name will do; a spec written by hand may use any valid id it likes.
import { pinyin } from 'pinyin-pro';

const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** A slug of the name (max `max` characters), or '' when nothing usable is left. */
export function slugOf(name: string, opts: { initials?: boolean; max?: number } = {}): string {
  const parts = pinyin(name.trim(), { toneType: 'none', type: 'array', nonZh: 'consecutive', pattern: opts.initials ? 'first' : 'pinyin' });
  const joined = parts
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, opts.initials ? '' : '-'))
    .join('')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  const s = joined.slice(0, opts.max ?? 40).replace(/-$/, '');
  return SLUG.test(s) ? s : '';
}

/** A new id for `name`, not in `taken` (which it is added to): the slug, slug-2, …, or prefix-N. */
export function newId(name: string, taken: Set<string>, prefix: string, opts: { initials?: boolean } = {}): string {
  const base = slugOf(name, opts) || prefix;
  let id = base;
  if (base === prefix || taken.has(id)) {
    let n = 2;
    if (base === prefix) n = taken.size + 1;
    id = `${base}-${n}`;
    while (taken.has(id)) id = `${base}-${++n}`;
  }
  taken.add(id);
  return id;
}

/** The campaign's id: initials of its name and the year (比学赶超结对竞赛, 2026 → bxgcjdjs-2026). */
export function campaignIdOf(name: string, year: number): string {
  const s = slugOf(name.replace(/\d{4}\s*年?/g, ''), { initials: true, max: 20 }) || 'campaign';
  return `${s}-${year}`;
}
