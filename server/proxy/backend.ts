/** Decides from the environment alone which backend the proxy talks to and what may be said about
 *  it: `NANONETS_API_KEY` > `SIMULATOR_URL` > the built-in simulator; blank values count as unset.
 *  Pure; `start-backend.ts` starts the simulator. */
import { DEFAULT_SIMULATOR_API_KEY } from '../simulator/options';

export const DEFAULT_NANONETS_BASE_URL = 'https://agents.nanonets.com';
export const DEFAULT_DASHBOARD_HOST = '127.0.0.1';
export const DEFAULT_DASHBOARD_PORT = 5173;

/**
 * What the browser may know about the backend (`GET /__console/backend`). Deliberately has no
 * room for a key.
 */
export type BackendInfo = (
  { mode: 'simulator'; label: 'Simulator' } | { mode: 'upstream'; label: string; baseUrl: string }
) & { limits?: FileLimits };

/** Upload limits the run form enforces before uploading, so it refuses what the API would. */
export interface FileLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/** Where the proxy forwards `/api/v1/*` and with which key. Server-side only. */
export interface UpstreamTarget {
  /** Origin plus an optional path prefix, never a trailing slash: `https://agents.nanonets.com`. */
  baseUrl: string;
  apiKey: string;
  /** Appended to the 502 message: what a person can do when this upstream cannot be reached. */
  unreachableHint: string;
}

export type BackendKind = 'upstream' | 'external-simulator' | 'builtin-simulator';

export type BackendPlan =
  | { kind: 'upstream' | 'external-simulator'; target: UpstreamTarget; warnings: string[] }
  | { kind: 'builtin-simulator'; warnings: string[] };

/** A backend that is ready to receive requests. */
export interface ResolvedBackend {
  kind: BackendKind;
  target: UpstreamTarget;
}

/** Hint for the built-in simulator, which lives and dies with the dev server. */
export const BUILTIN_SIMULATOR_HINT =
  'The simulator built into the dev server stopped answering; restart `npm start`.';

export function planBackend(env: NodeJS.ProcessEnv): BackendPlan {
  const apiKey = nonEmpty(env.NANONETS_API_KEY);
  const simulatorUrl = nonEmpty(env.SIMULATOR_URL);
  if (apiKey !== undefined) {
    const baseUrl = normalizeBaseUrl(
      nonEmpty(env.NANONETS_BASE_URL) ?? DEFAULT_NANONETS_BASE_URL,
      'NANONETS_BASE_URL',
    );
    return {
      kind: 'upstream',
      target: {
        baseUrl,
        apiKey,
        unreachableHint: `Check your network connection and NANONETS_BASE_URL (${baseUrl}), then retry.`,
      },
      warnings:
        simulatorUrl === undefined
          ? []
          : ['SIMULATOR_URL is ignored because NANONETS_API_KEY is set (the real API wins).'],
    };
  }
  if (simulatorUrl !== undefined) {
    const baseUrl = normalizeBaseUrl(simulatorUrl, 'SIMULATOR_URL');
    return {
      kind: 'external-simulator',
      target: {
        baseUrl,
        apiKey: nonEmpty(env.SIMULATOR_API_KEY) ?? DEFAULT_SIMULATOR_API_KEY,
        unreachableHint: `Is the simulator running at ${baseUrl}? Start it with \`npm run simulator\`, or unset SIMULATOR_URL to use the one built into \`npm start\`.`,
      },
      warnings: [],
    };
  }
  return { kind: 'builtin-simulator', warnings: [] };
}

/**
 * Accepts what people paste: trailing slashes, and even the `/api/v1` suffix that the docs' curl
 * examples end in (the proxy adds `/api/v1` itself, so keeping it would double it). Anything that
 * is not a plain http(s) base is refused at start-up with the variable's name, rather than
 * turning into a puzzling 502 on the first request.
 */
export function normalizeBaseUrl(raw: string, variable: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(
      `${variable} must be an http(s) URL such as https://example.com, got "${raw}".`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${variable} must start with http:// or https://, got "${raw}".`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new Error(`${variable} must not contain a query string or fragment, got "${raw}".`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error(
      `${variable} must not contain credentials; the proxy sends the API key itself.`,
    );
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return url.origin + path;
}

export function backendInfo(backend: ResolvedBackend, limits?: FileLimits): BackendInfo {
  const extra = limits ? { limits } : {};
  if (backend.kind === 'upstream') {
    return {
      mode: 'upstream',
      label: hostOf(backend.target.baseUrl),
      baseUrl: backend.target.baseUrl,
      ...extra,
    };
  }
  return { mode: 'simulator', label: 'Simulator', ...extra };
}

const MB = 1024 * 1024;

