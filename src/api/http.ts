/** The one HTTP path between the app and its own origin: every failure leaves as an `ApiError`
 *  (`status`, 0 when unreachable; the API's `error` text; `retryAfter`), every answer is checked
 *  by the caller's valibot schema, and an abort is re-thrown untouched. */
import * as v from 'valibot';
import { holdResource, recordRead, resourceOf, waitForResource } from './request-health';
import { describeIssues } from './schemas';

/** `http`: the server answered non-2xx. `network`: no answer at all. `invalid-response`: a 2xx
 *  whose body is not the JSON shape we expect (e.g. an HTML page, or an API change). */
export type ApiErrorKind = 'http' | 'network' | 'invalid-response';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  status: number;
  message: string;
  method: string;
  path: string;
  retryAfter?: number | undefined;
  body?: unknown;
  cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** The HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** Seconds to wait before retrying, from `Retry-After` (delta seconds or an HTTP date). */
  readonly retryAfter: number | undefined;
  /** The parsed JSON body (or the raw text when it was not JSON), for diagnostics. */
  readonly body: unknown;
  readonly method: string;
  readonly path: string;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.retryAfter = init.retryAfter;
    this.body = init.body;
    this.method = init.method;
    this.path = init.path;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export const OFFLINE_MESSAGE = 'Offline / cannot reach the dashboard server.';

/**
 * Reads `Retry-After` as seconds from `now`. RFC 9110 allows delta seconds or an HTTP date; the
 * docs' sample helper parses it as a float, so fractional seconds are accepted too. A date in the
 * past means "now" (0). Anything unparseable is ignored rather than guessed.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  // An HTTP date always names a day or month; without letters, `Date.parse` would happily read
  // "-3" as the year 3 BC.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

// HTTP/2 responses carry no reason phrase, so name the common ones ourselves.
const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function describeStatus(status: number, statusText: string): string {
  const text = STATUS_TEXT[status] ?? statusText;
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}

/** The API's `{"error": "..."}` text, when the body has one. */
function errorText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const { error } = body;
  return typeof error === 'string' && error.trim() !== '' ? error : undefined;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** Builds `path?query`, skipping empty values so optional filters never send `q=`. Arrays are
 *  joined with commas, the API's convention for multi-valued filters (`status=draft,published`). */
export function withQuery(path: string, query?: Readonly<Record<string, QueryValue>>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export interface ApiFetchInit {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A plain value is sent as JSON; `FormData` is sent as multipart (the browser sets the
   *  boundary, so no Content-Type is set here). */
  body?: unknown;
  signal?: AbortSignal | undefined;
  query?: Readonly<Record<string, QueryValue>>;
}

/**
 * Sends a request to the app's own origin and returns the 2xx `Response`. Throws `ApiError` for
 * non-2xx and for network failures; re-throws an abort as-is.
 */
export async function apiFetch(path: string, init: ApiFetchInit = {}): Promise<Response> {
  const method = init.method ?? 'GET';
  const url = withQuery(path, init.query);
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (init.body instanceof FormData) {
    body = init.body;
  } else if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.body);
  }

  // Every request honours the per-resource rate-limit wait and reports how it fared
  // (request-health.ts): a read started early, or a Retry pressed during a 429's wait, simply
  // starts when the wait is over (the views show the countdown meanwhile).
  const resource = resourceOf(path);
  const wait = waitForResource(resource, init.signal);
  if (wait) await wait;

  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, signal: init.signal });
  } catch (error) {
    if (init.signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) {
      throw error;
    }
    const failure = new ApiError({
      kind: 'network',
      status: 0,
      message: OFFLINE_MESSAGE,
      method,
      path,
      cause: error,
    });
    recordRead(resource, failure);
    throw failure;
  }

  const answeredAt = Date.now();
  if (response.ok) {
    recordRead(resource, undefined, answeredAt);
    return response;
  }
  // The wait starts now, not once the body is read: nothing may slip out meanwhile.
  if (response.status === 429) {
    holdResource(resource, parseRetryAfter(response.headers.get('Retry-After'), answeredAt));
  }
  const failure = await apiErrorFromResponse(response, method, path);
  recordRead(resource, failure, answeredAt);
  throw failure;
}

/** Set by the production server on its own 401s (no session), never by the API. */
export const SIGN_IN_HEADER = 'x-console-sign-in';
const SIGN_IN_PATH = '/sign-in';

/** The sign-in page, asked to come back to `location` afterwards. */
export function signInUrl(location: Pick<Location, 'pathname' | 'search' | 'hash'>): string {
  const back = location.pathname + location.search + location.hash;
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(back)}`;
}

/** The `ApiError` for a non-2xx response: its status, the API's `error` text (or a sentence
 *  naming the status), and `Retry-After`. Shared with the upload path, which uses XHR. */
export async function apiErrorFromResponse(
  response: Response,
  method: string,
  path: string,
): Promise<ApiError> {
  // The console's own server says the session ended: sign in again, then come back here.
  if (response.status === 401 && response.headers.get(SIGN_IN_HEADER) === SIGN_IN_PATH) {
    window.location.assign(signInUrl(window.location));
  }
  const errorBody = await readBody(response).catch(() => undefined);
  return new ApiError({
    kind: 'http',
    status: response.status,
    message:
      errorText(errorBody) ??
      `The server answered ${describeStatus(response.status, response.statusText)} to ${method} ${path}.`,
    retryAfter: parseRetryAfter(response.headers.get('Retry-After'), Date.now()),
    body: errorBody,
    method,
    path,
  });
}

export interface RequestJsonInit<T> extends ApiFetchInit {
  schema: v.GenericSchema<unknown, T>;
}

/**
 * `apiFetch` plus JSON parsing through `schema`. A 2xx body that is not JSON or does not match
 * the schema becomes an `ApiError` of kind `invalid-response` naming the first mismatches, which
 * is what a person debugging an API change needs to see.
 */
export async function requestJson<T>(path: string, init: RequestJsonInit<T>): Promise<T> {
  const response = await apiFetch(path, init);
  return parseJsonResponse(response, init.schema, init.method ?? 'GET', path);
}

/** Reads a 2xx response as JSON validated by `schema` (see `requestJson`). */
export async function parseJsonResponse<T>(
  response: Response,
  schema: v.GenericSchema<unknown, T>,
  method: string,
  path: string,
): Promise<T> {
  return parseJsonText(await response.text(), response.status, schema, method, path);
}

/** The body of a 2xx answer, already read as `text`, as JSON validated by `schema`. */
export function parseJsonText<T>(
  text: string,
  status: number,
  schema: v.GenericSchema<unknown, T>,
  method: string,
  path: string,
): T {
  let json: unknown = undefined;
  if (text !== '') {
    try {
      json = JSON.parse(text) as unknown;
    } catch (error) {
      throw new ApiError({
        kind: 'invalid-response',
        status,
        message: `The answer to ${method} ${path} was not JSON.`,
        body: text.slice(0, 2000),
        method,
        path,
        cause: error,
      });
    }
  }
  const result = v.safeParse(schema, json);
  if (result.success) return result.output;
  const issues = describeIssues(result.issues);
  throw new ApiError({
    kind: 'invalid-response',
    status,
    message: `The answer to ${method} ${path} did not have the expected shape (${issues}).`,
    body: json,
    method,
    path,
    cause: new v.ValiError(result.issues),
  });
}
