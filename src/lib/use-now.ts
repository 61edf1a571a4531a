/**
 * `useNow(intervalMs)`: the current time, re-read every `intervalMs` while the component is
 * mounted, from one shared ticker per interval — a list of a hundred live rows ticking their
 * durations sets one timer, not a hundred.
 *
 * Each ticker's `subscribe` and `snapshot` are created once and reused: `useSyncExternalStore`
 * resubscribes whenever it is handed a new `subscribe`, and a resubscription that restarts the
 * ticker re-reads the clock, which re-renders, which resubscribes — an endless loop.
 */
import { useSyncExternalStore } from 'react';

interface Ticker {
  subscribe: (listener: () => void) => () => void;
  snapshot: () => number;
}

const tickers = new Map<number, Ticker>();

function createTicker(intervalMs: number): Ticker {
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  const listeners = new Set<() => void>();
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      if (timer === undefined) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const notify of listeners) notify();
        }, intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    snapshot: () => now,
  };
}

function tickerFor(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = createTicker(intervalMs);
    tickers.set(intervalMs, ticker);
  }
  return ticker;
}

export function useNow(intervalMs = 1000): number {
  const ticker = tickerFor(intervalMs);
  return useSyncExternalStore(ticker.subscribe, ticker.snapshot);
}
