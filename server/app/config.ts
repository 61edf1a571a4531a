/** The production server's settings, read once from the environment: where to listen, what to
 *  serve, and who may use the console (sign-in by password, a trusted proxy's header, or
 *  nobody). */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dashboardAddress, isLoopbackHost } from '../proxy/backend';

export type AuthConfig =
  | { mode: 'none' }
  | {
      mode: 'password';
      password: string;
      /** Signs session cookies: the same secret on every replica makes sessions portable. */
      secret: string;
      /** True when the secret was made up at start-up (sessions end with the process). */
      secretIsEphemeral: boolean;
      sessionTtlMs: number;
    }
  | { mode: 'header'; header: string };

export interface ServerConfig {
  host: string;
  port: number;
  distDir: string;
  auth: AuthConfig;
  /** Believe `X-Forwarded-For` / `X-Forwarded-Proto` from the proxy in front. */
  trustProxy: boolean;
  /** Host names (besides loopback ones) the console answers to when nobody signs in. */
  allowedHosts: string[];
  /** One JSON line per request on stdout. */
  logRequests: boolean;
}

export const DEFAULT_SESSION_HOURS = 12;
const MIN_SECRET_LENGTH = 32;

/** Thrown for settings the server must not start with; the message is for the terminal. */
export class ConfigError extends Error {}

export function readServerConfig(
  env: NodeJS.ProcessEnv,
  options: { distDir: string; isTTY: boolean },
): ServerConfig {
  const { host, port } = dashboardAddress(env);
  const auth = readAuth(env);
  const config: ServerConfig = {
    host,
    port,
    distDir: nonEmpty(env.CONSOLE_DIST_DIR) ?? options.distDir,
    auth,
    trustProxy: isTrue(env.CONSOLE_TRUST_PROXY),
    allowedHosts: (nonEmpty(env.CONSOLE_ALLOWED_HOSTS) ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
    logRequests: env.CONSOLE_LOG === undefined ? !options.isTTY : env.CONSOLE_LOG === 'json',
  };
  const refusal = exposureRefusal(config, env);
  if (refusal) throw new ConfigError(refusal);
  return config;
}

function readAuth(env: NodeJS.ProcessEnv): AuthConfig {
  const explicit = nonEmpty(env.CONSOLE_AUTH)?.toLowerCase();
  if (explicit !== undefined && explicit !== 'none') {
    throw new ConfigError(
      `CONSOLE_AUTH only takes "none" (to run without sign-in on purpose), got "${explicit}". Sign-in is turned on by CONSOLE_PASSWORD or CONSOLE_TRUSTED_USER_HEADER.`,
    );
  }
  const password = readPassword(env);
  const header = nonEmpty(env.CONSOLE_TRUSTED_USER_HEADER)?.toLowerCase();
  if (password !== undefined && header !== undefined) {
    throw new ConfigError(
      'Set either CONSOLE_PASSWORD (the console signs people in) or CONSOLE_TRUSTED_USER_HEADER (a proxy in front signs them in), not both.',
    );
  }
  if (header !== undefined) {
    if (!/^[a-z0-9-]+$/.test(header)) {
      throw new ConfigError(`CONSOLE_TRUSTED_USER_HEADER must be a header name, got "${header}".`);
    }
    return { mode: 'header', header };
  }
  if (password === undefined) return { mode: 'none' };
  const configuredSecret = nonEmpty(env.CONSOLE_SESSION_SECRET);
  if (configuredSecret !== undefined && configuredSecret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `CONSOLE_SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters (try \`openssl rand -hex 32\`).`,
    );
  }
  return {
    mode: 'password',
    password,
    secret: configuredSecret ?? randomBytes(32).toString('hex'),
    secretIsEphemeral: configuredSecret === undefined,
    sessionTtlMs: sessionHours(env) * 3_600_000,
  };
}

function readPassword(env: NodeJS.ProcessEnv): string | undefined {
  const file = nonEmpty(env.CONSOLE_PASSWORD_FILE);
  if (file !== undefined) {
    if (nonEmpty(env.CONSOLE_PASSWORD) !== undefined) {
      throw new ConfigError('Set CONSOLE_PASSWORD or CONSOLE_PASSWORD_FILE, not both.');
    }
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`CONSOLE_PASSWORD_FILE cannot be read (${(error as Error).message}).`);
    }
    const password = text.replace(/\r?\n$/, '');
    if (password === '') throw new ConfigError(`CONSOLE_PASSWORD_FILE (${file}) is empty.`);
    return password;
  }
  // Not trimmed: spaces may be part of a password; only an unset or empty value means "none".
  const password = env.CONSOLE_PASSWORD;
  return password === undefined || password === '' ? undefined : password;
}

function sessionHours(env: NodeJS.ProcessEnv): number {
  const raw = nonEmpty(env.CONSOLE_SESSION_HOURS);
  if (raw === undefined) return DEFAULT_SESSION_HOURS;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 90) {
    throw new ConfigError(
      `CONSOLE_SESSION_HOURS must be a number of hours above 0 and at most 2160, got "${raw}".`,
    );
  }
  return hours;
}

/** Why starting would hand the workspace key to a network, or undefined when it would not. */
export function exposureRefusal(config: ServerConfig, env: NodeJS.ProcessEnv): string | undefined {
  const hasRealKey = nonEmpty(env.NANONETS_API_KEY) !== undefined;
  if (!hasRealKey || isLoopbackHost(config.host) || config.auth.mode !== 'none') return undefined;
  if (nonEmpty(env.CONSOLE_AUTH)?.toLowerCase() === 'none') return undefined;
  return [
    `Refusing to start: HOST=${config.host} lets anyone who can reach this port use your NANONETS_API_KEY, and nobody has to sign in.`,
    'Choose one:',
    '  - listen on this machine only: HOST=127.0.0.1',
    '  - require sign-in: CONSOLE_PASSWORD=… (and CONSOLE_SESSION_SECRET=… shared by every replica), or CONSOLE_TRUSTED_USER_HEADER=… behind an identity-aware proxy',
    '  - accept the risk explicitly: CONSOLE_AUTH=none',
  ].join('\n');
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes'].includes(value.trim().toLowerCase());
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
