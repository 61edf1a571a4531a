/**
 * The streaming forwarder behind `/api/v1/*`: one browser request in, one upstream request out.
 *
 * Why our own (a few dozen lines) rather than Vite's `server.proxy`: the same code must serve
 * `vite`, `vite preview` and plain-`node:http` tests; the key is injected here and browser
 * credentials are stripped here; and an unreachable upstream must answer in the API's own error
 * envelope, naming the upstream, so the dashboard can show it like any other API error.
 *
 * What comes back is filtered as strictly as what goes out: only the headers a browser needs, never
 * one that carries the key, no redirect that leaves the API, and every answer sandboxed (see
 * `SECURITY.md`). An upstream that does not answer gets a 504 after `responseTimeoutMs`.
 *
 * Bodies stream both ways with backpressure, so a 50 MB upload is never held in memory. The
 * request side uses `pipe` rather than `pipeline` on purpose: `pipeline` destroys the browser's
 * request when the upstream fails, which kills the socket mid-upload and leaves the browser with a
 * bare network error instead of our 502.
 */
import http, { STATUS_CODES } from 'node:http';
import type {
  ClientRequest,
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { pipeline } from 'node:stream';
import type { UpstreamTarget } from './backend';
import { dropCorsHeaders, SECURITY_HEADERS, sendJson } from './json';
import { unsafePathReason } from './paths';

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

/**
 * Browser headers the upstream must not see: credentials (the proxy authenticates), the browser's
 * host, browser-context metadata that would make a server-to-server call look cross-origin, and
 * claims about the client's address (`X-Forwarded-*` too) that only a proxy may make and this one
 * does not. `expect` is answered by Node on our side already.
 */
const DROPPED_FROM_BROWSER = new Set([
  'authorization',
  'cookie',
  'host',
  'origin',
  'referer',
  'expect',
  'forwarded',
  'x-real-ip',
]);
const DROPPED_FROM_BROWSER_PREFIXES = ['sec-fetch-', 'x-forwarded-'];

/**
 * The upstream headers a browser needs; everything else stays behind. Not passed, notably:
 * `Set-Cookie` (the upstream's cookies are not the dashboard's), `Access-Control-*` (the
 * dashboard's origin decides who may read it), `WWW-Authenticate` (a browser login prompt on the
 * dashboard), `Location` outside a redirect, `Refresh`, `Link` and the upstream's own CSP.
 */
const PASSED_TO_BROWSER = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-disposition',
  'retry-after',
  'cache-control',
  'expires',
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

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_RESPONSE_TIMEOUT_MS = 60_000;

export interface ForwardOptions {
  /** How long to wait for a TCP connection before answering 502. */
  connectTimeoutMs?: number;
  /**
   * How long to wait for the upstream's answer once the request, body included, has been sent
   * (then 504), and how long its body may then stall (then the connection is cut). Default 60 s.
   */
  responseTimeoutMs?: number;
}

export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  upstreamHost: string,
  apiKey: string,
): OutgoingHttpHeaders {
  const headers = copyHeaders(
    incoming,
    (name) =>
      !DROPPED_FROM_BROWSER.has(name) &&
      !DROPPED_FROM_BROWSER_PREFIXES.some((prefix) => name.startsWith(prefix)),
  );
  headers.host = upstreamHost;
  headers.authorization = `Bearer ${apiKey}`;
  return headers;
}

/**
 * The allowlisted upstream headers, minus any whose name or value carries the key (an upstream
 * that echoes the request's `Authorization` back, say), plus the proxy's sandboxing headers.
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
    return allowed && !carriesKey(name, apiKey) && !values.some((v) => carriesKey(v, apiKey));
  });
  return { ...headers, ...SECURITY_HEADERS };
}

/**
 * Forwards `req` to `<target.baseUrl><pathAndQuery>` and streams the answer into `res`.
 * `pathAndQuery` must already be normalised and start with `/api/v1`.
 */
