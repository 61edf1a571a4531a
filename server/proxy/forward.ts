/** The streaming forwarder behind `/api/v1/*`: injects the key, filters headers (`headers.ts`), and
 *  answers an upstream failure in the API's error envelope; every phase has a timeout and bodies
 *  stream with backpressure (`pipe`, not `pipeline`, keeps our 502). Decision 0004. */
import http, { STATUS_CODES } from 'node:http';
import type {
  ClientRequest,
  IncomingMessage,
  OutgoingHttpHeaders,
  ServerResponse,
} from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { pipeline } from 'node:stream';
import type { UpstreamTarget } from './backend';
import { ERROR_BODY_LIMIT_BYTES, readableErrorBody } from './error-body';
import { clientResponseHeaders, upstreamRequestHeaders } from './headers';
import { dropCorsHeaders, sendJson } from './json';
import { isForwardedRoute, unsafePathReason } from './paths';
import { carriesKey, redactKey } from './redact';

export { clientResponseHeaders, upstreamRequestHeaders } from './headers';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_RESPONSE_TIMEOUT_MS = 60_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
export const DEFAULT_TOTAL_TIMEOUT_MS = 120_000;

/** Headers that describe a body, dropped when the proxy replaces the body with its own. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-disposition'];

export interface ForwardOptions {
  /** How long to wait for a TCP connection before answering 502. Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * How long to wait for the upstream's answer once the request, body included, has been sent;
   * then 504. Default 60 s (`NANONETS_UPSTREAM_TIMEOUT_S`).
   */
  responseTimeoutMs?: number;
  /**
   * How long an upload or an answer's body may go without a byte moving: an upload the browser
   * stops sending or the upstream stops reading gets 504, an answer that stops arriving is cut
   * (504 while its headers are still unsent). Time spent waiting for a slow browser to read does
   * not count. Default 30 s (`NANONETS_UPSTREAM_IDLE_S`).
   */
  idleTimeoutMs?: number;
  /**
   * How long an answer may take from its status line to its last byte, however steadily it
   * trickles; then it is cut like a stalled one. Default 120 s (`NANONETS_UPSTREAM_TOTAL_S`).
   */
  totalTimeoutMs?: number;
}

/** A restartable one-shot timer that never keeps the process alive. */
function clock(ms: number, onFire: () => void) {
  let timer: NodeJS.Timeout | undefined;
  return {
    arm() {
      clearTimeout(timer);
      timer = setTimeout(onFire, ms);
      timer.unref();
    },
    stop() {
      clearTimeout(timer);
    },
  };
}

/**
 * Forwards `req` to `<target.baseUrl><pathAndQuery>` and streams the answer into `res`.
 * `pathAndQuery` must already be checked (`paths.ts`) and start with `/api/v1` (or `/__sim`).
 */
