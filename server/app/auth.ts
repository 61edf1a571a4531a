/** Who may use a shared console: a signed session cookie after the password (no server-side store,
 *  so replicas sharing `CONSOLE_SESSION_SECRET` accept each other's sessions), or the user a
 *  trusted identity-aware proxy names in a header. See docs/deploy.md and SECURITY.md. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { AuthConfig } from './config';
import { signInPage } from './sign-in-page';

export interface AuthEnv {
  Bindings: HttpBindings;
  Variables: { user: string | undefined };
}

/** Set on every 401 the console itself sends, so the client can tell it from the API's own. */
export const SIGN_IN_HEADER = 'x-console-sign-in';
export const SIGN_IN_PATH = '/sign-in';
export const SIGN_OUT_PATH = '/sign-out';
export const SIGN_IN_REQUIRED = 'Sign in to the Agent Console first.';

/** Paths served to anyone: the sign-in page and what it is drawn with, and the probes. */
const OPEN_PATHS = new Set([SIGN_IN_PATH, '/healthz', '/readyz', '/favicon.svg']);
const MAX_ATTEMPTS = 5;
const ATTEMPT_WINDOW_MS = 10 * 60_000;
const MAX_TRACKED_ADDRESSES = 10_000;

export interface AuthOptions {
  auth: AuthConfig;
  trustProxy: boolean;
  /** The built stylesheet the sign-in page links to. */
  stylesheet: string | undefined;
  now?: () => number;
}

/** Mounts the sign-in routes (password mode) and returns the gate every other route sits behind. */
export function installAuth(app: Hono<AuthEnv>, options: AuthOptions): MiddlewareHandler<AuthEnv> {
  const { auth } = options;
  const now = options.now ?? Date.now;
  if (auth.mode === 'password') installSignIn(app, auth, options, now);
  return async (c, next) => {
    if (auth.mode === 'none') return next();
    const path = c.req.path;
    if (OPEN_PATHS.has(path) || path.startsWith('/assets/')) return next();
    const user =
      auth.mode === 'header'
        ? headerUser(c.req.header(auth.header))
        : await sessionUser(c, auth, now());
    if (user !== undefined) {
      c.set('user', user);
      return next();
    }
    return refuse(c, auth);
  };
}

