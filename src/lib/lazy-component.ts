/** `lazyComponent(load)`: like `React.lazy`, but a failed import reaches the panel's boundary as
 *  a `ModuleLoadError` it can retry, where `React.lazy` would rethrow it for the life of the page
 *  (decision 0013). */
import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A part of the console's own code could not be fetched (not a bug in it, not an API error). */
export class ModuleLoadError extends Error {
  override readonly name = 'ModuleLoadError';
  /** Forgets the failed import, so the next render loads the module again. */
  readonly retry: () => void;
  constructor(cause: unknown, retry: () => void) {
    super('A part of the console could not be loaded from the dashboard server.', { cause });
    this.retry = retry;
  }
}

export function isModuleLoadError(error: unknown): error is ModuleLoadError {
  return error instanceof ModuleLoadError;
}

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const fresh = (): LazyExoticComponent<ComponentType<P>> =>
    lazy(() =>
      load().then(
        (component) => ({ default: component }),
        (cause: unknown) => {
          throw new ModuleLoadError(cause, () => {
            current = fresh();
          });
        },
      ),
    );
  // `React.lazy` caches its outcome, failure included, so a retry swaps in a new one.
  let current = fresh();

  function Lazy(props: P) {
    return createElement(current, props);
  }
  return Lazy;
}
