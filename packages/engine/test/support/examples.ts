// The contract's worked examples, read from ../shared/contract/examples relative to the repository
// when the shared folder is there (the normative copy), otherwise from docs/examples (the copy kept
// in the repository, so a clone anywhere runs the same tests).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
const sharedExamples = path.resolve(repoRoot, '../shared/contract/examples');
export const examplesDir = existsSync(sharedExamples) ? sharedExamples : path.resolve(repoRoot, 'docs/examples');

export interface Example {
  name: string;
  dir: string;
  specPath: string;
  dataPath: string;
  spec: string;
  data: Uint8Array;
  expected: { periods: unknown[] };
}

export function examples(): Example[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = path.join(examplesDir, name);
      return {
        name,
        dir,
        specPath: path.join(dir, 'spec.yaml'),
        dataPath: path.join(dir, 'data.csv'),
        spec: readFileSync(path.join(dir, 'spec.yaml'), 'utf8'),
        data: new Uint8Array(readFileSync(path.join(dir, 'data.csv'))),
        expected: JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { periods: unknown[] },
      };
    });
}

/** A copy without each action's `reason` (free text, left out of expected.json). */
export function withoutReasons(v: unknown): unknown {
  const o = JSON.parse(JSON.stringify(v)) as { periods: { actions: Record<string, unknown>[] }[] };
  for (const p of o.periods) for (const a of p.actions) delete a.reason;
  return o;
}

/**
 * Results as an example expects them: exact, field for field, except that an example written
 * before revision 1.1 does not list `categories` (added by 1.1 to every unit of a spec with
 * categories; the rest of its results keeps its meaning), so they are left out for it.
 */
export function asExpected(results: unknown, expected: unknown): unknown {
  if (JSON.stringify(expected).includes('"categories"')) return results;
  return JSON.parse(JSON.stringify(results, (k, v: unknown) => (k === 'categories' ? undefined : v)));
}
