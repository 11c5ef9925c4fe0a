// computePeriod of two engines in one process, interleaved, on the same generated campaign: an
// engine snapshot (`--base DIR`, e.g. made by `git archive REV packages/engine | tar -x -C DIR`) and
// this checkout's. On a shared machine wall times move with the load from one minute to the next;
// runs interleaved in one process see the same load, and their CPU time (process.cpuUsage) is
// reported beside the wall time. With `--check`, compares every result instead (evaluateAll and the
// presented period of computePeriod at June and December up to 20,000 units, else the presented
// period of December), hashed, on the given seeds.
//
//   mkdir -p /tmp/engine-before && git archive 246d1fe packages/engine | tar -x -C /tmp/engine-before
//   ln -s "$PWD/node_modules" /tmp/engine-before/node_modules    # the snapshot's imports (yaml)
//   node --expose-gc --import tsx bench/ab.ts --base /tmp/engine-before --only 100k --rounds 8
//   node --import tsx bench/ab.ts --base /tmp/engine-before --only 3000x30 --check --seeds 1,2,3
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as work from '@leitai/engine';
import { generate, MONTHS, YEAR } from './generate.ts';

type Engine = typeof work;
const PERIOD = `${YEAR}-${String(MONTHS).padStart(2, '0')}`;
const MID = `${YEAR}-${String(Math.ceil(MONTHS / 2)).padStart(2, '0')}`;

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const baseDir = arg('--base', '');
if (!baseDir) {
  console.error('usage: node --expose-gc --import tsx bench/ab.ts --base DIR [--only 100k|NxK] [--rounds 6] [--check --seeds 1,2]');
  process.exit(2);
}
const only = arg('--only', '100k').toLowerCase();
const sizes: Record<string, [number, number]> = { '70': [70, 20], '10k': [10_000, 30], '100k': [100_000, 30] };
const m = /^(\d+)x(\d+)$/.exec(only);
const [units, indicators] = sizes[only] ?? (m ? [Number(m[1]), Number(m[2])] : [100_000, 30]);
const rounds = Number(arg('--rounds', '6'));
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => {});

function hashResults(results: object[]): string {
  const h = createHash('sha256');
  for (const r of results) {
    const { units: us, ...rest } = r as { units: unknown[] };
    h.update(JSON.stringify(rest));
    // unit by unit: one string of 100,000 units' results would exceed V8's string length
    for (const u of us) h.update(JSON.stringify(u));
  }
  return h.digest('hex');
}

const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function main(): Promise<void> {
  const base = (await import(pathToFileURL(join(resolve(baseDir), 'packages/engine/src/index.ts')).href)) as Engine;
  const engines: [string, Engine][] = [['base', base], ['work', work]];
  if (argv.includes('--check')) {
    const seeds = arg('--seeds', '20260101').split(',').map(Number);
    for (const seed of seeds) {
      const g = generate({ units, indicators, seed, reader: 'validateSpec' });
      // up to 20,000 units every period of evaluateAll, and also the presented period of a year
      // computed up to it (June, December), which skips what evaluateAll does for every period
      const [a, b] = engines.map(([, E]) =>
        hashResults(
          units <= 20_000
            ? [...E.evaluateAll(g.spec, g.data, { explain: units <= 2000 }), ...[MID, PERIOD].map((p) => E.computePeriod(g.spec, g.data, p).present({ explain: units <= 2000 }))]
            : [E.computePeriod(g.spec, g.data, PERIOD).present()],
        ),
      );
      console.log(`${units} × ${indicators}, seed ${seed}: ${a === b ? 'same results' : 'RESULTS DIFFER'} (${a.slice(0, 12)} / ${b.slice(0, 12)})`);
      if (a !== b) process.exitCode = 1;
    }
    return;
  }
  console.error(`generating ${units} × ${indicators} × ${MONTHS}`);
  const g = generate({ units, indicators });
  // an engine whose computed periods can be released gets them back for the next call, as the
  // server's evaluations do (see evaluate.ts ComputedPeriod.release)
  const compute = (E: Engine) => (E.computePeriod(g.spec, g.data, PERIOD) as { release?: () => void }).release?.();
  for (const [, E] of engines) compute(E);
  const wall: Record<string, number[]> = { base: [], work: [] };
  const cpu: Record<string, number[]> = { base: [], work: [] };
  for (let r = 0; r < rounds; r++) {
    // alternate which goes first
    for (const [name, E] of r % 2 === 0 ? engines : [...engines].reverse()) {
      gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      compute(E);
      const w = performance.now() - t0;
      const c = process.cpuUsage(c0);
      wall[name].push(w);
      cpu[name].push((c.user + c.system) / 1000);
      console.log(`round ${r} ${name}: wall ${w.toFixed(0)} ms, CPU ${((c.user + c.system) / 1000).toFixed(0)} ms, load ${loadavg()[0].toFixed(2)}`);
    }
  }
  for (const name of ['base', 'work']) {
    console.log(`${name}: wall median ${median(wall[name]).toFixed(0)} ms (min ${Math.min(...wall[name]).toFixed(0)}), CPU median ${median(cpu[name]).toFixed(0)} ms (min ${Math.min(...cpu[name]).toFixed(0)})`);
  }
  // each round's two runs saw about the same load: their ratio is steadier than either time
  const ratios = cpu.work.map((w, r) => w / cpu.base[r]);
  const faster = ratios.filter((x) => x < 1).length;
  console.log(`work ÷ base, CPU time, per round: median ${median(ratios).toFixed(3)} (${ratios.map((x) => x.toFixed(2)).join(' ')}); work faster in ${faster} of ${rounds}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
