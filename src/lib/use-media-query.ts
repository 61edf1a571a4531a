/** `useMediaQuery(query)`: whether a media query matches, kept current; for layouts that must not
 *  mount what they do not show (a hidden task list would still poll). */
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
