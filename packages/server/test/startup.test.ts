// Issue 10 item 5: QR codes and phone links point where the server really is. Without PUBLIC_URL
// they use the address the server listens on (its HOST and port), and startup says which address
// they use; the Word bulletins published at first start carry it.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { publicUrlOf, REPO_ROOT } from '../src/config.ts';
import { freshDatabase, type TestDatabase } from './support/db.ts';

describe('publicUrlOf', () => {
  it('is PUBLIC_URL when given, else where the server listens', () => {
    expect(publicUrlOf({ PUBLIC_URL: 'https://kaohe.example.cn', HOST: 'localhost' }, 3101)).toBe('https://kaohe.example.cn');
    expect(publicUrlOf({ HOST: 'localhost' }, 3101)).toBe('http://localhost:3101');
    expect(publicUrlOf({ HOST: '127.0.0.1' }, 3101)).toBe('http://localhost:3101');
    expect(publicUrlOf({ HOST: '192.168.1.20' }, 8080)).toBe('http://192.168.1.20:8080');
    // every interface: the machine's network address (a phone cannot reach localhost)
    expect(publicUrlOf({ HOST: '0.0.0.0' }, 3000, () => '10.0.0.7')).toBe('http://10.0.0.7:3000');
    expect(publicUrlOf({ HOST: '0.0.0.0' }, 3000, () => undefined)).toBe('http://localhost:3000');
  });
});

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

describe('npm start without PUBLIC_URL', () => {
  let child: ChildProcess | undefined;
  let db: TestDatabase | undefined;
  let output = '';
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
  });

  it('says which address QR codes use, and the demo bulletins carry the address it listens on', async () => {
    db = await freshDatabase();
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', LEITAI_DEMO: 'true', LOG_LEVEL: 'warn',
      WEB_DIST: path.join(REPO_ROOT, 'no-web-build'), LEITAI_ADMIN_PASSWORD: '',
    };
    delete env.PUBLIC_URL;
    child = spawn(process.execPath, ['--import', 'tsx', path.join('packages', 'server', 'src', 'main.ts')], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('QR codes and phone links use')) resolve();
      });
      child?.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      child?.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
    });
    const url = `http://localhost:${port}`;
    expect(output).toContain(`QR codes and phone links use ${url}`);

    // the January bulletin (published at first start) names the phone page at that address
    const docx = await fetch(`http://127.0.0.1:${port}/api/v1/public/bulletins/1/bulletin.docx`);
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')?.async('string');
    expect(xml).toContain(`${url}/m/qingshan-2026`);
    expect(xml).not.toContain('localhost:3000');
  }, 180_000);
});
