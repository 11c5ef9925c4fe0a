// Display helpers. Numbers arrive already rounded by the engine; these only print them.
import dayjs from 'dayjs';

const PLAIN = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 20 });

/** A number as a plain decimal, never in exponent form (1e-7 → 0.0000001, 9.5e+23 → 950000000000000000000000). */
export const plain = (x: number): string => (Number.isFinite(x) ? PLAIN.format(x) : String(x));

export const num = (x: number | null | undefined, empty = '—') => (x === null || x === undefined ? empty : plain(x));

/** A number with exactly `digits` decimals, never in exponent form. */
export const fixedPlain = (x: number, digits: number): string =>
  Number.isFinite(x) ? new Intl.NumberFormat('en-US', { useGrouping: false, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x) : String(x);

export const pct = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? '—' : `${fixedPlain(ratio * 100, 2)}%`;

export const dateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/** Antd has named tag colours; a spec may say red/yellow or any CSS colour. */
const NAMED: Record<string, string> = {
  red: 'red', 红: 'red', yellow: 'gold', 黄: 'gold', gold: 'gold', green: 'green', 绿: 'green',
  blue: 'blue', 蓝: 'blue', orange: 'orange', purple: 'purple', gray: 'default', grey: 'default', black: 'default',
};
export const tagColor = (color: string | null | undefined) => (color ? NAMED[color.toLowerCase()] ?? color : 'default');
