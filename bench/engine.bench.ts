// `npm run bench`: how fast the engine evaluates a whole year, how much memory it takes, and how it
// compares with the SQL a user would otherwise write in PostgreSQL. See docs/benchmarks.md.
//
//   npm run bench                         all three scenarios, with the PostgreSQL peer
//   npm run bench -- --only 70            one scenario (70 | 10k | 100k, or NxK such as 20000x30)
//   npm run bench -- --only 10k,100k --no-pg
//   npm run bench -- --runs 5 --pg-runs 3 --json /tmp/bench.json --strict
//
// Progress goes to standard error, the results table to standard output.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { computePeriod, evaluate, evaluateAll } from '@leitai/engine';
import { generate, MONTHS, YEAR, type Generated } from './generate.ts';
import { dropScenario, explainQuery, load, PEER_DOES_LESS, runQuery, startPeer, type Peer } from './pg.ts';

const PERIOD = `${YEAR}-${String(MONTHS).padStart(2, '0')}`;
const MB = 1024 * 1024;

interface Scenario {
  key: string;
  units: number;
  indicators: number;
  runs: number;
  pgRuns: number;
  /** seconds the timed engine runs may take together; runs are cut to fit (at least 1) */
  budget: number;
}

const PRESETS: Record<string, Scenario> = {
  '70': { key: '70', units: 70, indicators: 20, runs: 30, pgRuns: 10, budget: 30 },
  '10k': { key: '10k', units: 10_000, indicators: 30, runs: 7, pgRuns: 5, budget: 120 },
  '100k': { key: '100k', units: 100_000, indicators: 30, runs: 5, pgRuns: 3, budget: 300 },
};
const ALIASES: Record<string, string> = { '70': '70', '10k': '10k', '10000': '10k', '100k': '100k', '100000': '100k' };

interface Options {
  scenarios: Scenario[];
  pg: boolean;
  runs?: number;
  pgRuns?: number;
  json?: string;
  strict: boolean;
  explain: boolean;
}

function usage(msg: string): never {
  console.error(`${msg}\nusage: npm run bench -- [--only 70,10k,100k,NxK] [--no-pg] [--runs N] [--pg-runs N] [--json FILE] [--strict] [--explain]`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { scenarios: Object.values(PRESETS), pg: true, strict: false, explain: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = Number(val());
      if (!Number.isInteger(v) || v < 1) usage(`${a} needs a whole number ≥ 1`);
      return v;
    };
    if (a === '--only') {
      o.scenarios = val().split(',').map((s) => {
        const k = ALIASES[s.trim().toLowerCase()];
        if (k) return PRESETS[k];
        const m = /^(\d+)x(\d+)$/.exec(s.trim());
        if (!m) usage(`unknown scenario "${s}"`);
        const units = Number(m[1]);
        return { key: s.trim(), units, indicators: Number(m[2]), runs: units <= 1000 ? 30 : units <= 20_000 ? 7 : 3, pgRuns: units <= 20_000 ? 5 : 3, budget: 300 };
      });
    } else if (a === '--no-pg') o.pg = false;
    else if (a === '--runs') o.runs = int();
    else if (a === '--pg-runs') o.pgRuns = int();
    else if (a === '--json') o.json = val();
    else if (a === '--strict') o.strict = true;
    else if (a === '--explain') o.explain = true;
    else if (a === '--help' || a === '-h') usage('');
    else usage(`unknown option ${a}`);
  }
  return o;
}

// ---- measuring

const gcNow: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function fullGc(): void {
  gcNow();
  gcNow();
}

/** Linux: the peak RSS (VmHWM) can be reset to the current RSS by writing 5 to clear_refs. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRss(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
  /** the first (cold) run */
  first: number;
}

interface Memory {
  baselineRss: number;
  /** peak RSS minus RSS before the run (null when the platform cannot tell the peak) */
  peakRssIncrease: number | null;
  /** heapUsed + arrayBuffers right after the run (before any gc), minus before */
  heapIncrease: number;
}

/**
 * Times `fn`: the first call is the warm-up (and the one whose peak memory is measured, right
 * after a full gc), then up to `runs` timed calls (a full gc before each when calls are long),
 * cut to fit `budget` s.
 */
