/**
 * `useThrottledValue(value, ms)`: `value`, changing at most once every `ms`.
 *
 * The first change after a quiet spell shows at once; changes within `ms` of the last shown one
 * are held and the newest is shown when the interval is up, so the last value always arrives.
 * Used for the task's "version" in query keys: a task that changes every 200 ms still causes at
 * most one read every `ms`, and its final state is never skipped.
 */
import { useEffect, useRef, useState } from 'react';

export function useThrottledValue<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const shownAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, shownAt.current + ms - Date.now());
    const timer = setTimeout(() => {
      shownAt.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
