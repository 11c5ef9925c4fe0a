// Usernames made from names, so that nobody has to invent one: the pinyin of a Chinese name
// (陈小明 → chenxiaoming), letters and digits only.
import { pinyin } from 'pinyin-pro';

export function usernameOf(name: string): string {
  const base = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  return (base || 'user').slice(0, 40);
}
