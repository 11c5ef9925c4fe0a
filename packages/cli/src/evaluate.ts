// `leitai evaluate --spec SPEC --data DATA [--period P|all] [--format json|table] [--explain]`
// (contract section 11). Errors go to standard error, all of them, with exit code 2.
import { readFile } from 'node:fs/promises';
import { checkData, evaluate, evaluateAll, EvaluateError, parseSpec, renderTable, type Issue } from '@leitai/engine';
import { readRows } from '@leitai/io';
import { parseArgs } from './args.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const USAGE = 'usage: leitai evaluate --spec SPEC --data DATA [--period P|all] [--format json|table] [--explain]';

function printIssues(io: Io, file: string, issues: Issue[]): void {
  for (const i of issues) io.err(`${file}: ${i.message}${i.line && i.kind === 'spec' ? ` (line ${i.line})` : ''}`);
}

async function read(path: string, io: Io): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (e) {
    io.err(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    return null;
  }
}

export async function evaluateCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, ['spec', 'data', 'period', 'format'], ['explain']);
  if (typeof args === 'string') {
    io.err(`${args}\n${USAGE}`);
    return 2;
  }
  const { spec: specPath, data: dataPath, period, format = 'json' } = args.options as Record<string, string | undefined>;
  const problems: string[] = [];
  if (!specPath) problems.push('missing --spec');
  if (!dataPath) problems.push('missing --data');
  if (format !== 'json' && format !== 'table') problems.push(`--format must be json or table, got "${format}"`);
  if (args.positional.length) problems.push(`unexpected argument ${args.positional[0]}`);
  if (problems.length) {
    io.err(`${problems.join('; ')}\n${USAGE}`);
    return 2;
  }
  const [specBytes, dataBytes] = await Promise.all([read(specPath as string, io), read(dataPath as string, io)]);
  if (!specBytes || !dataBytes) return 2;
  const spec = parseSpec(specBytes.toString('utf8').replace(/^\uFEFF/, ''));
  if (!spec.ok) {
    printIssues(io, specPath as string, spec.issues);
    return 2;
  }
  const rows = await readRows(new Uint8Array(dataBytes), dataPath as string);
  if (!rows.ok) {
    printIssues(io, dataPath as string, rows.issues);
    return 2;
  }
  const data = checkData(spec.value, rows.value);
  if (!data.ok) {
    printIssues(io, dataPath as string, data.issues);
    return 2;
  }
  const explain = args.options.explain === true;
  try {
    if (period === 'all') {
      const periods = evaluateAll(spec.value, data.value, { explain });
      io.out(format === 'table' ? periods.map(renderTable).join('\n') : JSON.stringify({ periods }, null, 2) + '\n');
    } else {
      const result = evaluate(spec.value, data.value, { period, explain });
      io.out(format === 'table' ? renderTable(result) : JSON.stringify(result, null, 2) + '\n');
    }
  } catch (e) {
    if (e instanceof EvaluateError) {
      io.err(`${e.message}`);
      return 2;
    }
    throw e;
  }
  return 0;
}
