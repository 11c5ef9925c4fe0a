// CPU profile of one scenario's evaluation only (not the generation or the spec parsing), through
// the inspector, then the functions that took the most self time.
//
//   node --expose-gc --import tsx bench/profile.ts                 # 10k × 30, 3 evaluations
//   node --expose-gc --import tsx bench/profile.ts --only 70 --runs 200
//   node --expose-gc --import tsx bench/profile.ts --what parse    # profile parseSpec instead
//   node --expose-gc --import tsx bench/profile.ts --only 100k --what compute  # computePeriod only
//   node --import tsx bench/profile.ts --top FILE.cpuprofile       # summarise any profile, e.g. one
//                                                                  # written by node --cpu-prof
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { findSourceMap } from 'node:module';
import { resolve } from 'node:path';
import { computePeriod, evaluate, parseSpec } from '@leitai/engine';
import { generate, MONTHS, YEAR } from './generate.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const ROOT = resolve(import.meta.dirname, '..');

/**
 * The line in the TypeScript source: tsx compiles each file, so the profile's positions are in the
 * compiled code; its inline source maps (loaded in this process) lead back. Compiled line + 1 when
 * there is no map (a profile of another process).
 */
function sourceLine(cf: CallFrame): string {
  try {
    const map = cf.url ? findSourceMap(cf.url) : undefined;
    const e = map?.findEntry(cf.lineNumber, cf.columnNumber);
    if (e && 'originalLine' in e) return String(e.originalLine + 1);
  } catch {
    // no map
  }
  return `${cf.lineNumber + 1}`;
}

/** Self time per function (name + file + line), largest first. */
export function topSelf(p: Profile, limit = 25): string {
  const byNode = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) byNode.set(p.samples[i], (byNode.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const byFn = new Map<string, number>();
  let total = 0;
  for (const [id, us] of byNode) {
    const cf = (nodes.get(id) as ProfileNode).callFrame;
    const file = cf.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '');
    const key = `${cf.functionName || '(anonymous)'}  ${file ? `${file}:${sourceLine(cf)}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
    total += us;
  }
  const rows = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return [
    `total sampled ${(total / 1000).toFixed(0)} ms; top ${rows.length} by self time:`,
    ...rows.map(([k, us]) => `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const file = arg('--top');
  if (file) {
    console.log(topSelf(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(arg('--limit') ?? 30)));
    return;
  }
  const only = (arg('--only') ?? '10k').toLowerCase();
  const sizes: Record<string, [number, number]> = { '70': [70, 20], '10k': [10_000, 30], '10000': [10_000, 30], '100k': [100_000, 30], '100000': [100_000, 30] };
  const m = /^(\d+)x(\d+)$/.exec(only);
  const [units, indicators] = sizes[only] ?? (m ? [Number(m[1]), Number(m[2])] : [10_000, 30]);
  const what = arg('--what') ?? 'evaluate';
  const runs = Number(arg('--runs') ?? (units <= 1000 ? 200 : 3));
  const out = arg('--out') ?? `/tmp/leitai-${what}-${units}x${indicators}.cpuprofile`;

  console.error(`generating ${units} × ${indicators} × ${MONTHS}`);
  const g = generate({ units, indicators });
  const period = `${YEAR}-${String(MONTHS).padStart(2, '0')}`;
  const fn =
    what === 'parse' ? () => parseSpec(g.specText) : what === 'compute' ? () => computePeriod(g.spec, g.data, period).release() : () => evaluate(g.spec, g.data, { period });
  fn(); // warm-up, outside the profile

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = performance.now() - t0;
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  writeFileSync(out, JSON.stringify(profile));
  console.log(`${what} ${units} × ${indicators}: ${runs} run(s) in ${ms.toFixed(0)} ms (${(ms / runs).toFixed(1)} ms each); profile in ${out}`);
  console.log(topSelf(profile, Number(arg('--limit') ?? 30)));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
