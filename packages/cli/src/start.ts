// `leitai start`: the same as `npm start` in the repository.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Io } from './evaluate.ts';

export async function startCommand(_argv: string[], _io: Io): Promise<number> {
  const script = fileURLToPath(new URL('../../../scripts/start.mjs', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
}
