// Display helpers. Numbers arrive already rounded by the engine; these only print them.
import dayjs from 'dayjs';

export const num = (x: number | null | undefined, empty = '—') => (x === null || x === undefined ? empty : String(x));

export const pct = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(2)}%`;

export const dateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/** Antd has named tag colours; a spec may say red/yellow or any CSS colour. */
const NAMED: Record<string, string> = {
  red: 'red', 红: 'red', yellow: 'gold', 黄: 'gold', gold: 'gold', green: 'green', 绿: 'green',
  blue: 'blue', 蓝: 'blue', orange: 'orange', purple: 'purple', gray: 'default', grey: 'default', black: 'default',
};
export const tagColor = (color: string | null | undefined) => (color ? NAMED[color.toLowerCase()] ?? color : 'default');
