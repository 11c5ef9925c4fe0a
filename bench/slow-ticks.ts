// Slow ticks of this process's event loop and what ran in them (bench:server `--slow-ticks`): a CPU
// profile of the main thread (the inspector, 250 µs samples) while a phase runs, and a 1 ms timer;
// a slow tick is a time the timer fired more than `thresholdMs` late (the loop was held: every
// request arriving meanwhile waited). Each is attributed, from the samples taken while it lasted,
// to the deepest function that ran for at least half of them (its "cause"), with the functions
// that took most of its own time and the stack sampled most. Worker threads are not sampled (their
// work does not hold up the loop). On a loaded machine a tick's length includes the time the
// process was not scheduled (its samples then cover less than its length).
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { resolve } from 'node:path';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const ROOT = resolve(import.meta.dirname, '..');
/** frames that only run what was queued (and the profile's root) */
const GENERIC = /^(\(root\)|\(program\)|runMicrotasks|processTicksAndRejections|processImmediate|listOnTimeout|emit|\(anonymous\)) ?(node:|$)/;

function where(cf: CallFrame): string {
  let line = cf.lineNumber + 1;
  try {
    const e = cf.url ? findSourceMap(cf.url)?.findEntry(cf.lineNumber, cf.columnNumber) : undefined;
    if (e && 'originalLine' in e && typeof e.originalLine === 'number') line = e.originalLine + 1;
  } catch {
    // no map
  }
  const file = cf.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '').replace(/^.*node_modules\//, '');
  return `${cf.functionName || '(anonymous)'}${file ? ` ${file}:${line}` : ''}`;
}

export interface SlowTick {
  ms: number;
  atMs: number;
  cause: string;
  self: [string, number][];
  /** the project's frames (outermost first) of the stack sampled most in the tick */
  stack: string[];
}

export interface SlowTickReport { ticks: SlowTick[]; sampledMs: number; busyMs: number }

/** Starts sampling the main thread; the returned function stops and reports the slow ticks. */
export async function watchSlowTicks(thresholdMs = 10): Promise<() => Promise<SlowTickReport>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  // a 1 ms timer: when it fires late by more than the threshold, the loop was held from when it
  // was due until it fired (what monitorEventLoopDelay counts), on the profile's clock (µs)
  const now = () => Number(process.hrtime.bigint() / 1000n);
  const stalls: { from: number; to: number }[] = [];
  let last = now();
  let timer: NodeJS.Timeout | undefined;
  const beat = () => {
    const t = now();
    if (t - last - 1000 > thresholdMs * 1000) stalls.push({ from: last + 1000, to: t });
    last = t;
    timer = setTimeout(beat, 1);
  };
  timer = setTimeout(beat, 1);
  return async () => {
    clearTimeout(timer);
    const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
    session.disconnect();
    return slowTicks(profile, stalls);
  };
}

