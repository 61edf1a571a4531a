/** Which paths the proxy signs: `unsafePathReason` refuses anything an upstream might decode into
 *  another path (`%2f`, `%5c`, dot segments, `;`, nested encodings); `forwardedRoute` admits only
 *  the method and path patterns of `src/api/`. See SECURITY.md. */

/** The raw path of a request target, before any normalisation: no query, no fragment. */
export function rawPathOf(target: string): string {
  let path = target;
  const end = path.search(/[?#]/);
  if (end >= 0) path = path.slice(0, end);
  // The absolute form (`GET http://host/api/v1/... HTTP/1.1`) that proxies get.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  return absolute ? path.slice(absolute[0].length) : path;
}

/**
 * Why `rawPath` must not be forwarded, or undefined when it is fine. Each segment is decoded
 * until no escape is left, so that double (or triple) encoding cannot hide anything.
 */
export function unsafePathReason(rawPath: string): string | undefined {
  for (const segment of rawPath.split('/')) {
    if (segment.includes('\\')) return 'a backslash';
    let text = segment;
    for (;;) {
      if (text === '.' || text === '..') return 'a dot segment';
      if (text.includes(';')) return 'a semicolon';
      // eslint-disable-next-line no-control-regex -- control characters are exactly the point
      if (/[\u0000-\u001f\u007f]/.test(text)) return 'a control character';
      if (!text.includes('%')) break;
      let decoded: string;
      try {
        decoded = decodeURIComponent(text);
      } catch {
        return 'malformed percent-encoding';
      }
      if (decoded.includes('/')) return 'an encoded slash';
      if (decoded.includes('\\')) return 'an encoded backslash';
      // Every successful round removes at least one escape, so this ends.
      text = decoded;
    }
  }
  return undefined;
}

/**
 * One path parameter: RFC 3986's unreserved characters, starting with a letter or digit (so never
 * `.` or `..`), at most 200 of them.
 */
export const PATH_PARAM = '[A-Za-z0-9][A-Za-z0-9._~-]{0,199}';

/** The endpoints `src/api/` calls, and nothing else. `GET` routes answer `HEAD` too. */
export const FORWARDED_ROUTES = [
  { method: 'GET', path: '/api/v1/agents' },
  { method: 'GET', path: '/api/v1/agents/{id}' },
  { method: 'POST', path: '/api/v1/agents/{id}/run' },
  { method: 'GET', path: '/api/v1/tasks' },
  { method: 'GET', path: '/api/v1/tasks/{id}' },
  { method: 'GET', path: '/api/v1/tasks/{id}/summary' },
  { method: 'GET', path: '/api/v1/tasks/{id}/result' },
  { method: 'GET', path: '/api/v1/tasks/{id}/messages' },
  { method: 'POST', path: '/api/v1/tasks/{id}/message' },
  { method: 'POST', path: '/api/v1/tasks/{id}/cancel' },
] as const;

const ROUTE_PATTERNS = FORWARDED_ROUTES.map(({ method, path }) => ({
  method,
  pattern: new RegExp(`^${path.replace(/\{id\}/g, PATH_PARAM)}$`),
}));

/** Whether `method rawPath` is one of `FORWARDED_ROUTES` (query strings are not part of it). */
export function isForwardedRoute(method: string, rawPath: string): boolean {
  const asked = method === 'HEAD' ? 'GET' : method;
  return ROUTE_PATTERNS.some((route) => route.method === asked && route.pattern.test(rawPath));
}