function refuse(c: Context, auth: Exclude<AuthConfig, { mode: 'none' }>): Response {
  const path = c.req.path;
  const wantsPage =
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    !path.startsWith('/api/') &&
    !path.startsWith('/__console/');
  if (auth.mode === 'header') {
    const error = `This console is served behind a sign-in proxy, and the request did not come through it (no ${auth.header} header).`;
    return wantsPage ? c.text(error, 401) : c.json({ error }, 401);
  }
  if (wantsPage) {
    const url = new URL(c.req.url);
    return c.redirect(`${SIGN_IN_PATH}?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
  }
  c.header(SIGN_IN_HEADER, SIGN_IN_PATH);
  return c.json({ error: SIGN_IN_REQUIRED }, 401);
}

function headerUser(value: string | undefined): string | undefined {
  const user = value?.trim();
  return user ? user : undefined;
}

// --- password mode ---------------------------------------------------------------------------

type PasswordAuth = Extract<AuthConfig, { mode: 'password' }>;

interface Session {
  /** When it ends (ms since the epoch). */
  exp: number;
  /** Ties the session to the password: changing the password ends every session. */
  pv: string;
}

function installSignIn(
  app: Hono<AuthEnv>,
  auth: PasswordAuth,
  options: AuthOptions,
  now: () => number,
) {
  const limiter = attemptLimiter(now);
  const page = (status: 200 | 401 | 429, next: string, alert?: string) => (c: Context) =>
    c.html(signInPage({ next, alert, stylesheet: options.stylesheet }), status);

  app.get(SIGN_IN_PATH, async (c) => {
    const next = safeNext(c.req.query('next'));
    if ((await sessionUser(c, auth, now())) !== undefined) return c.redirect(next, 303);
    return page(200, next)(c);
  });

  app.post(SIGN_IN_PATH, async (c) => {
    const form: Record<string, unknown> = await c.req.parseBody().catch(() => ({}));
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    if (!sameOrigin(c)) return page(401, next, 'Sign in from the console’s own page.')(c);
    const address = clientAddress(c, options.trustProxy);
    const blocked = limiter.blockedFor(address);
    if (blocked > 0) {
      c.header('retry-after', String(Math.ceil(blocked / 1000)));
      return page(429, next, tooManyAttempts(blocked))(c);
    }
    const password = typeof form.password === 'string' ? form.password : '';
    if (!passwordMatches(password, auth.password)) {
      const left = limiter.fail(address);
      if (left === 0) {
        const wait = limiter.blockedFor(address);
        c.header('retry-after', String(Math.ceil(wait / 1000)));
        return page(429, next, tooManyAttempts(wait))(c);
      }
      return page(
        401,
        next,
        `Wrong password. ${left} ${left === 1 ? 'attempt' : 'attempts'} left before sign-in pauses for ${ATTEMPT_WINDOW_MS / 60_000} minutes.`,
      )(c);
    }
    limiter.succeed(address);
    const session: Session = { exp: now() + auth.sessionTtlMs, pv: passwordVersion(auth) };
    await setSignedCookie(
      c,
      cookieName(c, options.trustProxy),
      encodeSession(session),
      auth.secret,
      {
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
        secure: isSecure(c, options.trustProxy),
        maxAge: Math.floor(auth.sessionTtlMs / 1000),
      },
    );
    return c.redirect(next, 303);
  });

  app.post(SIGN_OUT_PATH, (c) => {
    if (!sameOrigin(c)) return c.json({ error: 'Sign out from the console’s own page.' }, 403);
    const secure = isSecure(c, options.trustProxy);
    deleteCookie(c, cookieName(c, options.trustProxy), { path: '/', secure });
    return c.redirect(SIGN_IN_PATH, 303);
  });
}

function tooManyAttempts(waitMs: number): string {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return `Too many wrong passwords from this address. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

async function sessionUser(
  c: Context,
  auth: PasswordAuth,
  at: number,
): Promise<string | undefined> {
  const plain = await getSignedCookie(c, auth.secret, COOKIE).catch(() => false);
  const secure = await getSignedCookie(c, auth.secret, SECURE_COOKIE).catch(() => false);
  const session = decodeSession(typeof secure === 'string' ? secure : plain);
  if (session === undefined || session.exp <= at || session.pv !== passwordVersion(auth)) {
    return undefined;
  }
  return 'signed in';
}

const COOKIE = 'console_session';
/** Over HTTPS the `__Host-` prefix pins the cookie to this host, path `/`, `Secure`. */
const SECURE_COOKIE = '__Host-console_session';

function cookieName(c: Context, trustProxy: boolean): string {
  return isSecure(c, trustProxy) ? SECURE_COOKIE : COOKIE;
}

function isSecure(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

function encodeSession(session: Session): string {
  return Buffer.from(JSON.stringify(session)).toString('base64url');
}

function decodeSession(raw: unknown): Session | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Session>;
    return typeof value.exp === 'number' && typeof value.pv === 'string'
      ? { exp: value.exp, pv: value.pv }
      : undefined;
  } catch {
    return undefined;
  }
}

function passwordVersion(auth: PasswordAuth): string {
  return createHmac('sha256', auth.secret).update(auth.password).digest('base64url').slice(0, 16);
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function passwordMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Where to go after signing in: a path on this console, never another site. */
export function safeNext(raw: string | undefined): string {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    return '/';
  }
  if (raw === SIGN_IN_PATH || raw.startsWith(`${SIGN_IN_PATH}?`)) return '/';
  // Control characters (a header-splitting attempt, say) are never part of a path worth keeping.
  return [...raw].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)
    ? '/'
    : raw;
}

/** Form posts from a browser carry `Origin`; it must be this console's. */
function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  if (origin === undefined) return site !== undefined;
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}

function clientAddress(c: Context<AuthEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env.incoming.socket.remoteAddress ?? 'unknown';
}

/** Failed sign-ins per address: `MAX_ATTEMPTS` within `ATTEMPT_WINDOW_MS`, then a pause. */
function attemptLimiter(now: () => number) {
  const failures = new Map<string, number[]>();
  const recent = (address: string) => {
    const since = now() - ATTEMPT_WINDOW_MS;
    const list = (failures.get(address) ?? []).filter((at) => at > since);
    if (list.length === 0) failures.delete(address);
    else failures.set(address, list);
    return list;
  };
  return {
    /** Milliseconds until this address may try again; 0 when it may now. */
    blockedFor(address: string): number {
      const list = recent(address);
      return list.length >= MAX_ATTEMPTS ? list[0]! + ATTEMPT_WINDOW_MS - now() : 0;
    },
    /** Records a failure; returns how many attempts are left. */
    fail(address: string): number {
      const list = recent(address);
      list.push(now());
      failures.delete(address);
      failures.set(address, list);
      // The oldest addresses go first when an attacker rotates addresses.
      while (failures.size > MAX_TRACKED_ADDRESSES) {
        failures.delete(failures.keys().next().value!);
      }
      return Math.max(0, MAX_ATTEMPTS - list.length);
    },
    succeed(address: string): void {
      failures.delete(address);
    },
  };
}
