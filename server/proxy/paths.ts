/**
 * Which request paths the proxy will sign with the key.
 *
 * The routing decision is made on the WHATWG-normalised path, which resolves `..`, `%2e%2e` and
 * `\` itself. What it leaves alone is what an upstream (or a server behind it) might decode again:
 * `%2f`, `%5c`, double-encoded `%252e%252e`, ... forwarded verbatim with the key, those could
 * address something outside `/api/v1` there. Legitimate ids (UUIDs) and the API's fixed path
 * words never contain any of it, so such paths are refused outright rather than repaired.
 */

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
