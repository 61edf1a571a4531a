/** `useDebouncedValue(value, ms)`: `value` once it has stopped changing for `ms` (the first render
 *  returns `value` itself), so search-as-you-type sends one request per burst. */
import { useEffect, useState } from 'react';

export function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