export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: UpstreamTarget,
  pathAndQuery: string,
  options: ForwardOptions = {},
): void {
  const base = new URL(target.baseUrl);
  const host = base.host;
  const responseMs = options.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS;
  const idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const totalMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  let current: ClientRequest | undefined;

  // The browser went away (tab closed, upload cancelled): stop the upstream work too.
  res.once('close', () => {
    if (!res.writableFinished) current?.destroy();
  });
  res.on('error', () => current?.destroy());
  req.once('error', () => current?.destroy());

  /** The proxy's own answer, for when the upstream's cannot be passed on. */
  const answer = (status: number, message: string, extra?: OutgoingHttpHeaders) => {
    if (res.headersSent || res.destroyed) return;
    req.unpipe();
    req.resume(); // discard the rest of an upload so that the answer can still be delivered
    sendJson(res, status, { error: redactKey(message, target.apiKey) }, extra);
  };

  /** Anything thrown while answering: a 502 if nothing is sent yet, else the connection is cut. */
  const fail = (error: unknown) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const reason = error instanceof Error ? error.message : String(error);
    answer(
      502,
      `The upstream ${host} sent an answer the Agent Console proxy could not pass on (${reason}). ${target.unreachableHint}`,
    );
  };

  const attempt = (isRetry: boolean) => {
    const upstreamReq = openUpstreamRequest(req, base, target.apiKey, pathAndQuery, options);
    current = upstreamReq;
    /** Whether this attempt's outcome is decided: an answer arrived or was refused, or a retry. */
    let settled = false;
    const idleS = idleMs / 1000;

    // While the request goes out: once connected (until then the connect clock runs), a byte
    // must move every `idleMs`, from the browser into the proxy (`data`) or from the proxy into
    // the upstream (`drain`). Which side stopped decides the message; both get 504, like an
    // answer that never comes.
    let connected = false;
    const upload = clock(idleMs, () => {
      const upstreamStopped = upstreamReq.writableNeedDrain || req.readableEnded;
      refuse(
        504,
        upstreamStopped
          ? `The upstream ${host} stopped reading the upload: nothing was taken for ${idleS} s. It may be overloaded; try again later, and if it is only slow, raise NANONETS_UPSTREAM_IDLE_S (now ${idleS}).`
          : `The upload stopped arriving: nothing came from the browser for ${idleS} s, so the Agent Console proxy gave up on it. Check the connection, then send it again.`,
      );
    });
    const onUploadProgress = () => {
      if (connected && !settled) upload.arm();
    };
    // The clock for the answer starts once the whole request, upload included, has been handed
    // over: a slow upload is the idle clock's business, a slow answer is this one's.
    const waitForAnswer = clock(responseMs, () => {
      const s = responseMs / 1000;
      refuse(
        504,
        `No answer from the upstream ${host} within ${s} s. It may still be working on the request: refresh before trying again, as repeating a run starts a second task. If the upstream is only slow, raise NANONETS_UPSTREAM_TIMEOUT_S (now ${s}).`,
      );
    });

    const settle = () => {
      settled = true;
      upload.stop();
      waitForAnswer.stop();
      req.off('data', onUploadProgress);
    };
    const refuse = (status: number, message: string) => {
      settle();
      upstreamReq.destroy();
      answer(status, message);
    };

    upstreamReq.once('socket', (socket: Socket) => {
      const onConnect = () => {
        connected = true;
        onUploadProgress();
      };
      if (socket.connecting) socket.once('connect', onConnect);
      else onConnect();
    });
    if (!isRetry) req.on('data', onUploadProgress);
    upstreamReq.on('drain', onUploadProgress);
    upstreamReq.once('finish', () => {
      upload.stop();
      if (!settled) waitForAnswer.arm();
    });

    // Interim answers (`100 Continue`, `102`, `103 Early Hints`) are not passed on and change
    // nothing: the API has no use for them, and the final answer follows (or the clock runs out).
    upstreamReq.on('information', () => undefined);
    // The proxy never switches protocols.
    upstreamReq.on('upgrade', (_upgrade: IncomingMessage, socket: Socket) => {
      socket.destroy();
      if (settled) return;
      refuse(
        502,
        `The upstream ${host} answered 101 Switching Protocols; the Agent Console proxy only forwards plain HTTP requests. ${target.unreachableHint}`,
      );
    });

    upstreamReq.on('response', (upstreamRes) => {
      if (settled || res.destroyed) {
        upstreamRes.destroy();
        return;
      }
      settle();
      try {
        relay(upstreamRes);
      } catch (error) {
        upstreamRes.destroy();
        fail(error);
      }
    });

    upstreamReq.on('error', (error: NodeJS.ErrnoException) => {
      req.unpipe(upstreamReq);
      // Once the upstream has answered, the relay owns the outcome (it cuts the browser off if
      // the upstream's body breaks); a failed upload write alone changes nothing.
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
        `Could not reach the upstream ${host}: ${describeNetworkError(error, options)}. ${target.unreachableHint}`,
      );
    });

    // Closed with neither an answer nor an error: what Node does with a 101 nobody asked for.
    upstreamReq.on('close', () => {
      if (settled) return;
      settle();
      answer(
        502,
        `The upstream ${host} closed the connection without an answer. ${target.unreachableHint}`,
      );
    });

    // A retry only happens for a body-less request whose (empty) stream has already ended.
    if (isRetry) upstreamReq.end();
    else req.pipe(upstreamReq);
  };

  /** Passes the upstream's answer on, within the body clocks. */
  const relay = (upstreamRes: IncomingMessage) => {
    const status = upstreamRes.statusCode ?? 0;
    if (status < 200 || status > 599) {
      upstreamRes.destroy();
      answer(
        502,
        `The upstream ${host} answered with status ${status}, which is not an answer the dashboard understands. ${target.unreachableHint}`,
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
          `The upstream ${host} answered ${status} with a redirect to ${redirect.to}, which the Agent Console proxy does not pass on: it only forwards to the endpoints the console uses under ${base.origin}${base.pathname.replace(/\/$/, '')}/api/v1. If the API has moved, point the proxy at its new address.`,
        );
        return;
      }
      headers.location = redirect.path;
    }
    dropCorsHeaders(res);
    // Only the standard reason phrase: the upstream's may carry the key or bytes Node refuses.
    const reason = STATUS_CODES[status] ?? '';

    if (req.method === 'HEAD') {
      // Asked upstream as a GET: the headers are the answer, the body is not wanted.
      upstreamRes.destroy();
      res.writeHead(status, reason, headers);
      res.end();
      return;
    }

    const cut = (message: string) => {
      upstreamRes.destroy();
      if (res.headersSent) res.destroy();
      else answer(504, message);
    };
    // A body that stops arriving is cut off; one the browser is slow to read is not.
    const idle = clock(idleMs, () => {
      // Bytes still queued for the browser: it is the browser that is slow, not the upstream.
      if (res.writableNeedDrain || res.writableLength > 0) progress();
      else
        cut(
          `The upstream ${host} stopped sending its answer for ${idleMs / 1000} s. Try again; if it is only slow, raise NANONETS_UPSTREAM_IDLE_S.`,
        );
    });
    const total = clock(totalMs, () =>
      cut(
        `The upstream ${host} took more than ${totalMs / 1000} s to send its answer. Try again; if its answers are only large, raise NANONETS_UPSTREAM_TOTAL_S.`,
      ),
    );
    let live = true;
    const stopClocks = () => {
      live = false;
      idle.stop();
      total.stop();
    };
    const progress = () => {
      if (live) idle.arm();
    };
    upstreamRes.on('data', progress);
    res.on('drain', progress);
    upstreamRes.once('close', stopClocks);
    res.once('close', stopClocks);
    idle.arm();
    total.arm();

    if (status >= 400) {
      relayError(upstreamRes, status, headers);
      return;
    }
    res.writeHead(status, reason, headers);
    // Errors here mean one side hung up mid-body; pipeline has already destroyed the other,
    // and a half-sent response cannot be turned into an error envelope any more.
    pipeline(upstreamRes, res, stopClocks);
  };

  /**
   * An error answer, read whole (it is small) so that the key can be redacted from it, then sent
   * with its length fixed. Too large or unreadable: the same status and headers (`Retry-After`
   * included) with an envelope of ours instead of the body.
   */
  const relayError = (
    upstreamRes: IncomingMessage,
    status: number,
    headers: OutgoingHttpHeaders,
  ) => {
    const reason = STATUS_CODES[status] ?? '';
    const chunks: Buffer[] = [];
    let size = 0;
    const instead = (why: string) => {
      const kept = { ...headers };
      for (const name of BODY_HEADERS) delete kept[name];
      answer(
        status,
        `The upstream ${host} answered ${status} ${reason}, with an error message the Agent Console proxy does not show (${why}).`,
        kept,
      );
    };
    upstreamRes.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= ERROR_BODY_LIMIT_BYTES) {
        chunks.push(chunk);
        return;
      }
      upstreamRes.destroy();
      instead(`it is over ${ERROR_BODY_LIMIT_BYTES / 1024} KB`);
    });
    upstreamRes.on('end', () => {
      if (res.headersSent || res.destroyed) return;
      try {
        const encoding = upstreamRes.headers['content-encoding'];
        const body = readableErrorBody(Buffer.concat(chunks), encoding, target.apiKey);
        if (body === undefined) {
          instead(`its ${encoding ?? 'content'} encoding cannot be read`);
          return;
        }
        const { 'content-encoding': _encoding, ...kept } = headers;
        res.writeHead(status, reason, { ...kept, 'content-length': body.length });
        res.end(body);
      } catch (error) {
        fail(error);
      }
    });
    // A body cut short is not relayed at all: half an error message could say anything.
    upstreamRes.on('error', () => undefined);
    upstreamRes.once('close', () => {
      if (!upstreamRes.complete) {
        answer(
          502,
          `The upstream ${host} broke off its ${status} answer. ${target.unreachableHint}`,
        );
      }
    });
  };

  attempt(false);
}

/**
 * Where a redirect may send the browser: a path on the dashboard, when the upstream redirects
 * to one of the endpoints the console uses within its own `/api/v1` (a canonical path, say).
 * Anything else (another origin, another path on the same one) is not passed on; `to` says where
 * it pointed, as an origin only, since the rest of an address can carry tokens.
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
  if (unsafePathReason(path) !== undefined) return outside;
  if (!isForwardedRoute('GET', path) && !isForwardedRoute('POST', path)) return outside;
  return { path: path + url.search, to: url.origin };
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
