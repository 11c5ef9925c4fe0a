// `npm start`: builds the web app when its build is missing or older than its sources, then runs
// the server (TypeScript through tsx). The server runs in its own process group so that a Ctrl-C
// reaches it exactly once, through us: it then closes HTTP first and the embedded database last.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'packages/web');
const distIndex = path.join(web, 'dist/index.html');

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function webIsStale() {
  if (!existsSync(distIndex)) return true;
  const built = statSync(distIndex).mtimeMs;
  const sources = ['src', 'index.html', 'public', 'vite.config.ts', 'package.json'].map((f) => newestMtime(path.join(web, f)));
  return Math.max(...sources) > built;
}

if (process.env.LEITAI_SKIP_WEB_BUILD !== '1' && existsSync(path.join(web, 'src')) && webIsStale()) {
  console.log('[leitai] building the web app (npm run build -w @leitai/web) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '-w', '@leitai/web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.warn(existsSync(distIndex)
      ? '[leitai] the web build failed; serving the previous build.'
      : '[leitai] the web build failed; the server will show a page saying the UI is not built.');
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'packages/server/src/main.ts')], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
  env: process.env,
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
