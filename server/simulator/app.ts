/** The simulator's HTTP app: control routes, then the `/api/v1` pipeline, outermost first:
 *  latency → request log → faults → auth and rate limit → random errors → routes (405, 404).
 *  Only a route reads a body; every non-2xx body is `{"error": "..."}` (`problem.ts`). */
import { timingSafeEqual, createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyRecord } from './body';
import { LifecycleConflict } from './engine';
import { iso } from './present';
import { ApiProblem, errorResponse } from './problem';
import type { AuthOutcome, RequestLogEntry } from './request-log';
import { registerAgentRoutes } from './routes-agents';
import { registerControlRoutes } from './routes-control';
import { registerTaskRoutes } from './routes-tasks';
import type { Simulation } from './simulation';

type AuthCheck = AuthOutcome | 'malformed';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Classifies the Authorization header; compares keys in constant time. */
export function checkAuthorization(header: string | undefined, apiKey: string): AuthCheck {
  if (header === undefined || header.trim() === '') return 'missing';
  const key = /^Bearer[ ]+(\S+)\s*$/i.exec(header.trim())?.[1];
  if (!key) return 'malformed';
  return timingSafeEqual(digest(key), digest(apiKey)) ? 'valid' : 'invalid';
}

function latency(sim: Simulation): MiddlewareHandler {
  return async (_c, next) => {
    const { minMs, maxMs } = sim.options.latency;
    if (maxMs > 0) {
      await sleep(minMs + Math.floor(sim.latencyRandom() * (maxMs - minMs + 1)));
    }
    await next();
  };
}

function requestLogging(sim: Simulation): MiddlewareHandler {
  return async (c, next) => {
    const log = sim.requestLog;
    const epoch = log.epoch;
    const id = log.nextId();
    const at = iso(sim.clock.now());
    await next();
    const record = bodyRecord(c);
    const auth = checkAuthorization(c.req.header('authorization'), sim.options.apiKey);
    const entry: RequestLogEntry = {
      id,
      at,
      method: c.req.method,
      path: c.req.path,
      // A repeated parameter is a list.
      query: Object.fromEntries(
        Object.entries(c.req.queries()).map(([key, values]) => [
          key,
          values.length === 1 ? (values[0] ?? '') : values,
        ]),
      ),
      status: c.res.status,
      auth: auth === 'malformed' ? 'invalid' : auth,
      content_type: c.req.header('content-type') ?? null,
      body: record.body ?? null,
      parts: record.parts,
      body_read: record.read,
      truncated: false,
    };
    const stored = log.add(entry, epoch);
    sim.options.onRequest?.(stored);
  };
}

function faults(sim: Simulation): MiddlewareHandler {
  return async (c, next) => {
    const fault = sim.faults.take(c.req.method, c.req.path);
    if (fault) {
      return errorResponse(
        fault.status,
        fault.error,
        fault.retryAfter !== null ? { 'Retry-After': String(fault.retryAfter) } : {},
      );
    }
    await next();
  };
}

const KEY_HELP =
  'Send "Authorization: Bearer <key>"; the simulator accepts the key it was started with (--api-key / SIMULATOR_API_KEY).';