function positive(raw: string | undefined): number | undefined {
  const value = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * The upload limits to announce to the app. `NANONETS_MAX_FILE_MB` / `NANONETS_MAX_FILES` win
 * in any mode; a simulator's are its own options (`SIMULATOR_MAX_FILE_MB`, `SIMULATOR_MAX_FILES`,
 * 25 MB and 20 files by default); the real API publishes none, so there the app keeps its
 * defaults unless the variables say otherwise.
 */
export function fileLimits(
  kind: BackendKind,
  env: NodeJS.ProcessEnv,
  simulator: { maxFileMb: number; maxFiles: number },
): FileLimits | undefined {
  const maxFileMb = positive(env.NANONETS_MAX_FILE_MB);
  const maxFiles = positive(env.NANONETS_MAX_FILES);
  const fromSimulator = kind !== 'upstream';
  const mb = maxFileMb ?? (fromSimulator ? simulator.maxFileMb : undefined);
  const count = maxFiles ?? (fromSimulator ? simulator.maxFiles : undefined);
  if (mb === undefined && count === undefined) return undefined;
  return {
    maxFileBytes: Math.round((mb ?? simulator.maxFileMb) * MB),
    maxFiles: Math.floor(count ?? simulator.maxFiles),
  };
}

export const DEFAULT_UPSTREAM_TIMEOUT_S = 60;
export const DEFAULT_UPSTREAM_IDLE_S = 30;
export const DEFAULT_UPSTREAM_TOTAL_S = 120;
const MAX_UPSTREAM_TIMEOUT_S = 86_400;

/**
 * How long the proxy waits for the upstream's answer once a request (upload included) has been
 * sent: `NANONETS_UPSTREAM_TIMEOUT_S` seconds, 60 by default, for any backend. An unusable value
 * stops start-up with the variable's name.
 */
export function upstreamTimeoutMs(env: NodeJS.ProcessEnv): number {
  return secondsAsMs(env, 'NANONETS_UPSTREAM_TIMEOUT_S', DEFAULT_UPSTREAM_TIMEOUT_S);
}

/**
 * All of the proxy's clocks, as `createConsoleMiddleware` takes them (`ForwardOptions`):
 * - `responseTimeoutMs`: the wait for the answer (`NANONETS_UPSTREAM_TIMEOUT_S`, 60 s);
 * - `idleTimeoutMs`: how long an upload or an answer's body may go without a byte moving
 *   (`NANONETS_UPSTREAM_IDLE_S`, 30 s);
 * - `totalTimeoutMs`: how long an answer may take from its status line to its last byte
 *   (`NANONETS_UPSTREAM_TOTAL_S`, 120 s).
 * An unusable value stops start-up with the variable's name.
 */
export function proxyTimeouts(env: NodeJS.ProcessEnv): {
  responseTimeoutMs: number;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
} {
  return {
    responseTimeoutMs: upstreamTimeoutMs(env),
    idleTimeoutMs: secondsAsMs(env, 'NANONETS_UPSTREAM_IDLE_S', DEFAULT_UPSTREAM_IDLE_S),
    totalTimeoutMs: secondsAsMs(env, 'NANONETS_UPSTREAM_TOTAL_S', DEFAULT_UPSTREAM_TOTAL_S),
  };
}

function secondsAsMs(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = nonEmpty(env[variable]);
  if (raw === undefined) return fallback * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_UPSTREAM_TIMEOUT_S) {
    throw new Error(
      `${variable} must be a number of seconds above 0 and at most ${MAX_UPSTREAM_TIMEOUT_S}, got "${raw}".`,
    );
  }
  return Math.round(seconds * 1000);
}

/** The one line the terminal shows, e.g. `Simulator (built-in, http://127.0.0.1:41234)`. */
export function backendSummary(backend: ResolvedBackend): string {
  switch (backend.kind) {
    case 'upstream':
      return `${hostOf(backend.target.baseUrl)} (NANONETS_API_KEY)`;
    case 'external-simulator':
      return `Simulator (SIMULATOR_URL, ${backend.target.baseUrl})`;
    case 'builtin-simulator':
      return `Simulator (built-in, ${backend.target.baseUrl})`;
  }
}

/** `PORT` / `HOST` for both `vite` and `vite preview`. */
export function dashboardAddress(env: NodeJS.ProcessEnv): { host: string; port: number } {
  const host = nonEmpty(env.HOST) ?? DEFAULT_DASHBOARD_HOST;
  const rawPort = nonEmpty(env.PORT);
  if (rawPort === undefined) return { host, port: DEFAULT_DASHBOARD_PORT };
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65_535) {
    throw new Error(`PORT must be a port number (0-65535), got "${rawPort}".`);
  }
  return { host, port };
}

/**
 * Whether a dev-server `host` setting only listens on this machine. Vite's default (undefined) is
 * `localhost`; `true` means every interface.
 */
export function isLoopbackHost(host: string | boolean | undefined): boolean {
  if (host === undefined) return true;
  if (typeof host === 'boolean') return !host;
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
