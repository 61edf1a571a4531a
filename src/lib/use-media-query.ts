/**
 * `useMediaQuery(query)`: whether a CSS media query matches, kept current as the window changes.
 * For layouts that must not even mount what they do not show (a hidden task list would still
 * poll), where a CSS breakpoint alone would only hide it.
 */
import { useCallback, useSyncExternalStore } from 'react';

/** Where `matchMedia` is missing (old engines, jsdom) nothing matches: the narrow layout. */
const canMatch = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function';

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!canMatch()) return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', listener);
      return () => list.removeEventListener('change', listener);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => canMatch() && window.matchMedia(query).matches,
    () => false,
  );
}
