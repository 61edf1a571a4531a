/**
 * Injected faults: "the next N requests matching X fail with status S". Lets a test provoke a
 * 503 on exactly the poll it cares about, instead of hoping a random error rate hits it.
 * Faults are consumed in the order they were added; the first one matching a request answers
 * it and loses one of its `count`.
 */

export interface FaultSpec {
  status: number;
  /** How many matching requests fail (default 1). */
  count?: number;
  /** The envelope's `error` text (a default naming the status otherwise). */
  error?: string;
  /** Seconds for a `Retry-After` header. */
  retryAfter?: number;
  /** Only requests with this method (any when absent). */
  method?: string;
  /**
   * Only requests whose path matches: a prefix (`/api/v1/tasks`), or a pattern with `*`
   * matching any run of characters (`/api/v1/tasks/*\/summary`), which must match the whole path.
   * A path not starting with `/api/` is taken relative to `/api/v1`.
   */
  path?: string;
}

export interface Fault {
  id: number;
  status: number;
  remaining: number;
  error: string;
  retryAfter: number | null;
  method: string | null;
  path: string | null;
}

const DEFAULT_TEXT: Record<number, string> = {
  400: 'Injected fault: the request was rejected as malformed.',
  401: 'Injected fault: the API key was rejected.',
  403: 'Injected fault: access to this resource is forbidden.',
  404: 'Injected fault: the resource was not found.',
  409: 'Injected fault: the operation conflicts with the current state.',
  429: 'Injected fault: rate limit exceeded. Wait for Retry-After seconds, then retry.',
  500: 'Injected fault: unexpected server error. Retry with exponential backoff.',
  502: 'Injected fault: bad gateway. Retry with exponential backoff.',
  503: 'Injected fault: the service is temporarily unavailable. Retry with backoff.',
  504: 'Injected fault: gateway timeout. Retry with exponential backoff.',
};

function normalisePath(path: string): string {
  if (path.startsWith('/api/')) return path;
  return `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
}

/** True when `path` matches a fault's path rule (see `FaultSpec.path`). */
export function pathMatches(rule: string, path: string): boolean {
  if (!rule.includes('*')) return path.startsWith(rule);
  const pattern = rule
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(path);
}

export class FaultQueue {
  #faults: Fault[] = [];
  #nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      id: this.#nextId++,
      status: spec.status,
      remaining: spec.count ?? 1,
      error: spec.error ?? DEFAULT_TEXT[spec.status] ?? `Injected fault: HTTP ${spec.status}.`,
      retryAfter: spec.retryAfter ?? null,
      method: spec.method?.toUpperCase() ?? null,
      path: spec.path === undefined ? null : normalisePath(spec.path),
    };
    this.#faults.push(fault);
    return fault;
  }

  /** Consumes and returns the first fault matching the request, if any. */
  take(method: string, path: string): Fault | null {
    const upper = method.toUpperCase();
    const index = this.#faults.findIndex(
      (fault) =>
        (fault.method === null || fault.method === upper) &&
        (fault.path === null || pathMatches(fault.path, path)),
    );
    const fault = this.#faults[index];
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return { ...fault };
  }

  list(): Fault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  clear(): number {
    const count = this.#faults.length;
    this.#faults = [];
    return count;
  }
}
