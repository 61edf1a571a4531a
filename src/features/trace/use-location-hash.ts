/** The page's `location.hash`, kept current through typed deep links, Back/Forward and wouter's
 *  `pushState`/`replaceState` events. */
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
