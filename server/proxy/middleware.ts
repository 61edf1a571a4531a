/** The middleware the Vite plugin and the production server mount: forwards the endpoints the
 *  console uses (`paths.ts`), answers `/__console/backend`, and refuses unsafe paths (400), other
 *  methods (405), other endpoints and cross-site requests (403). See SECURITY.md, decision 0004. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackendInfo, UpstreamTarget } from './backend';
import { forwardRequest, type ForwardOptions } from './forward';
import { sendJson } from './json';
import { isForwardedRoute, PATH_PARAM, rawPathOf, unsafePathReason } from './paths';

export const BACKEND_INFO_PATH = '/__console/backend';
/** The simulator's review decision (approve/reject an `awaiting_review` task), which the public
 *  API has no endpoint for: served only when the backend is the simulator. */
const SIMULATOR_REVIEW_PATH = new RegExp(`^/__console/simulator/tasks/(${PATH_PARAM})/review$`);
export const NOT_FORWARDED_MESSAGE = 'Only /api/v1/ is forwarded by the Agent Console proxy.';
/** The methods of the endpoints the console uses, plus HEAD, which is asked upstream as a GET. */
export const FORWARDED_METHODS = ['GET', 'HEAD', 'POST'] as const;

export type ConnectNext = (error?: unknown) => void;
export type ConsoleMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: ConnectNext,
) => void;

export interface ConsoleBackend {
  info: BackendInfo;
  target: UpstreamTarget;
}

export function createConsoleMiddleware(
  backend: ConsoleBackend,
  options: ForwardOptions = {},
): ConsoleMiddleware {
  return (req, res, next) => {
    const refusal = refusalFor(req, backend);
    if (refusal !== undefined) {
      refuse(res, refusal);
      return;
    }
    const url = parseRequestUrl(req.url);
    if (url === undefined) {
      next();
      return;
    }
    const { pathname, search } = url;
    if (pathname === BACKEND_INFO_PATH) {
      sendJson(res, 200, backend.info);
      return;
    }
    const review = SIMULATOR_REVIEW_PATH.exec(pathname);
    if (review) {
      forwardRequest(req, res, backend.target, `/__sim/tasks/${review[1]}/review`, options);
      return;
    }
    if (isApiV1(pathname)) {
      forwardRequest(req, res, backend.target, pathname + search, options);
      return;
    }
    next();
  };
}

/**
 * Only the refusals of `createConsoleMiddleware`, for the front of Vite's stack. Vite's own CORS
 * middleware runs before any plugin's and answers every `OPTIONS` itself (204, "PUT and DELETE
 * allowed"); this answers what the proxy refuses before it can. It decides on the method, path
 * and headers alone and forwards nothing, so running ahead of Vite's host check gives nothing away:
 * the forwarding middleware itself stays behind that check.
 */
export function createConsoleGate(backend: ConsoleBackend): ConsoleMiddleware {
  return (req, res, next) => {
    const refusal = refusalFor(req, backend);
    if (refusal === undefined) next();
    else refuse(res, refusal);
  };
}

interface Refusal {
  status: number;
  error: string;
  allow?: string;
}

/** Why the proxy will not serve `req`, or undefined when it will (or when it is not the proxy's). */
function refusalFor(req: IncomingMessage, backend: ConsoleBackend): Refusal | undefined {
  const url = parseRequestUrl(req.url);
  if (url === undefined) return undefined;
  const { pathname } = url;
  const rawPath = rawPathOf(req.url ?? '');
  const method = req.method ?? '';
  if (isGuarded(pathname) || isGuarded(rawPath)) {
    const reason = unsafePathReason(rawPath);
    if (reason !== undefined) {
      return {
        status: 400,
        error: `The Agent Console proxy does not forward a path with ${reason} in it (encoded slashes, backslashes, dot segments, semicolons and nested percent-encoding are refused under /api/v1).`,
      };
    }
  }
  if (pathname === BACKEND_INFO_PATH) {
    return method === 'GET' || method === 'HEAD'
      ? undefined
      : { status: 405, allow: 'GET, HEAD', error: `${BACKEND_INFO_PATH} only answers GET.` };
  }
  if (SIMULATOR_REVIEW_PATH.test(pathname)) {
    if (backend.info.mode !== 'simulator') {
      return {
        status: 404,
        error:
          'Reviews are decided in the Nanonets dashboard; only the built-in simulator takes them here.',
      };
    }
    if (method !== 'POST') {
      return { status: 405, allow: 'POST', error: 'Send the review decision with POST.' };
    }
    return crossSiteRefusal(req, method);
  }
  if (isApiV1(pathname)) {
    if (!(FORWARDED_METHODS as readonly string[]).includes(method)) {
      return {
        status: 405,
        allow: FORWARDED_METHODS.join(', '),
        error: `The Agent Console proxy forwards only GET, HEAD and POST, to the endpoints the console uses; not ${method}.`,
      };
    }
    if (!isForwardedRoute(method, rawPath)) {
      return {
        status: 403,
        error: `The Agent Console proxy forwards only the endpoints the console uses; ${method} ${shorten(rawPath)} is not one of them.`,
      };
    }
    return crossSiteRefusal(req, method);
  }
  if (pathname === '/api' || pathname.startsWith('/api/')) {
    return { status: 404, error: NOT_FORWARDED_MESSAGE };
  }
  return undefined;
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  if (refusal.allow !== undefined) res.setHeader('allow', refusal.allow);
  sendJson(res, refusal.status, { error: refusal.error });
}

function crossSiteRefusal(req: IncomingMessage, method: string): Refusal | undefined {
  const foreignOrigin = crossSiteOrigin(req);
  if (foreignOrigin !== undefined) {
    return {
      status: 403,
      error: `The Agent Console proxy only forwards requests made by its own pages, not by ${foreignOrigin}.`,
    };
  }
  if (method === 'POST' && header(req, 'origin') === undefined) {
    return {
      status: 403,
      error:
        "The Agent Console proxy forwards a POST only from the console's own pages, and this one carries no Origin header. Scripts can send one naming the console (Origin: http://<its host>), or call the API directly with their own key.",
    };
  }
  return undefined;
}

/** A path as an error message may quote it: not endlessly long. */
function shorten(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

function isApiV1(path: string): boolean {
  return path === '/api/v1' || path.startsWith('/api/v1/');
}

/** Paths whose requests may reach an upstream with the key, before or after normalisation. */
function isGuarded(path: string): boolean {
  return isApiV1(path) || path.startsWith('/__console/simulator/');
}

/**
 * Resolves `..` and `%2e%2e` segments before any routing decision, so that
 * `/api/v1/../internal` can neither slip past the `/api/v1/` check nor reach the upstream.
 */
function parseRequestUrl(raw: string | undefined): URL | undefined {
  if (raw === undefined) return undefined;
  try {
    return new URL(raw, 'http://proxy.invalid');
  } catch {
    return undefined;
  }
}

/**
 * Returns a description of the foreign site when a browser says the request came from one, else
 * undefined. `Sec-Fetch-Site` is authoritative where present (`none` = typed into the address
 * bar); older browsers only send `Origin`, compared with the `Host` the browser addressed.
 */
function crossSiteOrigin(req: IncomingMessage): string | undefined {
  const site = header(req, 'sec-fetch-site');
  const origin = header(req, 'origin');
  if (site !== undefined) {
    return site === 'same-origin' || site === 'none' ? undefined : (origin ?? `a ${site} page`);
  }
  if (origin === undefined) return undefined;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return origin; // includes the opaque "null" origin of sandboxed frames and file:// pages
  }
  return originHost === header(req, 'host') ? undefined : origin;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
