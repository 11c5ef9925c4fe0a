// Contract section 3.3: event inputs — bonus and penalty points per event up to a cap, and vetoes.
import { Rat } from '../decimal.ts';
import type { Ctx, IndicatorCtx } from './context.ts';
import type { IndicatorRun, PeriodSums } from './scoring.ts';

/** `full`: events and veto written for every unit (results read them), else only where vetoed. */
export function scoreVetoes(col: Float64Array, base: number, unitF: number, events: Float64Array, veto: Uint8Array, vetoed: Uint8Array, full: boolean): void {
  // scalars unboxed once: see SCALARS in fast.ts
  unitF = +unitF;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isFull = full === true;
  for (let u = 0; u < events.length; u++) {
    const m = col[base + u];
    // NaN (not reported) and 0 are no event
    if (m > 0) {
      events[u] = m / unitF;
      veto[u] = 1;
      vetoed[u] = 1;
    } else if (isFull) {
      events[u] = 0;
      veto[u] = 0;
    }
  }
}

/** `full`: events and score written for every unit (results read them), else only where something happened. */
export function scoreEvents(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, col: Float64Array, base: number, sums: PeriodSums, full: boolean): void {
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isFull = full === true;
  const p = run.p;
  const events = p.events as Float64Array;
  const score = p.score;
  const table = run.eventTable as Float64Array;
  const { total, eventNet } = sums;
  // (unboxed once: see SCALARS in fast.ts)
  const unitF = +ic.unitF;
  for (let u = 0; u < events.length; u++) {
    const m = col[base + u];
    if (!(m > 0)) {
      if (isFull) {
        events[u] = 0;
        score[u] = 0;
      }
      continue;
    }
    const c = m / unitF;
    // (0 / 0: NaN without a global load, see fast.ts)
    let s = c < table.length ? table[c] : 0 / 0;
    if (s !== s) {
      s = +eventScore(ctx, ic, c);
      if (c < table.length) table[c] = s;
    }
    events[u] = c;
    score[u] = s;
    total[u] += s;
    eventNet[u] += s;
  }
}

/** points × events, bounded by cap, exactly; counts repeat, so each is computed once */
const eventScores = new WeakMap<IndicatorCtx, Map<number, number>>();

function eventScore(ctx: Ctx, ic: IndicatorCtx, events: number): number {
  const ind = ic.ind;
  if (ind.input !== 'event' || ind.effect === 'veto' || !ind.points || events === 0) return 0;
  let cache = eventScores.get(ic);
  if (!cache) eventScores.set(ic, (cache = new Map()));
  const known = cache.get(events);
  if (known !== undefined) return known;
  let v = ind.points.toRat().mul(Rat.int(events));
  if (ind.cap) v = v.min(ind.cap.toRat());
  const s = Number(v.roundScaled(ctx.prec));
  const score = ind.effect === 'penalty' ? -s : s;
  cache.set(events, score);
  return score;
}

