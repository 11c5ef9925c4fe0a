// The periodic job that sends nearing-due reminders of accountability cases (issue 15 item 1): a
// case within its campaign's nearing days of the due date reminds the unit's inbox once, whether
// or not anybody reads the case board. Safe with several server processes: each case carries an
// "already reminded" mark taken under a row lock (remindAllNearingDue); a run never overlaps the
// one before in the same process.
import type { Ctx } from './context.ts';
import { remindAllNearingDue } from './cases.ts';

export interface CaseTimer {
  /** one run now (what the interval does); resolves with the reminders sent */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startCaseReminders(ctx: Ctx, intervalMs: number, onError: (e: unknown) => void): CaseTimer {
  let running: Promise<number> | null = null;
  let stopped = false;
  const runOnce = () => {
    if (stopped) return Promise.resolve(0);
    if (!running) {
      running = remindAllNearingDue(ctx).finally(() => { running = null; });
    }
    return running;
  };
  const timer = intervalMs > 0 ? setInterval(() => { runOnce().catch(onError); }, intervalMs) : null;
  timer?.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