export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: UpstreamTarget,
  pathAndQuery: string,
  options: ForwardOptions = {},
): void {
  const base = new URL(target.baseUrl);
  const timeoutMs = options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
  let current: ClientRequest | undefined;

  // The browser went away (tab closed, upload cancelled): stop the upstream work too.
  res.once('close', () => {
    if (!res.writableFinished) current?.destroy();
  });
  req.once('error', () => current?.destroy());

  /** The proxy's own answer, for when the upstream's cannot be passed on. */
  const answer = (status: number, message: string) => {
    if (res.headersSent || res.destroyed) return;
    req.unpipe();
    req.resume(); // discard the rest of an upload so that the answer can still be delivered
    sendJson(res, status, { error: redact(message, target.apiKey) });
  };

  const attempt = (isRetry: boolean) => {
    const upstreamReq = openUpstreamRequest(req, base, target.apiKey, pathAndQuery, options);
    current = upstreamReq;
    /** Whether this attempt's outcome is decided: an answer passed on or refused, or a retry. */
    let settled = false;
    let answerTimer: NodeJS.Timeout | undefined;
    const settle = () => {
      settled = true;
      clearTimeout(answerTimer);
    };
    const refuse = (status: number, message: string) => {
      settle();
      upstreamReq.destroy();
      answer(status, message);
    };

    // The clock starts once the whole request, upload included, has been handed over: a slow
    // upload is the browser's business (the run form has its own rule), a slow answer is not.
    upstreamReq.once('finish', () => {
      if (settled) return;
      answerTimer = setTimeout(() => {
        const s = timeoutMs / 1000;
        refuse(
          504,
          `No answer from the upstream ${base.host} within ${s} s. It may still be working on the request: refresh before trying again, as repeating a run starts a second task. If the upstream is only slow, raise NANONETS_UPSTREAM_TIMEOUT_S (now ${s}).`,
        );
      }, timeoutMs);
      answerTimer.unref();
    });

    // Interim answers are not passed on, and the proxy never switches protocols: the API has no
    // use for either, and a browser waiting for a final answer would never get one.
    upstreamReq.on('information', (info) => {
      if (info.statusCode === 100) return;
      refuse(
        502,
        `The upstream ${base.host} answered ${info.statusCode} ${info.statusMessage}, which the Agent Console proxy does not pass on. ${target.unreachableHint}`,
      );
    });
    upstreamReq.on('upgrade', (_upgrade: IncomingMessage, socket: Socket) => {
      socket.destroy();
      refuse(
        502,
        `The upstream ${base.host} answered 101 Switching Protocols; the Agent Console proxy only forwards plain HTTP requests. ${target.unreachableHint}`,
      );
    });

    upstreamReq.on('response', (upstreamRes) => {
      settle();
      if (res.destroyed) {
        upstreamRes.destroy();
        return;
      }
      const status = upstreamRes.statusCode ?? 0;
      if (status < 200 || status > 599) {
        upstreamRes.destroy();
        answer(
          502,
          `The upstream ${base.host} answered with status ${status}, which is not an answer the dashboard understands. ${target.unreachableHint}`,
        );
        return;
      }
      const headers = clientResponseHeaders(upstreamRes.headers, target.apiKey);
      const location = upstreamRes.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        const redirect = apiRedirect(location, base, pathAndQuery, target.apiKey);
        if (redirect.path === undefined) {
          upstreamRes.destroy();
          answer(
            502,
            `The upstream ${base.host} answered ${status} with a redirect to ${redirect.to}, which the Agent Console proxy does not pass on: it only forwards to ${base.origin}${base.pathname.replace(/\/$/, '')}/api/v1. If the API has moved, point the proxy at its new address.`,
          );
          return;
        }
        headers.location = redirect.path;
      }
      dropCorsHeaders(res);
      res.writeHead(status, statusText(upstreamRes, target.apiKey), headers);
      if (req.method === 'HEAD') {
        // Asked upstream as a GET: the headers are the answer, the body is not wanted.
        res.end();
        upstreamRes.destroy();
        return;
      }
      // A body that stops arriving is cut off; one the browser is slow to read is not.
      let idle: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          if (res.writableNeedDrain) arm();
          else upstreamRes.destroy(codedError('the answer stalled', 'EBODY_TIMEOUT'));
        }, timeoutMs);
        idle.unref();
      };
      // Errors here mean one side hung up mid-body; pipeline has already destroyed the other,
      // and a half-sent response cannot be turned into an error envelope any more.
      pipeline(upstreamRes, res, () => clearTimeout(idle));
      upstreamRes.on('data', arm);
      res.on('drain', arm);
      arm();
    });

    upstreamReq.on('error', (error: NodeJS.ErrnoException) => {
      req.unpipe(upstreamReq);
      // Once the upstream has answered, the response pipeline owns the outcome (it cuts the
      // browser off if the upstream's body breaks); a failed upload write alone changes nothing.
      if (settled || res.headersSent || res.destroyed) return;
      settle();
      // An idle kept-alive socket the upstream closed just as we reused it: not an outage.
      // Browsers retry these once; so do we, for requests without a body.
      if (!isRetry && upstreamReq.reusedSocket && isStaleSocket(error) && hasNoBody(req)) {
        attempt(true);
        return;
      }
      answer(
        502,
        `Could not reach the upstream ${base.host}: ${describeNetworkError(error, options)}. ${target.unreachableHint}`,
      );
    });

    // Closed with neither an answer nor an error: what Node does with a 101 nobody asked for.
    upstreamReq.on('close', () => {
      clearTimeout(answerTimer);
      if (settled) return;
      settle();
      answer(
        502,
        `The upstream ${base.host} closed the connection without an answer. ${target.unreachableHint}`,
      );
    });

    // A retry only happens for a body-less request whose (empty) stream has already ended.
    if (isRetry) upstreamReq.end();
    else req.pipe(upstreamReq);
  };
  attempt(false);
}

