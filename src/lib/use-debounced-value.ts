/**
 * `useDebouncedValue(value, ms)`: `value`, once it has stopped changing for `ms`.
 *
 * For search-as-you-type: a query key built from the debounced text sends one request for a
 * burst of keystrokes instead of one per key. The first render returns `value` itself, so a
 * page that opens with text already in place does not wait `ms` for its first fetch.
 */
import { useEffect, useState } from 'react';

export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