function timeIt<R>(label: string, fn: () => R, runs: number, budget: number, log: (s: string) => void): { timing: Timing; memory: Memory; last: R } {
  fullGc();
  const m0 = process.memoryUsage();
  const canPeak = resetPeakRss();
  let t0 = performance.now();
  let keep: R | null = fn();
  const first = performance.now() - t0;
  const hwm = canPeak ? peakRss() : null;
  const m1 = process.memoryUsage();
  const memory: Memory = {
    baselineRss: m0.rss,
    peakRssIncrease: hwm === null ? null : hwm - m0.rss,
    heapIncrease: m1.heapUsed + m1.arrayBuffers - (m0.heapUsed + m0.arrayBuffers),
  };
  keep = null;
  // quick calls: keep warming up (up to 1 s, 20 calls) so that the JIT has settled before timing
  let warm = 1;
  for (let spent = first; first < 500 && spent < 1000 && warm < 20; warm++) {
    t0 = performance.now();
    keep = fn();
    spent += performance.now() - t0;
    keep = null;
  }
  const n = Math.max(1, Math.min(runs, Math.floor((budget * 1000) / Math.max(first, 1e-3))));
  log(`  ${label}: first call ${fmtMs(first)}, ${warm} warm-up call(s)${n < runs ? `; ${n} timed run(s) to fit ${budget} s` : ''}`);
  const times: number[] = [];
  // a full gc before each timed call for long calls; not for quick ones, where the sweeping that
  // follows a forced gc would land inside the next (few-millisecond) call and dominate it
  const gcEach = first >= 500;
  for (let r = 0; r < n; r++) {
    keep = null;
    if (gcEach) fullGc();
    t0 = performance.now();
    keep = fn();
    times.push(performance.now() - t0);
  }
  return { timing: { median: median(times), min: Math.min(...times), max: Math.max(...times), runs: n, first }, memory, last: keep as R };
}

/** One warm-up call, then up to `runs` timed calls cut to fit `budget` seconds (at least one). */
async function timeAsync(label: string, fn: () => Promise<unknown>, runs: number, budget: number, log: (s: string) => void): Promise<Timing> {
  let t0 = performance.now();
  await fn();
  const first = performance.now() - t0;
  const n = Math.max(1, Math.min(runs, Math.floor((budget * 1000) / Math.max(first, 1e-3))));
  log(`  ${label}: warm-up ${fmtMs(first)}${n < runs ? `; ${n} timed run(s) to fit ${budget} s` : ''}`);
  const times: number[] = [];
  for (let r = 0; r < n; r++) {
    t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), runs: n, first };
}

// ---- formatting

function fmtMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

function fmtBytes(b: number | null): string {
  if (b === null) return 'n/a';
  if (Math.abs(b) >= 1024 * MB) return `${(b / 1024 / MB).toFixed(2)} GB`;
  if (Math.abs(b) >= 10 * MB) return `${(b / MB).toFixed(0)} MB`;
  if (Math.abs(b) >= MB) return `${(b / MB).toFixed(1)} MB`;
  return `${(b / 1024).toFixed(0)} kB`;
}

function fmtCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)} M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)} k`;
  return String(n);
}

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i])).join(' | ')} |`;
  return [line(head), `|${w.map((x) => '-'.repeat(x + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

// ---- the run

interface Row {
  scenario: string;
  what: string;
  figures: number;
  timing: Timing | null;
  memory: Memory | null;
  goal: string;
  pass: boolean | null;
  note?: string;
}

interface ScenarioReport {
  key: string;
  units: number;
  indicators: number;
  groups: number;
  pairs: number;
  figures: number;
  missing: number;
  specBytes: number;
  generateMs: number;
  reader: string;
  parseMs: number;
  datasetMs: number;
  check: string;
  pgLoad?: { rows: number; seconds: number; tableBytes: number };
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const log = (s: string) => console.error(s);
  if (!(globalThis as { gc?: unknown }).gc) log('note: run with --expose-gc (npm run bench does) for stable memory figures');
  const rows: Row[] = [];
  const reports: ScenarioReport[] = [];
  let peer: Peer | null = null;
  let peerError: string | null = null;
  let stopping = false;
  const stopPeer = async () => {
    if (peer && !stopping) {
      stopping = true;
      await peer.stop().catch((e: unknown) => log(`stopping PostgreSQL: ${String(e)}`));
    }
  };
  const onSignal = (sig: NodeJS.Signals) => {
    log(`${sig}: stopping`);
    void stopPeer().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const startedAt = new Date();
  const loadAtStart = loadAvg();
  try {
    for (const sc of opts.scenarios) {
      const runs = opts.runs ?? sc.runs;
      const pgRuns = opts.pgRuns ?? sc.pgRuns;
      const name = `${fmtCount(sc.units)} × ${sc.indicators} × ${MONTHS}`;
      log(`\n${name}: generating`);
      fullGc();
      const g0 = performance.now();
      let g: Generated | null = generate({ units: sc.units, indicators: sc.indicators });
      const generateMs = performance.now() - g0;
      const figures = sc.units * sc.indicators * MONTHS;
      log(`  ${g.groups} groups, ${g.pairs} pairs, ${g.reported} figures reported (${g.missing} missing), spec ${fmtBytes(g.specText.length)}; generate ${fmtMs(generateMs)} (${g.reader} ${fmtMs(g.parseMs)}, datasetFromColumns ${fmtMs(g.datasetMs)})`);

      const spec = g.spec;
      const data = g.data;
      // The year: every month's scores, totals, ranks, flags, tallies, rule streaks and summary
      // sums, up to December (computePeriod). Materialising December's results as the contract's
      // JSON objects (one per unit and per unit × indicator) is timed separately below: for
      // 100,000 units that is millions of small objects, which a leaderboard page never needs.
      // Each call gives its arrays back when done (ComputedPeriod.release), as the server's
      // evaluations do: the next call takes them again instead of allocating them afresh.
      const { timing, memory } = timeIt('computePeriod', () => computePeriod(spec, data, PERIOD).release(), runs, sc.budget, log);
      const presented = timeIt('evaluate', () => evaluate(spec, data, { period: PERIOD }), Math.max(1, Math.min(runs, 3)), sc.budget, log);
      const res = presented.last;
      // a sanity check on what was timed
      const check = `${res.units.length} units, ${res.pairs.length} pairs, ${res.flags.length} flag instances, ${res.actions.length} actions in ${res.period}`;
      if (res.units.length !== sc.units || res.period !== PERIOD) throw new Error(`unexpected result: ${check}`);
      log(`  result: ${check}`);
      let goal = '';
      let pass: boolean | null = null;
      if (sc.key === '70') {
        goal = '< 20 ms';
        pass = timing.median < 20;
      }
      let note: string | undefined;
      if (sc.key === '100k') {
        goal = '< 1 s and < 1 GB';
        const timeOk = timing.median < 1000;
        const memOk = memory.peakRssIncrease !== null && memory.peakRssIncrease < 1024 * MB;
        pass = timeOk && memOk;
        note = `time ${timeOk ? 'pass' : 'FAIL'}, memory ${memOk ? 'pass' : 'FAIL'} (${memory.peakRssIncrease === null ? 'n/a' : `${(memory.peakRssIncrease / MB).toFixed(0)} MB`})`;
      }
      rows.push({ scenario: name, what: `compute the year to ${PERIOD}`, figures, timing, memory, goal, pass, note });
      rows.push({ scenario: name, what: `evaluate ${PERIOD} (year + all results as JSON objects)`, figures, timing: presented.timing, memory: presented.memory, goal: '', pass: null });
      log(`  computePeriod: median ${fmtMs(timing.median)}, min ${fmtMs(timing.min)} over ${timing.runs}; peak RSS +${fmtBytes(memory.peakRssIncrease)}`);
      log(`  evaluate (with results): median ${fmtMs(presented.timing.median)} over ${presented.timing.runs}`);

      if (sc.key === '70') {
        const all = timeIt('evaluateAll', () => evaluateAll(spec, data), runs, sc.budget, log);
        rows.push({ scenario: name, what: 'evaluateAll (12 results)', figures, timing: all.timing, memory: all.memory, goal: '', pass: null });
      }
      const report: ScenarioReport = {
        key: sc.key, units: sc.units, indicators: sc.indicators, groups: g.groups, pairs: g.pairs,
        figures: g.reported, missing: g.missing, specBytes: g.specText.length, generateMs, reader: g.reader, parseMs: g.parseMs, datasetMs: g.datasetMs, check,
      };
      reports.push(report);

      if (opts.pg && !peerError) {
        try {
          if (!peer) {
            log('starting PostgreSQL');
            peer = await startPeer(log);
          }
          const schema = `leitai_bench_${process.pid}_${sc.units}x${sc.indicators}`;
          log(`  PostgreSQL: loading ${g.reported} figures`);
          const info = await load(peer.client, schema, g);
          report.pgLoad = info;
          log(`  loaded ${info.rows} rows in ${info.seconds.toFixed(1)} s (figures table ${fmtBytes(info.tableBytes)})`);
          const client = peer.client;
          if (opts.explain) log(await explainQuery(client));
          let n = 0;
          const pt = await timeAsync('PostgreSQL query', async () => {
            n = await runQuery(client);
          }, pgRuns, sc.budget, log);
          if (n !== sc.units) log(`  warning: the SQL returned ${n} rows for ${sc.units} units`);
          const ratio = pt.median / timing.median;
          const gated = sc.key === '10k' || sc.key === '100k';
          rows.push({
            scenario: name, what: 'PostgreSQL: totals + ranks, every month', figures, timing: pt, memory: null,
            goal: gated ? 'engine ≥ 10× faster' : '', pass: gated ? ratio >= 10 : null,
            note: `engine/PostgreSQL ${(1 / ratio).toFixed(3)}: engine ${ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`}`,
          });
          log(`  PostgreSQL query: median ${fmtMs(pt.median)} → engine/PostgreSQL time ratio ${(timing.median / pt.median).toFixed(3)}`);
          await dropScenario(client, schema);
        } catch (e) {
          peerError = e instanceof Error ? (e.stack ?? e.message) : String(e);
          log(`PostgreSQL peer failed, continuing without it:\n${peerError}`);
        }
      }
      g = null;
      fullGc();
    }
  } finally {
    await stopPeer();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  // ---- report
  const out: string[] = [];
  out.push(`Leitai engine benchmark, ${startedAt.toISOString().slice(0, 10)}; ${machine()}; load average at start ${loadAtStart}, at end ${loadAvg()}`);
  out.push('');
  out.push(table(
    ['scenario', 'what', 'figures', 'median', 'min', 'runs', 'peak RSS +', 'goal', 'result'],
    rows.map((r) => [
      r.scenario, r.what, fmtCount(r.figures),
      r.timing ? fmtMs(r.timing.median) : 'n/a', r.timing ? fmtMs(r.timing.min) : 'n/a', r.timing ? String(r.timing.runs) : '',
      r.memory ? fmtBytes(r.memory.peakRssIncrease) : '',
      r.goal, (r.pass === null ? '' : r.pass ? 'pass' : 'FAIL') + (r.note ? `${r.pass === null ? '' : ' — '}${r.note}` : ''),
    ]),
  ));
  out.push('');
  out.push('Setup (not timed above): spec text, reading it (parseSpec, or validateSpec(JSON.parse) above 20,000 units), datasetFromColumns, PostgreSQL load.');
  for (const r of reports) {
    out.push(`- ${fmtCount(r.units)} × ${r.indicators}: ${r.groups} groups, ${r.pairs} pairs, ${r.figures} figures (${r.missing} missing); spec ${fmtBytes(r.specBytes)}, ${r.reader} ${fmtMs(r.parseMs)}, datasetFromColumns ${fmtMs(r.datasetMs)}` +
      (r.pgLoad ? `; PostgreSQL load ${r.pgLoad.rows} rows in ${r.pgLoad.seconds.toFixed(1)} s, figures table ${fmtBytes(r.pgLoad.tableBytes)}` : '') + `\n  result checked: ${r.check}`);
  }
  const mem = rows.filter((r) => r.memory);
  if (mem.length) {
    out.push('');
    out.push('Memory of the warm-up run: peak RSS increase over the RSS right before it (after a full gc); heap + array buffers still held right after it.');
    for (const r of mem) out.push(`- ${r.scenario} ${r.what}: peak RSS +${fmtBytes((r.memory as Memory).peakRssIncrease)} over ${fmtBytes((r.memory as Memory).baselineRss)}; heap + buffers +${fmtBytes((r.memory as Memory).heapIncrease)}`);
  }
  if (opts.pg) {
    out.push('');
    if (peerError) out.push(`PostgreSQL peer: failed (${peerError.split('\n')[0]})`);
    else if (peer) {
      out.push(`PostgreSQL peer: ${(peer as Peer).describe}. Query time only (load excluded), median of runs after one warm-up; it returns December's rows to the client.`);
      out.push('What the SQL does less than the engine:');
      for (const l of PEER_DOES_LESS) out.push(`- ${l}`);
    }
  }
  console.log(out.join('\n'));

  if (opts.json) {
    writeFileSync(opts.json, JSON.stringify({ date: startedAt.toISOString(), machine: machine(), rows, scenarios: reports, peer: peer ? (peer as Peer).describe : null, peerError }, null, 2));
    log(`wrote ${opts.json}`);
  }
  if (opts.strict && rows.some((r) => r.pass === false)) process.exitCode = 1;
}

/** 1-minute load average: other work on the machine skews the medians (the min less so). */
function loadAvg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  } catch {
    return 'n/a';
  }
}

function machine(): string {
  let cpu = 'unknown CPU';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {
    // not Linux
  }
  const cores = availableParallelism();
  const memGb = (() => {
    try {
      const m = /MemTotal:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
      return m ? `${(Number(m[1]) / 1024 / 1024).toFixed(0)} GB` : '';
    } catch {
      return '';
    }
  })();
  return `${cores} cores, ${cpu}${memGb ? `, ${memGb} RAM` : ''}, Node ${process.version}`;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
