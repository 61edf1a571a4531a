/** Which headers cross the proxy, each way: allow lists both, so a header nobody thought of (an
 *  override of the method or the URL, a claim about the client's address) never travels. */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { carriesKey } from './redact';
import { SECURITY_HEADERS } from './json';

/**
 * The browser headers the API needs, and nothing else: what the body is, what the answer may be,
 * a request id, and the conditional headers. Everything else stays behind — credentials (the
 * proxy authenticates), `Host`, `Origin`, `Referer`, `Sec-Fetch-*`, method and URL overrides
 * (`X-HTTP-Method-Override`, `X-Original-URL`, …), client-address claims (`Forwarded`,
 * `X-Forwarded-*`, `X-Real-IP`, `True-Client-IP`, …), `Via` and hop-by-hop headers.
 */
const FORWARDED_REQUEST_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'content-type',
  'content-length',
  'if-none-match',
  'if-modified-since',
  'x-request-id',
]);

/** What the proxy can decode when it must read an error body to redact the key. */
const DECODABLE_CODINGS = new Set(['gzip', 'deflate', 'br', 'identity']);

/**
 * The upstream headers a browser needs; everything else stays behind. Not passed, notably:
 * `Set-Cookie` (the upstream's cookies are not the dashboard's), `Access-Control-*` (the
 * dashboard's origin decides who may read it), `WWW-Authenticate` (a browser login prompt on the
 * dashboard), `Location` outside a redirect, `Refresh`, `Link`, the upstream's own CSP, and its
 * caching headers (`Cache-Control`, `Expires`, `Age`, `Pragma`): every answer is `no-store`, so
 * that nothing an upstream said outlives a switch to another upstream.
 */
const PASSED_TO_BROWSER = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-disposition',
  'retry-after',
  'etag',
  'last-modified',
  'vary',
  'date',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'ratelimit',
]);
const PASSED_TO_BROWSER_PREFIXES = ['x-ratelimit-', 'ratelimit-'];

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1), plus Node's own. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export const PROXY_USER_AGENT = 'agent-console';

export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  upstreamHost: string,
  apiKey: string,
): OutgoingHttpHeaders {
  const headers = copyHeaders(incoming, (name) => FORWARDED_REQUEST_HEADERS.has(name));
  const encodings = decodableEncodings(incoming['accept-encoding']);
  if (encodings === undefined) delete headers['accept-encoding'];
  else headers['accept-encoding'] = encodings;
  headers.host = upstreamHost;
  headers['user-agent'] = PROXY_USER_AGENT;
  headers.authorization = `Bearer ${apiKey}`;
  return headers;
}

/**
 * The allowlisted upstream headers, minus any whose name or value carries the key (an upstream
 * that echoes the request's `Authorization` back, say) or that Node could not send, plus
 * `Cache-Control: no-store` and the proxy's sandboxing headers.
 */
export function clientResponseHeaders(
  incoming: IncomingHttpHeaders,
  apiKey: string,
): OutgoingHttpHeaders {
  const headers = copyHeaders(incoming, (name, value) => {
    const allowed =
      PASSED_TO_BROWSER.has(name) ||
      PASSED_TO_BROWSER_PREFIXES.some((prefix) => name.startsWith(prefix));
    const values = Array.isArray(value) ? value : [value];
    return (
      allowed &&
      isSendable(name, value) &&
      !carriesKey(name, apiKey) &&
      !values.some((v) => carriesKey(v, apiKey))
    );
  });
  return { ...headers, 'cache-control': 'no-store', ...SECURITY_HEADERS };
}

/** The browser's `Accept-Encoding`, keeping only the codings the proxy itself can decode. */
function decodableEncodings(value: string | undefined): string | undefined {
  const kept = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => DECODABLE_CODINGS.has(item.split(';')[0]?.trim().toLowerCase() ?? ''));
  return kept.length === 0 ? undefined : kept.join(', ');
}

function isSendable(name: string, value: string | string[]): boolean {
  try {
    validateHeaderName(name);
    for (const one of Array.isArray(value) ? value : [value]) validateHeaderValue(name, one);
    return true;
  } catch {
    return false;
  }
}

/** Copies the headers `keep` accepts, minus hop-by-hop ones and those named in `Connection`. */
function copyHeaders(
  incoming: IncomingHttpHeaders,
  keep: (name: string, value: string | string[]) => boolean,
): OutgoingHttpHeaders {
  const connectionTokens = new Set(
    String(incoming.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ''),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionTokens.has(name)) continue;
    if (keep(name, value)) out[name] = value;
  }
  return out;
}
