/**
 * The streaming forwarder behind `/api/v1/*`: one browser request in, one upstream request out.
 *
 * Why our own (a few dozen lines) rather than Vite's `server.proxy`: the same code must serve
 * `vite`, `vite preview` and plain-`node:http` tests; the key is injected here and browser
 * credentials are stripped here; and an unreachable upstream must answer in the API's own error
 * envelope, naming the upstream, so the dashboard can show it like any other API error.
 *
 * Bodies stream both ways with backpressure, so a 50 MB upload is never held in memory. The
 * request side uses `pipe` rather than `pipeline` on purpose: `pipeline` destroys the browser's
 * request when the upstream fails, which kills the socket mid-upload and leaves the browser with a
 * bare network error instead of our 502.
 */
import http from 'node:http';
import type {
  ClientRequest,
  IncomingHttpHeaders,
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream';
import type { UpstreamTarget } from './backend';
import { sendJson } from './json';

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
 * host, and browser-context metadata that would make a server-to-server call look cross-origin.
 * `expect` is answered by Node on our side already.
 */
const DROPPED_FROM_BROWSER = new Set([
  'authorization',
  'cookie',
  'host',
  'origin',
  'referer',
  'expect',
]);

/** Upstream cookies belong to the upstream's origin, never to the dashboard's. */
const DROPPED_FROM_UPSTREAM = new Set(['set-cookie']);

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface ForwardOptions {
  /** How long to wait for a TCP connection before answering 502. */
  connectTimeoutMs?: number;
}

export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  upstreamHost: string,
  apiKey: string,
): OutgoingHttpHeaders {
  const headers = copyHeaders(incoming, DROPPED_FROM_BROWSER, (name) =>
    name.startsWith('sec-fetch-'),
  );
  headers.host = upstreamHost;
  headers.authorization = `Bearer ${apiKey}`;
  return headers;
}

export function clientResponseHeaders(incoming: IncomingHttpHeaders): OutgoingHttpHeaders {
  return copyHeaders(incoming, DROPPED_FROM_UPSTREAM, () => false);
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
  let current: ClientRequest | undefined;

  // The browser went away (tab closed, upload cancelled): stop the upstream work too.
  res.once('close', () => {
    if (!res.writableFinished) current?.destroy();
  });
  req.once('error', () => current?.destroy());

  const attempt = (isRetry: boolean) => {
    const upstreamReq = openUpstreamRequest(req, base, target.apiKey, pathAndQuery, options);
    current = upstreamReq;

    upstreamReq.on('response', (upstreamRes) => {
      if (res.destroyed) {
        upstreamRes.destroy();
        return;
      }
      res.writeHead(
        upstreamRes.statusCode ?? 502,
        upstreamRes.statusMessage,
        clientResponseHeaders(upstreamRes.headers),
      );
      // Errors here mean one side hung up mid-body; pipeline has already destroyed the other,
      // and a half-sent response cannot be turned into an error envelope any more.
      pipeline(upstreamRes, res, () => undefined);
    });

    upstreamReq.on('error', (error: NodeJS.ErrnoException) => {
      req.unpipe(upstreamReq);
      // Once the upstream has answered, the response pipeline owns the outcome (it cuts the
      // browser off if the upstream's body breaks); a failed upload write alone changes nothing.
      if (res.headersSent || res.destroyed) return;
      // An idle kept-alive socket the upstream closed just as we reused it: not an outage.
      // Browsers retry these once; so do we, for requests without a body.
      if (!isRetry && upstreamReq.reusedSocket && isStaleSocket(error) && hasNoBody(req)) {
        attempt(true);
        return;
      }
      req.resume(); // discard the rest of an upload so that the answer can still be delivered
      sendJson(res, 502, {
        error: `Could not reach the upstream ${base.host}: ${describeNetworkError(error, options)}. ${target.unreachableHint}`,
      });
    });

    // A retry only happens for a body-less request whose (empty) stream has already ended.
    if (isRetry) upstreamReq.end();
    else req.pipe(upstreamReq);
  };
  attempt(false);
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
    method: req.method,
    path: base.pathname.replace(/\/$/, '') + pathAndQuery,
    headers: upstreamRequestHeaders(req.headers, base.host, apiKey),
  });
  upstreamReq.on('socket', (socket) => {
    if (!socket.connecting) return; // a kept-alive socket is already connected
    const timer = setTimeout(() => {
      upstreamReq.destroy(
        Object.assign(new Error('connect timeout'), { code: 'ECONNECT_TIMEOUT' as const }),
      );
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

/** Copies headers minus hop-by-hop ones, ones named in `Connection`, and the given extras. */
function copyHeaders(
  incoming: IncomingHttpHeaders,
  dropped: ReadonlySet<string>,
  alsoDrop: (name: string) => boolean,
): OutgoingHttpHeaders {
  const connectionTokens = new Set(
    String(incoming.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ''),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) || connectionTokens.has(name) || dropped.has(name) || alsoDrop(name)) {
      continue;
    }
    out[name] = value;
  }
  return out;
}
