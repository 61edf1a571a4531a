import { STATUS_CODES } from 'node:http';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Sent with every answer under `/api/` and `/__console/`, the upstream's and the proxy's own: the
 * dashboard's origin serves them, so an upstream HTML error page (or anything else a browser
 * might be talked into rendering) must not be able to run script or be framed there.
 */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
  'cross-origin-resource-policy': 'same-origin',
} as const;

/**
 * Removes `Access-Control-*` headers an earlier middleware set on `res`: Vite's CORS middleware
 * runs before any plugin's and would otherwise let other local origins read the proxy's answers.
 */
export function dropCorsHeaders(res: ServerResponse): void {
  for (const name of res.getHeaderNames()) {
    if (name.startsWith('access-control-')) res.removeHeader(name);
  }
}

/**
 * Answers with JSON the way the Agents API does, so the app parses our errors like theirs.
 * `extra` headers (an upstream's `Retry-After`, say) go first, so they cannot replace ours.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(body);
  dropCorsHeaders(res);
  // The reason phrase is always given: a failed earlier writeHead may have left another behind.
  res.writeHead(status, STATUS_CODES[status] ?? '', {
    ...extra,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  res.end(text);
}
