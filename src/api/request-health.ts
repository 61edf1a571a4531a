/** How requests are faring, per resource and overall (the connection banner); after a 429 no
 *  request goes to that resource until `Retry-After`, also after a reload (decision 0008). */
import { onResetModuleState } from '@/lib/module-state';
import { isRecord, stored } from '@/lib/stored';
import { backoffDelay, retryAfterMs } from './backoff';
import type { ApiError } from './http';

export interface ResourceState {
  /** Epoch ms before which no request is sent (after a 429); 0 when none. */
  blockedUntil: number;
  /** Failures in a row (network, 5xx); 0 after any answer that is not one. */
  failures: number;
  /** How long a poller waits before asking again after the last failure (ms): drawn from the
   *  backoff once, when the failure is recorded, so every look at it agrees; 0 when none. */
  retryDelay: number;
  /** The last failure, while `failures` > 0 or a block lasts. */
  lastError: ApiError | undefined;
}

export interface ConnectionState {
  /** The last read anywhere failed for want of an answer (network, 5xx, the proxy's 502/504). */
  failing: boolean;
  /** Reads in a row, anywhere, that got no answer. */
  failures: number;
  /** When the current run of failures began (epoch ms). */
  failingSince: number | undefined;
  /** The last read anywhere that got a usable answer (epoch ms). */
  lastSuccessAt: number | undefined;
}

const resources = new Map<string, ResourceState>();

/** `{resource: blockedUntil}` of the waits still running, for the next page of this tab. */
const storedWaits = stored<{ waits: Record<string, number> }>({
  key: 'agent-console:rate-limit-waits',
  version: 1,
  area: 'session',
  parse: (data) => (isRecord(data.waits) ? { waits: numbers(data.waits) } : undefined),
  // Earlier versions stored the waits bare.
  migrate: (data) => (isRecord(data) ? { waits: numbers(data) } : undefined),
  maxChars: 20_000,
});

function numbers(record: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number',
    ),
  );
}

function saveWaits(now: number): void {
  const waits: Record<string, number> = {};
  for (const [resource, state] of resources) {
    if (state.blockedUntil > now) waits[resource] = state.blockedUntil;
  }
  // Where storage refuses, the waits hold for this page only.
  storedWaits.write(Object.keys(waits).length === 0 ? undefined : { waits });
}

function restoreWaits(now: number): void {
  for (const [resource, until] of Object.entries(storedWaits.read()?.waits ?? {})) {
    if (until > now) {
      resources.set(resource, {
        blockedUntil: until,
        failures: 0,
        retryDelay: 0,
        lastError: undefined,
      });
    }
  }
}

restoreWaits(Date.now());
const HEALTHY: ConnectionState = {
  failing: false,
  failures: 0,
  failingSince: undefined,
  lastSuccessAt: undefined,
};
let connection: ConnectionState = HEALTHY;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/** `useSyncExternalStore`-style subscription to every change of this module's state. */
export function subscribeRequestHealth(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The resource a path names: its path without the query string. */
export function resourceOf(path: string): string {
  const end = path.search(/[?#]/);
  return end === -1 ? path : path.slice(0, end);
}

export function resourceState(resource: string): ResourceState | undefined {
  return resources.get(resource);
}

export function connectionState(): ConnectionState {
  return connection;
}

/** Reads a single failure off as a flaky answer; two in a row mean the console is cut off. */
const FAILURES_BEFORE_TROUBLE = 2;

/** Reads keep getting no answer: what the banner, a list's note and the backend indicator all
 *  say, from this one rule, so they show and clear together. */
export function isReconnecting(state: ConnectionState): boolean {
  return state.failing && state.failures >= FAILURES_BEFORE_TROUBLE;
}

function update(resource: string, patch: Partial<ResourceState>): void {
  const previous = resources.get(resource) ?? {
    blockedUntil: 0,
    failures: 0,
    retryDelay: 0,
    lastError: undefined,
  };
  resources.set(resource, { ...previous, ...patch });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('The read was cancelled.', 'AbortError');
}

/** `undefined` when the resource may be asked now; else a promise that resolves once it may,
 *  and rejects as the signal aborts. (No promise at all in the usual case, so a read that need
 *  not wait starts in the same tick.) A wait that ends looks again: a request already in flight
 *  may have brought a newer 429 meanwhile. */
export function waitForResource(
  resource: string,
  signal?: AbortSignal,
  now: () => number = Date.now,
): Promise<void> | undefined {
  const wait = (resources.get(resource)?.blockedUntil ?? 0) - now();
  if (wait <= 0) return undefined;
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, wait);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  }).then(() => waitForResource(resource, signal, now));
}

function isConnectionFailure(error: ApiError): boolean {
  return error.kind === 'network' || error.status >= 500;
}

/**
 * A 429's wait starts the moment its headers arrive, before its body is read: a request started
 * meanwhile (another view, another poller) must already wait. A shorter wait never replaces a
 * longer one still running.
 */
export function holdResource(
  resource: string,
  retryAfterSeconds: number | undefined,
  now: number = Date.now(),
): void {
  const until = now + retryAfterMs(retryAfterSeconds);
  if (until <= (resources.get(resource)?.blockedUntil ?? 0)) return;
  update(resource, { blockedUntil: until });
  saveWaits(now);
  emit();
}

/** Records the outcome of one read of `resource`: `undefined` for a usable answer (any 2xx, or
 *  a 4xx other than 429, which is an answer too), else the `ApiError` it ended with. An answer
 *  never ends a 429's wait early: a request already on its way when the 429 came may answer
 *  after it. */
export function recordRead(
  resource: string,
  error: ApiError | undefined,
  now: number = Date.now(),
): void {
  if (error === undefined || (!isConnectionFailure(error) && error.status !== 429)) {
    if (resources.has(resource)) {
      const blocked = (resources.get(resource)?.blockedUntil ?? 0) > now;
      update(resource, {
        failures: 0,
        retryDelay: 0,
        ...(blocked ? {} : { lastError: undefined, blockedUntil: 0 }),
      });
    }
    connection = { ...HEALTHY, lastSuccessAt: now };
  } else if (error.status === 429) {
    holdResource(resource, error.retryAfter, now);
    update(resource, { lastError: error });
    // A 429 is an answer: the connection itself is fine.
    connection = { ...HEALTHY, lastSuccessAt: now };
  } else {
    const failures = (resources.get(resource)?.failures ?? 0) + 1;
    update(resource, { failures, retryDelay: backoffDelay(failures), lastError: error });
    connection = {
      ...connection,
      failing: true,
      failures: connection.failures + 1,
      failingSince: connection.failingSince ?? now,
    };
  }
  emit();
}

/** Forgets everything (tests). */
export const resetRequestHealth = onResetModuleState(() => {
  resources.clear();
  saveWaits(Date.now());
  connection = HEALTHY;
  emit();
});
