// Contract section 11: `leitai evaluate`. main(argv, io) with captured output, and one real process.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.ts';
import { asExpected, examples, withoutReasons } from '../../engine/test/support/examples.ts';
import { allKeys } from '../../engine/test/support/campaign.ts';

const repoRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const dir = mkdtempSync(path.join(tmpdir(), 'leitai-cli-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s.endsWith('\n') ? s : s + '\n') });
  return { code, out, err };
}

const SPEC = file(
  'spec.yaml',
  `version: 1
campaign: {id: cli-test, name: 命令行测试, year: 2026, cadence: month}
groups: [{id: g1, name: 一组}]
units: [{id: a, name: 甲镇, group: g1}, {id: b, name: 乙镇, group: g1}]
indicators:
  - {id: x, name: 投资, input: value, weight: 60, method: schedule, target: 12}
  - {id: s, name: 党建, input: score, weight: 40}
flags: [{id: red, name: 红旗, award: top}]
rules: [{id: rep, name: 催报, action: reminder, when: {missing: true}}]
`,
);
// Jan: a x 1 (r = 1/1 → 60) + s 30 = 90; b x 0.5 (→ 30) + s 40 = 70
// Feb: a x 2.2 (expected 2, r 1.1 → 60) + s missing = 60; b x 1 (r 0.5 → 30) + s 35 = 65
const DATA = file('data.csv', 'unit,indicator,period,value\na,x,2026-01,1\nb,x,2026-01,0.5\na,s,2026-01,30\nb,s,2026-01,40\na,x,2026-02,2.2\nb,x,2026-02,1\nb,s,2026-02,35\n');

describe('11 command line', () => {
  it('11 exit 0 with JSON of the latest period that has data', async () => {
    const r = await cli('evaluate', '--spec', SPEC, '--data', DATA);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const res = JSON.parse(r.out) as { period: string; units: { unit: string; total: number }[]; actions: { rule: string; unit: string }[] };
    expect(res.period).toBe('2026-02');
    expect(res.units.map((u) => [u.unit, u.total])).toEqual([
      ['b', 65],
      ['a', 60],
    ]);
    expect(res.actions.map((a) => `${a.rule}:${a.unit}`)).toEqual(['rep:a']);
  });

  it('11 --period P evaluates that period', async () => {
    const r = await cli('evaluate', '--spec', SPEC, '--data', DATA, '--period', '2026-01');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out) as { period: string; units: { unit: string; total: number }[] };
    expect(res.period).toBe('2026-01');
    expect(res.units.map((u) => [u.unit, u.total])).toEqual([
      ['a', 90],
      ['b', 70],
    ]);
  });

  it('11 --period all gives {periods: […]}', async () => {
    const r = await cli('evaluate', '--spec', SPEC, '--data', DATA, '--period', 'all');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.out) as { periods: { period: string }[] };
    expect(Object.keys(res)).toEqual(['periods']);
    expect(res.periods.map((p) => p.period)).toEqual(['2026-01', '2026-02']);
  });

  it.each(examples().map((e) => [e.name, e] as const))('11 worked example %s through the CLI', async (_n, ex) => {
    const r = await cli('evaluate', '--spec', ex.specPath, '--data', ex.dataPath, '--period', 'all');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(asExpected(withoutReasons(JSON.parse(r.out)), ex.expected)).toEqual(ex.expected);
  });

  it('11 --format table is readable', async () => {
    const r = await cli('evaluate', '--spec', SPEC, '--data', DATA, '--format', 'table');
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.out)).toThrow();
    expect(r.out).toContain('2026-02');
    for (const s of ['a', 'b', '65', '60']) expect(r.out).toContain(s);
    expect(r.out.split('\n').length).toBeGreaterThan(2);
  });

  it('11 invalid spec → exit 2, every error on stderr, nothing on stdout', async () => {
    const bad = file(
      'bad.yaml',
      `version: 1
campaign: {id: Bad Id, name: T, year: 2026, cadence: month, precision: 7}
groups: [{id: g1, name: G}]
units: [{id: a, name: A, group: g9}]
indicators:
  - {id: x, name: X, input: value, wieght: 10, method: schedule}
`,
    );
    const r = await cli('evaluate', '--spec', bad, '--data', DATA);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    for (const p of ['campaign.id', 'campaign.precision', 'units[0].group', 'indicators[0].wieght', 'indicators[0].target']) expect(r.err).toContain(p);
    expect(r.err).toContain('g9');
    expect(r.err).toContain('wieght');
  });

  it('11 invalid data → exit 2, every error with its row on stderr, nothing on stdout', async () => {
    const bad = file('bad.csv', 'unit,indicator,period,value\na,x,2026-01,1\nzz,x,2026-01,1\na,s,2026-01,41\na,x,2025-01,1e3\n');
    const r = await cli('evaluate', '--spec', SPEC, '--data', bad);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('zz');
    expect(r.err).toContain('41');
    expect(r.err).toContain('2025-01');
    expect(r.err).toContain('1e3');
    for (const row of ['3', '4', '5']) expect(r.err).toMatch(new RegExp(`\\b${row}\\b`));
  });

  it('11 unknown option → exit 2, nothing on stdout', async () => {
    const r = await cli('evaluate', '--spec', SPEC, '--data', DATA, '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('frobnicate');
  });

  it('11 missing --spec, bad --format, unreadable file → exit 2', async () => {
    expect((await cli('evaluate', '--data', DATA)).code).toBe(2);
    const f = await cli('evaluate', '--spec', SPEC, '--data', DATA, '--format', 'xml');
    expect(f.code).toBe(2);
    expect(f.out).toBe('');
    const nf = await cli('evaluate', '--spec', path.join(dir, 'nope.yaml'), '--data', DATA);
    expect(nf.code).toBe(2);
    expect(nf.out).toBe('');
  });

  it('11 --explain adds explain keys; without it the output has no explain key anywhere', async () => {
    for (const period of [[], ['--period', 'all']]) {
      const plain = await cli('evaluate', '--spec', SPEC, '--data', DATA, ...period);
      expect(allKeys(JSON.parse(plain.out)).has('explain')).toBe(false);
      expect(plain.out).not.toContain('"explain"');
      const ex = await cli('evaluate', '--spec', SPEC, '--data', DATA, '--explain', ...period);
      expect(ex.code).toBe(0);
      expect(allKeys(JSON.parse(ex.out)).has('explain')).toBe(true);
    }
  });

  it('11 a real process: node packages/cli/bin/leitai.mjs evaluate …', async () => {
    const run = promisify(execFile);
    const ok = await run(process.execPath, [path.join(repoRoot, 'packages/cli/bin/leitai.mjs'), 'evaluate', '--spec', SPEC, '--data', DATA, '--period', 'all'], { cwd: repoRoot });
    const res = JSON.parse(ok.stdout) as { periods: { units: { unit: string; total: number }[] }[] };
    expect(res.periods[1].units.map((u) => [u.unit, u.total])).toEqual([
      ['b', 65],
      ['a', 60],
    ]);
    // an invalid spec exits 2 with nothing on stdout
    const bad = file('bad2.yaml', 'version: 1\ncampaign: {id: t}\n');
    const fail = await run(process.execPath, [path.join(repoRoot, 'packages/cli/bin/leitai.mjs'), 'evaluate', '--spec', bad, '--data', DATA], { cwd: repoRoot }).then(
      () => ({ code: 0, stdout: 'unexpected success', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(fail.code).toBe(2);
    expect(fail.stdout).toBe('');
    expect(fail.stderr).toContain('campaign.name');
  }, 60_000);
});
