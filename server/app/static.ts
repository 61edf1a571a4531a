/** Serves the built app: hashed assets cached for a year, `index.html` revalidated on every load,
 *  brotli or gzip files written at build time, and `index.html` for every client route. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function installStatic<E extends object>(app: Hono<E>, distDir: string): void {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) {
    throw new Error(`${index} does not exist: build the app first (npm run build).`);
  }
  app.use('*', cacheHeaders);
  app.use('*', serveStatic({ root: distDir, precompressed: true }));
  // Client routes: any other page a person can open is the app's own `index.html`. Missing assets
  // stay 404 so a stale chunk reference fails visibly instead of parsing HTML as JavaScript.
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    if (c.req.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(c.req.path)) return next();
    const response = await serveStatic({
      root: distDir,
      precompressed: true,
      rewriteRequestPath: () => '/index.html',
    })(c, next);
    return response ?? next();
  });
}

const cacheHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status !== 200 && c.res.status !== 206) return;
  const type = c.res.headers.get('content-type') ?? '';
  c.res.headers.set(
    'cache-control',
    c.req.path.startsWith('/assets/') && !type.startsWith('text/html') ? IMMUTABLE : REVALIDATE,
  );
  if (!c.res.headers.has('content-encoding')) c.res.headers.append('vary', 'Accept-Encoding');
};

/** The stylesheet `index.html` links to, for pages the server draws itself (sign-in). */
export function builtStylesheet(distDir: string): string | undefined {
  const indexPath = path.join(distDir, 'index.html');
  if (!existsSync(indexPath)) return undefined;
  const match = /<link rel="stylesheet"[^>]*href="(\/assets\/[^"]+\.css)"/.exec(
    readFileSync(indexPath, 'utf8'),
  );
  return match?.[1];
}
