/**
 * The page's `location.hash`, kept current: a deep link (`#step-12`) typed into the address bar,
 * Back/Forward, and in-app navigation (wouter announces `pushState`/`replaceState` as events of
 * those names) all update it.
 */
import { useSyncExternalStore } from 'react';

const EVENTS = ['hashchange', 'popstate', 'pushState', 'replaceState'] as const;

function subscribe(onChange: () => void): () => void {
  for (const event of EVENTS) window.addEventListener(event, onChange);
  return () => {
    for (const event of EVENTS) window.removeEventListener(event, onChange);
  };
}

const read = () => window.location.hash;

export function useLocationHash(): string {
  return useSyncExternalStore(subscribe, read, () => '');
}