/**
 * Where a redirect may send the browser: a path under `/api/v1` on the dashboard, when the
 * upstream redirects within its own `/api/v1` (a canonical path, say). Anything else (another
 * origin, another path on the same one) is not passed on; `to` says where it pointed, as an
 * origin only, since the rest of an address can carry tokens.
 */
function apiRedirect(
  location: string,
  base: URL,
  pathAndQuery: string,
  apiKey: string,
): { path?: string; to: string } {
  const prefix = base.pathname.replace(/\/$/, '');
  let url: URL;
  try {
    url = new URL(location, base.origin + prefix + pathAndQuery);
  } catch {
    return { to: 'an address that is not a URL' };
  }
  if (url.origin !== base.origin) {
    return { to: url.origin === 'null' ? `a ${url.protocol} address` : url.origin };
  }
  const outside = { to: `${url.origin} outside /api/v1` };
  if (url.username !== '' || url.password !== '' || carriesKey(url.href, apiKey)) return outside;
  if (!url.pathname.startsWith(`${prefix}/`)) return outside;
  const path = url.pathname.slice(prefix.length);
  if (path !== '/api/v1' && !path.startsWith('/api/v1/')) return outside;
  if (unsafePathReason(path) !== undefined) return outside;
  return { path: path + url.search, to: url.origin };
}

/** The upstream's reason phrase, unless it carries the key: then the standard one. */
function statusText(upstreamRes: IncomingMessage, apiKey: string): string {
  const status = upstreamRes.statusCode ?? 0;
  const text = upstreamRes.statusMessage ?? '';
  return text === '' || carriesKey(text, apiKey) ? (STATUS_CODES[status] ?? '') : text;
}

/** Whether `text` contains the key, in any letter case or URL-encoded. */
function carriesKey(text: string, apiKey: string): boolean {
  if (apiKey === '') return false;
  const lower = text.toLowerCase();
  return (
    lower.includes(apiKey.toLowerCase()) || lower.includes(encodeURIComponent(apiKey).toLowerCase())
  );
}

function redact(text: string, apiKey: string): string {
  return apiKey === '' ? text : text.split(apiKey).join('[API key]');
}

function codedError(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

function openUpstreamRequest(
  req: IncomingMessage,
  base: URL,
  apiKey: string,
  pathAndQuery: string,
  options: ForwardOptions,
): ClientRequest {
  const upstreamReq = (base.protocol === 'https:' ? https : http).request({
    protocol: base.protocol,
    // `URL.hostname` keeps IPv6 brackets; `http.request` wants the bare address.
    hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: base.port === '' ? undefined : Number(base.port),
    // HEAD is asked as a GET: the API documents GET, and the answer's headers are the same.
    method: req.method === 'HEAD' ? 'GET' : req.method,
    path: base.pathname.replace(/\/$/, '') + pathAndQuery,
    headers: upstreamRequestHeaders(req.headers, base.host, apiKey),
  });
  upstreamReq.on('socket', (socket) => {
    if (!socket.connecting) return; // a kept-alive socket is already connected
    const timer = setTimeout(() => {
      upstreamReq.destroy(codedError('connect timeout', 'ECONNECT_TIMEOUT'));
    }, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    timer.unref();
    socket.once('connect', () => clearTimeout(timer));
    upstreamReq.once('close', () => clearTimeout(timer));
  });
  return upstreamReq;
}

function isStaleSocket(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ECONNRESET' || error.code === 'EPIPE';
}

function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return (
    req.readableEnded &&
    req.headers['transfer-encoding'] === undefined &&
    (length === undefined || length === '0')
  );
}

/** A short, human reason for a failure that happened before the upstream answered. */
export function describeNetworkError(
  error: NodeJS.ErrnoException,
  options: ForwardOptions = {},
): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing is listening there)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name could not be resolved (DNS lookup failed)';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was closed before an answer arrived';
    case 'ECONNECT_TIMEOUT':
    case 'ETIMEDOUT': {
      const seconds = (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) / 1000;
      return `no connection within ${seconds} s`;
    }
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the network or host is unreachable';
    default:
      if (
        error.code !== undefined &&
        /TLS|SSL|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(error.code)
      ) {
        return `the TLS handshake failed (${error.code})`;
      }
      return error.code === undefined ? error.message : `${error.code}: ${error.message}`;
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
