/**
 * The connect-style middleware the Vite plugin mounts (and the tests mount on a bare
 * `node:http` server): routes `/api/v1/*` to the forwarder, answers `/__console/backend` itself,
 * and refuses everything else under `/api/` so nothing but the documented API ever gets the key.
 *
 * It also refuses `/api/v1/*` requests that a browser marks as coming from another site. The key
 * never reaches the browser, but without this check any web page open in the same browser could
 * make "simple" cross-site requests (a form POST, say) to `http://127.0.0.1:5173/api/v1/...` and
 * have them signed with the key. Non-browser clients (curl, tests) send neither `Sec-Fetch-Site`
 * nor `Origin` and are not affected.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackendInfo, UpstreamTarget } from './backend';
import { forwardRequest, type ForwardOptions } from './forward';
import { sendJson } from './json';

export const BACKEND_INFO_PATH = '/__console/backend';
/** The simulator's review decision (approve/reject an `awaiting_review` task), which the public
 *  API has no endpoint for: served only when the backend is the simulator. */
const SIMULATOR_REVIEW_PATH = /^\/__console\/simulator\/tasks\/([^/]+)\/review$/;
export const NOT_FORWARDED_MESSAGE = 'Only /api/v1/ is forwarded by the Agent Console proxy.';

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
    const url = parseRequestUrl(req.url);
    if (url === undefined) {
      next();
      return;
    }
    const { pathname, search } = url;
    if (pathname === BACKEND_INFO_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        sendJson(res, 405, { error: `${BACKEND_INFO_PATH} only answers GET.` });
        return;
      }
      sendJson(res, 200, backend.info);
      return;
    }
    const review = SIMULATOR_REVIEW_PATH.exec(pathname);
    if (review) {
      if (backend.info.mode !== 'simulator') {
        sendJson(res, 404, {
          error:
            'Reviews are decided in the Nanonets dashboard; only the built-in simulator takes them here.',
        });
        return;
      }
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        sendJson(res, 405, { error: 'Send the review decision with POST.' });
        return;
      }
      const foreignOrigin = crossSiteOrigin(req);
      if (foreignOrigin !== undefined) {
        sendJson(res, 403, {
          error: `The Agent Console proxy only forwards requests made by its own pages, not by ${foreignOrigin}.`,
        });
        return;
      }
      forwardRequest(req, res, backend.target, `/__sim/tasks/${review[1]}/review`, options);
      return;
    }
    if (pathname === '/api/v1' || pathname.startsWith('/api/v1/')) {
      const foreignOrigin = crossSiteOrigin(req);
      if (foreignOrigin !== undefined) {
        sendJson(res, 403, {
          error: `The Agent Console proxy only forwards requests made by its own pages, not by ${foreignOrigin}.`,
        });
        return;
      }
      forwardRequest(req, res, backend.target, pathname + search, options);
      return;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      sendJson(res, 404, { error: NOT_FORWARDED_MESSAGE });
      return;
    }
    next();
  };
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
