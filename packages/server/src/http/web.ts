// Serves the built web app (packages/web/dist) and falls back to its index.html for every non-API
// path, so client-side routes survive a reload. Without a build, a plain page says so.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { PUBLIC } from './access.ts';
import { errorBody } from './error-handler.ts';
import { languageOf } from './language.ts';

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>擂台 Leitai</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>擂台 Leitai</h1>
<p>界面尚未构建。请运行 <code>npm run build:web</code> 后重新启动。接口文档见 <a href="/api/docs">/api/docs</a>。</p>
<p>The web UI is not built yet. Run <code>npm run build:web</code> and restart. API docs: <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

export async function registerWeb(app: FastifyInstance, webDist: string | null): Promise<void> {
  const hasBuild = webDist !== null && existsSync(path.join(webDist, 'index.html'));
  if (hasBuild) {
    await app.register(async (web) => {
      // the static plugin's routes are public: they only ever hand out the app's own files
      web.addHook('onRoute', (route) => { route.config = { ...route.config, access: PUBLIC }; });
      // Vite names assets by their content hash: a phone keeps them until the name changes; the page
      // itself is revalidated. (A hook, not the plugin's setHeaders, which breaks with preCompressed.)
      web.addHook('onSend', async (req, reply) => {
        reply.header('cache-control', req.url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      });
      await web.register(fastifyStatic, {
        root: webDist,
        wildcard: true,
        index: ['index.html'],
        // the .br / .gz copies written at build time (scripts/precompress.mjs), chosen by Accept-Encoding
        preCompressed: true,
      });
    });
  }
  const indexHtml = webDist === null ? '' : path.join(webDist, 'index.html');
  app.setNotFoundHandler(async (req, reply) => {
    const url = req.raw.url ?? '/';
    if (url.startsWith('/api/') || url === '/api' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.status(404).send(errorBody(new AppError('not_found'), languageOf(req.headers['accept-language'])));
    }
    // read on each request (it is small) so that a rebuild shows without a restart
    if (hasBuild) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(await readFile(indexHtml));
    return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
  });
}
