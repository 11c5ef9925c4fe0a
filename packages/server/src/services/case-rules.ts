// The pure parts of accountability cases: default kinds and their number formats, which state
// allows which step, due dates in Beijing days, nearing-due and overdue from the clock.
import type { CaseKindSetting, CaseState } from '../db/schema.ts';

/** The kinds every campaign starts with, in escalation order (提醒单 → 督办单 → 整改通知书 → 约谈通知书 → 停职反省决定). */
export const DEFAULT_KINDS: CaseKindSetting[] = [
  { id: 'reminder', name: '提醒单', numberFormat: '〔{year}〕提字第{n}号', actions: ['reminder'], dueDays: 7 },
  { id: 'supervision', name: '督办单', numberFormat: '〔{year}〕督字第{n}号', actions: ['supervision'], dueDays: 15 },
  { id: 'rectification', name: '整改通知书', numberFormat: '〔{year}〕整字第{n}号', actions: ['rectification', 'review'], dueDays: 30 },
  { id: 'interview', name: '约谈通知书', numberFormat: '〔{year}〕约字第{n}号', actions: ['interview'], dueDays: 15 },
  { id: 'suspension', name: '停职反省决定', numberFormat: '〔{year}〕停字第{n}号', actions: ['suspension'], dueDays: 30 },
];
export const DEFAULT_NEARING_DAYS = 3;

export const formatNumber = (format: string, year: number, n: number): string => format.replaceAll('{year}', String(year)).replaceAll('{n}', String(n));

/** The kind a rule's action is proposed as: the first kind listing the action, else the first kind. */
export function kindForAction(kinds: CaseKindSetting[], action: string): CaseKindSetting {
  return kinds.find((k) => k.actions.includes(action)) ?? kinds[0];
}

/** Which steps each state allows. Anything else is refused with 409 and changes nothing. */
export const CASE_STEPS = {
  sign: ['issued'],
  report: ['signed', 'returned'],
  review: ['reported'],
  extension: ['issued', 'signed', 'returned'],
  escalate: ['issued', 'signed', 'reported', 'returned'],
  interview: ['issued', 'signed', 'reported', 'returned', 'closed'],
  file: ['issued', 'signed', 'returned'],
  merge: ['issued', 'signed', 'reported', 'returned'],
} as const satisfies Record<string, readonly CaseState[]>;
export type CaseStep = keyof typeof CASE_STEPS;

export const allows = (step: CaseStep, state: CaseState): boolean => (CASE_STEPS[step] as readonly CaseState[]).includes(state);

/** Open: not closed and not replaced by an escalated case. */
export const isOpen = (state: CaseState): boolean => state !== 'closed' && state !== 'escalated';

const DAY = 24 * 3600 * 1000;
const BEIJING = 8 * 3600 * 1000;

/** The Beijing calendar day of an instant, YYYY-MM-DD. */
export const beijingDate = (d: Date): string => new Date(d.getTime() + BEIJING).toISOString().slice(0, 10);

/** The last instant of a Beijing calendar day (a due date is met until the day ends). */
export const endOfBeijingDay = (date: string): Date => new Date(new Date(`${date}T00:00:00.000Z`).getTime() - BEIJING + DAY - 1);

/** The due date `days` Beijing days after `from`. */
export const dueAfter = (from: Date, days: number): Date => endOfBeijingDay(beijingDate(new Date(from.getTime() + days * DAY)));

export type DueStatus = 'ok' | 'nearing' | 'overdue' | 'none';

/**
 * A case the unit still owes something on (issued, signed, returned) is overdue after its due date
 * and nearing it within `nearingDays` days before; a report awaiting review or a finished case has none.
 */
export function dueStatus(state: CaseState, dueAt: Date, now: Date, nearingDays: number): DueStatus {
  if (state !== 'issued' && state !== 'signed' && state !== 'returned') return 'none';
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  if (dueAt.getTime() - now.getTime() <= nearingDays * DAY) return 'nearing';
  return 'ok';
}