function authenticate(sim: Simulation): MiddlewareHandler {
  return async (c, next) => {
    const check = checkAuthorization(c.req.header('authorization'), sim.options.apiKey);
    switch (check) {
      case 'missing':
        return errorResponse(401, `Missing API key. ${KEY_HELP}`);
      case 'malformed':
        return errorResponse(
          401,
          `Malformed Authorization header: expected "Bearer <key>". ${KEY_HELP}`,
        );
      case 'invalid':
        return errorResponse(401, `The API key is not valid (unknown or revoked). ${KEY_HELP}`);
      case 'valid': {
        const wait = sim.rateLimiter.hit();
        if (wait !== null) {
          return errorResponse(
            429,
            `Rate limit exceeded: at most ${sim.rateLimiter.limit} requests per minute per API key. Retry after ${wait} s.`,
            { 'Retry-After': String(wait) },
          );
        }
        await next();
        return;
      }
    }
  };
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** A dotted quad in 127.0.0.0/8, parts 0–255 with no leading zero: not `127.1`, not `127.0.0.01`. */
const LOOPBACK_QUAD = `127(?:\\.${OCTET}){3}`;
/** `localhost`, `[::1]` or `127.x.y.z`, with an optional port: nothing that merely starts so. */
const LOOPBACK_HOST_HEADER = new RegExp(
  `^(?:localhost|\\[::1\\]|${LOOPBACK_QUAD})(?::\\d{1,5})?$`,
  'i',
);
const LOOPBACK_BIND_ADDRESS = new RegExp(`^(?:localhost|::1|${LOOPBACK_QUAD})$`, 'i');

/** Bound to this machine, the simulator answers only requests addressed to its names, so DNS
 *  rebinding cannot reach it; bound elsewhere (`--host 0.0.0.0`) it answers any name. */
function loopbackHostOnly(sim: Simulation): MiddlewareHandler {
  return async (c, next) => {
    if (!LOOPBACK_BIND_ADDRESS.test(sim.options.host)) return next();
    const host = c.req.header('host');
    if (host === undefined || !LOOPBACK_HOST_HEADER.test(host)) {
      return errorResponse(
        421,
        `This simulator answers only requests addressed to this machine (127.0.0.1, localhost, [::1]), not to ${host ?? 'no host'}.`,
      );
    }
    return next();
  };
}

/** The control routes take the simulator's key, like the API (they read the request log and
 *  reset the world); `GET /__sim/health` stays open for start-up checks. */
function controlKey(sim: Simulation): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path === '/__sim/health') return next();
    const check = checkAuthorization(c.req.header('authorization'), sim.options.apiKey);
    if (check !== 'valid') {
      return errorResponse(
        401,
        `The control routes take the simulator's key as "Authorization: Bearer <key>" (--api-key / SIMULATOR_API_KEY).`,
      );
    }
    return next();
  };
}

function randomErrors(sim: Simulation): MiddlewareHandler {
  return async (_c, next) => {
    const rate = sim.settings.errorRate;
    if (rate > 0 && sim.errorRandom() < rate) {
      return sim.errorRandom() < 0.5
        ? errorResponse(
            500,
            'Simulated internal server error (--error-rate). Retry with exponential backoff.',
          )
        : errorResponse(
            503,
            'Simulated temporary outage (--error-rate). Retry after a short backoff.',
            { 'Retry-After': '1' },
          );
    }
    await next();
  };
}

function notFoundMessage(path: string): string {
  if (path.startsWith('/v1/')) {
    return `No route ${path}. The API lives under /api/v1 (the docs abbreviate it to /v1): try /api${path}.`;
  }
  if (path.startsWith('/api/') && !path.startsWith('/api/v1/')) {
    return `No route ${path}. Only /api/v1 exists.`;
  }
  return `No route ${path}. See /api/v1/agents and /api/v1/tasks, or server/simulator/README.md for the routes.`;
}

export function createApp(sim: Simulation): Hono {
  const app = new Hono();

  app.onError((err, _c) => {
    if (err instanceof ApiProblem) return errorResponse(err.status, err.message, err.headers);
    if (err instanceof LifecycleConflict) return errorResponse(409, err.message);
    if (err instanceof HTTPException)
      return errorResponse(err.status, err.message || 'Bad request.');
    if (!sim.options.quiet) console.error('[simulator] unexpected error:', err);
    const detail = err instanceof Error ? err.message : String(err);
    return errorResponse(
      500,
      `The simulator hit an unexpected error (${detail}). This is a bug in the simulator.`,
    );
  });
  app.notFound((c) => errorResponse(404, notFoundMessage(c.req.path)));

  app.use('*', loopbackHostOnly(sim));
  app.use('/__sim/*', controlKey(sim));
  registerControlRoutes(app, sim);

  app.use('/api/*', latency(sim));
  app.use('/api/v1/*', requestLogging(sim));
  app.use('/api/v1/*', faults(sim));
  app.use('/api/v1/*', authenticate(sim));
  app.use('/api/v1/*', randomErrors(sim));
  registerAgentRoutes(app, sim);
  registerTaskRoutes(app, sim);
  return app;
}
