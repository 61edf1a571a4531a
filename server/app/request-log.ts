/** The one JSON line logged per request: method, path, the query's names (never its values), status
 *  and duration. Never the key, a cookie, a header or a body. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function requestLogLine(req: IncomingMessage, res: ServerResponse, ms: number): string {
  const raw = req.url ?? '';
  const question = raw.indexOf('?');
  const path = question === -1 ? raw : raw.slice(0, question);
  const query = question === -1 ? [] : [...new URLSearchParams(raw.slice(question + 1)).keys()];
  return JSON.stringify({
    time: new Date().toISOString(),
    method: req.method,
    path,
    ...(query.length > 0 ? { query: [...new Set(query)] } : {}),
    status: res.headersSent ? res.statusCode : 0,
    ms: Math.round(ms),
  });
}