/** What ran in each stall (µs on the profile's clock): the samples taken between its ends. */
export function slowTicks(p: Profile, stalls: { from: number; to: number }[]): SlowTickReport {
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const names = new Map<number, string>();
  const name = (id: number) => {
    let s = names.get(id);
    if (s === undefined) names.set(id, (s = where((nodes.get(id) as ProfileNode).callFrame)));
    return s;
  };
  const isIdle = (id: number) => (nodes.get(id) as ProfileNode).callFrame.functionName === '(idle)';
  // each sample's time on the clock and its share (the gap to the next sample)
  const times: number[] = [];
  let clock = p.startTime;
  for (let i = 0; i < p.samples.length; i++) times.push((clock += p.timeDeltas[i] ?? 0));
  let busyMs = 0;
  for (let i = 0; i < p.samples.length; i++) if (!isIdle(p.samples[i])) busyMs += (p.timeDeltas[i + 1] ?? 0) / 1000;
  const ticks: SlowTick[] = [];
  let i = 0;
  for (const stall of stalls) {
    while (i < times.length && times[i] < stall.from) i++;
    let us = 0;
    const incl = new Map<string, { us: number; depth: number }>();
    const self = new Map<string, number>();
    const leaves = new Map<number, number>();
    for (let k = i; k < times.length && times[k] <= stall.to; k++) {
      const leaf = p.samples[k];
      if (isIdle(leaf)) continue;
      const d = p.timeDeltas[k + 1] ?? 0;
      us += d;
      self.set(name(leaf), (self.get(name(leaf)) ?? 0) + d);
      leaves.set(leaf, (leaves.get(leaf) ?? 0) + d);
      const seen = new Set<string>();
      const stack: number[] = [];
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) stack.push(id);
      stack.reverse().forEach((id, depth) => {
        const key = name(id);
        if (seen.has(key)) return;
        seen.add(key);
        const e = incl.get(key) ?? { us: 0, depth };
        e.us += d;
        incl.set(key, e);
      });
    }
    // the deepest frame present for at least half the stall's samples, not one of node's schedulers
    // (the microtask queue, the tick queue: they run whatever was queued); else the project's
    // functions that ran longest in it
    let cause = '';
    let deepest = -1;
    for (const [k, e] of incl) {
      if (e.us * 2 >= us && e.depth > deepest && !GENERIC.test(k)) { cause = k; deepest = e.depth; }
    }
    if (!cause) {
      const ours = [...incl].filter(([k]) => !GENERIC.test(k) && / (packages|bench)\//.test(k)).sort((a, b) => b[1].us - a[1].us || b[1].depth - a[1].depth).slice(0, 2);
      cause = us === 0 ? '(no sample: the thread was not running)' : ours.length ? ours.map(([k, e]) => `${k} (${Math.round((100 * e.us) / us)} %)`).join(' + ') : '(node and libraries only)';
    }
    // the stack sampled most (by leaf), the project's frames of it
    let top = -1;
    let topUs = -1;
    for (const [leaf, d] of leaves) if (d > topUs) { top = leaf; topUs = d; }
    const stack: string[] = [];
    for (let id: number | undefined = top < 0 ? undefined : top; id !== undefined; id = parent.get(id)) if (/ (packages|bench)\//.test(name(id))) stack.push(name(id).replace(/^(\S+) (?:packages\/\w+\/src\/)?(?:services\/)?/, '$1 '));
    ticks.push({
      ms: (stall.to - stall.from) / 1000, atMs: (stall.from - p.startTime) / 1000, cause,
      self: [...self].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => [k, v / 1000]), stack: stack.reverse().slice(-6),
    });
  }
  return { ticks, sampledMs: (p.endTime - p.startTime) / 1000, busyMs };
}

/** Lines describing the slow ticks: grouped by cause (count, total, longest), then the longest ones. */
export function describeSlowTicks(r: SlowTickReport, thresholdMs = 10, longest = 8): string[] {
  const f = (x: number) => x.toFixed(1);
  const out = [`  slow ticks (the loop held > ${thresholdMs} ms): ${r.ticks.length} in ${f(r.sampledMs / 1000)} s sampled (main thread busy ${f(r.busyMs)} ms), ${f(r.ticks.reduce((s, t) => s + t.ms, 0))} ms in them`];
  const by = new Map<string, { n: number; ms: number; max: number }>();
  for (const t of r.ticks) {
    const e = by.get(t.cause) ?? { n: 0, ms: 0, max: 0 };
    e.n++;
    e.ms += t.ms;
    e.max = Math.max(e.max, t.ms);
    by.set(t.cause, e);
  }
  for (const [k, e] of [...by].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) out.push(`    ${String(e.n).padStart(4)} × ${f(e.ms).padStart(8)} ms (longest ${f(e.max)})  ${k}`);
  for (const t of [...r.ticks].sort((a, b) => b.ms - a.ms).slice(0, longest)) {
    out.push(`    tick of ${f(t.ms)} ms at ${f(t.atMs)} ms: ${t.cause}; self: ${t.self.map(([k, v]) => `${k} ${f(v)}`).join(', ')}`);
    if (t.stack.length) out.push(`      mostly under ${t.stack.join(' > ')}`);
  }
  return out;
}
