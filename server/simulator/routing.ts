/** A path's method handlers plus a catch-all answering other methods 405 with `Allow`, so a
 *  wrong method and an unknown route (404) stay distinct. */
import type { Context, Hono } from 'hono';
import { ApiProblem } from './problem';

export type Method = 'GET' | 'POST' | 'DELETE';
export type RouteHandler = (c: Context) => Response | Promise<Response>;

export function route(
  app: Hono,
  path: string,
  handlers: Partial<Record<Method, RouteHandler>>,
): void {
  const methods = Object.keys(handlers) as Method[];
  for (const method of methods) {
    const handler = handlers[method];
    if (handler) app.on(method, path, handler);
  }
  const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : [])].join(', ');
  // hono answers HEAD by dispatching it as GET, so HEAD never reaches this handler.
  app.all(path, (c) => {
    throw new ApiProblem(
      405,
      `Method ${c.req.method} is not allowed on ${c.req.path}. Allowed: ${allow}.`,
      { Allow: allow },
    );
  });
}
