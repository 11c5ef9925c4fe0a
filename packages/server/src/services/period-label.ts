// A period key (contract section 2) as people write it: 2026-03 → 2026年3月 / March 2026.
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ZH_DIGITS = ['一', '二', '三', '四'];

export function periodLabel(key: string): { zh: string; en: string } {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return { zh: `${m[1]}年${Number(m[2])}月`, en: `${MONTHS[Number(m[2]) - 1]} ${m[1]}` };
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return { zh: `${m[1]}年第${ZH_DIGITS[Number(m[2]) - 1]}季度`, en: `Q${m[2]} ${m[1]}` };
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return { zh: `${m[1]}年${m[2] === '1' ? '上' : '下'}半年`, en: `H${m[2]} ${m[1]}` };
  if (/^\d{4}$/.test(key)) return { zh: `${key}年度`, en: key };
  return { zh: key, en: key };
}
