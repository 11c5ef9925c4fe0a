// A publication reaches a big screen connected to ANOTHER server process: a real second process
// (`node --import tsx packages/server/src/main.ts`) on the same database, its kiosk and public
// streams opened over HTTP, the bulletin published through this process. Fan-out goes through
// PostgreSQL LISTEN/NOTIFY only.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { testApp, type TestApp } from './support/factories.ts';
import { PUB, publicationCampaign, publishPeriod } from './support/publication.ts';

let t: TestApp;
let organizer: string;
let child: ChildProcess;
let base: string;
let output = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts main.ts on the test database and resolves once it listens. */
async function startSecondProcess(databaseUrl: string): Promise<string> {
  const port = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', path.join('packages', 'server', 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LEITAI_DEMO: 'false', LOG_LEVEL: 'warn',
      WEB_DIST: path.join(REPO_ROOT, 'no-web-build'), LEITAI_ADMIN_PASSWORD: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Leitai is running at')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`second process exited (${code}):\n${output}`)));
  });
  return `http://127.0.0.1:${port}`;
}

interface Stream {
  next(event: string): Promise<unknown>;
  close(): void;
}

/** An SSE client; resolves once the server said `ready`. */
function open(url: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const seen: { event: string; data: unknown }[] = [];
    const waiting: { event: string; resolve: (data: unknown) => void }[] = [];
    let buffer = '';
    const req = http.get(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url}: status ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event || data === undefined) continue;
          const e = { event, data: JSON.parse(data) as unknown };
          const w = waiting.findIndex((x) => x.event === event);
          if (w >= 0) waiting.splice(w, 1)[0].resolve(e.data);
          else seen.push(e);
          if (event === 'ready') resolve(stream);
        }
      });
    });
    req.on('error', reject);
    const stream: Stream = {
      next: (event) => {
        const i = seen.findIndex((e) => e.event === event);
        if (i >= 0) return Promise.resolve(seen.splice(i, 1)[0].data);
        return new Promise((res, rej) => {
          const timer = setTimeout(() => rej(new Error(`no ${event} event within 10 s`)), 10_000);
          waiting.push({ event, resolve: (d) => { clearTimeout(timer); res(d); } });
        });
      },
      close: () => req.destroy(),
    };
  });
}

beforeAll(async () => {
  t = await testApp();
  ({ organizer } = await publicationCampaign(t.app));
  // the public stream exists once something is published
  await publishPeriod(t.app, organizer, '2026-Q1');
  base = await startSecondProcess(t.db.url);
});
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await t.close();
});

describe('a publication on another server process', () => {
  it('reaches a connected big screen and phone page without a reload', async () => {
    const token = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${PUB}/kiosk-tokens`, payload: { label: '大厅' }, headers: { cookie: organizer } });
    const { secret } = token.json() as { secret: string };
    // the second process serves the screen (its data, then its stream) from the shared database
    const view = await fetch(`${base}/api/v1/kiosk/${secret}`);
    expect(view.status).toBe(200);
    expect(((await view.json()) as { latest: { period: string } }).latest.period).toBe('2026-Q1');
    const screen = await open(`${base}/api/v1/kiosk/${secret}/stream`);
    const phone = await open(`${base}/api/v1/public/campaigns/${PUB}/stream`);

    const q2 = await publishPeriod(t.app, organizer, '2026-Q2');
    const expected = { campaign: PUB, period: '2026-Q2', bulletin: q2.id, version: 1 };
    expect(await screen.next('publication')).toEqual(expected);
    expect(await phone.next('publication')).toEqual(expected);
    // and what it then reads is the new bulletin
    const after = (await (await fetch(`${base}/api/v1/kiosk/${secret}`)).json()) as { latest: { id: number }; periods: { period: string }[] };
    expect(after.latest.id).toBe(q2.id);
    expect(after.periods.map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2']);
    screen.close();
    phone.close();
  });
});
