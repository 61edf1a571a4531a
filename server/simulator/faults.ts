/** Injected faults (`POST /__sim/faults`): the next `count` requests matching a method and path
 *  fail with a status, in the order the faults were added. `path` is a prefix, or a pattern where
 *  `*` matches anything (whole path); without `/api/` it is relative to `/api/v1`. */
import type * as v from 'valibot';
import type { FaultBody } from './validate';

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
  429: 'Injected fault: rate limit exceeded. Wait for Retry-After seconds, then retry.',
  500: 'Injected fault: unexpected server error. Retry with exponential backoff.',
  503: 'Injected fault: the service is temporarily unavailable. Retry with backoff.',
};

function normalisePath(path: string): string {
  if (path.startsWith('/api/')) return path;
  return `/api/v1${path.startsWith('/') ? '' : '/'}${path}`;
}

function pathMatches(rule: string, path: string): boolean {
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

  add(spec: v.InferOutput<typeof FaultBody>): Fault {
    const fault: Fault = {
      id: this.#nextId++,
      status: spec.status,
      remaining: spec.count ?? 1,
      error: spec.error ?? DEFAULT_TEXT[spec.status] ?? `Injected fault: HTTP ${spec.status}.`,
      retryAfter: spec.retry_after ?? null,
      method: spec.method?.toUpperCase() ?? null,
      path: spec.path ? normalisePath(spec.path) : null,
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
